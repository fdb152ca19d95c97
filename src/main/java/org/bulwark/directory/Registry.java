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
			List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
			List<Object> params = new ArrayList<>();
			params.add(user.schoolId());
			String scope = scopes.personPredicate(roots, params);
			String in = String.join(",", chunk.stream().map(String::valueOf).toList());
			List<Object> all = new ArrayList<>();
			StringBuilder sql = new StringBuilder();
			String[] branches = {
					"r.target_kind = 'PERSON' and r.target_id = p.id",
					"r.target_kind = 'HOUSEHOLD' and r.target_id = p.household_id",
					"r.target_kind = 'ORG_UNIT' and exists (select 1 from org_unit o, org_unit t where o.id = p.org_unit_id"
							+ " and t.id = r.target_id and o.path like concat(t.path, '%'))",
					"r.target_kind = 'PLACE' and exists (select 1 from place x, place t where x.id = p.residence_place_id"
							+ " and t.id = r.target_id and x.path like concat(t.path, '%'))",
					"r.target_kind = 'GRID' and (exists (select 1 from grid_org_unit g, org_unit o, org_unit t"
							+ " where g.grid_id = r.target_id and t.id = g.org_unit_id and o.id = p.org_unit_id"
							+ " and o.path like concat(t.path, '%')) or exists (select 1 from grid_place g, place x, place t"
							+ " where g.grid_id = r.target_id and t.id = g.place_id and x.id = p.residence_place_id"
							+ " and x.path like concat(t.path, '%')))"};
			for (String branch : branches) {
				if (!sql.isEmpty()) {
					sql.append(" union ");
				}
				// ids are longs, so joining them into the statement cannot inject anything
				sql.append("select p.id as pid, rp.id as sid, rp.name as sname, rp.phone as sphone, r.role as srole"
						+ " from person p, responsibility r, person rp"
						+ " where p.school_id = ? and p.id in (" + in + ") and " + scope + " and r.school_id = p.school_id"
						+ " and rp.id = r.responsible_person_id and rp.active = true and " + branch);
				all.addAll(params);
			}
			jdbc.sql("select * from (" + sql + ") s order by 1, 5, 3").params(all).query(rs -> {
				result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
					.add(new ResponsibleStaff(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
			});
		}
		return result;
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
