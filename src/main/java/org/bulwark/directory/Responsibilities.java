package org.bulwark.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bulwark.directory.ResponsibilityRole.Target;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who answers for whom: one person in a role for many targets at once (a counselor for many
 * classes), the "1+4" team for every household of a building, and ending an assignment. Both the
 * responsible person and every target must lie within the editor's scope.
 */
@Service
class Responsibilities {

	private final JdbcClient jdbc;
	private final People people;
	private final ScopeFilter scopes;
	private final Grids grids;
	private final AuditLog audit;
	private final PersonTimeline timeline;

	Responsibilities(JdbcClient jdbc, People people, ScopeFilter scopes, Grids grids, AuditLog audit,
			PersonTimeline timeline) {
		this.jdbc = jdbc;
		this.people = people;
		this.scopes = scopes;
		this.grids = grids;
		this.audit = audit;
		this.timeline = timeline;
	}

	record Assignment(long id, long personId, String personName, ResponsibilityRole role, Target target, long targetId,
			String targetName) {
	}

	private static final String TARGET_NAME = """
			case r.target_kind
			  when 'ORG_UNIT' then (select o.name from org_unit o where o.id = r.target_id)
			  when 'PLACE' then (select x.name from place x where x.id = r.target_id)
			  when 'GRID' then (select g.name from grid g where g.id = r.target_id)
			  when 'HOUSEHOLD' then (select h.code from household h where h.id = r.target_id)
			  else (select tp.name from person tp where tp.id = r.target_id) end""";

	/** Assignments whose responsible person the user sees, filtered by role, target kind and a name. */
	PageResult<Assignment> search(CurrentUser user, String q, ResponsibilityRole role, Target target, Long targetId,
			PageQuery page) {
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		StringBuilder where = new StringBuilder("r.school_id = ? and p.id = r.responsible_person_id and ")
			.append(scopes.personPredicate(scopes.roots(user), params));
		if (q != null && !q.isBlank()) {
			where.append(" and (p.name like ? or p.code like ?)");
			params.add(q.strip().replace("%", "") + "%");
			params.add(q.strip().replace("%", "") + "%");
		}
		if (role != null) {
			where.append(" and r.role = ?");
			params.add(role.name());
		}
		if (target != null) {
			where.append(" and r.target_kind = ?");
			params.add(target.name());
		}
		if (targetId != null) {
			where.append(" and r.target_id = ?");
			params.add(targetId);
		}
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<Assignment> items = jdbc.sql("select r.id, p.id, p.name, r.role, r.target_kind, r.target_id, " + TARGET_NAME
				+ " from responsibility r, person p where " + where + " order by p.name, r.role, r.id limit ? offset ?")
			.params(pageParams)
			.query((rs, i) -> new Assignment(rs.getLong(1), rs.getLong(2), rs.getString(3),
					ResponsibilityRole.valueOf(rs.getString(4)), Target.valueOf(rs.getString(5)), rs.getLong(6),
					rs.getString(7)))
			.list();
		long total = jdbc.sql("select count(*) from responsibility r, person p where " + where).params(params)
			.query(Long.class).single();
		return new PageResult<>(items, page.page(), page.size(), total, false);
	}

	/** Makes one person responsible in one role for every target given by code; all of them or none. */
	@Transactional
	Residences.Outcome assign(CurrentUser user, String personCode, ResponsibilityRole role, Target target,
			List<String> targetCodes) {
		List<FieldProblem> problems = new ArrayList<>();
		Optional<PersonSummary> person = byCode(user, personCode);
		if (person.isEmpty()) {
			problems.add(FieldProblem.of("person", personCode == null || personCode.isBlank() ? "required" : "unknownCode",
					personCode == null ? "" : personCode.strip()));
		}
		if (role == null) {
			problems.add(FieldProblem.of("role", "required"));
		} else if (!ResponsibilityRules.fits(role, target)) {
			problems.add(FieldProblem.of("target", "roleDoesNotFit"));
		}
		if (targetCodes.isEmpty()) {
			problems.add(FieldProblem.of("targets", "required"));
		}
		if (!problems.isEmpty()) {
			return Residences.Outcome.rejected(problems);
		}
		Map<String, Long> targets = resolve(user, target, targetCodes);
		List<String> unknown = targetCodes.stream().filter(c -> !targets.containsKey(c)).toList();
		if (!unknown.isEmpty()) {
			return Residences.Outcome.rejected(FieldProblem.of("targets", "unknownTargets", String.join(", ", unknown)));
		}
		int added = insert(user, person.get().id(), role, target, targets.values());
		audit.record(AuditAction.CREATE, "responsibility", person.get().id(), person.get().name() + " as " + role + " for "
				+ targets.size() + " " + target + ": " + String.join(", ", targets.keySet()));
		timeline.record(person.get().id(), PersonTimeline.DIRECTORY, "responsibilityAssigned", role + " " + target + " "
				+ String.join(", ", targets.keySet()), null);
		return Residences.Outcome.ok(added);
	}

	/** The "1+4" team for every household living in a building (or floor): each role a person code, blank to skip. */
	@Transactional
	Residences.Outcome assignTeamToHouseholds(CurrentUser user, String placeCode, Map<ResponsibilityRole, String> team) {
		List<Object> params = new ArrayList<>(List.of(user.schoolId(), placeCode == null ? "" : placeCode.strip()));
		Optional<String> path = jdbc.sql("select t.path from place t where t.school_id = ? and t.code = ? and "
				+ scopes.placePredicate(scopes.roots(user), "t", params)).params(params).query(String.class).optional();
		if (path.isEmpty()) {
			return Residences.Outcome.rejected(FieldProblem.of("building", placeCode == null || placeCode.isBlank()
					? "required" : "unknownPart", placeCode == null ? "" : placeCode.strip()));
		}
		List<Long> households = jdbc.sql("select h.id from household h join place x on x.id = h.place_id"
				+ " where h.school_id = ? and x.path like ?").params(user.schoolId(), path.get() + "%").query(Long.class)
			.list();
		if (households.isEmpty()) {
			return Residences.Outcome.rejected(FieldProblem.of("building", "noHouseholds", placeCode.strip()));
		}
		List<FieldProblem> problems = new ArrayList<>();
		Map<ResponsibilityRole, PersonSummary> members = new LinkedHashMap<>();
		team.forEach((role, code) -> {
			if (code != null && !code.isBlank()) {
				byCode(user, code).ifPresentOrElse(p -> members.put(role, p),
						() -> problems.add(FieldProblem.of(role.name(), "unknownCode", code.strip())));
			}
		});
		if (members.isEmpty()) {
			problems.add(FieldProblem.of("team", "required"));
		}
		if (!problems.isEmpty()) {
			return Residences.Outcome.rejected(problems);
		}
		int added = 0;
		for (var m : members.entrySet()) {
			added += insert(user, m.getValue().id(), m.getKey(), Target.HOUSEHOLD, households);
			timeline.record(m.getValue().id(), PersonTimeline.DIRECTORY, "responsibilityAssigned", m.getKey() + " "
					+ households.size() + " HOUSEHOLD " + placeCode.strip(), null);
		}
		audit.record(AuditAction.CREATE, "responsibility", null, "1+4 team for " + households.size()
				+ " households of " + placeCode.strip() + ": " + members.keySet());
		return Residences.Outcome.ok(added);
	}

	@Transactional
	Residences.Outcome revoke(CurrentUser user, long id) {
		Optional<Assignment> a = jdbc.sql("select r.id, p.id, p.name, r.role, r.target_kind, r.target_id, " + TARGET_NAME
				+ " from responsibility r join person p on p.id = r.responsible_person_id where r.id = ? and r.school_id = ?")
			.params(id, user.schoolId())
			.query((rs, i) -> new Assignment(rs.getLong(1), rs.getLong(2), rs.getString(3),
					ResponsibilityRole.valueOf(rs.getString(4)), Target.valueOf(rs.getString(5)), rs.getLong(6),
					rs.getString(7)))
			.optional();
		if (a.isEmpty() || people.find(user, a.get().personId()).isEmpty()) {
			return Residences.Outcome.rejected(FieldProblem.of("responsibility", "notFound"));
		}
		jdbc.sql("delete from responsibility where id = ?").param(id).update();
		if (a.get().role() == ResponsibilityRole.GRID_LEADER && a.get().target() == Target.GRID) {
			jdbc.sql("update grid set leader_person_id = null, version = version + 1 where id = ? and leader_person_id = ?")
				.params(a.get().targetId(), a.get().personId()).update();
		}
		audit.record(AuditAction.DELETE, "responsibility", id, a.get().personName() + " no longer " + a.get().role()
				+ " for " + a.get().target() + " " + a.get().targetName());
		timeline.record(a.get().personId(), PersonTimeline.DIRECTORY, "responsibilityRevoked", a.get().role() + " "
				+ a.get().targetName(), null);
		return Residences.Outcome.ok(id);
	}

	private int insert(CurrentUser user, long personId, ResponsibilityRole role, Target target,
			java.util.Collection<Long> targetIds) {
		int added = 0;
		for (long t : targetIds) {
			added += jdbc.sql("""
					insert into responsibility (school_id, responsible_person_id, role, target_kind, target_id)
					select ?, ?, ?, ?, ? where not exists (select 1 from responsibility
					  where responsible_person_id = ? and role = ? and target_kind = ? and target_id = ?)""")
				.params(user.schoolId(), personId, role.name(), target.name(), t, personId, role.name(), target.name(), t)
				.update();
		}
		return added;
	}

	/** Codes to ids of targets the user sees. */
	Map<String, Long> resolve(CurrentUser user, Target target, List<String> codes) {
		Map<String, Long> found = new LinkedHashMap<>();
		for (String code : new LinkedHashSet<>(codes)) {
			List<Object> params = new ArrayList<>(List.of(user.schoolId(), code));
			String sql = switch (target) {
				case ORG_UNIT -> "select t.id from org_unit t where t.school_id = ? and t.code = ? and "
						+ scopes.orgUnitPredicate(scopes.roots(user), "t", params);
				case PLACE -> "select t.id from place t where t.school_id = ? and t.code = ? and "
						+ scopes.placePredicate(scopes.roots(user), "t", params);
				case HOUSEHOLD -> "select h.id from household h join place t on t.id = h.place_id where h.school_id = ?"
						+ " and h.code = ? and " + scopes.placePredicate(scopes.roots(user), "t", params);
				case GRID -> "select g.id from grid g where g.school_id = ? and g.code = ? and " + grids.visible(user, params);
				case PERSON -> "select p.id from person p where p.school_id = ? and p.code = ? and "
						+ scopes.personPredicate(scopes.roots(user), params);
			};
			jdbc.sql(sql).params(params).query(Long.class).list().stream().findFirst().ifPresent(id -> found.put(code, id));
		}
		return found;
	}

	private Optional<PersonSummary> byCode(CurrentUser user, String code) {
		if (code == null || code.isBlank()) {
			return Optional.empty();
		}
		return jdbc.sql("select id from person where school_id = ? and code = ? order by id").params(user.schoolId(),
				code.strip()).query(Long.class).list().stream().findFirst().flatMap(id -> people.find(user, id));
	}

	/**
	 * The people someone answers for, as a condition on the person row {@code p}: directly, through
	 * their household, the subtree of an org unit or place, or a grid's units and places. The
	 * inverse of the person page's list of responsibles.
	 */
	People.Restriction answeredBy(long responsiblePersonId) {
		List<Object[]> rows = jdbc.sql("select target_kind, target_id from responsibility where responsible_person_id = ?")
			.param(responsiblePersonId).query((rs, i) -> new Object[] {rs.getString(1), rs.getLong(2)}).list();
		Set<Long> persons = new LinkedHashSet<>();
		Set<Long> households = new LinkedHashSet<>();
		Set<Long> orgUnits = new LinkedHashSet<>();
		Set<Long> places = new LinkedHashSet<>();
		Set<Long> gridIds = new LinkedHashSet<>();
		for (Object[] r : rows) {
			long id = (Long) r[1];
			switch (Target.valueOf((String) r[0])) {
				case PERSON -> persons.add(id);
				case HOUSEHOLD -> households.add(id);
				case ORG_UNIT -> orgUnits.add(id);
				case PLACE -> places.add(id);
				case GRID -> gridIds.add(id);
			}
		}
		if (!gridIds.isEmpty()) {
			String g = join(gridIds);
			orgUnits.addAll(jdbc.sql("select org_unit_id from grid_org_unit where grid_id in (" + g + ")").query(Long.class).list());
			places.addAll(jdbc.sql("select place_id from grid_place where grid_id in (" + g + ")").query(Long.class).list());
		}
		List<String> parts = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		if (!persons.isEmpty()) {
			parts.add("p.id in (" + join(persons) + ")");
		}
		if (!households.isEmpty()) {
			parts.add("p.household_id in (" + join(households) + ")");
		}
		List<String> orgPaths = orgUnits.isEmpty() ? List.of()
				: jdbc.sql("select path from org_unit where id in (" + join(orgUnits) + ")").query(String.class).list();
		List<String> placePaths = places.isEmpty() ? List.of()
				: jdbc.sql("select path from place where id in (" + join(places) + ")").query(String.class).list();
		if (!orgPaths.isEmpty() || !placePaths.isEmpty()) {
			parts.add(scopes.personPredicate(new ScopeFilter.Roots(false, orgPaths, placePaths), params));
		}
		return new People.Restriction(parts.isEmpty() ? "1=0" : "(" + String.join(" or ", parts) + ")", params);
	}

	/** Ids come from the database as longs, so joining them into SQL cannot inject anything. */
	private static String join(Set<Long> ids) {
		return String.join(",", ids.stream().map(String::valueOf).toList());
	}
}
