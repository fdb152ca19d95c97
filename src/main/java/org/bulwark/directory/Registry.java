package org.bulwark.directory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
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
	private final Grids grids;

	Registry(People people, JdbcClient jdbc, ScopeFilter scopes, Grids grids) {
		this.people = people;
		this.jdbc = jdbc;
		this.scopes = scopes;
		this.grids = grids;
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
		Optional<PersonSummary> person = own ? people.findUnscoped(personId) : people.find(user, personId);
		return person.map(p -> new Subject(p.id(), p.name(), p.population(), p.orgUnitId(), lineage(p.orgUnitId()),
				p.active()));
	}

	/** A person within the user's data scope (their own record does not count here), as lists show them. */
	@Transactional(readOnly = true)
	public Optional<PersonSummary> summary(CurrentUser user, long personId) {
		return people.find(user, personId);
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
			.map(path -> Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).map(Long::valueOf).toList())
			.orElse(List.of(orgUnitId));
	}

	/**
	 * A person of a school, without a data scope: only for callers that have established the right to
	 * act for them in another way (the holder of a personal link, a household head, a named proxy).
	 */
	@Transactional(readOnly = true)
	public Optional<Subject> findInSchool(long schoolId, long personId) {
		boolean inSchool = jdbc.sql("select count(*) from person where id = ? and school_id = ?").params(personId, schoolId)
			.query(Long.class).single() > 0;
		return !inSchool ? Optional.empty() : people.findUnscoped(personId)
			.map(p -> new Subject(p.id(), p.name(), p.population(), p.orgUnitId(), lineage(p.orgUnitId()), p.active()));
	}

	/** The other members of the households a person heads, oldest first. */
	@Transactional(readOnly = true)
	public List<Subject> householdOf(long schoolId, long headPersonId) {
		return jdbc.sql("""
				select p.id from person p join household h on h.id = p.household_id
				where h.school_id = ? and h.head_person_id = ? and p.id <> ? order by p.birth_date, p.id""")
			.params(schoolId, headPersonId, headPersonId).query(Long.class).list().stream()
			.map(id -> findInSchool(schoolId, id)).flatMap(Optional::stream).toList();
	}

	/** A predicate on a person row aliased {@code p} that holds within the user's data scope. */
	public String personScope(CurrentUser user, List<Object> params) {
		return scopes.personPredicate(scopes.roots(user), params);
	}

	/** What a group of people is named by: an org unit, a place (where they live) or a grid. */
	public enum GroupKind {
		ORG_UNIT, PLACE, GRID
	}

	/** The active people of a group, at most the limit asked for; {@code truncated} when there were more. */
	public record Group(GroupKind kind, long id, String code, String name, List<PersonSummary> people, boolean truncated) {
	}

	/**
	 * The active people of an org unit subtree, a place subtree (by residence) or a grid, within the
	 * user's scope; empty when the group is unknown or outside the scope.
	 */
	@Transactional(readOnly = true)
	public Optional<Group> group(CurrentUser user, GroupKind kind, String code, int limit) {
		if (code == null || code.isBlank()) {
			return Optional.empty();
		}
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		params.add(code.strip());
		ScopeFilter.Roots roots = scopes.roots(user);
		String sql = switch (kind) {
			case ORG_UNIT -> "select o.id, o.code, o.name from org_unit o where o.school_id = ? and o.code = ? and "
					+ scopes.orgUnitPredicate(roots, "o", params);
			case PLACE -> "select x.id, x.code, x.name from place x where x.school_id = ? and x.code = ? and "
					+ scopes.placePredicate(roots, "x", params);
			case GRID -> "select g.id, g.code, g.name from grid g where g.school_id = ? and g.code = ? and "
					+ grids.visible(user, params);
		};
		Optional<Object[]> found = jdbc.sql(sql).params(params)
			.query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}).optional();
		return found.map(row -> {
			long id = (Long) row[0];
			PersonFilter filter = new PersonFilter(null, null, kind == GroupKind.ORG_UNIT ? id : null,
					kind == GroupKind.PLACE ? id : null, true, null);
			People.Restriction restriction = kind != GroupKind.GRID ? null : new People.Restriction("""
					(p.org_unit_id in (select go2.id from org_unit go2 join org_unit gr on go2.path like concat(gr.path, '%')
					   join grid_org_unit gu on gu.org_unit_id = gr.id where gu.grid_id = ?)
					 or p.residence_place_id in (select gp2.id from place gp2 join place gq on gp2.path like concat(gq.path, '%')
					   join grid_place gpl on gpl.place_id = gq.id where gpl.grid_id = ?))""", List.of(id, id));
			List<PersonSummary> members = new ArrayList<>();
			boolean[] truncated = {false};
			people.stream(user, filter, restriction, p -> {
				if (members.size() < limit) {
					members.add(p);
				}
				else {
					truncated[0] = true;
				}
			});
			return new Group(kind, id, (String) row[1], (String) row[2], List.copyOf(members), truncated[0]);
		});
	}
}
