package org.bulwark.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.directory.ResponsibilityRole.Target;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

@BulwarkIntegrationTest
class ResponsibilityIntegrationTest {

	@Autowired
	Responsibilities responsibilities;

	@Autowired
	Grids grids;

	@Autowired
	People people;

	@Autowired
	JdbcClient jdbc;

	long schoolId;
	String tag;

	@BeforeEach
	void setUp() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		tag = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	private CurrentUser office() {
		CurrentUser user = new CurrentUser(-1, schoolId, "office-test", "Office", null, Set.of(Permission.PEOPLE_READ,
				Permission.RESPONSIBILITY_WRITE), Set.of(), DataScope.everything(), true, false, null);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		return user;
	}

	@Test
	void oneCounselorForManyClassesAndMyPeopleFollowsAllOrNothing() {
		long college = unit(null, "院" + tag);
		long a = unit(college, "甲班" + tag);
		long b = unit(college, "乙班" + tag);
		long counselor = person("辅导员", null, null);
		long s1 = person("学生一", a, null);
		long s2 = person("学生二", b, null);
		person("别班", college, null);

		var refused = responsibilities.assign(office(), "C" + tag + "辅导员", ResponsibilityRole.COUNSELOR,
				Target.ORG_UNIT, List.of("甲班" + tag, "无此班" + tag));
		assertThat(refused.problems()).extracting(FieldProblem::code).containsExactly("unknownTargets");
		assertThat(myPeople(counselor)).isEmpty();
		assertThat(responsibilities.assign(office(), "C" + tag + "辅导员", ResponsibilityRole.COUNSELOR, Target.GRID,
				List.of("甲班" + tag)).problems()).extracting(FieldProblem::code).containsExactly("roleDoesNotFit");

		assertThat(responsibilities.assign(office(), "C" + tag + "辅导员", ResponsibilityRole.COUNSELOR,
				Target.ORG_UNIT, List.of("甲班" + tag, "乙班" + tag)).id()).isEqualTo(2L);
		assertThat(myPeople(counselor)).containsExactlyInAnyOrder(s1, s2);
	}

	@Test
	void teamForEveryHouseholdOfABuildingAndGridLeaderSeesTheGrid() {
		long building = place(null, "BUILDING", "家属楼" + tag);
		long flat1 = place(building, "ROOM", "101-" + tag);
		long flat2 = place(building, "ROOM", "102-" + tag);
		long h1 = household(flat1, "H1-" + tag);
		long h2 = household(flat2, "H2-" + tag);
		long r1 = person("居民一", null, h1);
		long r2 = person("居民二", null, h2);
		long doctor = person("医生", null, null);
		long cadre = person("党员", null, null);
		var team = new EnumMap<ResponsibilityRole, String>(ResponsibilityRole.class);
		team.put(ResponsibilityRole.DOCTOR, "C" + tag + "医生");
		team.put(ResponsibilityRole.PARTY_CADRE, "C" + tag + "党员");
		assertThat(responsibilities.assignTeamToHouseholds(office(), "家属楼" + tag, team).id()).isEqualTo(4L);
		assertThat(myPeople(doctor)).containsExactlyInAnyOrder(r1, r2);
		assertThat(myPeople(cadre)).containsExactlyInAnyOrder(r1, r2);

		long leader = person("网格长", null, null);
		long grid = grids.create(office(), "G" + tag, "网格" + tag).id();
		grids.addPart(office(), grid, "place", "家属楼" + tag);
		int version = grids.find(office(), grid).orElseThrow().version();
		assertThat(grids.update(office(), grid, version, "网格" + tag, "C" + tag + "网格长").saved()).isTrue();
		assertThat(grids.update(office(), grid, version, "改名", null).problems()).extracting(FieldProblem::code)
			.containsExactly("conflict");
		assertThat(myPeople(leader)).containsExactlyInAnyOrder(r1, r2);

		long assignment = jdbc.sql("select id from responsibility where responsible_person_id = ? and role = 'GRID_LEADER'")
			.param(leader).query(Long.class).single();
		assertThat(responsibilities.revoke(office(), assignment).saved()).isTrue();
		assertThat(grids.find(office(), grid).orElseThrow().leaderPersonId()).isNull();
		assertThat(myPeople(leader)).isEmpty();
	}

	private List<Long> myPeople(long responsible) {
		return people.search(office(), PersonFilter.none(), new PageQuery(0, 200, "name", false),
				responsibilities.answeredBy(responsible)).items().stream().map(PersonSummary::id).toList();
	}

	private long person(String name, Long orgUnit, Long household) {
		return insert("""
				insert into person (school_id, code, name, population, id_type, id_number, org_unit_id, household_id,
				                    residence_place_id)
				values (?, ?, ?, 'STAFF', 'OTHER', ?, ?, ?, (select place_id from household where id = ?))""", schoolId,
				"C" + tag + name, name + tag, "R" + tag + name, orgUnit, household, household);
	}

	private long household(long place, String code) {
		return insert("insert into household (school_id, place_id, code) values (?, ?, ?)", schoolId, place, code);
	}

	private long unit(Long parent, String name) {
		return tree("org_unit", parent, parent == null ? "COLLEGE" : "CLASS", null, name);
	}

	private long place(Long parent, String kind, String name) {
		return tree("place", parent, kind, "RESIDENTIAL", name);
	}

	private long tree(String table, Long parent, String kind, String usage, String name) {
		return TestRows.tree(jdbc, schoolId, table, parent, kind, usage, name, null);
	}

	private long insert(String sql, Object... params) {
		return TestRows.insert(jdbc, sql, params);
	}
}
