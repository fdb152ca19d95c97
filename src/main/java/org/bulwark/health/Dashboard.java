package org.bulwark.health;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bulwark.directory.Registry;
import org.bulwark.directory.Registry.OrgUnitNode;
import org.bulwark.system.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Today's state of the checks within the user's scope: for each slot of the day, how many people are
 * reported, not yet, overdue, abnormal and away ({@link SlotCounts}), by org unit rolled up the tree,
 * and the last days' reporting rate and abnormal count. Each figure is one set-based query per check
 * policy, grouped by org unit; people are never loaded one by one.
 */
@Service
class Dashboard {

	/** How many days the trend shows, the chosen day included. */
	static final int TREND_DAYS = 14;

	/** A slot of the day with the counts of the whole view. */
	record SlotTotal(Slot slot, SlotCounts counts, boolean pastDeadline) {
	}

	/** A unit's line: each slot's counts (same order as the view's slots), its subtree included. */
	record Line(OrgUnitNode unit, List<SlotCounts> slots, boolean hasChildren) {
	}

	/**
	 * @param unit the unit drilled into, or null for the whole scope
	 * @param noUnit people of the scope without an org unit (only at the top)
	 */
	record View(LocalDate date, OrgUnitNode unit, List<OrgUnitNode> trail, List<SlotTotal> slots, List<Line> lines,
			Line noUnit) {
	}

	/** One day of the trend: reported of those due, and people with an abnormal check-in. */
	record TrendDay(LocalDate date, long expected, long reported, long away, long abnormal) {

		public Double rate() {
			long due = expected - away;
			return due <= 0 ? null : Math.round(Math.min(reported, due) * 1000.0 / due) / 10.0;
		}
	}

	private final JdbcClient jdbc;
	private final Policies policies;
	private final Roster roster;
	private final Registry registry;
	private final ZoneId zone;

	Dashboard(JdbcClient jdbc, Policies policies, Roster roster, Registry registry,
			@Value("${bulwark.health.time-zone:Asia/Shanghai}") ZoneId zone) {
		this.jdbc = jdbc;
		this.policies = policies;
		this.roster = roster;
		this.registry = registry;
		this.zone = zone;
	}

	ZoneId zone() {
		return zone;
	}

	/** The day's counts, for the scope or one unit's subtree (empty when the unit is outside the scope). */
	Optional<View> view(CurrentUser user, LocalDate date, Long orgUnitId, Instant now) {
		// a school's default policy is created on first use, which a read-only roster query cannot do
		policies.all(user.schoolId());
		List<OrgUnitNode> tree = registry.orgUnitsInScope(user);
		Map<Long, OrgUnitNode> byId = new LinkedHashMap<>();
		tree.forEach(u -> byId.put(u.id(), u));
		OrgUnitNode root = null;
		if (orgUnitId != null) {
			root = byId.get(orgUnitId);
			if (root == null) {
				return Optional.empty();
			}
		}
		List<Slot> slots = roster.slotsOfDay(user.schoolId());
		// per slot: direct counts by the person's own org unit (-1: none)
		List<Map<Long, SlotCounts>> direct = new ArrayList<>();
		List<Boolean> past = new ArrayList<>();
		for (int i = 0; i < slots.size(); i++) {
			direct.add(new HashMap<>());
			past.add(false);
		}
		// who follows which policy does not depend on the slot: planned once, one pass per policy for all its slots
		for (Roster.Expectation e : roster.expectations(user.schoolId(), "")) {
			List<Integer> mine = new ArrayList<>();
			List<Boolean> pastDeadline = new ArrayList<>();
			for (int i = 0; i < slots.size(); i++) {
				Optional<Slot> own = e.policy().slot(slots.get(i).code());
				if (own.isPresent()) {
					mine.add(i);
					boolean over = now.isAfter(own.get().onTimeUntil(date, zone).toInstant());
					pastDeadline.add(over);
					past.set(i, past.get(i) || over);
				}
			}
			if (!mine.isEmpty()) {
				count(user, e, mine.stream().map(i -> slots.get(i).code()).toList(), pastDeadline, date, root,
						mine.stream().map(direct::get).toList());
			}
		}
		Map<Long, Boolean> hasChildren = new HashMap<>();
		tree.forEach(u -> {
			if (u.parentId() != null) {
				hasChildren.put(u.parentId(), true);
			}
		});
		// roll each unit's direct counts up to every ancestor in the scope
		List<Map<Long, SlotCounts>> rolled = new ArrayList<>();
		for (Map<Long, SlotCounts> byUnit : direct) {
			Map<Long, SlotCounts> up = new HashMap<>();
			for (Map.Entry<Long, SlotCounts> d : byUnit.entrySet()) {
				OrgUnitNode u = byId.get(d.getKey());
				if (u == null) {
					continue;
				}
				for (long ancestor : Completeness.lineage(u.path())) {
					if (byId.containsKey(ancestor)) {
						up.merge(ancestor, d.getValue(), SlotCounts::plus);
					}
				}
			}
			rolled.add(up);
		}
		final OrgUnitNode chosen = root;
		List<OrgUnitNode> children = chosen == null
				? tree.stream().filter(u -> u.parentId() == null || !byId.containsKey(u.parentId())).toList()
				: tree.stream().filter(u -> u.parentId() != null && u.parentId() == chosen.id()).toList();
		List<Line> lines = children.stream()
			.map(u -> new Line(u, rolled.stream().map(m -> m.getOrDefault(u.id(), SlotCounts.NONE)).toList(),
					hasChildren.getOrDefault(u.id(), false)))
			.toList();
		List<SlotTotal> totals = new ArrayList<>();
		for (int i = 0; i < slots.size(); i++) {
			SlotCounts total = direct.get(i).values().stream().reduce(SlotCounts.NONE, SlotCounts::plus);
			totals.add(new SlotTotal(slots.get(i), total, past.get(i)));
		}
		Line noUnit = null;
		if (chosen == null) {
			List<SlotCounts> none = direct.stream().map(m -> m.getOrDefault(-1L, SlotCounts.NONE)).toList();
			// people of the scope whose unit is outside it (scoped by residence) show with those without one
			List<SlotCounts> outside = new ArrayList<>();
			for (Map<Long, SlotCounts> m : direct) {
				outside.add(m.entrySet().stream().filter(d -> d.getKey() == -1L || !byId.containsKey(d.getKey()))
					.map(Map.Entry::getValue).reduce(SlotCounts.NONE, SlotCounts::plus));
			}
			if (outside.stream().anyMatch(c -> c.expected() > 0) || none.stream().anyMatch(c -> c.expected() > 0)) {
				noUnit = new Line(null, outside, false);
			}
		}
		List<OrgUnitNode> trail = new ArrayList<>();
		if (chosen != null) {
			for (long id : Completeness.lineage(chosen.path())) {
				if (byId.containsKey(id)) {
					trail.add(byId.get(id));
				}
			}
		}
		// slots nobody in the view follows (another policy's) are left out, from the totals and every line
		List<Integer> keep = new ArrayList<>();
		for (int i = 0; i < totals.size(); i++) {
			if (totals.get(i).counts().expected() > 0) {
				keep.add(i);
			}
		}
		if (keep.size() < totals.size()) {
			totals = keep.stream().map(totals::get).toList();
			lines = lines.stream().map(l -> new Line(l.unit(), keep.stream().map(l.slots()::get).toList(), l.hasChildren()))
				.toList();
			if (noUnit != null) {
				List<SlotCounts> kept = keep.stream().map(noUnit.slots()::get).toList();
				noUnit = new Line(null, kept, false);
			}
		}
		return Optional.of(new View(date, chosen, trail, totals, lines, noUnit));
	}

	/**
	 * Adds the counts of one policy's people for its slots, grouped by their org unit, to the maps of
	 * those slots: one pass over the people and the day's check-ins, whatever the number of slots. Who
	 * is away is a joined set rather than a test per row, so PostgreSQL hashes it once (a subplan per
	 * row and slot made the estimate big enough to trigger seconds of JIT compilation at 50,000 people).
	 */
	private void count(CurrentUser user, Roster.Expectation e, List<String> codes, List<Boolean> pastDeadline,
			LocalDate date, OrgUnitNode root, List<Map<Long, SlotCounts>> into) {
		List<Object> params = new ArrayList<>();
		StringBuilder perPerson = new StringBuilder();
		StringBuilder outer = new StringBuilder();
		StringBuilder inner = new StringBuilder();
		for (int i = 0; i < codes.size(); i++) {
			perPerson.append(", coalesce(c.r").append(i).append(", 0) r").append(i).append(", coalesce(c.l").append(i)
				.append(", 0) l").append(i).append(", coalesce(c.a").append(i).append(", 0) a").append(i);
			outer.append(", sum(x.r").append(i).append("), sum(x.l").append(i).append("), sum(x.a").append(i)
				.append("), sum(x.r").append(i).append(" * x.away)");
			inner.append(", max(case when c.slot_code = ? then 1 else 0 end) r").append(i)
				.append(", max(case when c.slot_code = ? and c.late = true then 1 else 0 end) l").append(i)
				.append(", max(case when c.slot_code = ? and c.abnormal = true then 1 else 0 end) a").append(i);
			params.add(codes.get(i));
			params.add(codes.get(i));
			params.add(codes.get(i));
		}
		params.add(user.schoolId());
		params.add(date);
		params.addAll(codes);
		params.add(user.schoolId());
		params.addAll(Absences.awayOnParams(date));
		String scope = registry.personInScope(user, params);
		String subtree = "";
		if (root != null) {
			subtree = " and p.org_unit_id in (select su.id from org_unit su where su.school_id = ? and su.path like ?)";
			params.add(user.schoolId());
			params.add(root.path() + "%");
		}
		String sql = """
				select x.org_unit_id, count(*), sum(x.away)%s
				from (select p.org_unit_id, case when aw.id is null then 0 else 1 end away%s
				  from person p left join (select c.person_id%s from check_in c
				    where c.school_id = ? and c.check_date = ? and c.slot_code in (%s) group by c.person_id) c
				  on c.person_id = p.id
				  left join (select ap.id from person ap where ap.school_id = ? and %s) aw on aw.id = p.id
				  where %s and p.merged_into_id is null and %s%s) x
				group by x.org_unit_id""".formatted(outer, perPerson, inner,
				String.join(", ", java.util.Collections.nCopies(codes.size(), "?")), Absences.awayOn("ap.id"),
				e.predicate(), scope, subtree);
		jdbc.sql(sql).params(params).query((ResultSet rs) -> {
			Long unit = rs.getObject(1, Long.class);
			long people = rs.getLong(2);
			long away = rs.getLong(3);
			for (int i = 0; i < codes.size(); i++) {
				int col = 4 + i * 4;
				long reported = rs.getLong(col);
				SlotCounts c = SlotCounts.of(people, reported, rs.getLong(col + 1), rs.getLong(col + 2),
						away - rs.getLong(col + 3), pastDeadline.get(i));
				into.get(i).merge(unit == null ? -1L : unit, c, SlotCounts::plus);
			}
		});
	}

	/**
	 * The reporting rate and abnormal people of the last {@link #TREND_DAYS} days up to {@code date},
	 * for the scope or a unit's subtree. Expected people are today's (the roster is computed, not
	 * kept per day).
	 */
	Optional<List<TrendDay>> trend(CurrentUser user, LocalDate date, Long orgUnitId) {
		policies.all(user.schoolId());
		OrgUnitNode root = null;
		if (orgUnitId != null) {
			root = registry.orgUnitsInScope(user).stream().filter(u -> u.id() == orgUnitId).findFirst().orElse(null);
			if (root == null) {
				return Optional.empty();
			}
		}
		LocalDate from = date.minusDays(TREND_DAYS - 1);
		long[] expected = new long[TREND_DAYS];
		long[] reported = new long[TREND_DAYS];
		long[] away = new long[TREND_DAYS];
		long[] abnormal = new long[TREND_DAYS];
		for (Roster.Expectation e : roster.expectations(user.schoolId(), "")) {
			int slots = e.policy().slots().size();
			if (slots == 0) {
				continue;
			}
			List<Object> params = new ArrayList<>();
			String filter = filter(user, e.predicate(), root, params);
			long people = jdbc.sql("select count(*) from person p where " + filter).params(params).query(Long.class).single();
			if (people == 0) {
				continue;
			}
			for (int i = 0; i < TREND_DAYS; i++) {
				expected[i] += people * slots;
			}
			// only people with an absence in the range can be away: the day-by-day rule runs over those few
			List<Object> withAbsence = new ArrayList<>(List.of(user.schoolId(), date, from));
			String af = filter(user, e.predicate(), root, withAbsence);
			List<Long> candidates = jdbc.sql("select p.id from person p where p.id in (select a.person_id from absence a"
					+ " where a.school_id = ? and a.status <> 'CANCELLED' and a.starts_on <= ? and (a.ends_on is null or a.ends_on >= ?))"
					+ " and " + af).params(withAbsence).query(Long.class).list();
			for (int start = 0; start < candidates.size(); start += 1000) {
				List<Long> chunk = candidates.subList(start, Math.min(candidates.size(), start + 1000));
				String ids = chunk.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
				for (int i = 0; i < TREND_DAYS; i++) {
					away[i] += slots * jdbc.sql("select count(*) from person p where p.id in (" + ids + ") and "
							+ Absences.awayOn("p.id")).params(Absences.awayOnParams(from.plusDays(i))).query(Long.class).single();
				}
			}
		}
		// a check-in exists only for a slot of its person's policy, so check-ins are counted without the roster
		List<Object> cp = new ArrayList<>(List.of(user.schoolId(), from, date));
		String join = "";
		if (!user.scope().all() || root != null) {
			join = " join person p on p.id = c.person_id";
			cp.clear();
			String f = filter(user, "1=1", root, cp);
			cp.addAll(0, List.of(user.schoolId(), from, date));
			join += " and " + f;
		}
		jdbc.sql("select c.check_date, count(*) from check_in c" + join
				+ " where c.school_id = ? and c.check_date between ? and ? group by c.check_date")
			.params(reorderJoin(cp, join))
			.query((ResultSet rs) -> {
				reported[index(from, rs.getObject(1, LocalDate.class))] += rs.getLong(2);
			});
		jdbc.sql("select c.check_date, count(distinct c.person_id) from check_in c" + join
				+ " where c.school_id = ? and c.abnormal = true and c.check_date between ? and ? group by c.check_date")
			.params(reorderJoin(cp, join))
			.query((ResultSet rs) -> {
				abnormal[index(from, rs.getObject(1, LocalDate.class))] += rs.getLong(2);
			});
		List<TrendDay> days = new ArrayList<>();
		for (int i = 0; i < TREND_DAYS; i++) {
			LocalDate d = from.plusDays(i);
			days.add(new TrendDay(d, expected[i], reported[i], away[i], abnormal[i]));
		}
		return Optional.of(days);
	}

	/** The join's parameters come before the where clause's (school, from, to). */
	private static List<Object> reorderJoin(List<Object> params, String join) {
		if (join.isEmpty()) {
			return params;
		}
		List<Object> out = new ArrayList<>(params.subList(3, params.size()));
		out.addAll(params.subList(0, 3));
		return out;
	}

	private static int index(LocalDate from, LocalDate day) {
		return (int) java.time.temporal.ChronoUnit.DAYS.between(from, day);
	}

	private String filter(CurrentUser user, String predicate, OrgUnitNode root, List<Object> params) {
		String scope = registry.personInScope(user, params);
		String f = predicate + " and p.merged_into_id is null and " + scope;
		if (root != null) {
			f += " and p.org_unit_id in (select su.id from org_unit su where su.school_id = ? and su.path like ?)";
			params.add(user.schoolId());
			params.add(root.path() + "%");
		}
		return f;
	}
}
