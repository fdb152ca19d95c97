package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.bulwark.system.security.ApiTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The dashboard's counts against a hand-made class: six students under a policy of two slots, with
 * check-ins on time, late and abnormal, two absences (one of them checked in anyway) and two silent.
 */
@BulwarkIntegrationTest
class DashboardIntegrationTest {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
	/** A day no other test uses. */
	static final LocalDate DAY = LocalDate.of(2026, 6, 1);

	@Autowired
	Dashboard dashboard;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Profiles profiles;

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiTokens tokens;

	long schoolId;
	long college;
	long major;
	long clazz;
	List<Long> people = new ArrayList<>();
	CurrentUser reader;

	private long insert(String sql, Object... params) {
		var key = new GeneratedKeyHolder();
		jdbc.sql(sql).params(params).update(key, "id");
		return key.getKey().longValue();
	}

	private long unit(Long parent, String kind, String code) {
		String parentPath = parent == null ? "/"
				: jdbc.sql("select path from org_unit where id = ?").param(parent).query(String.class).single();
		long id = insert("insert into org_unit (school_id, parent_id, kind, code, name, path) values (?, ?, ?, ?, ?, 'x')",
				schoolId, parent, kind, code, code);
		jdbc.sql("update org_unit set path = ? where id = ?").params(parentPath + id + "/", id).update();
		return id;
	}

	private void checkIn(long person, String slot, boolean late, boolean abnormal) {
		Instant at = DAY.atTime(8, 0).atZone(SHANGHAI).toInstant();
		jdbc.sql("""
				insert into check_in (school_id, person_id, check_date, slot_code, policy_id, temperature, on_campus,
				measured_at, submitted_at, late, fever, abnormal, source) values (?, ?, ?, ?,
				(select id from check_policy where school_id = ? and code = ?), ?, true, ?, ?, ?, ?, ?, 'API')""")
			.params(schoolId, person, DAY, slot, schoolId, "dash-" + clazz, abnormal ? 38.5 : 36.5,
					at.atOffset(java.time.ZoneOffset.UTC), at.atOffset(java.time.ZoneOffset.UTC), late, abnormal, abnormal)
			.update();
	}

	private void absent(long person) {
		jdbc.sql("""
				insert into absence (school_id, person_id, kind, starts_on, ends_on, source) values (?, ?, 'SICK', ?, ?, 'CLINIC')""")
			.params(schoolId, person, DAY.minusDays(1), DAY.plusDays(1)).update();
	}

	@BeforeEach
	void aHandMadeClass() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		String suffix = Long.toString(System.nanoTime(), 36);
		college = unit(null, "COLLEGE", "dash-c-" + suffix);
		major = unit(college, "MAJOR", "dash-m-" + suffix);
		clazz = unit(major, "CLASS", "dash-k-" + suffix);
		long policy = insert("insert into check_policy (school_id, code, name, profile_id) values (?, ?, 'Dashboard test', ?)",
				schoolId, "dash-" + clazz, profiles.defaultId());
		jdbc.sql("insert into check_policy_org_unit (policy_id, org_unit_id) values (?, ?)").params(policy, clazz).update();
		jdbc.sql("""
				insert into check_slot (policy_id, code, name_zh, name_en, starts_at, ends_at, deadline, grace_minutes, position)
				values (?, 'dash_a', '测甲', 'Test A', time '07:00:00', time '10:00:00', time '09:00:00', 30, 0),
				       (?, 'dash_b', '测乙', 'Test B', time '13:00:00', time '16:00:00', time '15:00:00', 0, 1)""")
			.params(policy, policy).update();
		people.clear();
		for (int i = 0; i < 6; i++) {
			people.add(insert("insert into person (school_id, name, population, id_type, org_unit_id) values (?, ?, 'UNDERGRADUATE', 'OTHER', ?)",
					schoolId, "看板测试" + i, clazz));
		}
		checkIn(people.get(0), "dash_a", false, false);
		checkIn(people.get(1), "dash_a", true, true);
		absent(people.get(2));
		absent(people.get(3));
		checkIn(people.get(3), "dash_a", false, false);
		reader = new CurrentUser(-5, schoolId, "dashboard-test", "Reader", null, Set.of(Permission.HEALTH_READ), Set.of(),
				DataScope.everything(), true, false, null);
	}

	private SlotCounts slot(Dashboard.View view, String code) {
		return view.slots().stream().filter(s -> s.slot().code().equals(code)).findFirst().orElseThrow().counts();
	}

	@Test
	void eachPersonCountsOnceAsReportedAwayNotYetOrOverdue() {
		// 12:00: the first slot is past its deadline and grace, the second has not opened
		Instant noon = DAY.atTime(12, 0).atZone(SHANGHAI).toInstant();
		Dashboard.View view = dashboard.view(reader, DAY, clazz, noon).orElseThrow();
		assertThat(slot(view, "dash_a")).isEqualTo(new SlotCounts(6, 3, 1, 1, 1, 0, 2));
		assertThat(slot(view, "dash_b")).isEqualTo(new SlotCounts(6, 0, 0, 0, 2, 4, 0));
		// 09:20: still within the grace, so the silent two are "not yet"
		Dashboard.View early = dashboard.view(reader, DAY, clazz, DAY.atTime(9, 20).atZone(SHANGHAI).toInstant()).orElseThrow();
		assertThat(slot(early, "dash_a")).isEqualTo(new SlotCounts(6, 3, 1, 1, 1, 2, 0));
	}

	@Test
	void countsRollUpFromClassToMajorToCollege() {
		Instant noon = DAY.atTime(12, 0).atZone(SHANGHAI).toInstant();
		Dashboard.View ofCollege = dashboard.view(reader, DAY, college, noon).orElseThrow();
		assertThat(ofCollege.lines()).singleElement().satisfies(l -> {
			assertThat(l.unit().id()).isEqualTo(major);
			assertThat(l.hasChildren()).isTrue();
		});
		int a = ofCollege.slots().indexOf(ofCollege.slots().stream().filter(s -> s.slot().code().equals("dash_a")).findFirst()
			.orElseThrow());
		assertThat(ofCollege.lines().get(0).slots().get(a)).isEqualTo(new SlotCounts(6, 3, 1, 1, 1, 0, 2));
		Dashboard.View ofMajor = dashboard.view(reader, DAY, major, noon).orElseThrow();
		assertThat(ofMajor.lines()).singleElement().satisfies(l -> assertThat(l.unit().id()).isEqualTo(clazz));
		assertThat(ofMajor.trail()).extracting(u -> u.id()).containsExactly(college, major);
		// the whole school's top level holds the new college with the same figures
		Dashboard.View all = dashboard.view(reader, DAY, null, noon).orElseThrow();
		int inAll = all.slots().indexOf(all.slots().stream().filter(s -> s.slot().code().equals("dash_a")).findFirst()
			.orElseThrow());
		assertThat(all.lines()).anyMatch(l -> l.unit().id() == college && l.slots().get(inAll).reported() == 3);
	}

	@Test
	void theTrendGivesEachDaysRateAndAbnormalPeople() {
		List<Dashboard.TrendDay> days = dashboard.trend(reader, DAY, clazz).orElseThrow();
		assertThat(days).hasSize(Dashboard.TREND_DAYS);
		Dashboard.TrendDay last = days.get(days.size() - 1);
		assertThat(last.date()).isEqualTo(DAY);
		// two slots x six people, two away in each slot, three check-ins
		assertThat(last.expected()).isEqualTo(12);
		assertThat(last.away()).isEqualTo(4);
		assertThat(last.reported()).isEqualTo(3);
		assertThat(last.abnormal()).isEqualTo(1);
		assertThat(last.rate()).isEqualTo(37.5);
		assertThat(days.get(0).reported()).isZero();
	}

	@Test
	void aUnitOutsideTheScopeIsNotFound() throws Exception {
		CurrentUser elsewhere = new CurrentUser(-6, schoolId, "dashboard-scoped", "Scoped", null,
				Set.of(Permission.HEALTH_READ), Set.of(), new DataScope(false, Set.of(major), Set.of(), Set.of()), true, false,
				null);
		assertThat(dashboard.view(elsewhere, DAY, clazz, Instant.now())).isPresent();
		assertThat(dashboard.view(elsewhere, DAY, college, Instant.now())).isEmpty();
		assertThat(dashboard.view(elsewhere, DAY, null, Instant.now()).orElseThrow().lines())
			.singleElement().satisfies(l -> assertThat(l.unit().id()).isEqualTo(major));
	}

	@Test
	void theUnitStatusApiGivesTheDashboardsCounts() throws Exception {
		long userId = jdbc.sql("select id from app_user where username = 'office'").query(Long.class).single();
		String token = tokens.issue(schoolId, userId, "dashboard test", null).secret();
		String body = mvc.perform(get("/api/v1/org-units/" + clazz + "/health-status?date=" + DAY)
				.header("Authorization", "Bearer " + token))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		// a past day: every slot is past its deadline
		assertThat(body).contains("\"code\":\"dash_a\"").contains("\"reported\":3").contains("\"overdue\":2")
			.contains("\"away\":1").contains("\"abnormal\":1");
		String docs = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(docs).contains("/api/v1/unit-reports").contains("/api/v1/org-units/{id}/health-status")
			.contains("/api/v1/org-units/{id}/unit-report-completeness");
	}
}
