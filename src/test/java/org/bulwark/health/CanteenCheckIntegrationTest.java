package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.system.security.ApiTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The canteen staff morning check over the API, as the demo logistics account (the canteen manager). */
@BulwarkIntegrationTest
class CanteenCheckIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApiTokens tokens;

	@Autowired
	CheckIns checkIns;

	long schoolId;
	long unitId;
	List<Long> workers;
	LocalDate today;

	@BeforeEach
	void theDemoCanteenWithNobodyCheckedToday() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		unitId = jdbc.sql("select org_unit_id from canteen_unit where school_id = ? order by org_unit_id limit 1")
			.param(schoolId).query(Long.class).single();
		workers = jdbc.sql("select id from person where org_unit_id = ? and active = true order by name, id").param(unitId)
			.query(Long.class).list();
		today = Instant.now().atZone(checkIns.zone()).toLocalDate();
		jdbc.sql("delete from canteen_check_revision where check_id in (select id from canteen_check where org_unit_id = ?)")
			.param(unitId).update();
		jdbc.sql("delete from canteen_check where org_unit_id = ?").param(unitId).update();
		jdbc.sql("delete from absence where person_id in (select id from person where org_unit_id = ?)").param(unitId).update();
	}

	private String token(String username) {
		long userId = jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).single();
		return "Bearer " + tokens.issue(schoolId, userId, "canteen api test", null).secret();
	}

	private String submit(String token, String key, String items, int expected) throws Exception {
		var request = post("/api/v1/canteen-checks").header("Authorization", token).contentType(MediaType.APPLICATION_JSON)
			.content("{\"unitId\":" + unitId + ",\"items\":[" + items + "]}");
		if (key != null) {
			request = request.header("Idempotency-Key", key);
		}
		return mvc.perform(request).andExpect(status().is(expected)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	@Test
	void aFeverOrDisqualifyingSymptomBarsFromWorkAndTheListSaysWho() throws Exception {
		String token = token("logistics");
		String items = """
				{"personId":%d,"temperature":36.5},
				{"personId":%d,"temperature":38.1},
				{"personId":%d,"temperature":36.6,"symptoms":["HAND_WOUND"]}""".formatted(workers.get(0), workers.get(1),
				workers.get(2));
		assertThat(submit(token, "canteen-1", items, 200)).contains("\"saved\":3").contains("\"replayed\":false");
		assertThat(submit(token, "canteen-1", items, 200)).contains("\"replayed\":true");
		assertThat(count("select count(*) from canteen_check_revision where person_id = ?", workers.get(0))).isEqualTo(1);

		String unfit = mvc.perform(get("/api/v1/canteen-checks/unfit").header("Authorization", token))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(unfit).contains("\"personId\":" + workers.get(1)).contains("FEVER")
			.contains("\"personId\":" + workers.get(2)).contains("HAND_WOUND")
			.doesNotContain("\"personId\":" + workers.get(0) + ",");

		String sheet = mvc.perform(get("/api/v1/canteen-checks").header("Authorization", token)
				.param("unitId", String.valueOf(unitId)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(sheet).contains("\"unchecked\":" + (workers.size() - 3)).contains("\"notFit\":2");
	}

	@Test
	void aCorrectionUpdatesTheDaysCheckAndKeepsTheEarlierVersion() throws Exception {
		String token = token("logistics");
		submit(token, null, "{\"personId\":%d,\"temperature\":37.5}".formatted(workers.get(0)), 200);
		submit(token, null, "{\"personId\":%d,\"temperature\":36.4}".formatted(workers.get(0)), 200);
		assertThat(jdbc.sql("select fit || ' ' || version from canteen_check where person_id = ? and check_date = ?")
			.params(workers.get(0), today).query(String.class).single()).isEqualTo("true 2");
		assertThat(jdbc.sql("select temperature from canteen_check_revision where person_id = ? order by version")
			.param(workers.get(0)).query(BigDecimal.class).list()).extracting(BigDecimal::toPlainString)
			.containsExactly("37.5", "36.4");
		assertThat(count("select count(*) from audit_event where entity_type = 'canteen_check' and entity_id = ?",
				String.valueOf(jdbc.sql("select id from canteen_check where person_id = ? and check_date = ?")
					.params(workers.get(0), today).query(Long.class).single()))).isEqualTo(2);
	}

	@Test
	void badRowsAreNamedByRowAndFieldAndNothingIsStored() throws Exception {
		String token = token("logistics");
		String answer = submit(token, null, """
				{"personId":%d,"temperature":36.5},
				{"personId":%d,"temperature":38.5,"fit":true},
				{"personId":%d,"temperature":36.5,"fit":false},
				{"personId":%d,"temperature":36.5,"symptoms":["COUGH"]}""".formatted(workers.get(0), workers.get(1),
				workers.get(2), workers.get(3)), 422);
		assertThat(answer).contains("{\"row\":1,\"field\":\"fit\",\"code\":\"canteen.fit.forced\"")
			.contains("{\"row\":2,\"field\":\"reason\",\"code\":\"canteen.reason.required\"")
			.contains("{\"row\":3,\"field\":\"fit\",\"code\":\"canteen.fit.decide\"")
			.doesNotContain("\"row\":0");
		assertThat(count("select count(*) from canteen_check where org_unit_id = ?", unitId)).isZero();
	}

	@Test
	void aUnitThatIsNotAFoodServiceUnitOrOutsideTheRightIsNotFound() throws Exception {
		long other = jdbc.sql("select id from org_unit where school_id = ? and kind = 'CLASS' order by id limit 1")
			.param(schoolId).query(Long.class).single();
		mvc.perform(get("/api/v1/canteen-checks").header("Authorization", token("logistics"))
				.param("unitId", String.valueOf(other)))
			.andExpect(status().isNotFound());
		// the counselor has no CANTEEN_CHECK right: the canteen does not exist for them
		mvc.perform(get("/api/v1/canteen-checks").header("Authorization", token("counselor"))
				.param("unitId", String.valueOf(unitId)))
			.andExpect(status().isNotFound());
	}
}
