package org.bulwark.control;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.bulwark.control.PassRules.Pass;
import org.bulwark.directory.Registry;
import org.bulwark.directory.Registry.Condition;
import org.bulwark.health.HealthRecords;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campus pass status, computed whenever it is read: one statement tests every {@link PassReason} on the
 * person rows — open cases and today's phase, open isolation stays (control), and health's
 * {@link HealthRecords.DayFacts} (check-ins, triage, absences) — for one person, a batch or a page of
 * a filtered list, so a case opened or released, a check-in or a triage conclusion shows at the next
 * read. Nothing is stored and nothing is added to the check-in's write path. People outside the
 * caller's scope are simply not found, exactly like people who do not exist. The transactions are not
 * read-only because health creates a school's default check policy on first use.
 */
@Service
class PassStatuses {

	/** One person's pass as read now. */
	record Status(long personId, String code, String name, String orgUnitName, PassColour colour, List<PassRules.Item> reasons,
			LocalDate date) {
	}

	record Filter(PassColour colour, Long orgUnitId, String q) {
	}

	record Counts(long green, long yellow, long red) {

		public long total() {
			return green + yellow + red;
		}

		public long of(PassColour c) {
			return switch (c) {
				case GREEN -> green;
				case YELLOW -> yellow;
				case RED -> red;
			};
		}
	}

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final Registry registry;
	private final HealthRecords health;
	private final ControlCases cases;
	private final PassSettings settings;

	PassStatuses(JdbcClient jdbc, JdbcTemplate template, Registry registry, HealthRecords health, ControlCases cases, PassSettings settings) {
		this.jdbc = jdbc;
		this.template = template;
		this.registry = registry;
		this.health = health;
		this.cases = cases;
		this.settings = settings;
	}

	java.time.ZoneId zone() {
		return cases.zone();
	}

	/** The statement's parts at one instant: the reasons' columns and the rules that colour them. */
	private record Query(LocalDate today, String columns, List<Object> columnParams, PassRules rules, String colour) {
	}

	private Query query(long schoolId, Instant now) {
		LocalDate today = cases.dateOf(now);
		HealthRecords.DayFacts day = health.dayFacts(schoolId, today, now);
		Map<PassReason, Condition> facts = new EnumMap<>(PassReason.class);
		for (Measure m : Measure.values()) {
			facts.put(PassReason.of(m), new Condition("exists (select 1 from control_case c join control_case_phase ph on ph.case_id = c.id"
					+ " where c.person_id = p.id and c.school_id = p.school_id and c.status = 'OPEN' and ph.measure = '" + m.name() + "'"
					+ " and ph.starts_on <= ? and ph.ends_on > ?)", List.of(today, today)));
		}
		facts.put(PassReason.IN_ISOLATION_ROOM, new Condition("exists (select 1 from isolation_stay s where s.open_person_id = p.id)", List.of()));
		facts.put(PassReason.FEVER_AWAITING_TRIAGE, day.feverAwaitingTriage());
		facts.put(PassReason.UNDER_CONTROL, new Condition("exists (select 1 from control_case c where c.person_id = p.id"
				+ " and c.school_id = p.school_id and c.status = 'OPEN' and not exists (select 1 from control_case_phase ph"
				+ " where ph.case_id = c.id and ph.starts_on <= ? and ph.ends_on > ?))", List.of(today, today)));
		facts.put(PassReason.ABNORMAL_AWAITING_TRIAGE, day.abnormalAwaitingTriage());
		facts.put(PassReason.SICK_ABSENCE, day.sickAbsence());
		facts.put(PassReason.NOT_REPORTED, day.notReported());
		facts.put(PassReason.AWAY, day.away());
		StringBuilder columns = new StringBuilder();
		List<Object> params = new ArrayList<>();
		for (PassReason r : PassReason.values()) {
			Condition c = facts.get(r);
			columns.append(", case when ").append(c.sql()).append(" then 1 else 0 end as ").append(column(r));
			params.addAll(c.params());
		}
		PassRules rules = settings.rules(schoolId);
		return new Query(today, columns.toString(), params, rules, rules.colourSql(r -> "x." + column(r) + " = 1"));
	}

	private static String column(PassReason r) {
		return "f_" + r.name().toLowerCase(Locale.ROOT);
	}

	/** The inner statement over the person rows {@code where} selects, its parameters appended to {@code params}. */
	private String inner(Query q, String where, List<Object> params, List<Object> whereParams) {
		params.addAll(q.columnParams());
		params.addAll(whereParams);
		return "select p.id, p.code, p.name, o.name as org_unit_name" + q.columns()
				+ " from person p left join org_unit o on o.id = p.org_unit_id where " + where;
	}

	private Status row(ResultSet rs, Query q) throws SQLException {
		List<PassReason> holding = new ArrayList<>();
		for (PassReason r : PassReason.values()) {
			if (rs.getInt(column(r)) == 1) {
				holding.add(r);
			}
		}
		Pass pass = q.rules().decide(holding);
		return new Status(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getString("org_unit_name"), pass.colour(),
				pass.reasons(), q.today());
	}

	// --- one, a batch, by number

	/** A person's pass within the user's scope; empty when not found or outside it. */
	@Transactional
	Optional<Status> of(CurrentUser user, long personId, Instant now) {
		return batch(user, List.of(personId), now).stream().findFirst();
	}

	/** The passes of the people found within the user's scope, in the order asked; the others are left out. */
	@Transactional
	List<Status> batch(CurrentUser user, Collection<Long> personIds, Instant now) {
		List<Long> ids = personIds.stream().distinct().toList();
		if (ids.isEmpty()) {
			return List.of();
		}
		Query q = query(user.schoolId(), now);
		Map<Long, Status> found = new java.util.HashMap<>();
		for (int i = 0; i < ids.size(); i += 1000) {
			List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + 1000));
			List<Object> where = new ArrayList<>();
			where.add(user.schoolId());
			where.addAll(chunk);
			String scope = registry.personInScope(user, where);
			List<Object> params = new ArrayList<>();
			String sql = inner(q, "p.school_id = ? and p.active = true and p.id in (" + String.join(",", Collections.nCopies(chunk.size(), "?"))
					+ ") and " + scope, params, where);
			jdbc.sql(sql).params(params).query((rs, n) -> row(rs, q)).list().forEach(s -> found.put(s.personId(), s));
		}
		return ids.stream().filter(found::containsKey).map(found::get).toList();
	}

	/** A person's pass by student/staff number or ID number within the user's scope, as a gate asks. */
	@Transactional
	Optional<Status> byNumber(CurrentUser user, String number, Instant now) {
		if (number == null || number.isBlank() || number.strip().length() > 32) {
			return Optional.empty();
		}
		String n = number.strip();
		Query q = query(user.schoolId(), now);
		List<Object> where = new ArrayList<>(List.of(user.schoolId(), n, user.schoolId(), n.toUpperCase(Locale.ROOT)));
		String scope = registry.personInScope(user, where);
		List<Object> params = new ArrayList<>();
		// two index lookups (number, ID number) rather than an "or" the planner might scan for
		String sql = inner(q, "p.id in (select a.id from person a where a.school_id = ? and a.code = ? union select b.id from person b"
				+ " where b.school_id = ? and b.id_number = ?) and p.active = true and " + scope, params, where);
		List<Status> found = jdbc.sql(sql + " order by p.id").params(params).query((rs, i) -> row(rs, q)).list();
		// a number that is one person's code and another's ID number names nobody for certain
		return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
	}

	/** The signed-in person's own pass (no data scope: it is their own record). */
	@Transactional
	Optional<Status> own(long schoolId, long personId, Instant now) {
		Query q = query(schoolId, now);
		List<Object> params = new ArrayList<>();
		return jdbc.sql(inner(q, "p.school_id = ? and p.id = ?", params, List.of(schoolId, personId))).params(params)
			.query((rs, i) -> row(rs, q)).optional();
	}

	// --- the list

	private record Listing(Query q, String sql, List<Object> params) {
	}

	private Listing listing(CurrentUser user, Filter f, Query q) {
		List<Object> where = new ArrayList<>();
		where.add(user.schoolId());
		StringBuilder w = new StringBuilder("p.school_id = ? and p.active = true and ");
		w.append(registry.personInScope(user, where));
		if (f.orgUnitId() != null) {
			w.append(" and ").append(registry.personInOrgUnit(f.orgUnitId(), where));
		}
		String typed = registry.personNameOrCodeStartsWith(f.q(), where);
		if (typed != null) {
			w.append(" and ").append(typed);
		}
		List<Object> params = new ArrayList<>();
		String sql = "select x.*, " + q.colour() + " as colour from (" + inner(q, w.toString(), params, where) + ") x";
		return new Listing(q, sql, params);
	}

	/** The list page: the counts of the filter and its page, from the same facts (read once). */
	record ListPage(Counts counts, PageResult<Status> result) {
	}

	@Transactional
	ListPage page(CurrentUser user, Filter f, PageQuery page, Instant now) {
		Query q = query(user.schoolId(), now);
		Counts counts = counts(user, f, q);
		return new ListPage(counts, search(user, f, page, counts, q));
	}

	/** How many people of the filter (its colour aside) have each colour now. */
	@Transactional
	Counts counts(CurrentUser user, Filter f, Instant now) {
		return counts(user, f, query(user.schoolId(), now));
	}

	private Counts counts(CurrentUser user, Filter f, Query q) {
		Listing l = listing(user, new Filter(null, f.orgUnitId(), f.q()), q);
		Map<String, Long> by = new java.util.HashMap<>();
		jdbc.sql("select y.colour, count(*) from (" + l.sql() + ") y group by y.colour").params(l.params())
			.query((rs, i) -> by.put(rs.getString(1), rs.getLong(2))).list();
		return new Counts(by.getOrDefault("GREEN", 0L), by.getOrDefault("YELLOW", 0L), by.getOrDefault("RED", 0L));
	}

	/** A page of the filter, by name; the total comes from {@code counts} of the same filter. */
	@Transactional
	PageResult<Status> search(CurrentUser user, Filter f, PageQuery page, Counts counts, Instant now) {
		return search(user, f, page, counts, query(user.schoolId(), now));
	}

	private PageResult<Status> search(CurrentUser user, Filter f, PageQuery page, Counts counts, Query q) {
		Listing l = listing(user, f, q);
		List<Object> params = new ArrayList<>(l.params());
		String colour = "";
		if (f.colour() != null) {
			colour = " where y.colour = ?";
			params.add(f.colour().name());
		}
		params.add(page.size());
		params.add(page.offset());
		List<Status> items = jdbc.sql("select y.* from (" + l.sql() + ") y" + colour + " order by y.name, y.id limit ? offset ?")
			.params(params).query((rs, i) -> row(rs, l.q())).list();
		long total = f.colour() == null ? counts.total() : counts.of(f.colour());
		return new PageResult<>(items, page.page(), page.size(), total, false);
	}

	/** Every person of the filter by name, as rows arrive (exports). */
	@Transactional
	void stream(CurrentUser user, Filter f, Instant now, Consumer<Status> sink) {
		Listing l = listing(user, f, query(user.schoolId(), now));
		List<Object> params = new ArrayList<>(l.params());
		String colour = "";
		if (f.colour() != null) {
			colour = " where y.colour = ?";
			params.add(f.colour().name());
		}
		String sql = "select y.* from (" + l.sql() + ") y" + colour + " order by y.name, y.id";
		template.query(con -> {
			var ps = con.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			ps.setFetchSize(1000);
			for (int i = 0; i < params.size(); i++) {
				ps.setObject(i + 1, params.get(i));
			}
			return ps;
		}, rs -> {
			sink.accept(row(rs, l.q()));
		});
	}
}
