package org.bulwark.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Designating, lifting and the history of risk areas, the risk of a region at instants, and the API's answers to bad input. */
@BulwarkIntegrationTest
class RiskAreasIntegrationTest {

	@Autowired
	RiskAreas riskAreas;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	CurrentUser manager;
	CurrentUser reader;
	long otherSchool;

	@BeforeEach
	void users() {
		long schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		manager = new CurrentUser(-1, schoolId, "screening-manager", "Manager", null,
				Set.of(Permission.SCREENING_READ, Permission.SCREENING_MANAGE), Set.of(), all(), true, false, null);
		reader = new CurrentUser(-2, schoolId, "screening-reader", "Reader", null, Set.of(Permission.SCREENING_READ),
				Set.of(), all(), true, false, null);
	}

	static DataScope all() {
		return new DataScope(true, Set.of(), Set.of(), Set.of());
	}

	/** Each test works on a province of its own so the tests do not see each other's designations. */
	@Test
	void aCityDesignationCoversItsCountiesUntilItEnds() {
		Instant from = Instant.parse("2022-05-01T00:00:00Z");
		Instant to = Instant.parse("2022-05-15T00:00:00Z");
		var saved = riskAreas.create(manager, new RiskAreaForm("4201", "MEDIUM", from.toString(), to.toString(), "通告 1", null));
		assertThat(saved).isInstanceOf(RiskAreas.Saved.class);
		riskAreas.create(manager, new RiskAreaForm("420106", "高风险", "2022-05-05T00:00:00Z", "2022-05-08T00:00:00Z", null, null));
		long school = manager.schoolId();
		assertThat(riskAreas.riskOf(school, "420106002", from)).contains(RiskLevel.MEDIUM);
		assertThat(riskAreas.riskOf(school, "420106002", from.minusSeconds(1))).isEmpty();
		assertThat(riskAreas.riskOf(school, "420106002", Instant.parse("2022-05-06T00:00:00Z"))).contains(RiskLevel.HIGH);
		assertThat(riskAreas.riskOf(school, "420102", Instant.parse("2022-05-06T00:00:00Z"))).contains(RiskLevel.MEDIUM);
		assertThat(riskAreas.riskOf(school, "420106", to)).isEmpty();
		assertThat(riskAreas.riskOf(school, "42", Instant.parse("2022-05-06T00:00:00Z"))).isEmpty();
		assertThat(riskAreas.riskOf(school, java.util.List.of("420106", "4202", "4201"), Instant.parse("2022-05-06T00:00:00Z")))
			.containsEntry("420106", RiskLevel.HIGH).containsEntry("4201", RiskLevel.MEDIUM).doesNotContainKey("4202");
		assertThat(riskAreas.search(manager, new RiskAreas.Filter("武汉", null, false, Instant.parse("2022-05-06T00:00:00Z")),
				new PageQuery(0, 50, "from", true)).items()).extracting(RiskArea::regionCode).contains("4201", "420106");
	}

	@Test
	void liftingEndsTheRiskButKeepsTheHistory() {
		var saved = (RiskAreas.Saved) riskAreas.create(manager,
				new RiskAreaForm("440305", "HIGH", Instant.now().minus(Duration.ofDays(1)).toString(), null, null, null));
		assertThat(riskAreas.riskOf(manager.schoolId(), "440305001", Instant.now())).contains(RiskLevel.HIGH);
		assertThat(riskAreas.lift(manager, saved.id(), " ")).isInstanceOf(RiskAreas.Rejected.class);
		assertThat(riskAreas.lift(manager, saved.id(), "连续 14 天无新增")).isInstanceOf(RiskAreas.Saved.class);
		assertThat(riskAreas.riskOf(manager.schoolId(), "440305001", Instant.now().plusSeconds(1))).isEmpty();
		assertThat(riskAreas.riskOf(manager.schoolId(), "440305001", Instant.now().minus(Duration.ofHours(1))))
			.as("before it was lifted it counted").contains(RiskLevel.HIGH);
		var lifted = riskAreas.find(manager, saved.id()).orElseThrow();
		assertThat(lifted.status()).isEqualTo(RiskArea.Status.LIFTED);
		assertThat(lifted.liftReason()).isEqualTo("连续 14 天无新增");
		assertThat(riskAreas.lift(manager, saved.id(), "again")).isInstanceOf(RiskAreas.Rejected.class);
		var page = new PageQuery(0, 50, "from", true);
		assertThat(riskAreas.search(manager, new RiskAreas.Filter("440305", null, false, null), page).items()).isEmpty();
		assertThat(riskAreas.search(manager, new RiskAreas.Filter("440305", null, true, null), page).items())
			.extracting(RiskArea::id).contains(saved.id());
		assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'risk_area' and entity_id = ?")
			.param(String.valueOf(saved.id())).query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void apiCreatesListsAndLiftsAndAnswersRiskAtAnInstant() throws Exception {
		String body = "{\"region\":\"510104\",\"level\":\"LOW\",\"from\":\"2022-06-01\",\"to\":\"2022-06-10\",\"source\":\"api\"}";
		String created = mvc.perform(post("/api/v1/risk-areas").with(user(manager)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long id = Long.parseLong(created.replaceAll("\\D", ""));
		mvc.perform(get("/api/v1/regions/510104017/risk").param("at", "2022-06-05").with(user(reader)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.risk").value("LOW"));
		mvc.perform(get("/api/v1/regions/510104017/risk").param("at", "2022-06-11").with(user(reader)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.risk").doesNotExist());
		mvc.perform(get("/api/v1/risk-areas").param("at", "2022-06-05T12:00:00Z").param("level", "LOW").with(user(reader)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.items[?(@.id == " + id + ")]").exists());
		mvc.perform(get("/api/v1/risk-areas").param("active", "false").param("q", "510104").with(user(reader)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.items[?(@.id == " + id + ")].status").value("ENDED"));
		mvc.perform(post("/api/v1/risk-areas/" + id + "/lift").with(user(reader)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}"))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/risk-areas").with(user(reader)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isForbidden());
	}

	@Test
	void apiNamesEveryBadFieldWith422() throws Exception {
		mvc.perform(post("/api/v1/risk-areas").with(user(manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"region\":\"999999\",\"level\":\"SEVERE\",\"from\":\"2022-06-10\",\"to\":\"2022-06-01\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.problems[?(@.field == 'region')].code").value("regionUnknown"))
			.andExpect(jsonPath("$.problems[?(@.field == 'level')].code").value("riskLevelInvalid"))
			.andExpect(jsonPath("$.problems[?(@.field == 'to')].code").value("toNotAfterFrom"));
		mvc.perform(post("/api/v1/risk-areas").with(user(manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"region\":\"110101\",\"level\":\"HIGH\",\"from\":\"yesterday\"}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.problems[0].field").value("from"))
			.andExpect(jsonPath("$.problems[0].code").value("instantInvalid"));
		mvc.perform(post("/api/v1/risk-areas/987654321/lift").with(user(manager)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}"))
			.andExpect(status().isNotFound());
	}

	@Test
	void importPreviewsEveryRowThenDesignatesTheGoodOnes() throws Exception {
		String csv = """
				地区,风险等级,开始时间,结束时间,来源
				北京市朝阳区,中风险,2022-07-01,2022-07-08,导入测试
				310104,高,2022-07-01 08:00,,导入测试
				320102,严重,2022-07-01,,导入测试
				火星市,低风险,2022-07-01,,导入测试
				320102,低风险,2022-07-09,2022-07-01,导入测试
				""";
		var model = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/screening/risk-areas/import")
				.file(new org.springframework.mock.web.MockMultipartFile("file", "list.csv", "text/csv",
						csv.getBytes(java.nio.charset.Charset.forName("GB18030"))))
				.with(user(manager)).with(csrf()))
			.andExpect(status().isOk()).andReturn().getModelAndView().getModelMap();
		assertThat(model.get("good")).isEqualTo(2L);
		assertThat(model.get("bad")).isEqualTo(3L);
		var lines = (java.util.List<RiskAreaImportController.Line>) model.get("lines");
		assertThat(lines.get(2).problems()).contains("严重");
		assertThat(lines.get(3).problems()).contains("火星市");
		assertThat(lines.get(4).line()).isEqualTo(6);
		assertThat(lines.get(4).problems()).contains("结束时间应晚于开始时间");
		long before = jdbc.sql("select count(*) from risk_area where source = '导入测试'").query(Long.class).single();
		mvc.perform(post("/screening/risk-areas/import/apply").with(user(manager)).with(csrf())
				.param("payload", (String) model.get("payload")))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select count(*) from risk_area where source = '导入测试'").query(Long.class).single())
			.isEqualTo(before + 2);
		assertThat(riskAreas.riskOf(manager.schoolId(), "110105", Instant.parse("2022-07-03T00:00:00Z"))).contains(RiskLevel.MEDIUM);
		assertThat(riskAreas.riskOf(manager.schoolId(), "310104", Instant.parse("2022-08-03T00:00:00Z"))).contains(RiskLevel.HIGH);
		mvc.perform(post("/screening/risk-areas/import/apply").with(user(reader)).with(csrf())
				.param("payload", (String) model.get("payload")))
			.andExpect(status().isForbidden());
	}

	@Test
	void pagesAnswerReadersAndRefuseTheirChanges() throws Exception {
		mvc.perform(get("/screening/regions/pick").param("q", "东城区").with(user(manager)))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("value=\"110101\"")));
		mvc.perform(get("/screening/risk-areas").param("view", "all").with(user(reader))).andExpect(status().isOk());
		mvc.perform(get("/screening/regions/110101").with(user(reader))).andExpect(status().isOk());
		mvc.perform(get("/screening/risk-areas/export").param("format", "csv").with(user(reader)))
			.andExpect(status().isOk());
		mvc.perform(post("/screening/risk-areas").with(user(reader)).with(csrf()).param("region", "110101")
				.param("level", "HIGH").param("from", "2022-01-01"))
			.andExpect(status().isForbidden());
		mvc.perform(get("/screening/regions/update").with(user(reader))).andExpect(status().isForbidden());
	}
}
