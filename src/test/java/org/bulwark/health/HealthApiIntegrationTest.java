package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.system.security.ApiTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The check-in API as the demo counselor (two classes), the guard (no right to record) and the student. */
@BulwarkIntegrationTest
class HealthApiIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApiTokens tokens;

	@Autowired
	Profiles profiles;

	long schoolId;
	long inside;
	long outside;
	long student;
	LocalDate today;

	@BeforeEach
	void peopleInAndOutOfTheCounselorsClasses() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		long counselor = jdbc.sql("select person_id from app_user where username = 'counselor'").query(Long.class).single();
		var row = jdbc.sql("""
				select p.id, p.org_unit_id from person p where p.active = true and p.org_unit_id in (
				  select r.target_id from responsibility r where r.responsible_person_id = ? and r.role = 'COUNSELOR')
				and p.id not in (select person_id from app_user where username = 'student')
				order by p.id limit 1""").param(counselor)
			.query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
		inside = row[0];
		AllDayPolicy.ensure(jdbc, schoolId, row[1], profiles.defaultId());
		outside = jdbc.sql("select id from person where school_id = ? and population = 'STAFF' order by id desc limit 1")
			.param(schoolId).query(Long.class).single();
		var own = jdbc.sql("select p.id, p.org_unit_id from app_user u join person p on p.id = u.person_id where u.username = 'student'")
			.query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
		student = own[0];
		AllDayPolicy.ensure(jdbc, schoolId, own[1], profiles.defaultId());
		today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		for (long person : new long[] {inside, outside, student}) {
			jdbc.sql("delete from check_in_revision where check_in_id in (select id from check_in where person_id = ? and check_date = ?)")
				.params(person, today).update();
			jdbc.sql("delete from check_in where person_id = ? and check_date = ?").params(person, today).update();
		}
	}

	private String token(String username) {
		long userId = jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).single();
		return tokens.issue(schoolId, userId, "health api test", null).secret();
	}

	private String call(String username, MockHttpServletRequestBuilder request, int expected) throws Exception {
		return mvc.perform(request.header("Authorization", "Bearer " + token(username)))
			.andExpect(status().is(expected)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private static MockHttpServletRequestBuilder checkIn(String json) {
		return post("/api/v1/check-ins").contentType("application/json").content(json);
	}

	private static String body(long personId, String temperature) {
		return "{\"personId\":" + personId + ",\"slotCode\":\"allday\",\"temperature\":" + temperature
				+ ",\"symptoms\":[],\"onCampus\":true}";
	}

	private long revisions(long personId) {
		return jdbc.sql("select count(*) from check_in_revision r join check_in c on c.id = r.check_in_id where c.person_id = ? and c.check_date = ?")
			.params(personId, today).query(Long.class).single();
	}

	@Test
	void aRetryWithTheSameIdempotencyKeyStoresOnce() throws Exception {
		String key = UUID.randomUUID().toString();
		String first = call("counselor", checkIn(body(inside, "36.5")).header("Idempotency-Key", key), 201);
		String retry = call("counselor", checkIn(body(inside, "36.5")).header("Idempotency-Key", key), 200);
		assertThat(first).contains("\"replayed\":false").contains("\"revision\":1");
		assertThat(retry).contains("\"replayed\":true").contains("\"revision\":1");
		assertThat(revisions(inside)).isEqualTo(1);
		call("counselor", checkIn(body(inside, "38.5")).header("Idempotency-Key", UUID.randomUUID().toString()), 201);
		assertThat(revisions(inside)).isEqualTo(2);

		String day = call("counselor", get("/api/v1/people/" + inside + "/check-ins?date=" + today), 200);
		assertThat(day).contains("\"code\":\"allday\"").contains("\"abnormal\":true").contains("\"revision\":2");
	}

	@Test
	void badInputIsAnsweredByFieldAndNothingIsStored() throws Exception {
		String problems = call("counselor", checkIn("{\"personId\":" + inside
				+ ",\"slotCode\":\"midnight\",\"temperature\":43.1,\"onCampus\":false,\"measuredAt\":\"2099-01-01T08:00:00+08:00\"}"),
				422);
		assertThat(problems).contains("\"field\":\"temperature\"").contains("\"field\":\"measuredAt\"")
			.contains("\"field\":\"slotCode\"").contains("\"field\":\"city\"").contains("health.temperature.range");
		call("counselor", checkIn("{\"slotCode\":\"allday\",\"temperature\":36.5,\"onCampus\":true}"), 422);
		assertThat(revisions(inside)).isZero();
	}

	@Test
	void outOfScopeAndNonexistentPeopleAreTheSameNotFound() throws Exception {
		String outOfScope = call("counselor", checkIn(body(outside, "36.5")), 404);
		String nonexistent = call("counselor", checkIn(body(Long.MAX_VALUE, "36.5")), 404);
		assertThat(outOfScope).isEqualTo(nonexistent);
		call("guard", checkIn(body(inside, "36.5")), 404);
		call("counselor", get("/api/v1/people/" + outside + "/check-ins"), 404);
		assertThat(revisions(outside)).isZero();
		assertThat(revisions(inside)).isZero();
	}

	@Test
	void aPersonChecksInForThemselvesButNobodyElse() throws Exception {
		call("student", checkIn(body(student, "36.4")), 201);
		call("student", checkIn(body(inside, "36.4")), 404);
		assertThat(call("student", get("/api/v1/people/" + student + "/check-ins"), 200)).contains("\"state\":\"ON_TIME\"");
	}

	@Test
	void theEndpointsAreDocumented() throws Exception {
		String docs = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(docs).contains("/api/v1/check-ins").contains("/api/v1/check-ins/batch")
			.contains("/api/v1/people/{id}/check-ins").contains("Idempotency-Key");
	}

	@Test
	void aBatchAnswersEachItem() throws Exception {
		String results = call("counselor", post("/api/v1/check-ins/batch").contentType("application/json").content(
				"{\"items\":[" + body(inside, "36.5").replace("}", ",\"requestId\":\"" + UUID.randomUUID() + "\"}") + ","
						+ body(inside, "52.0") + "," + body(outside, "36.5") + "]}"), 200);
		assertThat(results).contains("\"index\":0,\"status\":\"created\"").contains("\"index\":1,\"status\":\"invalid\"")
			.contains("\"index\":2,\"status\":\"notFound\"").contains("health.temperature.range");
		assertThat(revisions(inside)).isEqualTo(1);
		assertThat(revisions(outside)).isZero();
	}
}
