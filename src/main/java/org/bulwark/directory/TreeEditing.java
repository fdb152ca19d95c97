package org.bulwark.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Grows and prunes the two trees: org units and places, one node at a time or a whole building
 * from its pattern. New nodes go only under a parent inside the editor's scope (or at the top for
 * users who see everything); codes are unique per school; every change is audited.
 */
@Service
class TreeEditing {

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final ScopeFilter scopes;
	private final AuditLog audit;

	TreeEditing(JdbcClient jdbc, JdbcTemplate template, ScopeFilter scopes, AuditLog audit) {
		this.jdbc = jdbc;
		this.template = template;
		this.scopes = scopes;
		this.audit = audit;
	}

	/** The new node's id, or the problems by field. */
	record Result(Long id, List<FieldProblem> problems) {

		static Result ok(long id) {
			return new Result(id, List.of());
		}

		static Result rejected(List<FieldProblem> problems) {
			return new Result(null, problems);
		}

		boolean saved() {
			return id != null;
		}
	}

	@Transactional
	Result addOrgUnit(CurrentUser user, Long parentId, OrgUnitKind kind, String code, String name) {
		List<FieldProblem> problems = nodeProblems(kind, code, name);
		String parentPath = parentPath(user, "org_unit", parentId, problems);
		if (!problems.isEmpty()) {
			return Result.rejected(problems);
		}
		long id;
		try {
			id = insert("insert into org_unit (school_id, parent_id, kind, code, name, path) values (?, ?, ?, ?, ?, 'x')",
					user.schoolId(), parentId, kind.name(), code.strip(), PersonRules.collapse(name));
		} catch (DuplicateKeyException e) {
			return Result.rejected(List.of(FieldProblem.of("code", "codeTaken", code.strip())));
		}
		jdbc.sql("update org_unit set path = ? where id = ?").params(parentPath + id + "/", id).update();
		audit.record(AuditAction.CREATE, "org_unit", id, "added " + kind + " " + name + " (" + code + ")");
		return Result.ok(id);
	}

	@Transactional
	Result addPlace(CurrentUser user, Long parentId, PlaceKind kind, PlaceUsage usage, String code, String name,
			Integer capacity) {
		List<FieldProblem> problems = nodeProblems(kind, code, name);
		if (usage == null) {
			problems.add(FieldProblem.of("usage", "required"));
		}
		if (capacity != null && (capacity < 0 || capacity > 100_000)) {
			problems.add(FieldProblem.of("capacity", "range", 0, 100_000));
		}
		String parentPath = parentPath(user, "place", parentId, problems);
		if (!problems.isEmpty()) {
			return Result.rejected(problems);
		}
		long id;
		try {
			id = insert("""
					insert into place (school_id, parent_id, kind, usage, code, name, capacity, path)
					values (?, ?, ?, ?, ?, ?, ?, 'x')""", user.schoolId(), parentId, kind.name(), usage.name(),
					code.strip(), PersonRules.collapse(name), capacity);
		} catch (DuplicateKeyException e) {
			return Result.rejected(List.of(FieldProblem.of("code", "codeTaken", code.strip())));
		}
		jdbc.sql("update place set path = ? where id = ?").params(parentPath + id + "/", id).update();
		audit.record(AuditAction.CREATE, "place", id, "added " + kind + " " + name + " (" + code + ")");
		return Result.ok(id);
	}

	/** A building with all its floors and rooms, in one transaction: all of it or none. */
	@Transactional
	Result addBuilding(CurrentUser user, Long parentId, BuildingPattern pattern) {
		List<FieldProblem> problems = new ArrayList<>(pattern.problems());
		if (parentId == null) {
			problems.add(FieldProblem.of("parent", "required"));
		}
		if (!problems.isEmpty()) {
			return Result.rejected(problems);
		}
		Result building = addPlace(user, parentId, PlaceKind.BUILDING, pattern.usage(), pattern.code(), pattern.name(),
				null);
		if (!building.saved()) {
			return building;
		}
		List<BuildingPattern.Node> nodes = pattern.expand();
		List<String> taken = jdbc.sql("select code from place where school_id = ? and code like ?")
			.params(user.schoolId(), pattern.code().strip() + "-%").query(String.class).list();
		List<String> clashes = nodes.stream().map(BuildingPattern.Node::code).filter(taken::contains).limit(5).toList();
		if (!clashes.isEmpty()) {
			throw new PatternClash(String.join(", ", clashes));
		}
		String buildingPath = jdbc.sql("select path from place where id = ?").param(building.id()).query(String.class)
			.single();
		List<Long> floorIds = new ArrayList<>();
		for (BuildingPattern.Node floor : nodes.stream().filter(n -> n.kind() == PlaceKind.FLOOR).toList()) {
			long floorId = insert("""
					insert into place (school_id, parent_id, kind, usage, code, name, path) values (?, ?, 'FLOOR', ?, ?, ?, 'x')""",
					user.schoolId(), building.id(), pattern.usage().name(), floor.code(), floor.name());
			jdbc.sql("update place set path = ? where id = ?").params(buildingPath + floorId + "/", floorId).update();
			floorIds.add(floorId);
		}
		List<Object[]> rooms = nodes.stream().filter(n -> n.kind() == PlaceKind.ROOM)
			.map(r -> new Object[] {user.schoolId(), floorIds.get(r.floorIndex()), pattern.usage().name(), r.code(),
					r.name(), r.capacity()})
			.toList();
		template.batchUpdate("""
				insert into place (school_id, parent_id, kind, usage, code, name, capacity, path)
				values (?, ?, 'ROOM', ?, ?, ?, ?, 'x')""", rooms);
		jdbc.sql("update place set path = concat((select f.path from place f where f.id = place.parent_id), cast(id as varchar), '/')"
				+ " where parent_id in (" + floorIds.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")")
			.update();
		audit.record(AuditAction.CREATE, "place", building.id(), "added building " + pattern.name() + " with "
				+ floorIds.size() + " floors and " + rooms.size() + " rooms of " + pattern.beds() + " beds");
		return building;
	}

	/** Thrown inside the transaction so the building already inserted is rolled back too. */
	static class PatternClash extends RuntimeException {

		PatternClash(String codes) {
			super(codes);
		}
	}

	@Transactional
	boolean rename(CurrentUser user, String table, long id, String name) {
		if (name == null || name.isBlank() || !visible(user, table, id)) {
			return false;
		}
		String before = jdbc.sql("select name from " + table + " where id = ?").param(id).query(String.class).single();
		jdbc.sql("update " + table + " set name = ? where id = ?").params(PersonRules.collapse(name), id).update();
		audit.record(AuditAction.UPDATE, table, id, "renamed", "name=" + before, "name=" + PersonRules.collapse(name));
		return true;
	}

	@Transactional
	boolean setActive(CurrentUser user, String table, long id, boolean active) {
		if (!visible(user, table, id)) {
			return false;
		}
		jdbc.sql("update " + table + " set active = ? where id = ?").params(active, id).update();
		audit.record(AuditAction.UPDATE, table, id, active ? "reactivated" : "deactivated", "active=" + !active,
				"active=" + active);
		return true;
	}

	private boolean visible(CurrentUser user, String table, long id) {
		List<Object> params = new ArrayList<>(List.of(id, user.schoolId()));
		String alias = "t";
		String scope = table.equals("place") ? scopes.placePredicate(scopes.roots(user), alias, params)
				: scopes.orgUnitPredicate(scopes.roots(user), alias, params);
		return jdbc.sql("select count(*) from " + table + " t where t.id = ? and t.school_id = ? and " + scope)
			.params(params).query(Long.class).single() > 0;
	}

	private static List<FieldProblem> nodeProblems(Object kind, String code, String name) {
		List<FieldProblem> problems = new ArrayList<>();
		if (kind == null) {
			problems.add(FieldProblem.of("kind", "required"));
		}
		problems.addAll(codeAndName(code, name));
		return problems;
	}

	/** A code (unique key, up to 64 characters) and a name (up to 200) of a node, a grid or an imported row. */
	static List<FieldProblem> codeAndName(String code, String name) {
		List<FieldProblem> problems = new ArrayList<>();
		if (code == null || code.isBlank()) {
			problems.add(FieldProblem.of("code", "required"));
		} else if (code.strip().length() > 64) {
			problems.add(FieldProblem.of("code", "tooLong", 64));
		}
		if (name == null || name.isBlank()) {
			problems.add(FieldProblem.of("name", "required"));
		} else if (name.strip().length() > 200) {
			problems.add(FieldProblem.of("name", "tooLong", 200));
		}
		return problems;
	}

	/** The parent's path when the editor may add under it; the root '/' only for whole-school editors. */
	private String parentPath(CurrentUser user, String table, Long parentId, List<FieldProblem> problems) {
		if (parentId == null) {
			if (!user.scope().all()) {
				problems.add(FieldProblem.of("parent", "outOfScope"));
			}
			return "/";
		}
		if (!visible(user, table, parentId)) {
			problems.add(FieldProblem.of("parent", "outOfScope"));
			return "/";
		}
		return jdbc.sql("select path from " + table + " where id = ?").param(parentId).query(String.class).single();
	}

	private long insert(String sql, Object... params) {
		var key = new GeneratedKeyHolder();
		jdbc.sql(sql).params(params).update(key, "id");
		return key.getKey().longValue();
	}
}
