package org.bulwark.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.Charset;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.shared.IdNumber;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** The pages and API of pushed lists: upload, preview, mapping, confirm, rows, review, tasks, funnel, exports, 422 and 404. */
@BulwarkIntegrationTest
class PushListPagesIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	CurrentUser manager;
	CurrentUser reader;
	String tag;
	long schoolId;
	String idNumber;
	String name;

	@BeforeEach
	void person() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		tag = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
		String body = tag + "20010203" + "001";
		idNumber = body + IdNumber.checkCharacter(body);
		name = "页面测试" + tag;
		var key = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into person (school_id, name, population, id_type, id_number, birth_date)
				values (?, ?, 'UNDERGRADUATE', 'RESIDENT_ID', ?, date '2001-02-03')""").params(schoolId, name, idNumber)
			.update(key, "id");
		manager = new CurrentUser(-1, schoolId, "push-pages", "Manager", null,
				Set.of(Permission.SCREENING_READ, Permission.SCREENING_MANAGE, Permission.SCREENING_VERIFY), Set.of(),
				new DataScope(true, Set.of(), Set.of(), Set.of()), true, false, null);
		reader = new CurrentUser(-2, schoolId, "push-reader", "Reader", null, Set.of(Permission.SCREENING_READ), Set.of(),
				new DataScope(true, Set.of(), Set.of(), Set.of()), true, false, null);
	}

	private String page(CurrentUser as, RequestBuilder request) throws Exception {
		return mvc.perform(request).andReturn().getResponse().getContentAsString();
	}

	@Test
	void aGbkListGoesFromUploadThroughPreviewToItsRowsAndFunnel() throws Exception {
		String csv = "对象,证照\n" + name + "," + idNumber + "\n无名氏" + tag + ",\n";
		var file = new MockMultipartFile("file", "list.csv", "text/csv", csv.getBytes(Charset.forName("GBK")));
		String location = mvc.perform(multipart("/screening/push-lists").file(file).param("source", "页面来源" + tag)
			.param("pushedOn", "2026-11-30").with(user(manager)).with(csrf())).andExpect(status().is3xxRedirection())
			.andReturn().getResponse().getRedirectedUrl();
		assertThat(location).matches("/screening/push-lists/\\d+");
		String preview = mvc.perform(get(location).with(user(manager))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(preview).contains("columns-missing").contains("无名氏" + tag).doesNotContain("push-confirm");
		// a reader does not see what was not confirmed
		mvc.perform(get(location).with(user(reader))).andExpect(status().isNotFound());
		mvc.perform(post(location + "/mapping").param("col.对象", "NAME").param("col.证照", "ID_NUMBER").with(user(manager))
			.with(csrf())).andExpect(status().is3xxRedirection());
		preview = mvc.perform(get(location).with(user(manager))).andReturn().getResponse().getContentAsString();
		assertThat(preview).contains("push-confirm").doesNotContain("columns-missing");
		mvc.perform(post(location + "/confirm").with(user(manager)).with(csrf())).andExpect(status().is3xxRedirection());
		String rows = mvc.perform(get(location).with(user(reader))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(rows).contains(name).contains("push-row");
		String csvExport = mvc.perform(get(location + "/export").param("format", "csv").with(user(reader)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(csvExport).contains(name).contains(idNumber);
		String funnel = mvc.perform(get("/screening/push-funnel").param("from", "2026-11-30").param("to", "2026-11-30")
			.param("by", "list").with(user(reader))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(funnel).contains("页面来源" + tag).contains("funnel-chart");
		assertThat(mvc.perform(get("/screening/push-funnel/export").param("from", "2026-11-30").param("to", "2026-11-30")
			.param("format", "csv").with(user(reader))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString()).contains("2026-11-30");
		mvc.perform(get("/screening/push-lists").param("q", "页面来源" + tag).with(user(reader))).andExpect(status().isOk());
		mvc.perform(get("/screening/push-lists/export").param("format", "csv").with(user(reader))).andExpect(status().isOk());
		mvc.perform(get("/screening/push-tasks").param("all", "1").param("view", "all").with(user(manager)))
			.andExpect(status().isOk());
		mvc.perform(get("/screening/push-review").with(user(manager))).andExpect(status().isOk());
		mvc.perform(get("/screening/push-review").with(user(reader))).andExpect(status().isForbidden());
		mvc.perform(get("/screening/push-tasks").with(user(reader))).andExpect(status().isForbidden());
	}

	@Test
	void theApiNamesTheFieldOfBadInputAndHidesWhatIsNotThere() throws Exception {
		var xls = new MockMultipartFile("file", "list.xls", "application/vnd.ms-excel",
				new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
		mvc.perform(multipart("/api/v1/push-lists").file(xls).param("source", "API" + tag).with(user(manager)).with(csrf()))
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.problems[0].field").value("file"))
			.andExpect(jsonPath("$.problems[0].code").value("pushList.unusable.xls"));
		mvc.perform(get("/api/v1/push-lists/999999999").with(user(manager))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/push-lists/999999999/confirm").with(user(manager)).with(csrf()))
			.andExpect(status().isNotFound());
		var csv = new MockMultipartFile("file", "list.csv", "text/csv",
				("姓名,身份证号\n" + name + "," + idNumber + "\n").getBytes(Charset.forName("GBK")));
		String created = mvc.perform(multipart("/api/v1/push-lists").file(csv).param("source", "API" + tag)
			.with(user(manager)).with(csrf())).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String id = created.replaceAll(".*\"id\":(\\d+).*", "$1");
		mvc.perform(get("/api/v1/push-lists/" + id + "/preview").with(user(manager))).andExpect(status().isOk())
			.andExpect(jsonPath("$.columnsMissing").value(false)).andExpect(jsonPath("$.rows[0].idNumber").value(idNumber));
		mvc.perform(post("/api/v1/push-lists/" + id + "/confirm").with(user(manager)).with(csrf())).andExpect(status().isOk())
			.andExpect(jsonPath("$.counts.ACCEPTED").value(1));
		mvc.perform(post("/api/v1/push-lists/" + id + "/confirm").with(user(manager)).with(csrf()))
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.problems[0].code").value("pushList.alreadyConfirmed"));
		mvc.perform(get("/api/v1/push-lists/" + id + "/rows").param("status", "ACCEPTED").with(user(reader)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.items[0].reasons[0]").value("ID"));
		mvc.perform(post("/api/v1/push-lists/tasks/classify").contentType("application/json")
			.content("{\"taskIds\":[],\"category\":\"CLOSE_CONTACT\"}").with(user(manager)).with(csrf()))
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.problems[0].field").value("tasks"));
	}
}
