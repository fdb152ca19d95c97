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
		for (Slot slot : slots) {
			Map<Long, SlotCounts> byUnit = new HashMap<>();
			boolean anyPast = false;
			for (Roster.Expectation e : roster.expectations(user.schoolId(), slot.code())) {
				if (e.slot().isEmpty()) {
					continue;
				}
				boolean pastDeadline = now.isAfter(e.slot().get().onTimeUntil(date, zone).toInstant());
				anyPast |= pastDeadline;
				count(user, e, slot.code(), date, root, pastDeadline, byUnit);
			}
			direct.add(byUnit);
			past.add(anyPast);
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

	/** Adds the counts of one policy's people for a slot, grouped by their org unit, to {@code byUnit}. */
	private void count(CurrentUser user, Roster.Expectation e, String slotCode, LocalDate date, OrgUnitNode root,
			boolean pastDeadline, Map<Long, SlotCounts> byUnit) {
		List<Object> params = new ArrayList<>(List.of(user.schoolId(), date, slotCode));
		params.addAll(Absences.awayOnParams(date));
		String scope = registry.personInScope(user, params);
		String subtree = "";
		if (root != null) {
			subtree = " and p.org_unit_id in (select su.id from org_unit su where su.school_id = ? and su.path like ?)";
			params.add(user.schoolId());
			params.add(root.path() + "%");
		}
		jdbc.sql("""
				select p.org_unit_id, count(*),
				  sum(case when c.id is not null then 1 else 0 end),
				  sum(case when c.late = true then 1 else 0 end),
				  sum(case when c.abnormal = true then 1 else 0 end),
				  sum(case when c.id is null and %s then 1 else 0 end)
				from person p left join check_in c on c.school_id = ? and c.person_id = p.id and c.check_date = ?
				  and c.slot_code = ?
				where %s and p.merged_into_id is null and %s%s
				group by p.org_unit_id""".formatted(Absences.awayOn("p.id"), e.predicate(), scope, subtree))
			.params(reorder(params))
			.query((ResultSet rs) -> {
				Long unit = rs.getObject(1, Long.class);
				SlotCounts c = SlotCounts.of(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
						pastDeadline);
				byUnit.merge(unit == null ? -1L : unit, c, SlotCounts::plus);
			});
	}

	/** The awayOn parameters come first in the text (the select list), before the join's. */
	private static List<Object> reorder(List<Object> params) {
		List<Object> out = new ArrayList<>(params.subList(3, 6));
		out.addAll(params.subList(0, 3));
		out.addAll(params.subList(6, params.size()));
		return out;
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
		Map<LocalDate, Long> abnormal = new HashMap<>();
		for (Roster.Expectation e : roster.expectations(user.schoolId(), "")) {
			List<String> codes = e.policy().slots().stream().map(Slot::code).toList();
			if (codes.isEmpty()) {
				continue;
			}
			List<Object> params = new ArrayList<>();
			String filter = filter(user, e, root, params);
			long people = jdbc.sql("select count(*) from person p where " + filter).params(params).query(Long.class).single();
			if (people == 0) {
				continue;
			}
			// slot codes come from the policy editor, which allows only [a-z0-9_-]; bound anyway
			String in = String.join(", ", java.util.Collections.nCopies(codes.size(), "?"));
			List<Object> cp = new ArrayList<>(List.of(user.schoolId(), from, date));
			cp.addAll(codes);
			String cf = filter(user, e, root, cp);
			jdbc.sql("select c.check_date, count(*), count(distinct case when c.abnormal = true then c.person_id end)"
					+ " from check_in c join person p on p.id = c.person_id"
					+ " where c.school_id = ? and c.check_date between ? and ? and c.slot_code in (" + in + ") and " + cf
					+ " group by c.check_date").params(cp)
				.query((ResultSet rs) -> {
					LocalDate d = rs.getObject(1, LocalDate.class);
					reported[(int) java.time.temporal.ChronoUnit.DAYS.between(from, d)] += rs.getLong(2);
					abnormal.merge(d, rs.getLong(3), Long::sum);
				});
			for (int i = 0; i < TREND_DAYS; i++) {
				expected[i] += people * codes.size();
				List<Object> ap = new ArrayList<>(Absences.awayOnParams(from.plusDays(i)));
				String af = filter(user, e, root, ap);
				away[i] += codes.size() * jdbc.sql("select count(*) from person p where " + Absences.awayOn("p.id") + " and " + af)
					.params(ap).query(Long.class).single();
			}
		}
		List<TrendDay> days = new ArrayList<>();
		for (int i = 0; i < TREND_DAYS; i++) {
			LocalDate d = from.plusDays(i);
			days.add(new TrendDay(d, expected[i], reported[i], away[i], abnormal.getOrDefault(d, 0L)));
		}
		return Optional.of(days);
	}

	private String filter(CurrentUser user, Roster.Expectation e, OrgUnitNode root, List<Object> params) {
		String scope = registry.personInScope(user, params);
		String f = e.predicate() + " and p.merged_into_id is null and " + scope;
		if (root != null) {
			f += " and p.org_unit_id in (select su.id from org_unit su where su.school_id = ? and su.path like ?)";
			params.add(user.schoolId());
			params.add(root.path() + "%");
		}
		return f;
	}
}
