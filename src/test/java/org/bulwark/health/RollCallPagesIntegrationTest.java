package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.directory.Groups;
import org.bulwark.system.CurrentUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** The roll-call pages and list as the demo counselor and grid worker; what is missing and done, export, scope. */
@BulwarkIntegrationTest
class RollCallPagesIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService users;

	@Autowired
	Profiles profiles;

	@Autowired
	CheckIns checkIns;

	@Autowired
	Groups groups;

	CurrentUser counselor;
	long classId;
	String className;
	LocalDate today;

	@BeforeEach
	void theCounselorsFirstClass() {
		counselor = (CurrentUser) users.loadUserByUsername("counselor");
		classId = jdbc.sql("""
				select target_id from responsibility where responsible_person_id = ? and role = 'COUNSELOR'
				and target_kind = 'ORG_UNIT' order by target_id limit 1""").param(counselor.personId().orElseThrow())
			.query(Long.class).single();
		className = jdbc.sql("select name from org_unit where id = ?").param(classId).query(String.class).single();
		AllDayPolicy.ensure(jdbc, counselor.schoolId(), classId, profiles.defaultId());
		today = Instant.now().atZone(checkIns.zone()).toLocalDate();
		RollCallIntegrationTest.clean(jdbc, classId, today);
	}

	private String page(CurrentUser as, String url, int expected) throws Exception {
		return mvc.perform(get(url).with(user(as))).andExpect(status().is(expected)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void aSavedRollCallLeavesTheMissingListAndShowsInTheDaysListAndExport() throws Exception {
		String missing = page(counselor, "/health/roll-calls?view=missing&slot=" + AllDayPolicy.SLOT, 200);
		assertThat(missing).contains(className);

		String sheet = page(counselor, "/health/roll-call?kind=ORG_UNIT&group=" + classId, 200);
		assertThat(sheet).contains("data-testid=\"roll-call-form\"").contains("name=\"version\" value=\"0\"");
		List<Long> members = jdbc.sql("select id from person where org_unit_id = ? and active = true").param(classId)
			.query(Long.class).list();
		var save = post("/health/roll-call").with(user(counselor)).with(csrf()).param("kind", "ORG_UNIT")
			.param("group", String.valueOf(classId)).param("date", today.toString()).param("slot", AllDayPolicy.SLOT)
			.param("version", "0").param("requestId", "pages-" + System.nanoTime());
		for (long m : members) {
			save = save.param("mark_" + m, "PRESENT");
		}
		save = save.param("mark_" + members.get(0), "PERSONAL");
		mvc.perform(save).andExpect(status().is3xxRedirection());

		assertThat(page(counselor, "/health/roll-calls?view=missing&slot=" + AllDayPolicy.SLOT, 200)).doesNotContain(className);
		String done = page(counselor, "/health/roll-calls?date=" + today, 200);
		assertThat(done).contains(className).contains("data-testid=\"roll-call-row\"");
		String csv = page(counselor, "/health/roll-calls/export?format=csv&date=" + today, 200);
		assertThat(csv).contains(className);
		assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'roll_call' and action = 'EXPORT'")
			.query(Long.class).single()).isPositive();
	}

	@Test
	void aClassOutsideTheCounselorsScopeIsNotFound() throws Exception {
		long other = jdbc.sql("select id from org_unit where kind = 'CLASS' and id not in (select target_id from responsibility"
				+ " where responsible_person_id = ? and role = 'COUNSELOR') order by id limit 1")
			.param(counselor.personId().orElseThrow()).query(Long.class).single();
		page(counselor, "/health/roll-call?kind=ORG_UNIT&group=" + other, 404);
		assertThat(page(counselor, "/health/roll-calls?view=missing", 200)).doesNotContain(
				jdbc.sql("select name from org_unit where id = ?").param(other).query(String.class).single() + "<");
	}

	@Test
	void theGridWorkerRollCallsTheHouseholdsOfTheirGridAndAnOfficerAFloor() throws Exception {
		CurrentUser grid = (CurrentUser) users.loadUserByUsername("grid");
		long gridId = grid.scope().gridIds().iterator().next();
		List<Groups.Member> residents = groups.members(grid, Groups.Kind.GRID, gridId).orElseThrow();
		assertThat(residents).isNotEmpty();
		assertThat(page(grid, "/health/roll-call?kind=GRID&group=" + gridId, 200)).contains("data-testid=\"roll-call-form\"");
		assertThat(groups.expected(grid)).extracting(Groups.Group::id).contains(gridId);

		CurrentUser office = (CurrentUser) users.loadUserByUsername("office");
		long floor = jdbc.sql("""
				select f.id from place f where f.kind = 'FLOOR' and exists (select 1 from place r join person p
				  on p.residence_place_id = r.id where r.parent_id = f.id) order by f.id limit 1""").query(Long.class).single();
		assertThat(groups.members(office, Groups.Kind.PLACE, floor).orElseThrow()).isNotEmpty();
		// the counselor's scope has no places: a floor is not theirs to check
		assertThat(groups.members(counselor, Groups.Kind.PLACE, floor)).isEmpty();
	}

	@Test
	void aReaderSeesTheDaysRollCallsWithoutTheRightToRecordThem() throws Exception {
		// like the built-in leader role: HEALTH_READ without CHECK_IN_RECORD (other tests edit the demo roles)
		CurrentUser leader = new CurrentUser(-9, counselor.schoolId(), "reader-test", "Reader", null,
				java.util.Set.of(org.bulwark.system.Permission.HEALTH_READ), java.util.Set.of(),
				org.bulwark.system.DataScope.everything(), true, false, null);
		String list = mvc.perform(get("/health/roll-calls").param("view", "missing").param("slot", AllDayPolicy.SLOT)
				.param("q", className).with(user(leader)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(list).contains(className).doesNotContain("data-testid=\"new-roll-call\"");
		page(leader, "/health/roll-call?kind=ORG_UNIT&group=" + classId, 403);
	}

	@Test
	void theApiDocumentationListsTheRollCallAndCanteenEndpoints() throws Exception {
		String docs = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(docs).contains("/api/v1/roll-calls").contains("/api/v1/canteen-checks")
			.contains("/api/v1/canteen-checks/unfit").contains("Submit a roll-call result");
	}

	@Test
	void theCanteenPagesShowTheDemoCanteenToLogistics() throws Exception {
		CurrentUser logistics = (CurrentUser) users.loadUserByUsername("logistics");
		String overview = page(logistics, "/health/canteen", 200);
		assertThat(overview).contains("餐饮服务公司").contains("data-testid=\"canteen-unit\"");
		page(counselor, "/health/canteen", 403);
	}
}
