package org.bulwark.directory;

import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Suspected duplicate records within the user's data scope. The database groups the active,
 * unmerged people of the scope by three keys (ID key; name key and birth date; phone, for phones
 * shared by at most {@value #PHONE_GROUP_LIMIT} people) with hash aggregates, linear in the number
 * of people, and returns only the members of groups larger than one; {@link DuplicateRules} then
 * decides each pair within those small groups. A pair is listed only when both records are in scope, and never again once dismissed.
 */
@Repository
class Duplicates {

	/** A switchboard or office number shared by more people says nothing about duplicates. */
	static final int PHONE_GROUP_LIMIT = 8;

	private final JdbcClient jdbc;
	private final ScopeFilter scopes;
	private final People people;
	private final AuditLog audit;

	Duplicates(JdbcClient jdbc, ScopeFilter scopes, People people, AuditLog audit) {
		this.jdbc = jdbc;
		this.scopes = scopes;
		this.audit = audit;
		this.people = people;
	}

	/** One suspected pair as detected: the smaller id first. */
	record Found(long firstId, String firstName, Long firstOrgUnitId, long secondId, String secondName,
			Long secondOrgUnitId, Set<DuplicateRules.Reason> reasons) {
	}

	/** One suspected pair as the list shows it. */
	record Pair(PersonSummary first, PersonSummary second, Set<DuplicateRules.Reason> reasons) {

		Pair masked() {
			return new Pair(first.masked(), second.masked(), reasons);
		}
	}

	record Filter(String q, DuplicateRules.Reason reason) {
	}

	/** Every suspected pair in the user's scope that nobody dismissed. */
	@Transactional(readOnly = true)
	List<Found> detect(CurrentUser user) {
		ScopeFilter.Roots roots = scopes.roots(user);
		List<Object> params = new ArrayList<>();
		StringBuilder sql = new StringBuilder();
		String[][] groups = {{"I", "p.id_key", "p.id_key is not null", "count(*) > 1"},
				{"N", "p.name_key, p.birth_date", "p.birth_date is not null", "count(*) > 1"},
				{"P", "p.phone", "p.phone is not null", "count(*) between 2 and " + PHONE_GROUP_LIMIT}};
		for (String[] g : groups) {
			if (!sql.isEmpty()) {
				sql.append(" union all ");
			}
			// the keys shared by more than one person are found by one hash aggregate; their members by index
			sql.append("select '").append(g[0]).append("', ").append(g[0].equals("N") ? "concat(p.name_key, '|', p.birth_date)" : g[1])
				.append(", p.id, p.name, p.birth_date, p.gender, p.id_number, p.phone, p.org_unit_id from person p where ")
				.append(base(user, roots, params)).append(" and (").append(g[1]).append(") in (select ").append(g[1])
				.append(" from person p where ").append(base(user, roots, params)).append(" and ").append(g[2])
				.append(" group by ").append(g[1]).append(" having ").append(g[3]).append(')');
		}
		Map<String, List<Member>> byKey = new HashMap<>();
		jdbc.sql(sql.toString()).params(params).query((ResultSet rs) -> {
			byKey.computeIfAbsent(rs.getString(1) + rs.getString(2), k -> new ArrayList<>()).add(new Member(
					new DuplicateRules.Candidate(rs.getLong(3), rs.getString(4), rs.getObject(5, LocalDate.class),
							rs.getString(6), rs.getString(7), rs.getString(8)), rs.getObject(9, Long.class)));
		});
		Set<String> dismissed = new java.util.HashSet<>(jdbc.sql(
				"select concat(first_person_id, '-', second_person_id) from duplicate_dismissal where school_id = ?")
			.param(user.schoolId()).query(String.class).list());
		Map<String, Found> pairs = new java.util.LinkedHashMap<>();
		for (List<Member> members : byKey.values()) {
			for (int i = 0; i < members.size(); i++) {
				for (int j = i + 1; j < members.size(); j++) {
					Member a = members.get(i).candidate().id() < members.get(j).candidate().id() ? members.get(i) : members.get(j);
					Member b = a == members.get(i) ? members.get(j) : members.get(i);
					String key = a.candidate().id() + "-" + b.candidate().id();
					if (pairs.containsKey(key) || dismissed.contains(key)) {
						continue;
					}
					Set<DuplicateRules.Reason> reasons = DuplicateRules.reasons(a.candidate(), b.candidate());
					if (!reasons.isEmpty()) {
						pairs.put(key, new Found(a.candidate().id(), a.candidate().name(), a.orgUnitId(), b.candidate().id(),
								b.candidate().name(), b.orgUnitId(), reasons));
					}
				}
			}
		}
		List<Found> found = new ArrayList<>(pairs.values());
		found.sort(Comparator.comparing(Found::firstName).thenComparing(Found::secondName)
			.thenComparingLong(Found::firstId).thenComparingLong(Found::secondId));
		return found;
	}

	private record Member(DuplicateRules.Candidate candidate, Long orgUnitId) {
	}

	/** Active, unmerged people of the school within the scope, as a predicate on {@code p}. */
	private String base(CurrentUser user, ScopeFilter.Roots roots, List<Object> params) {
		params.add(user.schoolId());
		return "p.school_id = ? and p.active = true and p.merged_into_id is null and " + scopes.personPredicate(roots, params);
	}

	/** The ids of everyone in a suspected pair, for the coverage audit. */
	static Set<Long> peopleIn(List<Found> found) {
		Set<Long> ids = new LinkedHashSet<>();
		found.forEach(f -> {
			ids.add(f.firstId());
			ids.add(f.secondId());
		});
		return ids;
	}

	@Transactional(readOnly = true)
	PageResult<Pair> search(CurrentUser user, Filter filter, PageQuery page) {
		List<Found> all = filtered(user, filter);
		if ("reason".equals(page.sort())) {
			all = new ArrayList<>(all);
			all.sort(Comparator.comparing((Found f) -> f.reasons().iterator().next()).thenComparing(Found::firstName));
		}
		if (page.descending()) {
			all = new ArrayList<>(all);
			java.util.Collections.reverse(all);
		}
		int from = (int) Math.min(all.size(), page.offset());
		List<Found> slice = all.subList(from, Math.min(all.size(), from + page.size()));
		return new PageResult<>(pairs(slice), page.page(), page.size(), all.size(), false);
	}

	/** Every pair matching the filter, for exports. */
	@Transactional(readOnly = true)
	List<Pair> all(CurrentUser user, Filter filter) {
		List<Pair> pairs = new ArrayList<>();
		List<Found> found = filtered(user, filter);
		for (int i = 0; i < found.size(); i += 500) {
			pairs.addAll(pairs(found.subList(i, Math.min(found.size(), i + 500))));
		}
		return pairs;
	}

	private List<Found> filtered(CurrentUser user, Filter filter) {
		String q = filter.q() == null ? "" : DuplicateRules.nameKey(filter.q());
		return detect(user).stream()
			.filter(f -> filter.reason() == null || f.reasons().contains(filter.reason()))
			.filter(f -> q.isEmpty() || DuplicateRules.nameKey(f.firstName()).contains(q)
					|| DuplicateRules.nameKey(f.secondName()).contains(q))
			.toList();
	}

	private List<Pair> pairs(List<Found> found) {
		Map<Long, PersonSummary> byId = summaries(found.stream()
			.flatMap(f -> java.util.stream.Stream.of(f.firstId(), f.secondId())).collect(Collectors.toSet()));
		return found.stream().map(f -> new Pair(byId.get(f.firstId()), byId.get(f.secondId()), f.reasons())).toList();
	}

	/** Ids come from the database as longs, so joining them into SQL cannot inject anything. */
	Map<Long, PersonSummary> summaries(Collection<Long> ids) {
		Map<Long, PersonSummary> byId = new HashMap<>();
		if (ids.isEmpty()) {
			return byId;
		}
		String list = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
		jdbc.sql("select " + People.COLUMNS + " " + People.FROM + " where p.id in (" + list + ")")
			.query(People::summary).list().forEach(s -> byId.put(s.id(), s));
		return byId;
	}

	/** The lead record a merged record was merged into, if it was. */
	java.util.Optional<PersonSummary> mergedInto(CurrentUser user, long id) {
		return jdbc.sql("select merged_into_id from person where id = ? and school_id = ?").params(id, user.schoolId())
			.query(Long.class).optional().flatMap(lead -> lead == null ? java.util.Optional.empty() : people.find(user, lead));
	}

	/** Records merged into this one, directly or through records merged before, for the history. */
	List<Long> mergedFrom(long id) {
		List<Long> all = new ArrayList<>();
		List<Long> frontier = List.of(id);
		while (!frontier.isEmpty() && all.size() < 1000) {
			String list = frontier.stream().map(String::valueOf).collect(Collectors.joining(","));
			frontier = jdbc.sql("select id from person where merged_into_id in (" + list + ")").query(Long.class).list();
			all.addAll(frontier);
		}
		return all;
	}

	/** The outcome of a dismissal. */
	enum Dismissal { DISMISSED, ALREADY, NOT_FOUND }

	/** Records that two people are different, so the pair is not proposed again. */
	@Transactional
	Dismissal dismiss(CurrentUser user, long a, long b) {
		if (a == b) {
			return Dismissal.NOT_FOUND;
		}
		var first = people.find(user, Math.min(a, b));
		var second = people.find(user, Math.max(a, b));
		if (first.isEmpty() || second.isEmpty()) {
			return Dismissal.NOT_FOUND;
		}
		long[] pair = DuplicateRules.ordered(a, b);
		int inserted = jdbc.sql("""
				insert into duplicate_dismissal (school_id, first_person_id, second_person_id, dismissed_by, dismissed_at)
				values (?, ?, ?, ?, ?) on conflict do nothing""")
			.params(user.schoolId(), pair[0], pair[1], user.getUsername(), OffsetDateTime.now()).update();
		if (inserted == 0) {
			return Dismissal.ALREADY;
		}
		String summary = "not duplicates: " + first.get().name() + " (#" + pair[0] + ") and " + second.get().name() + " (#"
				+ pair[1] + ")";
		audit.record(AuditAction.UPDATE, "person", pair[0], summary);
		audit.record(AuditAction.UPDATE, "person", pair[1], summary);
		return Dismissal.DISMISSED;
	}
}
