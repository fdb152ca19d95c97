package org.bulwark.directory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The directory for other modules: finds a person the way the directory's own pages do, through
 * the user's data scope, with what other modules decide by (population, org unit lineage).
 */
@Service
public class Registry {

	private final People people;
	private final JdbcClient jdbc;
	private final ScopeFilter scopes;

	Registry(People people, JdbcClient jdbc, ScopeFilter scopes) {
		this.people = people;
		this.jdbc = jdbc;
		this.scopes = scopes;
	}

	/** An org unit as other modules name it in their settings. */
	public record OrgUnitRef(long id, String code, String name) {
	}

	/** The org units with these codes that the user's scope covers; codes not found are simply missing. */
	@Transactional(readOnly = true)
	public List<OrgUnitRef> orgUnitsByCode(CurrentUser user, Collection<String> codes) {
		if (codes.isEmpty()) {
			return List.of();
		}
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		String in = String.join(",", Collections.nCopies(codes.size(), "?"));
		params.addAll(codes);
		String scope = scopes.orgUnitPredicate(scopes.roots(user), "o", params);
		return jdbc.sql("select o.id, o.code, o.name from org_unit o where o.school_id = ? and o.code in (" + in + ") and "
				+ scope + " order by o.path").params(params)
			.query((rs, i) -> new OrgUnitRef(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
	}

	/** Org units of a school by id, e.g. to show what a setting refers to. */
	@Transactional(readOnly = true)
	public List<OrgUnitRef> orgUnitsById(long schoolId, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		List<Object> params = new ArrayList<>();
		params.add(schoolId);
		params.addAll(ids);
		return jdbc.sql("select id, code, name from org_unit where school_id = ? and id in ("
				+ String.join(",", Collections.nCopies(ids.size(), "?")) + ") order by path").params(params)
			.query((rs, i) -> new OrgUnitRef(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
	}

	/**
	 * @param orgUnitLineage the person's org unit and its ancestors, root first; empty without one
	 */
	public record Subject(long personId, String name, Population population, Long orgUnitId, List<Long> orgUnitLineage,
			boolean active) {
	}

	/**
	 * A person the user may act for: their own record, or one within their data scope. Out of scope
	 * and nonexistent look the same, so callers answer both with "not found".
	 */
	@Transactional(readOnly = true)
	public Optional<Subject> find(CurrentUser user, long personId) {
		boolean own = user.personId().map(id -> id == personId).orElse(false);
		if (own) {
			// the morning rush: every phone asks for its own record, in one statement
			return jdbc.sql("""
					select p.id, p.name, p.population, p.org_unit_id, p.active, o.path
					from person p left join org_unit o on o.id = p.org_unit_id where p.id = ?""")
				.param(personId)
				.query((rs, i) -> new Subject(rs.getLong(1), rs.getString(2), Population.valueOf(rs.getString(3)),
						rs.getObject(4) == null ? null : rs.getLong(4), rs.getString(6) == null ? List.of()
								: path(rs.getString(6)), rs.getBoolean(5)))
				.optional();
		}
		return people.find(user, personId).map(p -> new Subject(p.id(), p.name(), p.population(), p.orgUnitId(),
				lineage(p.orgUnitId()), p.active()));
	}

	/** A condition on a person row aliased {@code p} with its parameters, to join other modules' rows to people in scope. */
	public record PersonScope(String predicate, List<Object> params) {
	}

	/** The user's data scope as a condition on {@code p}, for set-based queries of other modules. */
	@Transactional(readOnly = true)
	public PersonScope personScope(CurrentUser user) {
		List<Object> params = new ArrayList<>();
		String predicate = scopes.personPredicate(scopes.roots(user), params);
		return new PersonScope(predicate, List.copyOf(params));
	}

	/** Someone who answers for a person, and in which role (counselor, class teacher, grid member, ...). */
	public record ResponsibleStaff(long personId, String name, String phone, String role) {
	}

	/**
	 * Who answers for each of these people (directly, for their household, for an org unit or place
	 * above them, or their grid), in a few set-based queries; people outside the user's scope are left
	 * out, and so are inactive staff.
	 */
	@Transactional(readOnly = true)
	public Map<Long, List<ResponsibleStaff>> responsibleStaffOf(CurrentUser user, Collection<Long> personIds) {
		Map<Long, List<ResponsibleStaff>> result = new LinkedHashMap<>();
		List<Long> ids = List.copyOf(new LinkedHashSet<>(personIds));
		ScopeFilter.Roots roots = scopes.roots(user);
		for (int from = 0; from < ids.size(); from += 1000) {
			staffOf(user, roots, ids.subList(from, Math.min(ids.size(), from + 1000)), result);
		}
		return result;
	}

	/**
	 * One chunk: the people's org unit and place paths give their ancestors, whose responsibilities
	 * (and those of the grids covering them) are read by indexed target lookups and joined here,
	 * which is far cheaper than matching every assignment's path against every person's in SQL.
	 */
	private void staffOf(CurrentUser user, ScopeFilter.Roots roots, List<Long> chunk,
			Map<Long, List<ResponsibleStaff>> result) {
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		String scope = scopes.personPredicate(roots, params);
		// ids are longs, so joining them into the statement cannot inject anything
		String in = String.join(",", chunk.stream().map(String::valueOf).toList());
		record Target(String kind, long id) {
		}
		Map<Long, List<Target>> targetsOf = new LinkedHashMap<>();
		Set<Long> orgUnits = new LinkedHashSet<>();
		Set<Long> places = new LinkedHashSet<>();
		jdbc.sql("select p.id, p.household_id, o.path, x.path from person p left join org_unit o on o.id = p.org_unit_id"
				+ " left join place x on x.id = p.residence_place_id where p.school_id = ? and p.id in (" + in + ") and "
				+ scope).params(params).query(rs -> {
					List<Target> targets = new ArrayList<>();
					targets.add(new Target("PERSON", rs.getLong(1)));
					if (rs.getObject(2) != null) {
						targets.add(new Target("HOUSEHOLD", rs.getLong(2)));
					}
					if (rs.getString(3) != null) {
						for (long o : path(rs.getString(3))) {
							targets.add(new Target("ORG_UNIT", o));
							orgUnits.add(o);
						}
					}
					if (rs.getString(4) != null) {
						for (long x : path(rs.getString(4))) {
							targets.add(new Target("PLACE", x));
							places.add(x);
						}
					}
					targetsOf.put(rs.getLong(1), targets);
				});
		if (targetsOf.isEmpty()) {
			return;
		}
		Map<Long, Set<Long>> gridsOfOrgUnit = new java.util.HashMap<>();
		Map<Long, Set<Long>> gridsOfPlace = new java.util.HashMap<>();
		if (!orgUnits.isEmpty()) {
			jdbc.sql("select org_unit_id, grid_id from grid_org_unit where org_unit_id in (" + join(orgUnits) + ")")
				.query(rs -> {
					gridsOfOrgUnit.computeIfAbsent(rs.getLong(1), k -> new LinkedHashSet<>()).add(rs.getLong(2));
				});
		}
		if (!places.isEmpty()) {
			jdbc.sql("select place_id, grid_id from grid_place where place_id in (" + join(places) + ")").query(rs -> {
				gridsOfPlace.computeIfAbsent(rs.getLong(1), k -> new LinkedHashSet<>()).add(rs.getLong(2));
			});
		}
		Set<Target> all = new LinkedHashSet<>();
		for (var e : targetsOf.entrySet()) {
			List<Target> extra = new ArrayList<>();
			for (Target t : e.getValue()) {
				Set<Long> grids = "ORG_UNIT".equals(t.kind()) ? gridsOfOrgUnit.get(t.id())
						: "PLACE".equals(t.kind()) ? gridsOfPlace.get(t.id()) : null;
				if (grids != null) {
					grids.forEach(g -> extra.add(new Target("GRID", g)));
				}
			}
			e.getValue().addAll(extra);
			all.addAll(e.getValue());
		}
		Map<Target, List<ResponsibleStaff>> byTarget = new java.util.HashMap<>();
		Map<String, Set<Long>> kinds = new LinkedHashMap<>();
		all.forEach(t -> kinds.computeIfAbsent(t.kind(), k -> new LinkedHashSet<>()).add(t.id()));
		for (var k : kinds.entrySet()) {
			jdbc.sql("select r.target_id, rp.id, rp.name, rp.phone, r.role from responsibility r join person rp"
					+ " on rp.id = r.responsible_person_id and rp.active = true where r.school_id = ? and r.target_kind = ?"
					+ " and r.target_id in (" + join(k.getValue()) + ") order by r.role, rp.name")
				.params(user.schoolId(), k.getKey()).query(rs -> {
					byTarget.computeIfAbsent(new Target(k.getKey(), rs.getLong(1)), x -> new ArrayList<>())
						.add(new ResponsibleStaff(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
				});
		}
		for (var e : targetsOf.entrySet()) {
			Set<ResponsibleStaff> staff = new LinkedHashSet<>();
			e.getValue().forEach(t -> staff.addAll(byTarget.getOrDefault(t, List.of())));
			if (!staff.isEmpty()) {
				result.put(e.getKey(), List.copyOf(staff));
			}
		}
	}

	private static String join(Set<Long> ids) {
		return String.join(",", ids.stream().map(String::valueOf).toList());
	}

	private static List<Long> path(String path) {
		return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
	}

	/** Whether the user's data scope covers the person (their own record does not count here). */
	@Transactional(readOnly = true)
	public boolean inScope(CurrentUser user, long personId) {
		return people.find(user, personId).isPresent();
	}

	private List<Long> lineage(Long orgUnitId) {
		if (orgUnitId == null) {
			return List.of();
		}
		return jdbc.sql("select path from org_unit where id = ?").param(orgUnitId).query(String.class).optional()
			.map(Registry::path)
			.orElse(List.of(orgUnitId));
	}
}
