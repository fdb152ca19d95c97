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

	/** An org unit of the tree as other modules roll figures up it; {@code path} is {@code /1/7/42/}. */
	public record OrgUnitNode(long id, Long parentId, OrgUnitKind kind, String code, String name, String path,
			boolean active, java.time.Instant createdAt) {
	}

	/** Every org unit of the school within the user's data scope, parents before children. */
	@Transactional(readOnly = true)
	public List<OrgUnitNode> orgUnitsInScope(CurrentUser user) {
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		String scope = scopes.orgUnitPredicate(scopes.roots(user), "o", params);
		return jdbc.sql("select o.id, o.parent_id, o.kind, o.code, o.name, o.path, o.active, o.created_at from org_unit o"
				+ " where o.school_id = ? and " + scope + " order by o.path").params(params)
			.query((rs, i) -> new OrgUnitNode(rs.getLong(1), rs.getObject(2, Long.class), OrgUnitKind.valueOf(rs.getString(3)),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7),
					rs.getObject(8, java.time.OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * SQL that is true for a person row aliased {@code p} within the user's data scope, for set-based
	 * counts in other modules (the same rule as every directory list); its parameters are appended to
	 * {@code params}.
	 */
	public String personInScope(CurrentUser user, List<Object> params) {
		return scopes.personPredicate(scopes.roots(user), params);
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
}
