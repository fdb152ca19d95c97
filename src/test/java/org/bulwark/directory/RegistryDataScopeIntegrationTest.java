package org.bulwark.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.UserAccounts;
import org.bulwark.system.security.ApiTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The residence, responsibility, "my people" and timeline routes for a user scoped to one college
 * and its building: records of the other college are neither shown nor changed.
 */
@BulwarkIntegrationTest
class RegistryDataScopeIntegrationTest {

	/** The routes tested here; {@link DataScopeIntegrationTest} checks that every directory route is covered. */
	static final List<String> ROUTES = List.of("GET /places/{id}/residents", "POST /places/{id}/move-in",
			"POST /people/{id}/move-in", "POST /people/{id}/move-out", "GET /people/{id}/residence",
			"GET /places/{id}/bulk-assign", "POST /places/{id}/bulk-assign/preview", "POST /places/{id}/bulk-assign",
			"GET /places/{id}/bulk-assign/candidates", "POST /places/{id}/households", "GET /households/{id}",
			"POST /households/{id}/members", "POST /households/{id}/head", "GET /people/{id}/timeline", "GET /my-people",
			"GET /my-people/export", "GET /grids", "POST /grids", "GET /grids/{id}", "POST /grids/{id}",
			"POST /grids/{id}/parts", "POST /grids/{id}/parts/remove", "GET /responsibilities", "POST /responsibilities",
			"POST /responsibilities/team", "POST /responsibilities/{id}/revoke",
			"GET /api/v1/people/{id}/residences", "POST /api/v1/people/{id}/residences", "POST /api/v1/people/{id}/move-out",
			"GET /api/v1/places/{id}/residents", "GET /api/v1/grids", "GET /api/v1/grids/{id}",
			"GET /api/v1/responsibilities", "POST /api/v1/responsibilities", "DELETE /api/v1/responsibilities/{id}",
			"GET /api/v1/my-people", "GET /api/v1/my-people/export", "GET /api/v1/people/{id}/timeline");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	UserDetailsService users;

	long schoolId;
	String tag;
	Fixture inside;
	Fixture outside;
	CurrentUser scoped;
	String token;

	record Fixture(long collegeId, long classId, long buildingId, long roomId, long personId, String name, String code,
			long householdId, long gridId, long responsibilityId) {
	}

	@BeforeEach
	void twoCollegesAndAUserScopedToOne() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		tag = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
		inside = fixture("甲");
		outside = fixture("乙");
		long roleId = insert("insert into app_role (school_id, code, name) values (?, ?, ?)", schoolId, "RSCOPE" + tag,
				"registry scope test");
		for (String p : List.of("PEOPLE_READ", "PEOPLE_EXPORT", "PLACES_READ", "ORG_UNITS_READ", "RESIDENCES_WRITE",
				"RESPONSIBILITY_WRITE")) {
			jdbc.sql("insert into role_permission (role_id, permission) values (?, ?)").params(roleId, p).update();
		}
		String username = "rscoped" + tag;
		long userId = accounts.create(new UserAccounts.NewAccount(schoolId, username, "Scoped " + tag, "Passw0rd!x",
				inside.personId(), List.of("RSCOPE" + tag),
				List.of(new UserAccounts.ScopeGrant(DataScope.Kind.ORG_UNIT, inside.collegeId()),
						new UserAccounts.ScopeGrant(DataScope.Kind.PLACE, inside.buildingId()))));
		scoped = (CurrentUser) users.loadUserByUsername(username);
		token = tokens.issue(schoolId, userId, "registry scope test", null).secret();
		// the scoped user answers for both classes, but sees only their own college
		insert("insert into responsibility (school_id, responsible_person_id, role, target_kind, target_id) values (?, ?, 'COUNSELOR', 'ORG_UNIT', ?)",
				schoolId, inside.personId(), outside.classId());
	}

	@Test
	void pagesShowAndChangeNothingOutsideTheScope() throws Exception {
		assertThat(page(get("/places/" + inside.buildingId() + "/residents"))).contains(inside.name());
		notFound(get("/places/" + outside.buildingId() + "/residents"));
		notFound(post("/places/" + outside.roomId() + "/move-in").param("personCode", inside.code()).param("movedIn", "2025-09-01"));
		notFound(post("/people/" + outside.personId() + "/move-in").param("roomCode", "甲室" + tag).param("movedIn", "2025-09-01"));
		notFound(post("/people/" + outside.personId() + "/move-out").param("movedOut", "2025-09-02"));
		notFound(get("/people/" + outside.personId() + "/residence"));
		assertThat(page(get("/people/" + inside.personId() + "/residence"))).contains("person-residence");
		// moving an inside person into an outside room: the room is not found, nothing moves
		mvc.perform(post("/people/" + inside.personId() + "/move-in").param("roomCode", "乙室" + tag)
			.param("movedIn", "2025-09-01").with(user(scoped)).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select residence_place_id from person where id = ?").param(inside.personId())
			.query(Long.class).single()).isEqualTo(inside.roomId());
		notFound(get("/places/" + outside.buildingId() + "/bulk-assign"));
		notFound(post("/places/" + outside.buildingId() + "/bulk-assign/preview").param("codes", inside.code()));
		notFound(post("/places/" + outside.buildingId() + "/bulk-assign").param("codes", inside.code()).param("movedIn", "2025-09-01"));
		notFound(get("/places/" + outside.buildingId() + "/bulk-assign/candidates"));
		assertThat(page(post("/places/" + inside.buildingId() + "/bulk-assign/preview").param("codes", outside.code())
			.param("movedIn", "2025-09-01"))).doesNotContain("plan-row").contains(outside.code());
		notFound(post("/places/" + outside.roomId() + "/households").param("code", "X" + tag));
		notFound(get("/households/" + outside.householdId()));
		assertThat(page(get("/households/" + inside.householdId()))).contains("household-code");
		notFound(post("/households/" + outside.householdId() + "/members").param("personCode", inside.code()));
		notFound(post("/households/" + outside.householdId() + "/head").param("version", "0").param("personId", String.valueOf(outside.personId())));
		notFound(get("/people/" + outside.personId() + "/timeline"));
		assertThat(page(get("/my-people"))).contains(inside.name()).doesNotContain(outside.name());
		assertThat(page(get("/my-people/export").param("format", "csv"))).contains(inside.name()).doesNotContain(outside.name());
		assertThat(page(get("/grids").param("q", tag))).contains("甲网格" + tag).doesNotContain("乙网格" + tag);
		notFound(get("/grids/" + outside.gridId()));
		notFound(post("/grids/" + outside.gridId()).param("version", "0").param("name", "夺取"));
		notFound(post("/grids/" + outside.gridId() + "/parts").param("kind", "place").param("code", "甲楼" + tag));
		notFound(post("/grids/" + outside.gridId() + "/parts/remove").param("kind", "place").param("partId", String.valueOf(outside.buildingId())));
		// adding an outside building to an inside grid is refused
		mvc.perform(post("/grids/" + inside.gridId() + "/parts").param("kind", "place").param("code", "乙楼" + tag)
			.with(user(scoped)).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select count(*) from grid_place where grid_id = ? and place_id = ?")
			.params(inside.gridId(), outside.buildingId()).query(Long.class).single()).isZero();
		mvc.perform(post("/grids").param("code", "G" + tag).param("name", "新网格" + tag).with(user(scoped)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(page(get("/responsibilities").param("q", inside.name()))).contains(inside.name());
		assertThat(page(get("/responsibilities").param("q", outside.name()))).doesNotContain("responsibility-row");
		mvc.perform(post("/responsibilities").param("personCode", inside.code()).param("role", "COUNSELOR")
			.param("target", "ORG_UNIT").param("targetCodes", "乙班" + tag).with(user(scoped)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/responsibilities/team").param("placeCode", "乙楼" + tag).param("DOCTOR", inside.code())
			.with(user(scoped)).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select count(*) from responsibility where target_kind = 'HOUSEHOLD' and target_id = ?")
			.param(outside.householdId()).query(Long.class).single()).isZero();
		notFound(post("/responsibilities/" + outside.responsibilityId() + "/revoke"));
		assertThat(jdbc.sql("select count(*) from responsibility where id = ?").param(outside.responsibilityId())
			.query(Long.class).single()).isOne();
		assertThat(jdbc.sql("select count(*) from responsibility where target_kind = 'ORG_UNIT' and target_id = ? and role = 'COUNSELOR' and responsible_person_id = ?")
			.params(outside.classId(), inside.personId()).query(Long.class).single()).isOne();
	}

	@Test
	void apiGivesAndChangesNothingOutsideTheScope() throws Exception {
		assertThat(api(get("/api/v1/people/" + inside.personId() + "/residences"))).contains("甲室" + tag);
		apiStatus(get("/api/v1/people/" + outside.personId() + "/residences"), 404);
		apiStatus(post("/api/v1/people/" + outside.personId() + "/residences").contentType("application/json")
			.content("{\"placeId\":" + inside.roomId() + ",\"movedIn\":\"2025-09-01\"}"), 404);
		String problems = mvc.perform(post("/api/v1/people/" + inside.personId() + "/residences")
			.contentType("application/json").content("{\"placeId\":" + outside.roomId() + ",\"movedIn\":\"2025-09-01\"}")
			.header("Authorization", "Bearer " + token)).andExpect(status().is(422)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(problems).contains("\"field\":\"place\"").contains("notFound");
		apiStatus(post("/api/v1/people/" + outside.personId() + "/move-out").contentType("application/json")
			.content("{\"movedOut\":\"2025-09-02\"}"), 404);
		assertThat(api(get("/api/v1/places/" + inside.buildingId() + "/residents"))).contains(inside.name());
		apiStatus(get("/api/v1/places/" + outside.buildingId() + "/residents"), 404);
		assertThat(api(get("/api/v1/grids").param("q", tag))).contains("甲网格" + tag).doesNotContain("乙网格" + tag);
		apiStatus(get("/api/v1/grids/" + outside.gridId()), 404);
		assertThat(api(get("/api/v1/responsibilities").param("q", inside.name()))).contains(inside.name());
		assertThat(api(get("/api/v1/responsibilities").param("q", outside.name()))).doesNotContain(outside.name());
		String refused = mvc.perform(post("/api/v1/responsibilities").contentType("application/json")
			.content("{\"personCode\":\"" + inside.code() + "\",\"role\":\"COUNSELOR\",\"target\":\"ORG_UNIT\",\"targetCodes\":[\"乙学院" + tag + "\"]}")
			.header("Authorization", "Bearer " + token)).andExpect(status().is(422)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(refused).contains("\"field\":\"targets\"");
		apiStatus(delete("/api/v1/responsibilities/" + outside.responsibilityId()), 404);
		assertThat(api(get("/api/v1/my-people"))).contains(inside.name()).doesNotContain(outside.name());
		assertThat(api(get("/api/v1/my-people/export"))).contains(inside.name()).doesNotContain(outside.name());
		apiStatus(get("/api/v1/people/" + outside.personId() + "/timeline"), 404);
		apiStatus(get("/api/v1/people/" + inside.personId() + "/timeline"), 200);
	}

	private void notFound(MockHttpServletRequestBuilder request) throws Exception {
		mvc.perform(request.with(user(scoped)).with(csrf())).andExpect(status().isNotFound());
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(user(scoped)).with(csrf())).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private String api(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.header("Authorization", "Bearer " + token)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private void apiStatus(MockHttpServletRequestBuilder request, int expected) throws Exception {
		mvc.perform(request.header("Authorization", "Bearer " + token)).andExpect(status().is(expected));
	}

	private Fixture fixture(String prefix) {
		long college = tree("org_unit", null, "COLLEGE", null, prefix + "学院" + tag, null);
		long clazz = tree("org_unit", college, "CLASS", null, prefix + "班" + tag, null);
		long building = tree("place", null, "BUILDING", "DORMITORY", prefix + "楼" + tag, null);
		long room = tree("place", building, "ROOM", "DORMITORY", prefix + "室" + tag, 4);
		String name = prefix + "测试" + tag;
		String code = (prefix.equals("甲") ? "RA" : "RB") + tag;
		long person = insert("""
				insert into person (school_id, code, name, population, id_type, id_number, phone, org_unit_id,
				                    residence_place_id) values (?, ?, ?, 'UNDERGRADUATE', 'OTHER', ?, '13800000000', ?, ?)""",
				schoolId, code, name, "R" + prefix + tag, clazz, room);
		insert("insert into residence (school_id, person_id, place_id, kind, bed, moved_in) values (?, ?, ?, 'DORM_BED', '1', ?)",
				schoolId, person, room, java.time.LocalDate.of(2025, 9, 1));
		long household = insert("insert into household (school_id, place_id, code) values (?, ?, ?)", schoolId, room,
				prefix + "户" + tag);
		long grid = insert("insert into grid (school_id, code, name) values (?, ?, ?)", schoolId, prefix + "G" + tag,
				prefix + "网格" + tag);
		jdbc.sql("insert into grid_place (grid_id, place_id) values (?, ?)").params(grid, building).update();
		long responsibility = insert("insert into responsibility (school_id, responsible_person_id, role, target_kind, target_id) values (?, ?, 'COUNSELOR', 'ORG_UNIT', ?)",
				schoolId, person, clazz);
		return new Fixture(college, clazz, building, room, person, name, code, household, grid, responsibility);
	}

	private long tree(String table, Long parent, String kind, String usage, String name, Integer capacity) {
		return TestRows.tree(jdbc, schoolId, table, parent, kind, usage, name, capacity);
	}

	private long insert(String sql, Object... params) {
		return TestRows.insert(jdbc, sql, params);
	}
}
