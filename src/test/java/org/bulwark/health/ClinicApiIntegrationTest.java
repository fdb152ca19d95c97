package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.system.security.ApiTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The clinic API as the demo doctor (whole school), the counselor (two classes, no triage) and the guard. */
@BulwarkIntegrationTest
class ClinicApiIntegrationTest {

	private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
	private static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+)");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApiTokens tokens;

	@Autowired
	Triage triage;

	long schoolId;
	long inside;
	long outside;
	LocalDate today;

	@BeforeEach
	void peopleInAndOutOfTheCounselorsClasses() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		long counselor = jdbc.sql("select person_id from app_user where username = 'counselor'").query(Long.class).single();
		inside = jdbc.sql("""
				select p.id from person p where p.active = true and p.org_unit_id in (
				  select r.target_id from responsibility r where r.responsible_person_id = ? and r.role = 'COUNSELOR')
				and p.id not in (select person_id from app_user where person_id is not null)
				order by p.id offset 3 limit 1""").param(counselor).query(Long.class).single();
		// a demo staff member (other tests add and merge staff records of their own, later in id order)
		outside = jdbc.sql("select id from person where school_id = ? and population = 'STAFF' and active = true"
				+ " order by id offset 30 limit 1").param(schoolId).query(Long.class).single();
		for (long person : new long[] {inside, outside}) {
			jdbc.sql("delete from triage_signal where task_id in (select id from triage_task where person_id = ?)")
				.param(person).update();
			jdbc.sql("delete from triage_task where person_id = ?").param(person).update();
			jdbc.sql("delete from absence where person_id = ?").param(person).update();
		}
		today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
	}

	private String token(String username) {
		long userId = jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).single();
		return tokens.issue(schoolId, userId, "clinic api test", null).secret();
	}

	private String call(String username, MockHttpServletRequestBuilder request, int expected) throws Exception {
		return mvc.perform(request.header("Authorization", "Bearer " + token(username)))
			.andExpect(status().is(expected)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private static MockHttpServletRequestBuilder json(String path, String body) {
		return post(path).contentType("application/json").content(body);
	}

	private static int version(String json) {
		Matcher m = VERSION.matcher(json);
		assertThat(m.find()).as("version in " + json).isTrue();
		return Integer.parseInt(m.group(1));
	}

	private static long id(String json) {
		Matcher m = ID.matcher(json);
		assertThat(m.find()).as("id in " + json).isTrue();
		return Long.parseLong(m.group(1));
	}

	private long task(long person) {
		return triage.receive(new CheckInAbnormal(schoolId, person, System.nanoTime(), today, "morning",
				new BigDecimal("38.7"), List.of("cough"), List.of("FEVER"), true, Instant.now().minusSeconds(300)),
				Instant.now());
	}

	@Test
	void aDoctorListsReadsAndConcludesATaskOnceTheSecondTryIsAConflict() throws Exception {
		long id = task(inside);
		String list = call("doctor", get("/api/v1/triage-tasks?q=" + jdbc.sql("select code from person where id = ?")
			.param(inside).query(String.class).single()), 200);
		assertThat(list).contains("\"id\":" + id).contains("\"status\":\"OPEN\"");
		String detail = call("doctor", get("/api/v1/triage-tasks/" + id), 200);
		assertThat(detail).contains("\"checkIns\":[{").contains("\"whereabouts\":{").contains("\"responsible\":[");
		int version = version(detail);

		String invalid = call("doctor", json("/api/v1/triage-tasks/" + id + "/conclusion",
				"{\"version\":" + version + ",\"outcome\":\"WELL\",\"registerAbsence\":true}"), 422);
		assertThat(invalid).contains("\"field\":\"registerAbsence\"");
		call("doctor", json("/api/v1/triage-tasks/" + id + "/conclusion", "{\"outcome\":\"WELL\"}"), 422);
		String done = call("doctor", json("/api/v1/triage-tasks/" + id + "/conclusion",
				"{\"version\":" + version + ",\"outcome\":\"HOME_OBSERVATION\",\"note\":\"居家\",\"registerAbsence\":true}"), 200);
		assertThat(done).contains("\"status\":\"DONE\"").contains("\"outcome\":\"HOME_OBSERVATION\"")
			.doesNotContain("\"absenceId\":null");
		String again = call("doctor", json("/api/v1/triage-tasks/" + id + "/conclusion",
				"{\"version\":" + version(done) + ",\"outcome\":\"WELL\"}"), 409);
		assertThat(again).contains("\"error\":\"conflict\"").contains("\"outcome\":\"HOME_OBSERVATION\"");
	}

	@Test
	void tasksOutOfScopeOrWithoutTheRightAreNotFound() throws Exception {
		long id = task(outside);
		String missing = call("counselor", get("/api/v1/triage-tasks/" + Long.MAX_VALUE), 404);
		assertThat(call("counselor", get("/api/v1/triage-tasks/" + id), 404)).isEqualTo(missing);
		call("counselor", json("/api/v1/triage-tasks/" + id + "/conclusion", "{\"version\":0,\"outcome\":\"WELL\"}"), 404);
		call("guard", get("/api/v1/triage-tasks"), 403);
	}

	@Test
	void anAbsenceIsRegisteredFollowedUpAndEndsWithTheClinicsCertificateCheck() throws Exception {
		String body = "{\"personId\":" + inside + ",\"kind\":\"SICK\",\"startsOn\":\"" + today
				+ "\",\"symptoms\":[\"fever\"],\"diagnosis\":\"上呼吸道感染\"}";
		String created = call("counselor", json("/api/v1/absences", body), 201);
		long id = id(created);
		assertThat(created).contains("\"stage\":\"FOLLOW_UP_DUE\"");
		assertThat(id(call("counselor", json("/api/v1/absences", body), 200))).isEqualTo(id);

		String stale = call("counselor", json("/api/v1/absences/" + id + "/follow-up",
				"{\"version\":" + (version(created) + 5) + ",\"cause\":\"UNKNOWN\"}"), 409);
		assertThat(stale).contains("\"error\":\"conflict\"");
		String byField = call("counselor", json("/api/v1/absences/" + id + "/follow-up",
				"{\"version\":" + version(created) + ",\"cause\":\"INFECTIOUS_CONFIRMED\"}"), 422);
		assertThat(byField).contains("\"field\":\"disease\"");
		String followed = call("counselor", json("/api/v1/absences/" + id + "/follow-up",
				"{\"version\":" + version(created) + ",\"cause\":\"INFECTIOUS_CONFIRMED\",\"disease\":\"流行性感冒\"}"), 200);
		assertThat(followed).contains("\"stage\":\"AWAITING_CERTIFICATE\"");

		String notClinic = call("counselor", json("/api/v1/absences/" + id + "/return",
				"{\"version\":" + version(followed) + ",\"returnedOn\":\"" + today + "\",\"certificateChecked\":true}"), 422);
		assertThat(notClinic).contains("\"field\":\"certificateChecked\"");
		String returned = call("doctor", json("/api/v1/absences/" + id + "/return",
				"{\"version\":" + version(followed) + ",\"returnedOn\":\"" + today + "\",\"certificateChecked\":true}"), 200);
		assertThat(returned).contains("\"status\":\"RETURNED\"").contains("\"returnedOn\":\"" + today + "\"");
		assertThat(call("doctor", get("/api/v1/absences/" + id), 200)).contains("\"stage\":\"RETURNED\"");
	}

	@Test
	void absencesAnswerBadInputByFieldAndHideWhatIsOutOfScope() throws Exception {
		String invalid = call("counselor", json("/api/v1/absences", "{\"personId\":" + inside
				+ ",\"kind\":\"SICK\",\"startsOn\":\"" + today + "\",\"endsOn\":\"" + today.minusDays(1) + "\"}"), 422);
		assertThat(invalid).contains("\"field\":\"endsOn\"");
		call("counselor", json("/api/v1/absences", "{\"kind\":\"SICK\"}"), 422);
		String outOfScope = call("counselor", json("/api/v1/absences", "{\"personId\":" + outside
				+ ",\"kind\":\"SICK\",\"startsOn\":\"" + today + "\"}"), 404);
		String nonexistent = call("counselor", json("/api/v1/absences", "{\"personId\":" + Long.MAX_VALUE
				+ ",\"kind\":\"SICK\",\"startsOn\":\"" + today + "\"}"), 404);
		assertThat(outOfScope).isEqualTo(nonexistent);
		assertThat(jdbc.sql("select count(*) from absence where person_id in (?, ?)").params(inside, outside)
			.query(Long.class).single()).isZero();

		long id = id(call("doctor", json("/api/v1/absences", "{\"personId\":" + outside + ",\"kind\":\"SICK\",\"startsOn\":\""
				+ today + "\"}"), 201));
		call("counselor", get("/api/v1/absences/" + id), 404);
		call("counselor", json("/api/v1/absences/" + id + "/cancellation", "{\"version\":0,\"reason\":\"x\"}"), 404);
		assertThat(call("counselor", get("/api/v1/absences?view=ALL"), 200)).doesNotContain("\"id\":" + id + ",");
		String cancelled = call("doctor", json("/api/v1/absences/" + id + "/cancellation", "{\"version\":0,\"reason\":\"登记错人\"}"),
				200);
		assertThat(cancelled).contains("\"status\":\"CANCELLED\"");
		assertThat(call("doctor", get("/api/v1/absences/overdue-follow-ups"), 200)).contains("\"items\":[");
	}

	@Test
	void theEndpointsAreDocumented() throws Exception {
		String docs = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(docs).contains("/api/v1/triage-tasks").contains("/api/v1/triage-tasks/{id}")
			.contains("/api/v1/triage-tasks/{id}/conclusion").contains("/api/v1/absences")
			.contains("/api/v1/absences/{id}/follow-up").contains("/api/v1/absences/{id}/return")
			.contains("/api/v1/absences/{id}/cancellation").contains("/api/v1/absences/overdue-follow-ups");
	}
}
