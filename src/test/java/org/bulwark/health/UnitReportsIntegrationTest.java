package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.security.ApiTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Unit daily reports as the demo counselor (two classes), the office (everything) and the guard (no right). */
@BulwarkIntegrationTest
class UnitReportsIntegrationTest {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApiTokens tokens;

	@Autowired
	UnitReports reports;

	@Autowired
	UserDetailsService users;

	long schoolId;
	long classA;
	long classB;
	long major;
	long outside;
	LocalDate today;

	@BeforeEach
	void theCounselorsClassesWithoutReports() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		long counselor = jdbc.sql("select person_id from app_user where username = 'counselor'").query(Long.class).single();
		List<Long> classes = jdbc.sql("""
				select o.id from responsibility r join org_unit o on o.id = r.target_id
				where r.responsible_person_id = ? and r.role = 'COUNSELOR' and r.target_kind = 'ORG_UNIT' and o.kind = 'CLASS'
				order by o.id""").param(counselor).query(Long.class).list();
		classA = classes.get(0);
		classB = classes.get(1);
		major = jdbc.sql("select parent_id from org_unit where id = ?").param(classA).query(Long.class).single();
		outside = jdbc.sql("select id from org_unit where school_id = ? and kind = 'CLASS' and path not like "
				+ "(select path from org_unit where id = ?) || '%' order by id desc limit 1").params(schoolId, major)
			.query(Long.class).single();
		jdbc.sql("delete from unit_report_revision where school_id = ?").param(schoolId).update();
		jdbc.sql("delete from unit_report where school_id = ?").param(schoolId).update();
		jdbc.sql("delete from unit_report_setting where school_id = ?").param(schoolId).update();
		today = LocalDate.now(SHANGHAI);
		// the demo campus is created when the tests start; a unit reports only from the day it was opened
		jdbc.sql("update org_unit set created_at = created_at - interval '60 days' where school_id = ?"
				+ " and created_at > current_timestamp - interval '40 days' and code not like 'dash-%'").param(schoolId).update();
	}

	private CurrentUser user(String username) {
		return (CurrentUser) users.loadUserByUsername(username);
	}

	private String token(String username) {
		long userId = jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).single();
		return tokens.issue(schoolId, userId, "unit reports test", null).secret();
	}

	private String call(String username, MockHttpServletRequestBuilder request, int expected) throws Exception {
		return mvc.perform(request.header("Authorization", "Bearer " + token(username)))
			.andExpect(status().is(expected)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private static MockHttpServletRequestBuilder submit(String json) {
		return post("/api/v1/unit-reports").contentType("application/json").content(json);
	}

	private long revisions(long unit) {
		return jdbc.sql("select count(*) from unit_report_revision v join unit_report r on r.id = v.report_id"
				+ " where r.org_unit_id = ?").param(unit).query(Long.class).single();
	}

	private Instant at(LocalDate day, int hour) {
		return day.atTime(hour, 0).atZone(SHANGHAI).toInstant();
	}

	private UnitReports.Submission zero(long unit, LocalDate day, int base, String key) {
		return new UnitReports.Submission(unit, day, null, null, null, null, true, null, base, key);
	}

	@Test
	void aResubmissionKeepsHistoryAndAStaleRevisionIsRefused() throws Exception {
		String first = call("counselor", submit("{\"orgUnitId\":" + classA + ",\"date\":\"" + today + "\",\"zero\":true}"), 201);
		assertThat(first).contains("\"zero\":true").contains("\"revision\":1");
		String second = call("counselor", submit("{\"orgUnitId\":" + classA + ",\"date\":\"" + today
				+ "\",\"fever\":1,\"symptoms\":2,\"sickAbsences\":0,\"other\":0,\"baseRevision\":1}"), 201);
		assertThat(second).contains("\"zero\":false").contains("\"abnormal\":3").contains("\"revision\":2");
		// someone who still sees revision 1 cannot overwrite revision 2 unseen
		String stale = call("counselor", submit("{\"orgUnitId\":" + classA + ",\"date\":\"" + today
				+ "\",\"zero\":true,\"baseRevision\":1}"), 409);
		assertThat(stale).contains("\"error\":\"conflict\"").contains("\"revision\":2");
		assertThat(revisions(classA)).isEqualTo(2);
		String list = call("counselor", get("/api/v1/org-units/" + classA + "/unit-reports?from=" + today.minusDays(3)
				+ "&to=" + today), 200);
		assertThat(list).contains("\"abnormal\":3");
		var history = reports.unitDay(user("counselor"), classA, today).orElseThrow().history();
		assertThat(history).extracting(UnitReports.Revision::revision).containsExactly(2, 1);
		assertThat(history.get(1).counts().zero()).isTrue();
	}

	@Test
	void aLateResubmissionKeepsTheReportTimelyButMarksItLate() {
		LocalDate day = today.minusDays(1);
		CurrentUser counselor = user("counselor");
		var first = (UnitReports.Saved) reports.submit(counselor, zero(classA, day, 0, null), at(day, 9));
		assertThat(first.report().late()).isFalse();
		assertThat(first.report().timely()).isTrue();
		var again = (UnitReports.Saved) reports.submit(counselor, new UnitReports.Submission(classA, day, 1, 0, 0, 0, false,
				null, 1, null), at(day, 17));
		assertThat(again.report().late()).isTrue();
		assertThat(again.report().timely()).isTrue();
		var lateFirst = (UnitReports.Saved) reports.submit(counselor, zero(classB, day, 0, null), at(day, 16).plusSeconds(1));
		assertThat(lateFirst.report().timely()).isFalse();
		assertThat(lateFirst.report().late()).isTrue();
	}

	@Test
	void aRetryWithTheSameIdempotencyKeyStoresOnce() throws Exception {
		String key = UUID.randomUUID().toString();
		String body = "{\"orgUnitId\":" + classA + ",\"date\":\"" + today + "\",\"zero\":true}";
		call("counselor", submit(body).header("Idempotency-Key", key), 201);
		String retry = call("counselor", submit(body).header("Idempotency-Key", key), 200);
		assertThat(retry).contains("\"replayed\":true").contains("\"revision\":1");
		assertThat(revisions(classA)).isEqualTo(1);
	}

	@Test
	void twoFirstReportsAtOnceStoreOneAndTellTheOtherOfTheConflict() throws Exception {
		CurrentUser counselor = user("counselor");
		Instant now = Instant.now();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<UnitReports.Outcome>> outcomes = new java.util.ArrayList<>();
			for (int i = 0; i < 2; i++) {
				String key = UUID.randomUUID().toString();
				outcomes.add(pool.submit(() -> {
					start.await();
					return reports.submit(counselor, zero(classB, today, 0, key), now);
				}));
			}
			start.countDown();
			List<UnitReports.Outcome> done = new java.util.ArrayList<>();
			for (Future<UnitReports.Outcome> f : outcomes) {
				done.add(f.get());
			}
			assertThat(done).filteredOn(o -> o instanceof UnitReports.Saved).hasSize(1);
			assertThat(done).filteredOn(o -> o instanceof UnitReports.Conflict).hasSize(1);
		}
		finally {
			pool.shutdown();
		}
		assertThat(revisions(classB)).isEqualTo(1);
	}

	@Test
	void badInputIsAnsweredByFieldAndNothingIsStored() throws Exception {
		String problems = call("counselor", submit("{\"orgUnitId\":" + classA + ",\"date\":\"" + today.plusDays(1)
				+ "\",\"fever\":-1,\"symptoms\":0,\"other\":2}"), 422);
		assertThat(problems).contains("\"field\":\"date\"").contains("\"field\":\"fever\"")
			.contains("\"field\":\"sickAbsences\"").contains("\"field\":\"note\"");
		call("counselor", submit("{\"orgUnitId\":" + classA + ",\"date\":\"" + today + "\",\"zero\":true,\"fever\":2}"), 422);
		// a major does not report by default
		String notReporting = call("office", submit("{\"orgUnitId\":" + major + ",\"date\":\"" + today + "\",\"zero\":true}"),
				422);
		assertThat(notReporting).contains("\"field\":\"orgUnitId\"");
		assertThat(revisions(classA)).isZero();
	}

	@Test
	void outOfScopeAndNonexistentUnitsAreTheSameNotFound() throws Exception {
		String body = ",\"date\":\"" + today + "\",\"zero\":true}";
		String outOfScope = call("counselor", submit("{\"orgUnitId\":" + outside + body), 404);
		String nonexistent = call("counselor", submit("{\"orgUnitId\":" + Long.MAX_VALUE + body), 404);
		assertThat(outOfScope).isEqualTo(nonexistent);
		call("guard", submit("{\"orgUnitId\":" + classA + body), 404);
		call("counselor", get("/api/v1/org-units/" + outside + "/unit-reports"), 404);
		call("counselor", get("/api/v1/org-units/" + outside + "/unit-report-completeness"), 404);
		call("counselor", get("/api/v1/org-units/" + outside + "/health-status"), 404);
		assertThat(revisions(outside)).isZero();
	}

	@Test
	void completenessCountsOpenReportingUnitsTimesDaysRolledUpTheTree() throws Exception {
		List<Long> classesOfMajor = jdbc.sql("select id from org_unit where parent_id = ? and active = true and kind = 'CLASS'"
				+ " order by id").param(major).query(Long.class).list();
		LocalDate day = today.minusDays(1);
		CurrentUser office = user("office");
		reports.submit(office, zero(classesOfMajor.get(0), day, 0, null), at(day, 9));
		reports.submit(office, zero(classesOfMajor.get(1), day, 0, null), at(day, 18));
		reports.submit(office, zero(classesOfMajor.get(0), today, 0, null), Instant.now());
		var view = reports.completeness(office, major, day, day, at(day, 20)).orElseThrow();
		// the major itself does not report; each of its classes is expected once that day
		assertThat(view.total()).isEqualTo(new Completeness.Tally(classesOfMajor.size(), 2, 1));
		assertThat(view.lines()).hasSize(classesOfMajor.size());
		assertThat(view.lines()).filteredOn(l -> l.unit().id() == classesOfMajor.get(0))
			.singleElement().satisfies(l -> assertThat(l.tally()).isEqualTo(new Completeness.Tally(1, 1, 1)));
		assertThat(view.missing()).hasSize(classesOfMajor.size() - 2);
		assertThat(view.missing().get(0).pastDeadline()).isTrue();
		long college = jdbc.sql("select parent_id from org_unit where id = ?").param(major).query(Long.class).single();
		var collegeView = reports.completeness(office, college, day, day, at(day, 20)).orElseThrow();
		assertThat(collegeView.total().actual()).isEqualTo(2);
		assertThat(collegeView.lines()).anyMatch(l -> l.unit().id() == major && l.tally().actual() == 2);
		String api = call("office", get("/api/v1/org-units/" + major + "/unit-report-completeness?from=" + day + "&to=" + day), 200);
		assertThat(api).contains("\"actual\":2").contains("\"expected\":" + classesOfMajor.size());
	}

	@Test
	void theSettingsDecideWhichKindsReportAndAStaleEditIsRefused() {
		CurrentUser office = user("office");
		var saved = reports.saveSettings(office, java.util.EnumSet.of(org.bulwark.directory.OrgUnitKind.CLASS),
				java.time.LocalTime.of(11, 30), 0);
		assertThat(saved).isInstanceOf(UnitReports.SettingsSaved.class);
		assertThat(reports.settings(schoolId).deadline()).isEqualTo(java.time.LocalTime.of(11, 30));
		assertThat(reports.saveSettings(office, java.util.EnumSet.of(org.bulwark.directory.OrgUnitKind.CLASS),
				java.time.LocalTime.of(12, 0), 0)).isInstanceOf(UnitReports.SettingsRejected.class);
		long college = jdbc.sql("select parent_id from org_unit where id = ?").param(major).query(Long.class).single();
		var outcome = reports.submit(office, zero(college, today, 0, null), Instant.now());
		assertThat(outcome).isInstanceOf(UnitReports.Rejected.class);
	}
}
