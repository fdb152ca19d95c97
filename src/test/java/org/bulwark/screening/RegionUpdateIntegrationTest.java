package org.bulwark.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.ui.ModelMap;

/** Regions updated from a file: the preview names each row's outcome, applying adds and renames, and only managers may. */
@BulwarkIntegrationTest
class RegionUpdateIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	CurrentUser manager;

	/** The regions this test adds are national data that other tests count: they go again afterwards. */
	@AfterEach
	void removeTestRegions() {
		jdbc.sql("delete from region where code like '110198%'").update();
	}

	@BeforeEach
	void fixture() {
		jdbc.sql("delete from region where code like '110198%'").update();
		long schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		manager = new CurrentUser(-1, schoolId, "region-manager", "Manager", null,
				Set.of(Permission.SCREENING_READ, Permission.SCREENING_MANAGE), Set.of(),
				new DataScope(true, Set.of(), Set.of(), Set.of()), true, false, null);
	}

	@Test
	void previewNamesEveryRowThenApplyAddsAndRenames() throws Exception {
		String csv = """
				区划代码,名称,上级代码
				110198,测试新区,1101
				110198001,测试街道,110198
				110101,东城区,1101
				11019,坏代码,
				129998,无主县,
				110197,错上级,12
				""";
		ModelMap model = preview(csv.getBytes(Charset.forName("GB18030")), "regions.csv");
		assertThat(count(model, "ADDED")).isEqualTo(2);
		assertThat(count(model, "UNCHANGED")).isEqualTo(1);
		assertThat(count(model, "INVALID_CODE")).isEqualTo(1);
		assertThat(count(model, "UNKNOWN_PARENT")).isEqualTo(1);
		assertThat(count(model, "PARENT_MISMATCH")).isEqualTo(1);
		var shown = (java.util.List<?>) model.get("shown");
		assertThat(shown).hasSize(5);
		assertThat(shown.get(2)).hasFieldOrPropertyWithValue("line", 5).hasFieldOrPropertyWithValue("rawCode", "11019");
		assertThat(regions.find("110198")).as("nothing changes before applying").isEmpty();

		mvc.perform(post("/screening/regions/update/apply").with(user(manager)).with(csrf())
				.param("payload", (String) model.get("payload")).param("fileName", "regions.csv"))
			.andExpect(status().is3xxRedirection());
		assertThat(regions.find("110198001").orElseThrow().fullName()).isEqualTo("北京市测试新区测试街道");
		assertThat(regions.find("110198").orElseThrow().level()).isEqualTo(3);

		ModelMap rename = preview("code,name,parent code\n110198,测试更名区,\n".getBytes(StandardCharsets.UTF_8), "rename.csv");
		assertThat(count(rename, "RENAMED")).isEqualTo(1);
		mvc.perform(post("/screening/regions/update/apply").with(user(manager)).with(csrf())
				.param("payload", (String) rename.get("payload")))
			.andExpect(status().is3xxRedirection());
		assertThat(regions.find("110198").orElseThrow().name()).isEqualTo("测试更名区");
		assertThat(regions.find("110198001").orElseThrow().fullName()).isEqualTo("北京市测试更名区测试街道");
		assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'region' and entity_id = '110198'")
			.query(Long.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from region_dataset where version = 'update'").query(Long.class).single())
			.isGreaterThanOrEqualTo(2);
	}

	@Test
	void aFileWithoutCodeAndNameColumnsIsRefusedAndReadersMayNotUpdate() throws Exception {
		ModelMap model = mvc.perform(multipart("/screening/regions/update")
				.file(new MockMultipartFile("file", "x.csv", "text/csv", "甲,乙\n1,2\n".getBytes(StandardCharsets.UTF_8)))
				.with(user(manager)).with(csrf()))
			.andExpect(status().isOk()).andReturn().getModelAndView().getModelMap();
		assertThat(model.get("error")).isEqualTo("regionUpdate.unusable.columns");
		var reader = new CurrentUser(-2, manager.schoolId(), "region-reader", "Reader", null, Set.of(Permission.SCREENING_READ),
				Set.of(), new DataScope(true, Set.of(), Set.of(), Set.of()), true, false, null);
		mvc.perform(post("/screening/regions/update/apply").with(user(reader)).with(csrf())
				.param("payload", "2\t110198\t偷改\t1101\n"))
			.andExpect(status().isForbidden());
		assertThat(regions.find("110198")).isEmpty();
	}

	private ModelMap preview(byte[] content, String name) throws Exception {
		return mvc.perform(multipart("/screening/regions/update")
				.file(new MockMultipartFile("file", name, "text/csv", content)).with(user(manager)).with(csrf()))
			.andExpect(status().isOk()).andReturn().getModelAndView().getModelMap();
	}

	private static long count(ModelMap model, String outcome) {
		return ((java.util.Map<?, ?>) model.get("counts")).entrySet().stream()
			.filter(e -> e.getKey().toString().equals(outcome)).mapToLong(e -> (Long) e.getValue()).sum();
	}
}
