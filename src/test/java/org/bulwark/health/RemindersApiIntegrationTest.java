package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.system.security.ApiTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The non-reporting API as the demo counselor (two classes) and the demo student, in the student's all-day slot. */
@BulwarkIntegrationTest
class RemindersApiIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApiTokens tokens;

	@Autowired
	Profiles profiles;

	long schoolId;
	long student;
	long outside;
	LocalDate today;

	@BeforeEach
	void studentHasNotReportedToday() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		var own = jdbc.sql("select p.id, p.org_unit_id from app_user u join person p on p.id = u.person_id where u.username = 'student'")
			.query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
		student = own[0];
		AllDayPolicy.ensure(jdbc, schoolId, own[1], profiles.defaultId());
		today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		jdbc.sql("delete from check_in_revision where check_in_id in (select id from check_in where person_id = ? and check_date = ?)")
			.params(student, today).update();
		jdbc.sql("delete from check_in where person_id = ? and check_date = ?").params(student, today).update();
		jdbc.sql("delete from reminder where person_id = ? and check_date = ?").params(student, today).update();
		outside = jdbc.sql("select id from person where school_id = ? and population = 'STAFF' order by id desc limit 1")
			.param(schoolId).query(Long.class).single();
	}

	private String call(String username, MockHttpServletRequestBuilder request, int expected) throws Exception {
		long userId = jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).single();
		String token = tokens.issue(schoolId, userId, "reminders api test", null).secret();
		return mvc.perform(request.header("Authorization", "Bearer " + token))
			.andExpect(status().is(expected)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void counselorListsRemindsAndReadsTheHistoryAndTheStudentReadsTheInbox() throws Exception {
		String list = call("counselor", get("/api/v1/health/non-reporting").param("slotCode", AllDayPolicy.SLOT)
			.param("status", "NOT_YET").param("size", "200"), 200);
		assertThat(list).contains("\"personId\":" + student).contains("\"state\":\"NOT_YET\"").contains("\"summary\":")
			.doesNotContain("\"personId\":" + outside);

		String sent = call("counselor", post("/api/v1/health/reminders").contentType(MediaType.APPLICATION_JSON)
			.content("{\"slotCode\":\"" + AllDayPolicy.SLOT + "\",\"personIds\":[" + student + "," + outside + "]}"), 200);
		assertThat(sent).isEqualTo("{\"sent\":1,\"skipped\":1}");
		assertThat(call("counselor", post("/api/v1/health/reminders").contentType(MediaType.APPLICATION_JSON)
			.content("{\"slotCode\":\"" + AllDayPolicy.SLOT + "\",\"personIds\":[" + student + "]}"), 200))
			.isEqualTo("{\"sent\":0,\"skipped\":1}");

		String history = call("counselor", get("/api/v1/people/" + student + "/reminders"), 200);
		assertThat(history).contains("\"slotCode\":\"" + AllDayPolicy.SLOT + "\"").contains("\"channel\":\"IN_APP\"")
			.contains("\"status\":\"SENT\"");
		call("counselor", get("/api/v1/people/" + outside + "/reminders"), 404);

		String inbox = call("student", get("/api/v1/me/notifications"), 200);
		assertThat(inbox).contains("\"topic\":\"reminder\"").contains("全天");
		long id = jdbc.sql("select max(id) from notification where recipient_person_id = ?").param(student).query(Long.class)
			.single();
		call("student", post("/api/v1/me/notifications/" + id + "/read"), 204);
		call("counselor", post("/api/v1/me/notifications/" + id + "/read"), 404);
	}

	@Test
	void badInputIsAProblemNamingTheField() throws Exception {
		assertThat(call("counselor", get("/api/v1/health/non-reporting").param("status", "WHATEVER"), 422))
			.contains("\"field\":\"status\"");
		assertThat(call("counselor", get("/api/v1/health/non-reporting").param("slotCode", "midnight"), 422))
			.contains("\"field\":\"slotCode\"");
		assertThat(call("counselor", post("/api/v1/health/reminders").contentType(MediaType.APPLICATION_JSON)
			.content("{\"date\":\"2020-01-01\",\"slotCode\":\"" + AllDayPolicy.SLOT + "\",\"personIds\":[" + student + "]}"), 422))
			.contains("\"field\":\"date\"");
		assertThat(call("counselor", post("/api/v1/health/reminders").contentType(MediaType.APPLICATION_JSON)
			.content("{\"slotCode\":\"" + AllDayPolicy.SLOT + "\",\"personIds\":[]}"), 422)).contains("\"field\":\"personIds\"");
		call("student", get("/api/v1/health/non-reporting"), 403);
	}
}
