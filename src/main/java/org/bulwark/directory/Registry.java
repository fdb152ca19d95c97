package org.bulwark.directory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.bulwark.shared.Masks;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.directory.ScopeFilter.Roots;
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
	private final Grids grids;
	private final Responsibilities responsibilities;

	Registry(People people, JdbcClient jdbc, ScopeFilter scopes, PersonProfiles profiles, AuditLog audit, Grids grids,
			Responsibilities responsibilities) {
		this.grids = grids;
		this.responsibilities = responsibilities;
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

	/**
	 * A condition on a person row aliased {@code p}: the name or number starts with what was typed
	 * (wildcards typed by the user are dropped); {@code null} when nothing was typed.
	 */
	public String personNameOrCodeStartsWith(String typed, List<Object> params) {
		String q = typed == null ? "" : typed.strip().replace("%", "").replace("_", "");
		if (q.isEmpty()) {
			return null;
		}
		params.add(q + "%");
		params.add(q + "%");
		return "(p.name like ? or p.code like ?)";
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

	/** A condition on the person row {@code p}, with its parameters in order. */
	public record Condition(String sql, List<Object> params) {
	}

	/**
	 * The user's data scope as a condition on the person row {@code p}, for modules that list people
	 * with their own data (a non-reporting list joins check-ins): the same rule as the directory's pages.
	 */
	@Transactional(readOnly = true)
	public Condition personScope(CurrentUser user) {
		List<Object> params = new ArrayList<>();
		String sql = scopes.personPredicate(scopes.roots(user), params);
		return new Condition(sql, List.copyOf(params));
	}

	/**
	 * The people the user answers for, as a condition on the person row {@code p}: directly, through
	 * their household, an org unit or place at or above theirs, or a grid over one of those (the rule of
	 * {@link #responsibleStaffOf}, seen from the staff member's side, as "my people" lists them); nobody
	 * for a user not linked to a person. It reads the responsibilities as they are now, so work handed
	 * to "whoever answers for the person" follows a handover.
	 */
	@Transactional(readOnly = true)
	public Condition answeredBy(CurrentUser user) {
		People.Restriction r = user.personId().map(responsibilities::answeredBy)
			.orElse(new People.Restriction("1=0", List.of()));
		return new Condition(r.sql(), List.copyOf(r.params()));
	}

	/** Someone who answers for a person, and in which role. */
	public record ResponsibleFor(long personId, long responsibleId, String responsibleName, ResponsibilityRole role) {
	}

	/**
	 * Who answers for each of these people (the counselor of their class or college, the grid leader
	 * of their building, the household's team, …), resolved as the person page does: directly, through
	 * the household, an org unit or place above theirs, or a grid over one of those. People outside the
	 * user's scope are left out. A few queries for any number of people: ancestors come from the paths.
	 */
	@Transactional(readOnly = true)
	public List<ResponsibleFor> responsibles(CurrentUser user, Collection<Long> personIds) {
		if (personIds.isEmpty()) {
			return List.of();
		}
		Roots roots = scopes.roots(user);
		record Row(long id, Long household, List<Long> units, List<Long> places) {
		}
		List<Row> rows = new ArrayList<>();
		for (List<Long> chunk : chunks(personIds)) {
			List<Object> params = new ArrayList<>();
			params.add(user.schoolId());
			String scope = scopes.personPredicate(roots, params);
			rows.addAll(jdbc.sql("select p.id, p.household_id, o.path, x.path from person p"
					+ " left join org_unit o on o.id = p.org_unit_id left join place x on x.id = p.residence_place_id"
					+ " where p.school_id = ? and " + scope + " and p.id in (" + ids(chunk) + ")").params(params)
				.query((rs, i) -> new Row(rs.getLong(1), rs.getObject(2) == null ? null : rs.getLong(2), ancestors(rs.getString(3)),
						ancestors(rs.getString(4))))
				.list());
		}
		if (rows.isEmpty()) {
			return List.of();
		}
		Set<Long> units = new LinkedHashSet<>();
		Set<Long> places = new LinkedHashSet<>();
		Set<Long> households = new LinkedHashSet<>();
		rows.forEach(r -> {
			units.addAll(r.units());
			places.addAll(r.places());
			if (r.household() != null) {
				households.add(r.household());
			}
		});
		Map<Long, Set<Long>> gridsOfUnit = new HashMap<>();
		Map<Long, Set<Long>> gridsOfPlace = new HashMap<>();
		for (List<Long> chunk : chunks(units)) {
			jdbc.sql("select org_unit_id, grid_id from grid_org_unit where org_unit_id in (" + ids(chunk) + ")")
				.query((rs, i) -> gridsOfUnit.computeIfAbsent(rs.getLong(1), k -> new LinkedHashSet<>()).add(rs.getLong(2)))
				.list();
		}
		for (List<Long> chunk : chunks(places)) {
			jdbc.sql("select place_id, grid_id from grid_place where place_id in (" + ids(chunk) + ")")
				.query((rs, i) -> gridsOfPlace.computeIfAbsent(rs.getLong(1), k -> new LinkedHashSet<>()).add(rs.getLong(2)))
				.list();
		}
		Set<Long> grids = new LinkedHashSet<>();
		gridsOfUnit.values().forEach(grids::addAll);
		gridsOfPlace.values().forEach(grids::addAll);
		record Held(long responsibleId, String name, ResponsibilityRole role) {
		}
		Map<String, List<Held>> byTarget = new HashMap<>();
		Map<ResponsibilityRole.Target, Collection<Long>> targets = Map.of(ResponsibilityRole.Target.PERSON,
				rows.stream().map(Row::id).toList(), ResponsibilityRole.Target.HOUSEHOLD, households,
				ResponsibilityRole.Target.ORG_UNIT, units, ResponsibilityRole.Target.PLACE, places,
				ResponsibilityRole.Target.GRID, grids);
		targets.forEach((kind, targetIds) -> {
			for (List<Long> chunk : chunks(targetIds)) {
				jdbc.sql("select r.target_id, r.responsible_person_id, rp.name, r.role from responsibility r"
						+ " join person rp on rp.id = r.responsible_person_id where r.school_id = ? and r.target_kind = ?"
						+ " and r.target_id in (" + ids(chunk) + ")").params(user.schoolId(), kind.name())
					.query((rs, i) -> byTarget.computeIfAbsent(kind + ":" + rs.getLong(1), k -> new ArrayList<>())
						.add(new Held(rs.getLong(2), rs.getString(3), ResponsibilityRole.valueOf(rs.getString(4)))))
					.list();
			}
		});
		List<ResponsibleFor> out = new ArrayList<>();
		for (Row r : rows) {
			List<String> keys = new ArrayList<>();
			keys.add("PERSON:" + r.id());
			if (r.household() != null) {
				keys.add("HOUSEHOLD:" + r.household());
			}
			r.units().forEach(u -> keys.add("ORG_UNIT:" + u));
			r.places().forEach(x -> keys.add("PLACE:" + x));
			Set<Long> personGrids = new LinkedHashSet<>();
			r.units().forEach(u -> personGrids.addAll(gridsOfUnit.getOrDefault(u, Set.of())));
			r.places().forEach(x -> personGrids.addAll(gridsOfPlace.getOrDefault(x, Set.of())));
			personGrids.forEach(g -> keys.add("GRID:" + g));
			Set<String> seen = new LinkedHashSet<>();
			for (String key : keys) {
				for (Held h : byTarget.getOrDefault(key, List.of())) {
					if (seen.add(h.responsibleId() + ":" + h.role())) {
						out.add(new ResponsibleFor(r.id(), h.responsibleId(), h.name(), h.role()));
					}
				}
			}
		}
		return out;
	}

	/** How to reach a person: their phone and email as the registry holds them (either may be null). */
	public record Contact(long personId, String name, String phone, String email, String language) {
	}

	/** The contacts of people of a school, for delivering messages; unknown ids are left out. */
	@Transactional(readOnly = true)
	public List<Contact> contacts(long schoolId, Collection<Long> personIds) {
		List<Contact> out = new ArrayList<>();
		for (List<Long> chunk : chunks(personIds)) {
			out.addAll(jdbc.sql("select id, name, phone, email, language from person where school_id = ? and id in ("
					+ ids(chunk) + ")").param(schoolId)
				.query((rs, i) -> new Contact(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5)))
				.list());
		}
		return out;
	}

	private static List<Long> ancestors(String path) {
		return path == null ? List.of()
				: Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
	}

	private static List<List<Long>> chunks(Collection<Long> ids) {
		List<Long> all = new ArrayList<>(new LinkedHashSet<>(ids));
		List<List<Long>> out = new ArrayList<>();
		for (int i = 0; i < all.size(); i += 1000) {
			out.add(all.subList(i, Math.min(all.size(), i + 1000)));
		}
		return out;
	}

	/** Ids are longs, so joining them into SQL cannot inject anything. */
	private static String ids(Collection<Long> ids) {
		return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

	private List<Long> lineage(Long orgUnitId) {
		if (orgUnitId == null) {
			return List.of();
		}
		return jdbc.sql("select path from org_unit where id = ?").param(orgUnitId).query(String.class).optional()
			.map(Registry::path)
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
