package org.bulwark.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.bulwark.system.UserAccounts;
import org.bulwark.system.security.ApiTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A user scoped to one college tries every directory list, detail, export and API endpoint for a
 * person, place and org unit of another college, and must get nothing.
 */
@BulwarkIntegrationTest
class DataScopeIntegrationTest {

	/** Every directory route; a new one fails {@link #everyDirectoryEndpointIsCoveredHere()} until it is tested here. */
	private static final Set<String> COVERED = new TreeSet<>(List.of(
			"GET /people", "GET /people/{id}", "POST /people/{id}/reveal", "GET /people/export",
			"GET /people/new", "POST /people", "GET /people/{id}/edit", "POST /people/{id}", "POST /people/{id}/active",
			"GET /people/{id}/history", "GET /people/org-unit-options",
			"GET /places", "GET /places/{id}", "POST /places", "POST /places/building", "POST /places/{id}/rename",
			"POST /places/{id}/active", "POST /org-units", "POST /org-units/{id}/rename", "POST /org-units/{id}/active", "GET /org-units", "GET /org-units/{id}", "GET /me",
			"GET /api/v1/people", "GET /api/v1/people/{id}", "GET /api/v1/people/export",
			"POST /api/v1/people", "PUT /api/v1/people/{id}", "POST /api/v1/people/{id}/active",
			"GET /api/v1/places", "GET /api/v1/places/{id}", "GET /api/v1/org-units", "GET /api/v1/org-units/{id}",
			// duplicates and coverage: tested out of scope in CoverageIntegrationTest and PersonMergingIntegrationTest
			"GET /duplicates", "GET /duplicates/export", "POST /duplicates/dismiss", "GET /duplicates/merge", "POST /duplicates/merge",
			"GET /coverage", "GET /coverage/people", "GET /coverage/people/export", "GET /coverage/responsible-options",
			"POST /coverage/responsible", "POST /coverage/phone", "GET /api/v1/duplicates", "POST /api/v1/duplicates/dismiss",
			"GET /api/v1/duplicates/merge", "POST /api/v1/duplicates/merge", "GET /api/v1/coverage", "GET /api/v1/coverage/people",
			"POST /api/v1/coverage/responsible"));

	static {
		COVERED.addAll(List.of("GET /imports", "POST /imports", "GET /imports/{id}",
				"POST /imports/{id}/mapping", "GET /imports/{id}/rows/{row}", "POST /imports/{id}/rows/{row}",
				"POST /imports/{id}/commit", "GET /imports/template", "POST /api/v1/imports",
				"GET /api/v1/imports/{id}", "PUT /api/v1/imports/{id}/mapping",
				"POST /api/v1/imports/{id}/commit"));
		COVERED.addAll(RegistryDataScopeIntegrationTest.ROUTES);
	}

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

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	long schoolId;
	String tag;
	Fixture inside;
	Fixture outside;
	CurrentUser scoped;
	String token;

	record Fixture(long collegeId, long classId, long buildingId, long roomId, long personId, String name) {
	}

	@BeforeEach
	void createTwoCollegesAndAUserScopedToOne() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		tag = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
		inside = fixture("甲");
		outside = fixture("乙");
		long roleId = insert("insert into app_role (school_id, code, name) values (?, ?, ?)", schoolId, "SCOPE" + tag,
				"scope test");
		for (String p : List.of("PEOPLE_READ", "PEOPLE_WRITE", "PEOPLE_REVEAL", "PEOPLE_EXPORT", "PLACES_READ", "PLACES_WRITE", "ORG_UNITS_READ",
				"ORG_UNITS_WRITE")) {
			jdbc.sql("insert into role_permission (role_id, permission) values (?, ?)").params(roleId, p).update();
		}
		String username = "scoped" + tag;
		long userId = accounts.create(new UserAccounts.NewAccount(schoolId, username, "Scoped " + tag, "Passw0rd!x",
				inside.personId(), List.of("SCOPE" + tag),
				List.of(new UserAccounts.ScopeGrant(DataScope.Kind.ORG_UNIT, inside.collegeId()),
						new UserAccounts.ScopeGrant(DataScope.Kind.PLACE, inside.buildingId()))));
		scoped = (CurrentUser) users.loadUserByUsername(username);
		token = tokens.issue(schoolId, userId, "scope test", null).secret();
	}

	@Test
	void pagesShowNothingOutsideTheScope() throws Exception {
		assertThat(page(get("/people"))).contains(inside.name()).doesNotContain(outside.name());
		assertThat(page(get("/people").param("q", inside.name()))).contains("person-row").doesNotContain("empty-state");
		assertThat(page(get("/people").param("q", outside.name()))).doesNotContain("person-row").contains("empty-state");
		assertThat(page(get("/people").param("orgUnit", String.valueOf(outside.collegeId())))).doesNotContain(outside.name());
		assertThat(page(get("/people").param("place", String.valueOf(outside.buildingId())))).doesNotContain(outside.name());
		assertThat(page(get("/people/" + inside.personId()))).contains(inside.name());
		mvc.perform(get("/people/" + outside.personId()).with(user(scoped))).andExpect(status().isNotFound());
		mvc.perform(post("/people/" + outside.personId() + "/reveal").with(user(scoped)).with(csrf()))
			.andExpect(status().isNotFound());
		assertThat(page(get("/people/export").param("format", "csv"))).contains(inside.name()).doesNotContain(outside.name());
		assertThat(page(get("/people/export").param("format", "csv").param("reveal", "true")))
			.contains(inside.name()).doesNotContain(outside.name());
		assertThat(page(get("/places").param("q", "楼" + tag))).contains("甲楼" + tag).doesNotContain("乙楼" + tag);
		mvc.perform(get("/places/" + outside.buildingId()).with(user(scoped))).andExpect(status().isNotFound());
		mvc.perform(get("/places/" + outside.roomId()).with(user(scoped))).andExpect(status().isNotFound());
		assertThat(page(get("/org-units").param("q", "学院" + tag))).contains("甲学院" + tag).doesNotContain("乙学院" + tag);
		mvc.perform(get("/org-units/" + outside.collegeId()).with(user(scoped))).andExpect(status().isNotFound());
		mvc.perform(get("/org-units/" + outside.classId()).with(user(scoped))).andExpect(status().isNotFound());
		mvc.perform(get("/people/" + outside.personId() + "/edit").with(user(scoped))).andExpect(status().isNotFound());
		mvc.perform(get("/people/" + outside.personId() + "/history").with(user(scoped))).andExpect(status().isNotFound());
		mvc.perform(post("/people/" + outside.personId()).param("version", "0").param("name", "改名")
			.param("population", "UNDERGRADUATE").param("idType", "OTHER").with(user(scoped)).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/people/" + outside.personId() + "/active").param("version", "0").param("active", "false")
			.param("reason", "x").with(user(scoped)).with(csrf())).andExpect(status().isNotFound());
		assertThat(jdbc.sql("select name from person where id = ?").param(outside.personId()).query(String.class).single())
			.isEqualTo(outside.name());
		assertThat(page(get("/people/org-unit-options").param("orgUnitQuery", "学院" + tag)))
			.contains("甲学院" + tag).doesNotContain("乙学院" + tag);
		assertThat(page(post("/people").param("name", "越界" + tag).param("population", "UNDERGRADUATE")
			.param("idType", "OTHER").param("orgUnitId", String.valueOf(outside.classId())).with(csrf())))
			.contains("validation-outOfScope".isEmpty() ? "" : "is-invalid");
		assertThat(jdbc.sql("select count(*) from person where name = ?").param("越界" + tag).query(Long.class).single())
			.isZero();
		for (String url : List.of("/places/" + outside.buildingId() + "/rename", "/org-units/" + outside.collegeId() + "/rename")) {
			mvc.perform(post(url).param("name", "夺取").with(user(scoped)).with(csrf())).andExpect(status().isNotFound());
		}
		mvc.perform(post("/places/" + outside.roomId() + "/active").param("active", "false").with(user(scoped)).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/org-units/" + outside.classId() + "/active").param("active", "false").with(user(scoped))
			.with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/places").param("parentId", String.valueOf(outside.buildingId())).param("kind", "ROOM")
			.param("usage", "DORMITORY").param("code", "X" + tag).param("name", "X").with(user(scoped)).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/org-units").param("parentId", String.valueOf(outside.collegeId())).param("kind", "CLASS")
			.param("code", "Y" + tag).param("name", "Y").with(user(scoped)).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/places/building").param("parentId", String.valueOf(outside.buildingId())).param("code", "Z" + tag)
			.param("name", "Z").param("usage", "DORMITORY").param("firstFloor", "1").param("lastFloor", "2")
			.param("firstRoom", "1").param("lastRoom", "2").param("roomDigits", "2").param("beds", "4")
			.with(user(scoped)).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/places").param("kind", "CAMPUS").param("usage", "CAMPUS").param("code", "W" + tag)
			.param("name", "W").with(user(scoped)).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select count(*) from place where code in (?, ?, ?)").params("X" + tag, "Z" + tag, "W" + tag)
			.query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from org_unit where code = ? or name = '夺取'").param("Y" + tag)
			.query(Long.class).single()).isZero();
		// the self-service page shows the user's own person only, and this user has no SELF_SERVICE right
		mvc.perform(get("/me").with(user(scoped))).andExpect(status().isForbidden());
	}

	/** A breadcrumb names the units and places above the user's own but links only what they may open. */
	@Test
	void breadcrumbsLinkOnlyWhatTheScopeReaches() throws Exception {
		CurrentUser classOnly = new CurrentUser(-3, schoolId, "class" + tag, "Class", null,
				java.util.EnumSet.of(Permission.ORG_UNITS_READ, Permission.PLACES_READ), Set.of(),
				new DataScope(false, Set.of(inside.classId()), Set.of(inside.roomId()), Set.of()), true, false, null);
		String unit = mvc.perform(get("/org-units/" + inside.classId()).with(user(classOnly))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(unit).contains("甲学院" + tag).doesNotContain("href=\"/org-units/" + inside.collegeId() + "\"");
		assertThat(page(get("/org-units/" + inside.classId()))).contains("href=\"/org-units/" + inside.collegeId() + "\"");
		mvc.perform(get("/org-units/" + inside.collegeId()).with(user(classOnly))).andExpect(status().isNotFound());
		String room = mvc.perform(get("/places/" + inside.roomId()).with(user(classOnly))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(room).contains("甲楼" + tag).doesNotContain("href=\"/places/" + inside.buildingId() + "\"");
		assertThat(page(get("/places/" + inside.roomId()))).contains("href=\"/places/" + inside.buildingId() + "\"");
	}

	@Test
	void apiGivesNothingOutsideTheScope() throws Exception {
		assertThat(api(get("/api/v1/people").param("size", "200"))).contains(inside.name()).doesNotContain(outside.name());
		assertThat(api(get("/api/v1/people").param("q", inside.name()))).contains(inside.name());
		assertThat(api(get("/api/v1/people").param("q", outside.name()))).contains("\"total\":0");
		assertThat(api(get("/api/v1/people/" + inside.personId()))).contains(inside.name());
		apiStatus("/api/v1/people/" + outside.personId(), 404);
		apiStatus("/api/v1/people/" + outside.personId() + "?reveal=true", 404);
		assertThat(api(get("/api/v1/people/export").param("format", "csv"))).contains(inside.name()).doesNotContain(outside.name());
		assertThat(api(get("/api/v1/places").param("q", "楼" + tag))).contains("甲楼" + tag).doesNotContain("乙楼" + tag);
		apiStatus("/api/v1/places/" + outside.buildingId(), 404);
		assertThat(api(get("/api/v1/org-units").param("q", "学院" + tag))).contains("甲学院" + tag).doesNotContain("乙学院" + tag);
		apiStatus("/api/v1/org-units/" + outside.collegeId(), 404);
		String body = "{\"name\":\"改名\",\"population\":\"UNDERGRADUATE\",\"idType\":\"OTHER\"}";
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/people/" + outside.personId())
			.param("version", "0").contentType("application/json").content(body).header("Authorization", "Bearer " + token))
			.andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/people/" + outside.personId() + "/active").param("version", "0").param("active", "false")
			.param("reason", "x").header("Authorization", "Bearer " + token)).andExpect(status().isNotFound());
		String outsideUnit = "{\"name\":\"越界\",\"population\":\"UNDERGRADUATE\",\"idType\":\"OTHER\",\"orgUnitId\":"
				+ outside.classId() + "}";
		String problems = mvc.perform(post("/api/v1/people").contentType("application/json").content(outsideUnit)
			.header("Authorization", "Bearer " + token)).andExpect(status().is(422)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(problems).contains("outOfScope");
		String insideUnit = outsideUnit.replace(String.valueOf(outside.classId()), String.valueOf(inside.classId()))
			.replace("越界", "界内" + tag);
		mvc.perform(post("/api/v1/people").contentType("application/json").content(insideUnit)
			.header("Authorization", "Bearer " + token)).andExpect(status().isCreated());
		assertThat(jdbc.sql("select name from person where id = ?").param(outside.personId()).query(String.class).single())
			.isEqualTo(outside.name());
	}

	@Test
	void importsReachNeitherOtherPeoplesUploadsNorUnitsOutsideTheScope() throws Exception {
		CurrentUser office = new CurrentUser(-1, schoolId, "office" + tag, "Office", null,
				Set.of(org.bulwark.system.Permission.PEOPLE_WRITE), Set.of(), DataScope.everything(), true, false, null);
		byte[] csv = ("姓名,证件号码,所属单位\r\n某人,X" + tag + ",乙班" + tag + "\r\n").getBytes(StandardCharsets.UTF_8);
		String id = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/imports")
			.file(new org.springframework.mock.web.MockMultipartFile("file", "o.csv", "text/csv", csv)).param("population", "STAFF")
			.with(user(office)).with(csrf())).andExpect(status().is3xxRedirection()).andReturn().getResponse()
			.getRedirectedUrl().replace("/imports/", "");
		// the office's upload is not the scoped user's to see, change or commit, on the pages or over the API
		assertThat(page(get("/imports"))).doesNotContain(id);
		mvc.perform(get("/imports/" + id).with(user(scoped))).andExpect(status().isNotFound());
		mvc.perform(get("/imports/" + id + "/rows/2").with(user(scoped))).andExpect(status().isNotFound());
		mvc.perform(post("/imports/" + id + "/rows/2").param("cell0", "改").with(user(scoped)).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/imports/" + id + "/mapping").param("col0", "NAME").with(user(scoped)).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/imports/" + id + "/commit").param("mode", "VALID_ONLY").with(user(scoped)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		apiStatus("/api/v1/imports/" + id, 404);
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/imports/" + id + "/mapping")
			.contentType("application/json").content("{\"columns\":{}}").header("Authorization", "Bearer " + token))
			.andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/imports/" + id + "/commit").param("mode", "VALID_ONLY")
			.header("Authorization", "Bearer " + token)).andExpect(status().isNotFound());
		assertThat(jdbc.sql("select status from import_upload where id = ?").param(id).query(String.class).single())
			.isEqualTo("ANALYSED");
		// the scoped user's own upload cannot place anyone in a unit outside the scope
		String own = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/imports")
			.file(new org.springframework.mock.web.MockMultipartFile("file", "s.csv", "text/csv", csv)).param("population", "STAFF")
			.with(user(scoped)).with(csrf())).andExpect(status().is3xxRedirection()).andReturn().getResponse()
			.getRedirectedUrl();
		assertThat(page(get(own))).contains("乙班" + tag).contains("count-invalid");
		assertThat(jdbc.sql("select invalid_rows from import_upload where id = ?").param(own.replace("/imports/", ""))
			.query(Integer.class).single()).isEqualTo(1);
		assertThat(api(get("/api/v1/people").param("q", "某人"))).doesNotContain("X" + tag);
		mvc.perform(get("/imports/template").param("population", "RETIREE").with(user(scoped))).andExpect(status().isOk());
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/api/v1/imports")
			.file(new org.springframework.mock.web.MockMultipartFile("file", "a.csv", "text/csv", csv)).param("population", "STAFF")
			.header("Authorization", "Bearer " + token)).andExpect(status().isCreated())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.problems[0].code")
				.value("unknownOrgUnit"));
	}

	@Test
	void revokedTokenGetsNothing() throws Exception {
		long id = jdbc.sql("select id from api_token where token_hash = (select max(token_hash) from api_token where name = 'scope test' and user_id = (select id from app_user where username = ?))")
			.param("scoped" + tag).query(Long.class).single();
		apiStatus("/api/v1/people", 200);
		tokens.revoke(schoolId, id);
		apiStatus("/api/v1/people", 401);
	}

	@Test
	void everyDirectoryEndpointIsCoveredHere() {
		Set<String> routes = new TreeSet<>();
		for (var entry : mappings.getHandlerMethods().entrySet()) {
			RequestMappingInfo info = entry.getKey();
			if (!entry.getValue().getBeanType().getPackageName().equals("org.bulwark.directory")) {
				continue;
			}
			for (String path : info.getPatternValues()) {
				for (var method : info.getMethodsCondition().getMethods()) {
					routes.add(method + " " + path);
				}
			}
		}
		assertThat(routes).isNotEmpty();
		assertThat(COVERED).containsAll(routes);
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(user(scoped))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private String api(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.header("Authorization", "Bearer " + token)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private void apiStatus(String url, int expected) throws Exception {
		mvc.perform(get(url).header("Authorization", "Bearer " + token)).andExpect(status().is(expected));
	}

	private Fixture fixture(String prefix) {
		long college = tree("org_unit", null, "COLLEGE", null, prefix + "学院" + tag);
		long clazz = tree("org_unit", college, "CLASS", null, prefix + "班" + tag);
		long building = tree("place", null, "BUILDING", "DORMITORY", prefix + "楼" + tag);
		long room = tree("place", building, "ROOM", "DORMITORY", prefix + "室" + tag);
		String name = prefix + "测试" + tag;
		long person = insert("""
				insert into person (school_id, code, name, population, id_type, id_number, phone, org_unit_id,
				                    residence_place_id) values (?, ?, ?, 'UNDERGRADUATE', 'OTHER', ?, '13800000000', ?, ?)""",
				schoolId, prefix.equals("甲") ? "A" + tag : "B" + tag, name, prefix + tag, clazz, room);
		return new Fixture(college, clazz, building, room, person, name);
	}

	private long tree(String table, Long parent, String kind, String usage, String name) {
		return TestRows.tree(jdbc, schoolId, table, parent, kind, usage, name, null);
	}

	private long insert(String sql, Object... params) {
		return TestRows.insert(jdbc, sql, params);
	}
}
