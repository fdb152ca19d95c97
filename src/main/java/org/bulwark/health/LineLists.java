package org.bulwark.health;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.bulwark.directory.Registry;
import org.bulwark.health.NonReporting.Phase;
import org.bulwark.health.NonReporting.State;
import org.bulwark.health.NonReporting.Status;
import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who has not reported for a slot of a day, computed from the roster every time (never stored):
 * not yet reported, overdue, never reported since enrolled, and who reported late. People away that
 * day are left out (and counted). Within the user's data scope; grouped by unit or by the people
 * who answer for them.
 */
@Service
// Not read-only: the school's default policy is created on first use (Policies.all), even by a list.
class LineLists {

	/** @param unitId only people of this org unit; {@code responsibleId} only people this person answers for */
	record Query(LocalDate date, String slotCode, Status status, String q, Long unitId, Long responsibleId) {
	}

	/** One person on a list. */
	record Line(long personId, String code, String name, String phone, Long unitId, String unitName, State state,
			boolean never, Instant submittedAt, Instant remindedAt, String remindedBy) {
	}

	/** The slot's figures within the user's scope. */
	record Summary(long expected, long reported, long late, long notYet, long overdue, long never, long away,
			long reminded) {
	}

	/** One group of a list: an org unit or a responsible person (id null: none), with how many are on it. */
	record Group(Long id, String name, String detail, long count) {
	}

	/** The slot of the day as the page shows it, and where it stands. */
	record SlotView(Slot slot, Phase phase, List<Slot> slotsOfDay) {
	}

	private static final int MAX_GROUPS = 200;

	private final JdbcClient jdbc;
	private final Roster roster;
	private final Registry registry;
	private final ZoneId zone;
	/** The roster, the slot's figures and the groups of a list, held for a few seconds (see {@link Held}). */
	private final Held held;

	LineLists(JdbcClient jdbc, Roster roster, Registry registry,
			@Value("${bulwark.health.time-zone:Asia/Shanghai}") ZoneId zone,
			@Value("${bulwark.health.line-lists.hold-figures:PT10S}") java.time.Duration holdFigures) {
		this.jdbc = jdbc;
		this.roster = roster;
		this.registry = registry;
		this.zone = zone;
		this.held = new Held(holdFigures);
	}

	/** After reminders went out: the figures (who was reminded) are counted again at once. */
	void forgetFigures() {
		held.forget();
	}

	ZoneId zone() {
		return zone;
	}

	/** The slot asked for, or the current one of the school's day. */
	@Transactional
	Optional<SlotView> slot(long schoolId, LocalDate date, String slotCode, Instant now) {
		List<Slot> day = roster.slotsOfDay(schoolId);
		Optional<Slot> chosen = slotCode == null || slotCode.isBlank() ? NonReporting.current(day, now, zone)
				: day.stream().filter(s -> s.code().equals(slotCode.strip())).findFirst();
		return chosen.map(s -> new SlotView(s, NonReporting.phase(s, date, now, zone), day));
	}

	/** The SQL of a query: who is expected and in which phase their policy's slot is. */
	private record Plan(List<Roster.Expectation> expectations, List<Phase> phases) {

		/** The people whose slot is in a phase where the status is possible. */
		String expected(Status status) {
			List<String> parts = new ArrayList<>();
			for (int i = 0; i < expectations.size(); i++) {
				if (status == null || status.possibleIn(phases.get(i))) {
					parts.add(expectations.get(i).predicate());
				}
			}
			return parts.isEmpty() ? "1 = 0" : "(" + String.join(" or ", parts) + ")";
		}

		/**
		 * Which expectation a person falls under, as a number (their phase is that one's). Only rows some
		 * expectation selected get here and policies do not overlap, so the last one needs no test: a
		 * school with one policy pays nothing per row.
		 */
		String which() {
			if (expectations.isEmpty()) {
				return "-1";
			}
			StringBuilder sql = new StringBuilder("case");
			for (int i = 0; i < expectations.size() - 1; i++) {
				sql.append(" when ").append(expectations.get(i).predicate()).append(" then ").append(i);
			}
			return expectations.size() == 1 ? "0" : sql.append(" else ").append(expectations.size() - 1).append(" end").toString();
		}
	}

	private record PlanKey(long schoolId, LocalDate date, String slotCode, Instant now) {
	}

	/**
	 * The last plan this thread made. A page asks for its summary, groups and lines at one instant;
	 * they share the plan instead of grouping the whole roster three times. Another instant (the next
	 * request) plans again, so nothing outlives a request.
	 */
	private final ThreadLocal<Map.Entry<PlanKey, Plan>> lastPlan = new ThreadLocal<>();

	private Plan plan(long schoolId, LocalDate date, String slotCode, Instant now) {
		PlanKey key = new PlanKey(schoolId, date, slotCode, now);
		Map.Entry<PlanKey, Plan> last = lastPlan.get();
		if (last != null && last.getKey().equals(key)) {
			return last.getValue();
		}
		List<Roster.Expectation> all = held.get(List.of("roster", schoolId, String.valueOf(slotCode)), now,
				() -> roster.expectations(schoolId, slotCode).stream().filter(e -> e.slot().isPresent()).toList());
		Plan plan = new Plan(all, all.stream().map(e -> NonReporting.phase(e.slot().get(), date, now, zone)).toList());
		lastPlan.set(Map.entry(key, plan));
		return plan;
	}

	private record Where(String sql, List<Object> params) {
	}

	/** from … where … of a query; the check-in of the slot is {@code c}, the reminder {@code r}. */
	private Where where(CurrentUser user, Query query, Plan plan, Status status, Collection<Long> onlyIds) {
		List<Object> params = new ArrayList<>();
		// the missing have no check-in: the name index is walked and stopped after the page; only the
		// late list joins the check-in itself
		boolean late = status == Status.LATE;
		StringBuilder sql = new StringBuilder(" from person p left join org_unit o on o.id = p.org_unit_id"
				+ (late ? " join check_in c on c.school_id = p.school_id and c.person_id = p.id and c.check_date = ?"
						+ " and c.slot_code = ?" : "")
				+ " left join reminder r on r.school_id = p.school_id and r.person_id = p.id and r.check_date = ?"
				+ " and r.slot_code = ?"
				+ " where p.school_id = ? and ");
		if (late) {
			params.add(query.date());
			params.add(query.slotCode());
		}
		params.add(query.date());
		params.add(query.slotCode());
		params.add(user.schoolId());
		// nobody is expected before they were enrolled
		sql.append("p.created_at < ? and ");
		params.add(enrolledBy(query.date()));
		sql.append(plan.expected(status));
		Registry.Condition scope = registry.personScope(user);
		sql.append(" and ").append(scope.sql());
		params.addAll(scope.params());
		sql.append(" and not ").append(Absences.awayOn("p.id"));
		params.addAll(Absences.awayOnParams(query.date()));
		switch (status) {
			case MISSING, NOT_YET, OVERDUE -> {
				if (user.scope().all()) {
					// the slot's check-ins as one hashed set (person_id is never null, so "not in" is exact): a
					// deep page of the campus walks thousands of names, and a probe for each cost 7x more
					sql.append(" and p.id not in (select c.person_id from check_in c where c.school_id = ?"
							+ " and c.check_date = ? and c.slot_code = ?)");
					params.add(user.schoolId());
				}
				else {
					// a counselor's few hundred people: a probe each is cheaper than hashing the campus
					sql.append(" and not exists (select 1 from check_in c where c.school_id = p.school_id"
							+ " and c.person_id = p.id and c.check_date = ? and c.slot_code = ?)");
				}
				params.add(query.date());
				params.add(query.slotCode());
			}
			case NEVER -> sql.append(" and not exists (select 1 from check_in x where x.school_id = p.school_id"
					+ " and x.person_id = p.id)");
			case LATE -> sql.append(" and c.late = true");
		}
		if (query.q() != null && !query.q().isBlank()) {
			String like = query.q().strip().replace("%", "").replace("_", "") + "%";
			sql.append(" and (p.name like ? or p.code like ? or o.name like ?)");
			params.add(like);
			params.add(like);
			params.add(like);
		}
		if (query.unitId() != null) {
			sql.append(" and p.org_unit_id = ?");
			params.add(query.unitId());
		}
		if (onlyIds != null) {
			sql.append(onlyIds.isEmpty() ? " and 1 = 0"
					: " and p.id in (" + onlyIds.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")");
		}
		return new Where(sql.toString(), params);
	}

	/** The people a responsible person answers for among those of the query, or null when not asked. */
	private Collection<Long> restriction(CurrentUser user, Query query, Plan plan) {
		if (query.responsibleId() == null) {
			return null;
		}
		Where w = where(user, query, plan, query.status(), null);
		List<Long> ids = jdbc.sql("select p.id" + w.sql()).params(w.params()).query(Long.class).list();
		Set<Long> mine = new LinkedHashSet<>();
		if (query.responsibleId() == 0) {
			Set<Long> answered = registry.responsibles(user, ids).stream().map(Registry.ResponsibleFor::personId)
				.collect(Collectors.toSet());
			ids.stream().filter(id -> !answered.contains(id)).forEach(mine::add);
		}
		else {
			registry.responsibles(user, ids).stream().filter(r -> r.responsibleId() == query.responsibleId())
				.forEach(r -> mine.add(r.personId()));
		}
		return mine;
	}

	/**
	 * How many people a list has, from the slot's summary, when the list is one of its figures (no
	 * search or group chosen); null otherwise.
	 */
	static Long totalFrom(Summary s, Query q) {
		if ((q.q() != null && !q.q().isBlank()) || q.unitId() != null || q.responsibleId() != null) {
			return null;
		}
		return switch (q.status()) {
			case MISSING -> s.notYet() + s.overdue();
			case NOT_YET -> s.notYet();
			case OVERDUE -> s.overdue();
			case NEVER -> s.never();
			case LATE -> s.late();
		};
	}

	/** One page of a list, in order of name. */
	@Transactional
	PageResult<Line> page(CurrentUser user, Query query, int page, int size, Instant now) {
		return page(user, query, page, size, now, null);
	}

	/**
	 * One page of a list, in order of name: walked along the name index and stopped after the page, so
	 * a page costs its own rows, not the campus. {@code knownTotal} (from {@link #totalFrom}) spares
	 * counting the list again.
	 */
	@Transactional
	PageResult<Line> page(CurrentUser user, Query query, int page, int size, Instant now, Long knownTotal) {
		Plan plan = plan(user.schoolId(), query.date(), query.slotCode(), now);
		Where w = where(user, query, plan, query.status(), restriction(user, query, plan));
		int s = Math.max(1, Math.min(size, 200));
		int p = Math.max(0, page);
		List<Object> params = new ArrayList<>(w.params());
		params.add(s);
		params.add((long) p * s);
		// the page's people first, by id alone: rows skipped by the offset cost only the list's condition,
		// not the line's columns (PostgreSQL computes a row's select list even for the rows it skips)
		List<Long> ids = jdbc.sql("select p.id" + w.sql() + " order by p.name, p.id limit ? offset ?").params(params)
			.query(Long.class).list();
		Map<Long, Line> byId = new HashMap<>();
		if (!ids.isEmpty()) {
			Where only = where(user, query, plan, query.status(), ids);
			jdbc.sql(select(plan, query.status()) + only.sql()).params(only.params())
				.query((rs, i) -> line(rs, plan, query, now)).list().forEach(l -> byId.put(l.personId(), l));
		}
		List<Line> items = ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
		long total = knownTotal != null ? knownTotal
				: jdbc.sql("select count(*)" + w.sql()).params(w.params()).query(Long.class).single();
		return new PageResult<>(items, p, s, total, false);
	}

	/** Every line of a list, for export and "remind the whole list". */
	@Transactional
	void each(CurrentUser user, Query query, Instant now, Consumer<Line> sink) {
		Plan plan = plan(user.schoolId(), query.date(), query.slotCode(), now);
		Where w = where(user, query, plan, query.status(), restriction(user, query, plan));
		jdbc.sql(select(plan, query.status()) + w.sql() + " order by p.name, p.id").params(w.params())
			.query((rs, i) -> line(rs, plan, query, now)).stream().forEach(sink);
	}

	/** The lines of these people (those of them on the list of the query). */
	@Transactional
	List<Line> of(CurrentUser user, Query query, Collection<Long> personIds, Instant now) {
		Plan plan = plan(user.schoolId(), query.date(), query.slotCode(), now);
		Where w = where(user, query, plan, query.status(), personIds);
		return jdbc.sql(select(plan, query.status()) + w.sql() + " order by p.id").params(w.params())
			.query((rs, i) -> line(rs, plan, query, now)).list();
	}

	private static String select(Plan plan, Status status) {
		String checkIn = status == Status.LATE ? "c.id, c.late, c.submitted_at" : "null, null, null";
		String never = status == Status.LATE ? "0" : status == Status.NEVER ? "1"
				: "case when not exists (select 1 from check_in x where x.school_id = p.school_id and x.person_id = p.id)"
						+ " then 1 else 0 end";
		return "select p.id, p.code, p.name, p.phone, p.org_unit_id, o.name, " + checkIn + ", r.sent_at, r.sent_by, "
				+ plan.which() + ", " + never;
	}

	private Line line(java.sql.ResultSet rs, Plan plan, Query query, Instant now) throws java.sql.SQLException {
		boolean submitted = rs.getObject(7) != null;
		int which = rs.getInt(12);
		State state;
		if (submitted) {
			state = rs.getBoolean(8) ? State.REPORTED_LATE : State.REPORTED;
		}
		else {
			Phase phase = which >= 0 ? plan.phases().get(which) : Phase.NOT_OPEN;
			state = switch (phase) {
				case NOT_OPEN -> State.NOT_OPEN;
				case ON_TIME -> State.NOT_YET;
				case OVERDUE -> State.OVERDUE;
			};
		}
		OffsetDateTime submittedAt = rs.getObject(9, OffsetDateTime.class);
		OffsetDateTime remindedAt = rs.getObject(10, OffsetDateTime.class);
		return new Line(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getObject(5) == null ? null : rs.getLong(5), rs.getString(6), state, rs.getInt(13) == 1,
				submittedAt == null ? null : submittedAt.toInstant(), remindedAt == null ? null : remindedAt.toInstant(),
				rs.getString(11));
	}

	/** The slot's figures: expected, reported (on time and late), not yet, overdue, never, away, reminded. */
	@Transactional
	Summary summary(CurrentUser user, LocalDate date, String slotCode, Instant now) {
		Plan plan = plan(user.schoolId(), date, slotCode, now);
		Registry.Condition scope = registry.personScope(user);
		return held.get(List.of("summary", user.schoolId(), date, slotCode, scope, plan.phases()), now,
				() -> count(user, date, slotCode, plan, scope));
	}

	private Summary count(CurrentUser user, LocalDate date, String slotCode, Plan plan, Registry.Condition scope) {
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		params.addAll(Absences.awayOnParams(date));
		params.add(date);
		params.add(slotCode);
		params.add(date);
		params.add(slotCode);
		params.add(user.schoolId());
		params.add(enrolledBy(date));
		params.addAll(scope.params());
		// one pass over the expected people, one row per policy: the away are one hashed set, and only the
		// missing are probed for any check-in ever (an index lookup each, however long the history)
		String sql = "select " + plan.which() + ", count(*), count(*) filter (where aw.person_id is not null),"
				+ " count(*) filter (where aw.person_id is null and c.id is not null),"
				+ " count(*) filter (where aw.person_id is null and c.late = true),"
				+ " count(*) filter (where aw.person_id is null and c.id is null),"
				+ " count(*) filter (where aw.person_id is null and c.id is null and not exists (select 1 from check_in x"
				+ " where x.school_id = p.school_id and x.person_id = p.id)),"
				+ " count(*) filter (where r.id is not null)"
				+ " from person p"
				+ " left join (select distinct a.person_id from absence a where a.school_id = ? and " + Absences.awayToday("a")
				+ ") aw on aw.person_id = p.id"
				+ " left join check_in c on c.school_id = p.school_id and c.person_id = p.id and c.check_date = ? and c.slot_code = ?"
				+ " left join reminder r on r.school_id = p.school_id and r.person_id = p.id and r.check_date = ? and r.slot_code = ?"
				+ " where p.school_id = ? and p.created_at < ? and " + plan.expected(null) + " and " + scope.sql() + " group by 1";
		long[] f = new long[8];
		jdbc.sql(sql).params(params).query(rs -> {
			int which = rs.getInt(1);
			Phase phase = which >= 0 ? plan.phases().get(which) : Phase.NOT_OPEN;
			long away = rs.getLong(3);
			long missing = rs.getLong(6);
			f[0] += rs.getLong(2);
			f[6] += away;
			f[1] += rs.getLong(4);
			f[2] += rs.getLong(5);
			if (phase == Phase.ON_TIME) {
				f[3] += missing;
			}
			else if (phase == Phase.OVERDUE) {
				f[4] += missing;
			}
			if (phase != Phase.NOT_OPEN) {
				f[5] += rs.getLong(7);
			}
			f[7] += rs.getLong(8);
		});
		return new Summary(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]);
	}

	/** People enrolled before this instant are expected on the day: its end in the school's zone. */
	private OffsetDateTime enrolledBy(LocalDate day) {
		return day.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
	}

	/** The list's people by org unit, most first. */
	@Transactional
	List<Group> byUnit(CurrentUser user, Query query, Instant now) {
		Plan plan = plan(user.schoolId(), query.date(), query.slotCode(), now);
		return held.get(List.of("byUnit", user.schoolId(), query, registry.personScope(user), plan.phases()), now,
				() -> byUnit(user, query, plan));
	}

	private List<Group> byUnit(CurrentUser user, Query query, Plan plan) {
		Where w = where(user, query, plan, query.status(), restriction(user, query, plan));
		List<Object> params = new ArrayList<>(w.params());
		params.add(MAX_GROUPS);
		return jdbc.sql("select p.org_unit_id, o.name, o.code, count(*)" + w.sql()
				+ " group by p.org_unit_id, o.name, o.code order by count(*) desc, o.name limit ?").params(params)
			.query((rs, i) -> new Group(rs.getObject(1) == null ? null : rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getLong(4)))
			.list();
	}

	/**
	 * The list's people by who answers for them (a person with several responsibles counts under
	 * each; "nobody" is the group with id 0), most first.
	 */
	@Transactional
	List<Group> byResponsible(CurrentUser user, Query query, Instant now) {
		Plan plan = plan(user.schoolId(), query.date(), query.slotCode(), now);
		Where w = where(user, query, plan, query.status(), restriction(user, query, plan));
		List<Long> ids = jdbc.sql("select p.id" + w.sql()).params(w.params()).query(Long.class).list();
		Map<Long, Group> groups = new HashMap<>();
		Map<Long, Set<String>> roles = new HashMap<>();
		Set<Long> answered = new LinkedHashSet<>();
		Map<String, Long> counted = new LinkedHashMap<>();
		for (Registry.ResponsibleFor r : registry.responsibles(user, ids)) {
			answered.add(r.personId());
			roles.computeIfAbsent(r.responsibleId(), k -> new LinkedHashSet<>()).add(r.role().name());
			if (counted.putIfAbsent(r.responsibleId() + ":" + r.personId(), 1L) == null) {
				groups.merge(r.responsibleId(), new Group(r.responsibleId(), r.responsibleName(), null, 1),
						(a, b) -> new Group(a.id(), a.name(), null, a.count() + 1));
			}
		}
		List<Group> out = new ArrayList<>(groups.values().stream()
			.map(g -> new Group(g.id(), g.name(), String.join(",", roles.get(g.id())), g.count())).toList());
		out.sort(Comparator.comparingLong(Group::count).reversed().thenComparing(Group::name));
		long nobody = ids.stream().filter(id -> !answered.contains(id)).count();
		if (nobody > 0) {
			out.add(new Group(0L, null, null, nobody));
		}
		return out.size() > MAX_GROUPS ? out.subList(0, MAX_GROUPS) : out;
	}

	/** States of a summary as a map, for charts and the API. */
	static Map<String, Long> figures(Summary s) {
		Map<String, Long> out = new LinkedHashMap<>();
		out.put("expected", s.expected());
		out.put("reported", s.reported());
		out.put("late", s.late());
		out.put("notYet", s.notYet());
		out.put("overdue", s.overdue());
		out.put("never", s.never());
		out.put("away", s.away());
		out.put("reminded", s.reminded());
		return out;
	}
}
