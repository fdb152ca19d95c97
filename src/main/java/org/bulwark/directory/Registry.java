package org.bulwark.directory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.bulwark.shared.Masks;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
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
	private final PersonProfiles profiles;
	private final AuditLog audit;

	Registry(People people, JdbcClient jdbc, ScopeFilter scopes, PersonProfiles profiles, AuditLog audit) {
		this.people = people;
		this.jdbc = jdbc;
		this.scopes = scopes;
		this.profiles = profiles;
		this.audit = audit;
	}

	/**
	 * A condition on a person row aliased {@code p} that holds for the people within the user's data
	 * scope (their own record does not count), for set-based lists of other modules that join
	 * {@code person p}; its parameters are appended to {@code params}.
	 */
	public String personInScope(CurrentUser user, List<Object> params) {
		return scopes.personPredicate(scopes.roots(user), params);
	}

	/** A condition on a person row aliased {@code p}: their org unit is the one given or below it. */
	public String personInOrgUnit(long orgUnitId, List<Object> params) {
		params.add(orgUnitId);
		return "p.org_unit_id in (select su.id from org_unit su where su.path like"
				+ " (select concat(u.path, '%') from org_unit u where u.id = ?))";
	}

	/** A person within the user's scope by their number (学号/工号), as forms ask for it. */
	@Transactional(readOnly = true)
	public Optional<Subject> findByCode(CurrentUser user, String code) {
		if (code == null || code.isBlank()) {
			return Optional.empty();
		}
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		params.add(code.strip());
		String scope = scopes.personPredicate(scopes.roots(user), params);
		return jdbc.sql("select p.id from person p where p.school_id = ? and p.code = ? and " + scope).params(params)
			.query(Long.class).optional().flatMap(id -> find(user, id));
	}

	/** Someone who answers for a person, and through what (their class, household, grid, …). */
	public record Responsible(long personId, String name, ResponsibilityRole role, ResponsibilityRole.Target via) {
	}

	/**
	 * Where a person lives and who answers for them, for those who must reach them (the clinic).
	 *
	 * @param residence the open stay: building and room (or household place), null when none
	 * @param phone masked; {@link #revealPhone} shows it in full
	 */
	public record Whereabouts(long personId, String code, String name, String orgUnitName, String residence,
			String bed, String phone, List<Responsible> responsible) {
	}

	/** Where someone within the user's scope lives and who answers for them; empty when out of scope. */
	@Transactional(readOnly = true)
	public Optional<Whereabouts> whereabouts(CurrentUser user, long personId) {
		return profiles.find(user, personId).map(profile -> {
			PersonSummary p = profile.person();
			var open = profile.residences().stream().filter(r -> r.movedOut() == null).findFirst();
			return new Whereabouts(p.id(), p.code(), p.name(), p.orgUnitName(),
					open.map(PersonProfile.Residence::placeTrail).orElse(null),
					open.map(PersonProfile.Residence::bed).orElse(null), Masks.phone(p.phone()),
					profile.responsibles().stream().map(r -> new Responsible(r.personId(), r.name(),
							ResponsibilityRole.valueOf(r.role()), ResponsibilityRole.Target.valueOf(r.via()))).toList());
		});
	}

	/**
	 * The full phone number of someone within scope, for a user with PEOPLE_REVEAL; each reveal is
	 * written to the audit trail, as on the person page.
	 */
	@Transactional
	public Optional<String> revealPhone(CurrentUser user, long personId, String purpose) {
		if (!user.can(Permission.PEOPLE_REVEAL)) {
			return Optional.empty();
		}
		return people.find(user, personId).map(p -> {
			audit.record(AuditAction.REVEAL, "person", personId, "phone of " + p.name() + " (" + purpose + ")");
			return p.phone() == null ? "" : p.phone();
		});
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
