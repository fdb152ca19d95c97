package org.bulwark.directory;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.BulkWriter;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The coverage audit ("不漏一人"): active people of the user's scope who fall through the net. All
 * counts are one set-based query (plus the duplicate detection); the covered org unit and place
 * subtrees are computed once by recursive queries down the trees, never per person.
 *
 * <ul>
 * <li><b>No responsible person</b>: no active person answers for them — not directly (target
 * PERSON), not for their household, not for their org unit or any unit above it, not for their
 * residence place or any place above it, and no grid with a responsible person contains any of
 * those units or places. The same resolution as the person page, restricted to active holders.
 * <li><b>No residence</b>: no residence place and no current (not moved out) residence record.
 * <li><b>Unreachable</b>: no valid phone of their own, or flagged "no smartphone", and no proxy: the
 * head of their household (someone else, active, with a valid phone and a smartphone).
 * <li><b>Suspected duplicate</b>: in a pair of {@link Duplicates} that nobody dismissed.
 * </ul>
 */
@Repository
class Coverage {

	enum Problem { NO_RESPONSIBLE, NO_RESIDENCE, UNREACHABLE, DUPLICATE }

	/** Org unit and place subtrees someone answers for; needs the school id twice. */
	private static final String COVERED = """
			with recursive covered_org (id) as (
			  select o.id from org_unit o where o.school_id = ? and (
			    o.id in (select r.target_id from responsibility r join person rp on rp.id = r.responsible_person_id
			             where r.target_kind = 'ORG_UNIT' and rp.active = true)
			    or o.id in (select go.org_unit_id from grid_org_unit go join responsibility r on r.target_kind = 'GRID'
			                and r.target_id = go.grid_id join person rp on rp.id = r.responsible_person_id and rp.active = true))
			  union
			  select c.id from org_unit c join covered_org k on c.parent_id = k.id),
			covered_place (id) as (
			  select pl.id from place pl where pl.school_id = ? and (
			    pl.id in (select r.target_id from responsibility r join person rp on rp.id = r.responsible_person_id
			              where r.target_kind = 'PLACE' and rp.active = true)
			    or pl.id in (select gp.place_id from grid_place gp join responsibility r on r.target_kind = 'GRID'
			                 and r.target_id = gp.grid_id join person rp on rp.id = r.responsible_person_id and rp.active = true))
			  union
			  select c.id from place c join covered_place k on c.parent_id = k.id),
			direct (kind, id) as (
			  select r.target_kind, r.target_id from responsibility r join person rp on rp.id = r.responsible_person_id
			  where r.target_kind in ('PERSON', 'HOUSEHOLD') and rp.active = true)
			""";

	/**
	 * Joins the covered sets to a person row {@code p} by hash joins: an {@code IN} over a set of
	 * 100,000 places does not fit PostgreSQL's hashed subplan and turns into a scan per person.
	 */
	private static final String COVERED_JOINS = """
			 left join covered_org co on co.id = p.org_unit_id
			 left join covered_place cp on cp.id = p.residence_place_id
			 left join (select distinct d.id from direct d where d.kind = 'HOUSEHOLD') dh on dh.id = p.household_id
			 left join (select distinct d.id from direct d where d.kind = 'PERSON') dp on dp.id = p.id""";

	private static final String NO_RESPONSIBLE = "(co.id is null and cp.id is null and dh.id is null and dp.id is null)";

	private static final String NO_RESIDENCE = """
			(p.residence_place_id is null and not exists (
			  select 1 from residence r where r.person_id = p.id and r.moved_out is null))""";

	private static final String UNREACHABLE = """
			((p.phone_ok = false or p.no_smartphone = true) and not exists (
			  select 1 from household h join person hp on hp.id = h.head_person_id
			  where h.id = p.household_id and hp.id <> p.id and hp.active = true and hp.phone_ok = true
			    and hp.no_smartphone = false))""";

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final ScopeFilter scopes;
	private final Duplicates duplicates;
	private final org.springframework.core.task.AsyncTaskExecutor executor;
	private final boolean postgres;

	Coverage(JdbcClient jdbc, JdbcTemplate template, ScopeFilter scopes, Duplicates duplicates, BulkWriter bulk,
			@org.springframework.beans.factory.annotation.Qualifier("applicationTaskExecutor")
			org.springframework.core.task.AsyncTaskExecutor executor) {
		this.jdbc = jdbc;
		this.postgres = bulk.onPostgres();
		this.template = template;
		this.scopes = scopes;
		this.duplicates = duplicates;
		this.executor = executor;
	}

	/** One org unit's line: its people in scope and how many have each problem, its subtree included. */
	record UnitCounts(long id, String name, String kind, boolean hasChildren, long people, Map<Problem, Long> counts) {

		public long count(Problem p) {
			return counts.getOrDefault(p, 0L);
		}
	}

	/** The totals of the scope, the lines of the chosen unit's children (or the top units), and people without a unit. */
	record Report(Map<Problem, Long> totals, long people, UnitCounts unit, List<UnitCounts> units, UnitCounts noUnit,
			List<UnitCounts> trail) {

		public long total(Problem p) {
			return totals.getOrDefault(p, 0L);
		}

		public boolean allCovered() {
			return totals.values().stream().allMatch(n -> n == 0);
		}
	}

	private record Unit(long id, Long parentId, String name, String kind, String path) {
	}

	/**
	 * How a query tells who has nobody responsible: the statement's prefix, the joins after
	 * {@code person p} and the condition. On PostgreSQL the covered sets are recursive CTEs joined by
	 * hash. The embedded H2 evaluates a recursive CTE again for every row that looks into it (minutes for
	 * the demo's 5,000 people), so there the sets are read once and given as constant lists, which it
	 * matches by hash.
	 */
	private record Uncovered(String prefix, String joins, String condition) {
	}

	private Uncovered uncovered(long schoolId, List<Object> params) {
		if (postgres) {
			params.add(schoolId);
			params.add(schoolId);
			return new Uncovered(COVERED, COVERED_JOINS, NO_RESPONSIBLE);
		}
		Map<String, List<Long>> sets = new HashMap<>();
		jdbc.sql(COVERED + """
				select 'O', id from covered_org union all select 'P', id from covered_place
				union all select 'H', id from direct where kind = 'HOUSEHOLD' union all select 'D', id from direct where kind = 'PERSON'""")
			.params(schoolId, schoolId)
			.query((ResultSet rs) -> {
				sets.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
			});
		return new Uncovered("", "", "(" + notIn("p.org_unit_id", sets.get("O")) + " and "
				+ notIn("p.residence_place_id", sets.get("P")) + " and " + notIn("p.household_id", sets.get("H"))
				+ " and " + notIn("p.id", sets.get("D")) + ")");
	}

	/** The column is null or none of the ids (all rows when there are none). */
	static String notIn(String column, List<Long> ids) {
		return ids == null || ids.isEmpty() ? "1=1" : "(" + column + " is null or " + column + " not in (" + ids(ids) + "))";
	}

	@Transactional(readOnly = true)
	Report report(CurrentUser user, Long unitId) {
		// the duplicate detection and the counting query are independent: the database runs them side by side
		var pairs = executor.submitCompletable(() -> duplicates.detect(user));
		List<Object> params = new ArrayList<>();
		Uncovered uncovered = uncovered(user.schoolId(), params);
		params.add(user.schoolId());
		String scope = scopes.personPredicate(scopes.roots(user), params);
		Map<Long, long[]> direct = new HashMap<>();
		jdbc.sql(uncovered.prefix() + """
				select p.org_unit_id, count(*),
				       sum(case when %s then 1 else 0 end), sum(case when %s then 1 else 0 end),
				       sum(case when %s then 1 else 0 end)
				from person p %s where p.school_id = ? and p.active = true and p.merged_into_id is null and %s
				group by p.org_unit_id""".formatted(uncovered.condition(), NO_RESIDENCE, UNREACHABLE, uncovered.joins(), scope))
			.params(params)
			.query((ResultSet rs) -> {
				Long unit = rs.getObject(1, Long.class);
				direct.put(unit == null ? -1L : unit, new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), 0});
			});
		// people in suspected pairs, each once however many pairs they are in
		Set<Long> seen = new java.util.HashSet<>();
		for (Duplicates.Found f : pairs.join()) {
			if (seen.add(f.firstId())) {
				direct.computeIfAbsent(f.firstOrgUnitId() == null ? -1L : f.firstOrgUnitId(), k -> new long[5])[4]++;
			}
			if (seen.add(f.secondId())) {
				direct.computeIfAbsent(f.secondOrgUnitId() == null ? -1L : f.secondOrgUnitId(), k -> new long[5])[4]++;
			}
		}

		Map<Long, Unit> units = jdbc.sql("select id, parent_id, name, kind, path from org_unit where school_id = ?")
			.param(user.schoolId())
			.query((rs, i) -> new Unit(rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3), rs.getString(4),
					rs.getString(5)))
			.list().stream().collect(Collectors.toMap(Unit::id, u -> u));
		// roll every unit's own counts up to all its ancestors
		Map<Long, long[]> rolled = new HashMap<>();
		long[] total = new long[5];
		direct.forEach((unit, counts) -> {
			add(total, counts);
			Unit u = units.get(unit);
			if (u == null) {
				return;
			}
			for (Long ancestor : PersonProfiles.idsOf(u.path())) {
				add(rolled.computeIfAbsent(ancestor, k -> new long[5]), counts);
			}
		});
		Map<Long, Boolean> hasChildren = new HashMap<>();
		units.values().forEach(u -> {
			if (u.parentId() != null && rolled.containsKey(u.id())) {
				hasChildren.put(u.parentId(), true);
			}
		});
		Unit selected = unitId == null ? null : units.get(unitId);
		if (selected != null && !rolled.containsKey(selected.id())) {
			selected = null;
		}
		Long parent = selected == null ? null : selected.id();
		List<UnitCounts> lines = units.values().stream()
			.filter(u -> java.util.Objects.equals(u.parentId(), parent) && rolled.containsKey(u.id()))
			.sorted(java.util.Comparator.comparing(Unit::path))
			.map(u -> line(u, rolled.get(u.id()), hasChildren.getOrDefault(u.id(), false)))
			.toList();
		List<UnitCounts> trail = new ArrayList<>();
		if (selected != null) {
			for (Long ancestor : PersonProfiles.idsOf(selected.path())) {
				Unit a = units.get(ancestor);
				if (a != null && rolled.containsKey(ancestor)) {
					trail.add(line(a, rolled.get(ancestor), true));
				}
			}
		}
		long[] none = direct.getOrDefault(-1L, new long[5]);
		return new Report(map(total), total[0], selected == null ? null : line(selected, rolled.get(selected.id()), true),
				lines, selected == null && none[0] > 0 ? new UnitCounts(-1, null, null, false, none[0], map(none)) : null,
				trail);
	}

	private static UnitCounts line(Unit u, long[] counts, boolean hasChildren) {
		return new UnitCounts(u.id(), u.name(), u.kind(), hasChildren, counts[0], map(counts));
	}

	private static void add(long[] into, long[] counts) {
		for (int i = 0; i < into.length; i++) {
			into[i] += counts[i];
		}
	}

	private static Map<Problem, Long> map(long[] counts) {
		Map<Problem, Long> m = new EnumMap<>(Problem.class);
		m.put(Problem.NO_RESPONSIBLE, counts[1]);
		m.put(Problem.NO_RESIDENCE, counts[2]);
		m.put(Problem.UNREACHABLE, counts[3]);
		m.put(Problem.DUPLICATE, counts[4]);
		return m;
	}

	/** What the people list of one problem is filtered by; unit -1 means people without an org unit. */
	record Filter(Problem problem, Long unitId, String q) {
	}

	@Transactional(readOnly = true)
	PageResult<PersonSummary> people(CurrentUser user, Filter filter, PageQuery page) {
		List<Object> params = new ArrayList<>();
		String sql = select(user, filter, params);
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size() + 1);
		pageParams.add(page.offset());
		List<PersonSummary> items = new ArrayList<>(jdbc.sql(sql + " order by p.name" + (page.descending() ? " desc" : "")
				+ ", p.id limit ? offset ?").params(pageParams).query(People::summary).list());
		boolean more = items.size() > page.size();
		if (more) {
			items.remove(items.size() - 1);
		}
		long total;
		boolean capped = false;
		if (page.page() == 0 && !more) {
			total = items.size();
		} else {
			List<Object> countParams = new ArrayList<>(params);
			countParams.add(PageResult.COUNT_CAP + 1);
			total = jdbc.sql("select count(*) from (" + sql + " limit ?) t").params(countParams).query(Long.class).single();
			if (total > PageResult.COUNT_CAP) {
				total = PageResult.COUNT_CAP;
				capped = true;
			}
		}
		return new PageResult<>(items, page.page(), page.size(), total, capped);
	}

	/** Streams every person of the list in name order, for exports. */
	@Transactional(readOnly = true)
	void stream(CurrentUser user, Filter filter, Consumer<PersonSummary> sink) {
		List<Object> params = new ArrayList<>();
		String sql = select(user, filter, params) + " order by p.name, p.id";
		template.query(con -> {
			var ps = con.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			ps.setFetchSize(1000);
			for (int i = 0; i < params.size(); i++) {
				ps.setObject(i + 1, params.get(i));
			}
			return ps;
		}, rs -> {
			sink.accept(People.summary(rs, 0));
		});
	}

	/** Row versions of the listed people, for fixes guarded against lost updates. */
	Map<Long, Integer> versions(Collection<Long> ids) {
		Map<Long, Integer> versions = new HashMap<>();
		if (!ids.isEmpty()) {
			jdbc.sql("select id, version from person where id in (" + ids(ids) + ")")
				.query((ResultSet rs) -> {
					versions.put(rs.getLong(1), rs.getInt(2));
				});
		}
		return versions;
	}

	/** Whether the person is in the user's scope and has the problem, for fixes that must not reach further. */
	boolean has(CurrentUser user, long personId, Problem problem) {
		List<Object> params = new ArrayList<>();
		String sql = select(user, new Filter(problem, null, null), params) + " and p.id = ?";
		params.add(personId);
		return !jdbc.sql(sql).params(params).query(People::summary).list().isEmpty();
	}

	private String select(CurrentUser user, Filter filter, List<Object> params) {
		Problem problem = filter.problem() == null ? Problem.NO_RESPONSIBLE : filter.problem();
		StringBuilder sql = new StringBuilder();
		Uncovered uncovered = problem == Problem.NO_RESPONSIBLE ? uncovered(user.schoolId(), params) : null;
		if (uncovered != null) {
			sql.append(uncovered.prefix());
		}
		sql.append("select ").append(People.COLUMNS).append(' ').append(People.FROM)
			.append(uncovered != null ? " " + uncovered.joins() : "")
			.append(" where p.school_id = ? and p.active = true and p.merged_into_id is null and ");
		params.add(user.schoolId());
		sql.append(scopes.personPredicate(scopes.roots(user), params));
		switch (problem) {
			case NO_RESPONSIBLE -> sql.append(" and ").append(uncovered.condition());
			case NO_RESIDENCE -> sql.append(" and ").append(NO_RESIDENCE);
			case UNREACHABLE -> sql.append(" and ").append(UNREACHABLE);
			case DUPLICATE -> sql.append(" and p.id in (").append(ids(Duplicates.peopleIn(duplicates.detect(user))))
				.append(')');
		}
		if (filter.unitId() != null && filter.unitId() == -1L) {
			sql.append(" and p.org_unit_id is null");
		} else if (filter.unitId() != null) {
			sql.append(" and p.org_unit_id in (select fo.id from org_unit fo where fo.path like"
					+ " (select concat(x.path, '%') from org_unit x where x.id = ?))");
			params.add(filter.unitId());
		}
		String q = filter.q() == null ? "" : filter.q().strip();
		if (!q.isEmpty()) {
			sql.append(" and (p.name like ? or p.code like ?)");
			String prefix = q.replace("\\", "").replace("%", "").replace("_", "") + "%";
			params.add(prefix);
			params.add(prefix);
		}
		return sql.toString();
	}

	/** Ids come from the database as longs, so joining them into SQL cannot inject anything. */
	private static String ids(Collection<Long> ids) {
		return ids.isEmpty() ? "-1" : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
	}
}
