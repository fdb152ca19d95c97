package org.bulwark.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.bulwark.system.security.ApiTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Pass status on PostgreSQL: it follows a case opened and released, an abnormal check-in before and
 * after the clinic takes it up and concludes it, absences, an overdue check and the school's colours at
 * the next read; one person, a batch, a number, the list and its counts agree; the API answers by
 * scope and right. Each test makes its own people (random tag); "early" is 00:30 today, before any check
 * of the day is due, so the time the suite runs at changes nothing.
 */
@BulwarkIntegrationTest
class PassStatusIntegrationTest {

	@Autowired
	PassStatuses passes;

	@Autowired
	PassSettings settings;

	@Autowired
	CaseOpening opening;

	@Autowired
	CaseActions actions;

	@Autowired
	ControlCases cases;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiTokens tokens;

	CurrentUser office;
	long schoolId;
	String tag;
	LocalDate today;
	Instant early;
	Instant late;

	@BeforeEach
	void setUp() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		office = new CurrentUser(-1, schoolId, "pass-office", "Office", null,
				EnumSet.of(Permission.PASS_READ, Permission.CONTROL_READ, Permission.CONTROL_MANAGE),
				Set.of(), new DataScope(true, Set.of(), Set.of(), Set.of()), true, false, null);
		tag = "PS" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
		today = cases.today();
		early = today.atTime(LocalTime.of(0, 30)).atZone(cases.zone()).toInstant();
		late = today.atTime(LocalTime.of(23, 50)).atZone(cases.zone()).toInstant();
		// the first read of a fresh database creates the school's default check policy, which check-ins below need
		passes.counts(office, new PassStatuses.Filter(null, null, tag), early);
	}

	long person(String suffix) {
		return jdbc.sql("""
				insert into person (school_id, code, name, population, id_type, id_number, gender) values (?, ?, ?, 'STAFF', 'OTHER', ?, 'MALE')
				returning id""").params(schoolId, tag + suffix, "通行" + suffix + tag, "ID" + tag + suffix).query(Long.class).single();
	}

	PassStatuses.Status pass(long person, Instant at) {
		return passes.of(office, person, at).orElseThrow();
	}

	List<PassReason> reasons(PassStatuses.Status s) {
		return s.reasons().stream().map(PassRules.Item::reason).toList();
	}

	long checkIn(long person, boolean fever, boolean abnormal, Instant at) {
		long policy = jdbc.sql("select id from check_policy where school_id = ? order by is_default desc, id").param(schoolId)
			.query(Long.class).list().get(0);
		OffsetDateTime t = at.atOffset(ZoneOffset.UTC);
		return jdbc.sql("""
				insert into check_in (school_id, person_id, check_date, slot_code, policy_id, temperature, symptoms, on_campus, measured_at,
				submitted_at, late, fever, abnormal, source) values (?, ?, ?, 'pass-test', ?, ?, ?, true, ?, ?, false, ?, ?, 'SELF')
				returning id""").params(schoolId, person, today, policy, fever ? 38.4 : 36.6, abnormal && !fever ? "cough" : "", t, t, fever, abnormal)
			.query(Long.class).single();
	}

	/** The clinic's listener taking the check-in up: a task with this check-in as its signal. */
	long triageTask(long person, long checkIn) {
		var ci = jdbc.sql("select measured_at, temperature from check_in where id = ?").param(checkIn)
			.query((rs, i) -> new Object[] {rs.getObject(1, OffsetDateTime.class), rs.getBigDecimal(2)}).single();
		long task = jdbc.sql("""
				insert into triage_task (school_id, person_id, open_person_id, status, opened_at, last_signal_at, max_temperature)
				values (?, ?, ?, 'OPEN', ?, ?, ?) returning id""").params(schoolId, person, person, ci[0], ci[0], ci[1]).query(Long.class).single();
		jdbc.sql("""
				insert into triage_signal (school_id, task_id, check_in_id, check_date, slot_code, temperature, on_campus, measured_at)
				values (?, ?, ?, ?, 'pass-test', ?, true, ?)""").params(schoolId, task, checkIn, today, ci[1], ci[0]).update();
		return task;
	}

	@Test
	void aCaseMakesThePassRedAtOnceAndItsReleaseGreenAgain() {
		long p = person("A");
		assertThat(pass(p, early).colour()).isEqualTo(PassColour.GREEN);
		CaseResult opened = opening.open(office, new CaseOpening.Opening(p, ControlCategory.CLOSE_CONTACT, null, today.minusDays(1), null,
				null, null));
		assertThat(opened.saved()).isTrue();
		PassStatuses.Status red = pass(p, early);
		assertThat(red.colour()).isEqualTo(PassColour.RED);
		assertThat(reasons(red)).containsExactly(PassReason.CENTRALIZED_ISOLATION);

		ControlCases.Case c = cases.find(office, opened.id()).orElseThrow();
		CaseResult released = actions.act(office, c.id(), new CaseActions.Request(CaseActions.Kind.RELEASE, c.version(), "核酸阴性", null,
				null, null));
		assertThat(released.saved()).as(released.problems().toString()).isTrue();
		assertThat(pass(p, early).colour()).isEqualTo(PassColour.GREEN);
		assertThat(pass(p, early).reasons()).isEmpty();
	}

	@Test
	void dailyTestingIsYellowAndACaseNotStartedOrPastItsReleaseDateIsYellowUnderControl() {
		long p = person("D");
		opening.open(office, new CaseOpening.Opening(p, ControlCategory.SPATIOTEMPORAL_COMPANION, null, today, today, today, null));
		assertThat(pass(p, early).colour()).isEqualTo(PassColour.YELLOW);
		assertThat(reasons(pass(p, early))).containsExactly(PassReason.DAILY_TESTING);
		// the case's dates moved back (as an old case whose release date has passed): no phase today
		long id = cases.openOf(office, p).get(0).id();
		jdbc.sql("update control_case_phase set starts_on = starts_on - 60, ends_on = ends_on - 60 where case_id = ?").param(id).update();
		assertThat(reasons(pass(p, early))).containsExactly(PassReason.UNDER_CONTROL);
		assertThat(pass(p, early).colour()).isEqualTo(PassColour.YELLOW);
	}

	@Test
	void aFeverCheckInIsRedBeforeAndWhileTheClinicTriagesItAndGreenOnceConcludedWell() {
		long p = person("F");
		long ci = checkIn(p, true, true, early.minusSeconds(60));
		// before the clinic's listener has run: red already
		assertThat(reasons(pass(p, early))).containsExactly(PassReason.FEVER_AWAITING_TRIAGE);
		assertThat(pass(p, early).colour()).isEqualTo(PassColour.RED);
		long task = triageTask(p, ci);
		assertThat(reasons(pass(p, early))).containsExactly(PassReason.FEVER_AWAITING_TRIAGE);
		jdbc.sql("update triage_task set status = 'DONE', open_person_id = null, outcome = 'WELL', concluded_at = ? where id = ?")
			.params(early.atOffset(ZoneOffset.UTC), task).update();
		assertThat(pass(p, early).colour()).isEqualTo(PassColour.GREEN);
		assertThat(pass(p, early).reasons()).isEmpty();
		// a new fever after the conclusion is a new signal: red again until triaged
		jdbc.sql("update check_in set measured_at = ?, submitted_at = ? where id = ?")
			.params(early.plusSeconds(60).atOffset(ZoneOffset.UTC), early.plusSeconds(60).atOffset(ZoneOffset.UTC), ci).update();
		assertThat(pass(p, early.plusSeconds(120)).colour()).isEqualTo(PassColour.RED);
	}

	@Test
	void otherAbnormalSignsAreYellowUntilTriaged() {
		long p = person("S");
		long ci = checkIn(p, false, true, early.minusSeconds(60));
		assertThat(reasons(pass(p, early))).containsExactly(PassReason.ABNORMAL_AWAITING_TRIAGE);
		assertThat(pass(p, early).colour()).isEqualTo(PassColour.YELLOW);
		long task = triageTask(p, ci);
		assertThat(reasons(pass(p, early))).containsExactly(PassReason.ABNORMAL_AWAITING_TRIAGE);
		jdbc.sql("update triage_task set status = 'DONE', open_person_id = null, outcome = 'WELL', concluded_at = ? where id = ?")
			.params(early.atOffset(ZoneOffset.UTC), task).update();
		assertThat(pass(p, early).colour()).isEqualTo(PassColour.GREEN);
		// a normal check-in is no reason at all
		long q = person("N");
		checkIn(q, false, false, early.minusSeconds(60));
		assertThat(pass(q, early).reasons()).isEmpty();
	}

	@Test
	void aSickAbsenceIsYellowUntilTheCertificateIsCheckedAndLeaveIsANote() {
		long p = person("K");
		long absence = jdbc.sql("insert into absence (school_id, person_id, kind, starts_on, source) values (?, ?, 'SICK', ?, 'CLINIC') returning id")
			.params(schoolId, p, today.minusDays(2)).query(Long.class).single();
		assertThat(reasons(pass(p, early))).containsExactly(PassReason.SICK_ABSENCE);
		assertThat(pass(p, early).colour()).isEqualTo(PassColour.YELLOW);
		jdbc.sql("update absence set status = 'RETURNED', returned_on = ?, certificate_checked_at = current_timestamp where id = ?")
			.params(today, absence).update();
		assertThat(pass(p, early).colour()).isEqualTo(PassColour.GREEN);

		long l = person("L");
		jdbc.sql("insert into absence (school_id, person_id, kind, starts_on, ends_on, source) values (?, ?, 'PERSONAL', ?, ?, 'UNIT')")
			.params(schoolId, l, today, today.plusDays(1)).update();
		assertThat(pass(l, late).colour()).isEqualTo(PassColour.GREEN);
		assertThat(reasons(pass(l, late))).as("on leave, nobody expects a check-in").containsExactly(PassReason.AWAY);
	}

	@Test
	void anOverdueCheckIsYellowUnlessTheSchoolMakesItANote() {
		long p = person("O");
		assertThat(pass(p, early).reasons()).isEmpty();
		assertThat(reasons(pass(p, late))).containsExactly(PassReason.NOT_REPORTED);
		assertThat(pass(p, late).colour()).isEqualTo(PassColour.YELLOW);
		try {
			settings.save(office, Map.of(PassReason.NOT_REPORTED, PassColour.GREEN), Instant.now());
			assertThat(pass(p, late).colour()).isEqualTo(PassColour.GREEN);
			assertThat(pass(p, late).reasons()).containsExactly(new PassRules.Item(PassReason.NOT_REPORTED, PassColour.GREEN));
		}
		finally {
			settings.save(office, Map.of(), Instant.now());
		}
		assertThat(pass(p, late).colour()).isEqualTo(PassColour.YELLOW);
	}

	@Test
	void oneABatchANumberAndTheListAgree() {
		long red = person("R");
		long yellow = person("Y");
		long green = person("G");
		opening.open(office, new CaseOpening.Opening(red, ControlCategory.CLOSE_CONTACT, null, today, null, null, null));
		checkIn(yellow, false, true, early.minusSeconds(10));
		List<PassStatuses.Status> batch = passes.batch(office, List.of(green, red, -1L, yellow), early);
		assertThat(batch).extracting(PassStatuses.Status::personId).containsExactly(green, red, yellow);
		assertThat(batch).extracting(PassStatuses.Status::colour).containsExactly(PassColour.GREEN, PassColour.RED, PassColour.YELLOW);
		assertThat(passes.byNumber(office, tag + "R", early).orElseThrow().personId()).isEqualTo(red);
		assertThat(passes.byNumber(office, " id" + tag + "y ", early).orElseThrow().personId()).as("ID numbers upper-cased").isEqualTo(yellow);
		assertThat(passes.byNumber(office, tag + "nobody", early)).isEmpty();

		PassStatuses.Filter all = new PassStatuses.Filter(null, null, tag);
		PassStatuses.Counts counts = passes.counts(office, all, early);
		assertThat(counts).isEqualTo(new PassStatuses.Counts(1, 1, 1));
		assertThat(passes.search(office, new PassStatuses.Filter(PassColour.RED, null, tag), new PageQuery(0, 50, "name", false), counts, early)
			.items()).extracting(PassStatuses.Status::personId).containsExactly(red);
		assertThat(passes.search(office, all, new PageQuery(0, 2, "name", false), counts, early).items()).hasSize(2);
		List<Long> streamed = new java.util.ArrayList<>();
		passes.stream(office, new PassStatuses.Filter(PassColour.YELLOW, null, tag), early, s -> streamed.add(s.personId()));
		assertThat(streamed).containsExactly(yellow);

		// someone whose scope is an org unit does not find these people (they belong to none)
		long unit = jdbc.sql("select id from org_unit where school_id = ? order by id").param(schoolId).query(Long.class).list().get(0);
		CurrentUser scoped = new CurrentUser(-2, schoolId, "pass-unit", "Unit", null, EnumSet.of(Permission.PASS_READ), Set.of(),
				new DataScope(false, Set.of(unit), Set.of(), Set.of()), true, false, null);
		assertThat(passes.of(scoped, red, early)).isEmpty();
		assertThat(passes.batch(scoped, List.of(red, yellow), early)).isEmpty();
		assertThat(passes.byNumber(scoped, tag + "R", early)).isEmpty();
		assertThat(passes.counts(scoped, all, early).total()).isZero();
	}

	private String token(String username) {
		long userId = jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).single();
		return tokens.issue(schoolId, userId, "pass api test", null).secret();
	}

	private String call(String username, MockHttpServletRequestBuilder request, int expected) throws Exception {
		return mvc.perform(request.header("Authorization", "Bearer " + token(username)))
			.andExpect(status().is(expected)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void theApiAnswersGatesByIdNumberAndBatchAndHidesWhoIsOutsideTheScope() throws Exception {
		long red = person("AR");
		opening.open(office, new CaseOpening.Opening(red, ControlCategory.CLOSE_CONTACT, null, today, null, null, null));
		String one = call("guard", get("/api/v1/pass/" + red).param("lang", "en"), 200);
		assertThat(one).contains("\"colour\":\"RED\"").contains("\"code\":\"CENTRALIZED_ISOLATION\"").contains("In centralized isolation");
		String zh = call("guard", get("/api/v1/pass/" + red), 200);
		assertThat(zh).contains("集中隔离中");
		String byNumber = call("guard", post("/api/v1/pass/lookup").contentType(MediaType.APPLICATION_JSON)
			.content("{\"number\":\"ID" + tag + "AR\"}"), 200);
		assertThat(byNumber).contains("\"personId\":" + red).doesNotContain("ID" + tag);
		String batch = call("guard", post("/api/v1/pass/batch").contentType(MediaType.APPLICATION_JSON)
			.content("{\"personIds\":[" + red + ", -5]}"), 200);
		assertThat(batch).contains("\"personId\":" + red).contains("\"notFound\":[-5]");
		StringBuilder many = new StringBuilder("{\"personIds\":[");
		for (int i = 1; i <= 1001; i++) {
			many.append(i == 1 ? "" : ",").append(i);
		}
		call("guard", post("/api/v1/pass/batch").contentType(MediaType.APPLICATION_JSON).content(many + "]}"), 422);

		// the counselor's scope is two classes: this person and one who does not exist answer alike
		String outside = call("counselor", get("/api/v1/pass/" + red), 404);
		String nobody = call("counselor", get("/api/v1/pass/999999999"), 404);
		assertThat(outside).isEqualTo(nobody);
		assertThat(call("counselor", post("/api/v1/pass/lookup").contentType(MediaType.APPLICATION_JSON)
			.content("{\"number\":\"" + tag + "AR\"}"), 404)).isEqualTo(nobody);
		// logistics has no right to read passes
		call("logistics", get("/api/v1/pass/" + red), 403);

		String docs = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(docs).contains("/api/v1/pass/{personId}", "/api/v1/pass/lookup", "/api/v1/pass/batch", "Pass status");
	}

	@Test
	void thePagesShowTheListTheBadgeAndTheSettings() throws Exception {
		long red = person("PR");
		opening.open(office, new CaseOpening.Opening(red, ControlCategory.CLOSE_CONTACT, null, today, null, null, null));
		var officeUser = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(office);
		String page = mvc.perform(get("/control/pass").param("q", tag).with(officeUser)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("data-testid=\"pass-row\"").contains("集中隔离中");
		String badge = mvc.perform(get("/people/" + red + "/pass").with(officeUser)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(badge).contains("data-colour=\"RED\"");
		String csv = mvc.perform(get("/control/pass/export").param("q", tag).param("format", "csv").with(officeUser)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(csv).contains("通行PR" + tag).contains("红码");
		// the settings: each reason's colour chosen in its select; read-only without the right to change them
		String settings = mvc.perform(get("/control/pass/settings").with(officeUser)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(settings.split("data-testid=\"setting-row\"", -1)).hasSize(PassReason.values().length + 1);
		assertThat(settings.split("selected=\"selected\"", -1)).hasSize(PassReason.values().length + 1);
		assertThat(settings).contains("disabled=\"disabled\"").doesNotContain("data-testid=\"settings-save\"");
	}
}
