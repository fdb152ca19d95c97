package org.bulwark.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.AuditHistory;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Coverage counts by their definitions, rolled up the tree, fixes, and nothing outside the scope. */
@BulwarkIntegrationTest
class CoverageIntegrationTest {

	@Autowired
	Coverage coverage;

	@Autowired
	CoverageFixing fixing;

	@Autowired
	AuditHistory history;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	long schoolId;
	String tag;
	long college;
	long clazz;
	long outsideCollege;
	long room;
	long staff;

	@BeforeEach
	void fixture() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		tag = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
		college = unit(null, "COLLEGE", "覆盖学院" + tag);
		clazz = unit(college, "CLASS", "覆盖班" + tag);
		outsideCollege = unit(null, "COLLEGE", "外院" + tag);
		// a room of a new building that no grid or responsible person covers
		long building = insert("insert into place (school_id, kind, usage, code, name, path) values (?, 'BUILDING', 'DORMITORY', ?, ?, 'x')",
				schoolId, "CB" + tag, "覆盖楼" + tag);
		jdbc.sql("update place set path = ? where id = ?").params("/" + building + "/", building).update();
		room = insert("insert into place (school_id, parent_id, kind, usage, code, name, path) values (?, ?, 'ROOM', 'DORMITORY', ?, '101', 'x')",
				schoolId, building, "CR" + tag);
		jdbc.sql("update place set path = ? where id = ?").params("/" + building + "/" + room + "/", room).update();
		staff = person("辅导员" + tag, null, false, null, college, null);
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	private CurrentUser scopedTo(long unit) {
		CurrentUser user = new CurrentUser(-1, schoolId, "coverage-test", "Coverage", null, Set.of(Permission.PEOPLE_READ,
				Permission.PEOPLE_WRITE, Permission.PEOPLE_EXPORT, Permission.PEOPLE_MERGE, Permission.COVERAGE_READ),
				Set.of(), new DataScope(false, Set.of(unit), Set.of(), Set.of()), true, false, null);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		return user;
	}

	@Test
	void countsFollowTheDefinitionsAndRollUpTheTree() {
		long nobody = person("无人" + tag, null, false, null, clazz, null);
		long head = person("户主" + tag, "13912345678", false, null, clazz, room);
		long household = insert("insert into household (school_id, place_id, code, head_person_id) values (?, ?, ?, ?)",
				schoolId, room, "CH" + tag, head);
		long child = person("孩子" + tag, null, true, household, clazz, room);
		long noSmartphone = person("老人" + tag, "13912345679", true, null, clazz, room);
		LocalDate birth = LocalDate.of(1970, 3, 3);
		long twice1 = person("重复" + tag, "051085001234", false, null, clazz, room);
		long twice2 = person("重复" + tag, null, false, null, clazz, room);
		jdbc.sql("update person set birth_date = ? where id in (?, ?)").params(birth, twice1, twice2).update();

		CurrentUser user = scopedTo(college);
		Coverage.Report report = coverage.report(user, null);
		assertThat(report.people()).isEqualTo(7);
		assertThat(report.total(Coverage.Problem.NO_RESPONSIBLE)).isEqualTo(7);
		assertThat(report.total(Coverage.Problem.NO_RESIDENCE)).isEqualTo(2);
		assertThat(names(user, Coverage.Problem.NO_RESIDENCE)).containsExactlyInAnyOrder("无人" + tag, "辅导员" + tag);
		assertThat(names(user, Coverage.Problem.UNREACHABLE)).containsExactlyInAnyOrder("无人" + tag, "辅导员" + tag,
				"老人" + tag, "重复" + tag);
		assertThat(names(user, Coverage.Problem.DUPLICATE)).containsExactly("重复" + tag, "重复" + tag);
		assertThat(report.units()).singleElement().satisfies(u -> {
			assertThat(u.id()).isEqualTo(college);
			assertThat(u.people()).isEqualTo(7);
			assertThat(u.count(Coverage.Problem.UNREACHABLE)).isEqualTo(4);
			assertThat(u.hasChildren()).isTrue();
		});
		Coverage.Report drilled = coverage.report(user, college);
		assertThat(drilled.units()).singleElement().satisfies(u -> {
			assertThat(u.id()).isEqualTo(clazz);
			assertThat(u.people()).isEqualTo(6);
		});
		assertThat(coverage.has(user, child, Coverage.Problem.UNREACHABLE)).as("the household head answers").isFalse();

		// a counselor of the college covers the class below it; a deactivated one covers nobody
		jdbc.sql("insert into responsibility (school_id, responsible_person_id, role, target_kind, target_id) values (?, ?, 'COUNSELOR', 'ORG_UNIT', ?)")
			.params(schoolId, staff, college).update();
		assertThat(coverage.report(user, null).total(Coverage.Problem.NO_RESPONSIBLE)).isZero();
		jdbc.sql("update person set active = false where id = ?").param(staff).update();
		assertThat(coverage.report(user, null).total(Coverage.Problem.NO_RESPONSIBLE)).isEqualTo(6);

		assertThat(coverage.report(scopedTo(outsideCollege), null).people()).isZero();
		assertThat(coverage.people(scopedTo(outsideCollege), new Coverage.Filter(Coverage.Problem.NO_RESPONSIBLE, null, null),
				new PageQuery(0, 200, "name", false)).items()).isEmpty();
		assertThat(nobody).isPositive();
	}

	@Test
	void bulkAssignmentCoversThePeopleAndRejectsBadInputWhole() {
		long a = person("甲" + tag, null, false, null, clazz, room);
		long b = person("乙" + tag, null, false, null, clazz, room);
		long outside = person("丙" + tag, null, false, null, outsideCollege, room);
		CurrentUser user = scopedTo(college);
		var rejected = fixing.assignResponsible(user, List.of(a, b, outside), staff, "COUNSELOR");
		assertThat(((PersonEditing.Rejected) rejected).problems()).extracting(FieldProblem::field, FieldProblem::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("people", "notFound"));
		var badRole = fixing.assignResponsible(user, List.of(a), staff, "BOSS");
		assertThat(((PersonEditing.Rejected) badRole).problems()).extracting(FieldProblem::field).containsExactly("role");
		assertThat(jdbc.sql("select count(*) from responsibility where responsible_person_id = ?").param(staff)
			.query(Long.class).single()).isZero();

		var saved = fixing.assignResponsible(user, List.of(a, b), staff, "CLASS_TEACHER");
		assertThat(((PersonEditing.Saved) saved).id()).isEqualTo(2);
		assertThat(coverage.has(user, a, Coverage.Problem.NO_RESPONSIBLE)).isFalse();
		assertThat(names(user, Coverage.Problem.NO_RESPONSIBLE)).containsExactly("辅导员" + tag);
		assertThat(history.of(schoolId, "person", a, 5)).extracting(AuditHistory.Entry::summary)
			.anyMatch(s -> s.contains("responsible person 辅导员" + tag));
		assertThat(((PersonEditing.Saved) fixing.assignResponsible(user, List.of(a), staff, "CLASS_TEACHER")).id()).isZero();
	}

	@Test
	void settingAPhoneChecksItAndTheVersion() {
		long p = person("丁" + tag, null, false, null, clazz, room);
		CurrentUser user = scopedTo(college);
		int version = jdbc.sql("select version from person where id = ?").param(p).query(Integer.class).single();
		var bad = fixing.setPhone(user, p, version, "12345");
		assertThat(((PersonEditing.Rejected) bad).problems()).extracting(FieldProblem::field).containsExactly("phone");
		assertThat(fixing.setPhone(user, p, version, "+86 139 1234 5670")).isInstanceOf(PersonEditing.Saved.class);
		assertThat(coverage.has(user, p, Coverage.Problem.UNREACHABLE)).isFalse();
		assertThat(fixing.setPhone(user, p, version, "13912345671")).isInstanceOf(PersonEditing.Conflict.class);
		assertThat(fixing.setPhone(scopedTo(outsideCollege), p, version + 1, "13912345671"))
			.isInstanceOf(PersonEditing.Rejected.class);
		assertThat(jdbc.sql("select phone from person where id = ?").param(p).query(String.class).single())
			.isEqualTo("13912345670");
	}

	@Test
	void pagesExportsAndApiGiveNothingOutsideTheScope() throws Exception {
		LocalDate birth = LocalDate.of(1971, 4, 4);
		long inside1 = person("界内" + tag, null, false, null, clazz, null);
		long inside2 = person("界内" + tag, null, false, null, clazz, null);
		long outside1 = person("界外" + tag, null, false, null, outsideCollege, null);
		long outside2 = person("界外" + tag, null, false, null, outsideCollege, null);
		jdbc.sql("update person set birth_date = ? where id in (?, ?, ?, ?)").params(birth, inside1, inside2, outside1,
				outside2).update();
		CurrentUser user = scopedTo(college);
		SecurityContextHolder.clearContext();

		assertThat(body(user, get("/coverage"))).contains("覆盖学院" + tag).doesNotContain("外院" + tag);
		for (var problem : Coverage.Problem.values()) {
			assertThat(body(user, get("/coverage/people").param("problem", problem.name()).param("size", "200")))
				.doesNotContain("界外" + tag);
			assertThat(body(user, get("/coverage/people/export").param("problem", problem.name()).param("format", "csv")))
				.doesNotContain("界外" + tag);
			assertThat(body(user, get("/api/v1/coverage/people").param("problem", problem.name()).param("size", "200")))
				.doesNotContain("界外" + tag);
		}
		assertThat(body(user, get("/coverage/people").param("problem", "DUPLICATE"))).contains("界内" + tag);
		assertThat(body(user, get("/coverage/people").param("problem", "DUPLICATE").param("unit", String.valueOf(outsideCollege))))
			.doesNotContain("界外" + tag);
		assertThat(body(user, get("/api/v1/coverage"))).doesNotContain("外院" + tag);
		assertThat(body(user, get("/duplicates"))).contains("界内" + tag).doesNotContain("界外" + tag);
		assertThat(body(user, get("/duplicates/export").param("format", "csv"))).contains("界内" + tag)
			.doesNotContain("界外" + tag);
		assertThat(body(user, get("/api/v1/duplicates"))).contains("界内" + tag).doesNotContain("界外" + tag);
		assertThat(body(user, get("/coverage/responsible-options").param("responsibleQuery", "界外" + tag)))
			.doesNotContain("界外" + tag);

		mvc.perform(get("/duplicates/merge").param("lead", String.valueOf(outside1)).param("other", String.valueOf(outside2))
			.with(user(user))).andExpect(status().isNotFound());
		mvc.perform(get("/duplicates/merge").param("lead", String.valueOf(inside1)).param("other", String.valueOf(outside1))
			.with(user(user))).andExpect(status().isNotFound());
		mvc.perform(post("/duplicates/merge").param("lead", String.valueOf(inside1)).param("other", String.valueOf(outside1))
			.param("leadVersion", "0").param("otherVersion", "0").with(user(user)).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/duplicates/dismiss").param("first", String.valueOf(outside1)).param("second", String.valueOf(outside2))
			.with(user(user)).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/duplicates/merge").param("lead", String.valueOf(outside1))
			.param("other", String.valueOf(outside2)).with(user(user))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/duplicates/merge").contentType("application/json")
			.content("{\"lead\":" + inside1 + ",\"other\":" + outside1 + ",\"leadVersion\":0,\"otherVersion\":0}")
			.with(user(user)).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/duplicates/dismiss").contentType("application/json")
			.content("{\"first\":" + outside1 + ",\"second\":" + outside2 + "}").with(user(user)).with(csrf()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/coverage/phone").param("person", String.valueOf(outside1)).param("version", "0")
			.param("phone", "13912345678").with(user(user)).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/coverage/responsible").param("person", String.valueOf(outside1))
			.param("responsible", String.valueOf(staff)).param("role", "COUNSELOR").with(user(user)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/api/v1/coverage/responsible").contentType("application/json")
			.content("{\"people\":[" + outside1 + "],\"responsible\":" + staff + ",\"role\":\"COUNSELOR\"}")
			.with(user(user)).with(csrf())).andExpect(status().is(422));
		assertThat(jdbc.sql("select count(*) from responsibility where target_kind = 'PERSON' and target_id = ?")
			.param(outside1).query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from person where id in (?, ?) and active = true and phone is null")
			.params(outside1, outside2).query(Long.class).single()).isEqualTo(2);

		// inside the scope the API merges, and reports a stale version as a conflict
		String preview = body(user, get("/api/v1/duplicates/merge").param("lead", String.valueOf(inside1))
			.param("other", String.valueOf(inside2)));
		assertThat(preview).contains("\"leadVersion\"").doesNotContain("界外");
		mvc.perform(post("/api/v1/duplicates/merge").contentType("application/json")
			.content("{\"lead\":" + inside1 + ",\"other\":" + inside2 + ",\"leadVersion\":99,\"otherVersion\":0}")
			.with(user(user)).with(csrf())).andExpect(status().isConflict());
		int v1 = jdbc.sql("select version from person where id = ?").param(inside1).query(Integer.class).single();
		int v2 = jdbc.sql("select version from person where id = ?").param(inside2).query(Integer.class).single();
		mvc.perform(post("/api/v1/duplicates/merge").contentType("application/json")
			.content("{\"lead\":" + inside1 + ",\"other\":" + inside2 + ",\"leadVersion\":" + v1 + ",\"otherVersion\":" + v2
					+ ",\"keep\":{\"NAME\":\"OTHER\"}}")
			.with(user(user)).with(csrf())).andExpect(status().isOk());
		assertThat(jdbc.sql("select merged_into_id from person where id = ?").param(inside2).query(Long.class).single())
			.isEqualTo(inside1);
	}

	private String body(CurrentUser user, MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(user(user))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private List<String> names(CurrentUser user, Coverage.Problem problem) {
		return coverage.people(user, new Coverage.Filter(problem, null, null), new PageQuery(0, 200, "name", false))
			.items().stream().map(PersonSummary::name).toList();
	}

	private long person(String name, String phone, boolean noSmartphone, Long household, long orgUnit, Long place) {
		return insert("""
				insert into person (school_id, name, population, id_type, phone, no_smartphone, household_id, org_unit_id,
				                    residence_place_id) values (?, ?, 'STAFF', 'OTHER', ?, ?, ?, ?, ?)""",
				schoolId, name, phone, noSmartphone, household, orgUnit, place);
	}

	private long unit(Long parent, String kind, String name) {
		String parentPath = parent == null ? "/"
				: jdbc.sql("select path from org_unit where id = ?").param(parent).query(String.class).single();
		long id = insert("insert into org_unit (school_id, parent_id, kind, code, name, path) values (?, ?, ?, ?, ?, 'x')",
				schoolId, parent, kind, name, name);
		jdbc.sql("update org_unit set path = ? where id = ?").params(parentPath + id + "/", id).update();
		return id;
	}

	private long insert(String sql, Object... params) {
		return TestRows.insert(jdbc, sql, params);
	}
}
