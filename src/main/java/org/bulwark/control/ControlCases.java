package org.bulwark.control;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.bulwark.directory.Registry;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Control cases as lists and pages read them: the list with its filters (phase and "due for release"
 * derived from the stored dates and today's date, so nothing has to move a case from phase to phase),
 * one case with its plan and timeline, the dashboard's counts. Also the writes every use case shares:
 * the plan's dates and the timeline entry of an action.
 */
@Service
class ControlCases {

	enum Status { OPEN, RELEASED, TRANSFERRED, CANCELLED }

	enum Source { MANUAL, BULK, TRIAGE, SCREENING }

	/** Where an open case stands today (closed cases: CLOSED). */
	enum Phase { NOT_STARTED, IN_PHASE, DUE_FOR_RELEASE, CLOSED }

	enum Due { TODAY, TOMORROW }

	enum View { OPEN, CLOSED, ALL }

	enum Action {
		OPENED, EXTENDED, SHORTENED, MEASURE_CHANGED, CATEGORY_CHANGED, REAPPLIED, FOLLOW_UP_MISSED, TRANSFERRED, RELEASED, CANCELLED
	}

	record Case(long id, long personId, String personCode, String personName, String orgUnitName, ControlCategory category,
			long policyId, int policyVersion, Status status, Source source, LocalDate lastExposureOn, LocalDate arrivalOn,
			LocalDate reportOn, LocalDate startOn, LocalDate releaseOn, int daysChanged, int missedFollowUps, int daysForMissed,
			String measureOverrides, String notes, OffsetDateTime openedAt, String openedBy, OffsetDateTime closedAt, String closedBy,
			String closeReason, int version, Measure measureToday, LocalDate today) {

		@JsonProperty
		public Phase phase() {
			if (status != Status.OPEN) {
				return Phase.CLOSED;
			}
			return today.isBefore(startOn) ? Phase.NOT_STARTED : today.isBefore(releaseOn) ? Phase.IN_PHASE : Phase.DUE_FOR_RELEASE;
		}

		public boolean open() {
			return status == Status.OPEN;
		}

		@JsonProperty
		public boolean dueToday() {
			return open() && !releaseOn.isAfter(today);
		}

		@JsonProperty
		public boolean dueTomorrow() {
			return open() && releaseOn.equals(today.plusDays(1));
		}

		/** Days under control so far (day 1 is the start), for the list. */
		public long day() {
			return Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(startOn, today) + 1);
		}
	}

	record Filter(View view, ControlCategory category, Measure measure, Phase phase, Due due, Long orgUnitId, String q,
			Boolean missedFollowUps) {

		static Filter open() {
			return new Filter(View.OPEN, null, null, null, null, null, null, null);
		}
	}

	record Event(long id, Action action, String reason, String detail, LocalDate releaseBefore, LocalDate releaseAfter, String actor,
			OffsetDateTime occurredAt) {
	}

	private static final String COLUMNS = """
			c.id, c.person_id, p.code as person_code, p.name as person_name, o.name as org_unit_name, c.category, c.policy_id,
			pol.version as policy_version, c.status, c.source, c.last_exposure_on, c.arrival_on, c.report_on, c.start_on, c.release_on,
			c.days_changed, c.missed_follow_ups, c.days_for_missed, c.measure_overrides, c.notes, c.opened_at, c.opened_by, c.closed_at,
			c.closed_by, c.close_reason, c.version,
			(select ph.measure from control_case_phase ph where ph.case_id = c.id and ph.starts_on <= ? and ph.ends_on > ?) as measure_today""";
	private static final String FROM = """
			from control_case c join person p on p.id = c.person_id left join org_unit o on o.id = p.org_unit_id
			join control_policy pol on pol.id = c.policy_id""";
	private static final Map<String, String> SORTS = Map.of("release", "c.release_on", "start", "c.start_on", "opened", "c.opened_at",
			"name", "p.name", "category", "c.category");

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final Registry registry;
	private final ControlPolicies policies;
	private final ZoneId zone;

	ControlCases(JdbcClient jdbc, JdbcTemplate template, Registry registry, ControlPolicies policies,
			@Value("${bulwark.health.time-zone:Asia/Shanghai}") ZoneId zone) {
		this.jdbc = jdbc;
		this.template = template;
		this.registry = registry;
		this.policies = policies;
		this.zone = zone;
	}

	ZoneId zone() {
		return zone;
	}

	LocalDate today() {
		return LocalDate.now(zone);
	}

	LocalDate dateOf(Instant at) {
		return at.atZone(zone).toLocalDate();
	}

	// --- reading

	@Transactional(readOnly = true)
	PageResult<Case> search(CurrentUser user, Filter filter, PageQuery page) {
		LocalDate today = today();
		List<Object> caseParams = new ArrayList<>();
		List<Object> personParams = new ArrayList<>();
		String[] parts = where(user, filter, today, caseParams, personParams);
		String where = parts[0] + (parts[1] == null ? "" : " and " + parts[1]);
		List<Object> params = new ArrayList<>(caseParams);
		if (parts[1] != null) {
			params.addAll(personParams);
		}
		String order = SORTS.getOrDefault(page.sort(), "c.release_on") + (page.descending() ? " desc" : "") + ", c.id"
				+ (page.descending() ? " desc" : "");
		List<Object> pageParams = new ArrayList<>(List.of(today, today));
		pageParams.addAll(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<Case> items = jdbc.sql("select " + COLUMNS + " " + FROM + " where " + where + " order by " + order + " limit ? offset ?")
			.params(pageParams).query((rs, i) -> row(rs, today)).list();
		return PageResult.counted(items, page.page(), page.size(), cap -> {
			// the count asks about the person only when the filter does (scope, unit, search), and then as a
			// semi-join, so that it stops after the cap instead of hashing the whole registry
			List<Object> countParams = new ArrayList<>(params);
			countParams.add(cap);
			String personPart = parts[1] == null ? "" : " and exists (select 1 from person p where p.id = c.person_id and " + parts[1] + ")";
			return jdbc.sql("select count(*) from (select 1 from control_case c where " + parts[0] + personPart + " limit ?) n")
				.params(countParams).query(Long.class).single();
		});
	}

	/** Every case of the filter in list order, as rows arrive (exports). */
	@Transactional(readOnly = true)
	void stream(CurrentUser user, Filter filter, Consumer<Case> sink) {
		LocalDate today = today();
		List<Object> params = new ArrayList<>(List.of(today, today));
		List<Object> personParams = new ArrayList<>();
		String[] parts = where(user, filter, today, params, personParams);
		String where = parts[0] + (parts[1] == null ? "" : " and " + parts[1]);
		params.addAll(personParams);
		template.query(con -> {
			var ps = con.prepareStatement("select " + COLUMNS + " " + FROM + " where " + where + " order by c.release_on, c.id",
					ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			ps.setFetchSize(1000);
			for (int i = 0; i < params.size(); i++) {
				ps.setObject(i + 1, params.get(i));
			}
			return ps;
		}, rs -> {
			sink.accept(row(rs, today));
		});
	}

	/**
	 * The conditions of a filter: [0] on the case row {@code c}, [1] on the person row {@code p} (null
	 * when the filter asks nothing of the person), their parameters appended to the two lists.
	 */
	private String[] where(CurrentUser user, Filter f, LocalDate today, List<Object> params, List<Object> personParams) {
		StringBuilder where = new StringBuilder("c.school_id = ?");
		params.add(user.schoolId());
		List<String> person = new ArrayList<>();
		String scope = registry.personInScope(user, personParams);
		if (!"1=1".equals(scope)) {
			person.add(scope);
		}
		View view = f.view() == null ? View.OPEN : f.view();
		switch (view) {
			case OPEN -> where.append(" and c.status = 'OPEN'");
			case CLOSED -> where.append(" and c.status <> 'OPEN'");
			case ALL -> {
			}
		}
		if (f.category() != null) {
			where.append(" and c.category = ?");
			params.add(f.category().name());
		}
		if (f.measure() != null) {
			where.append(" and c.status = 'OPEN' and exists (select 1 from control_case_phase m where m.case_id = c.id and m.measure = ?"
					+ " and m.starts_on <= ? and m.ends_on > ?)");
			params.add(f.measure().name());
			params.add(today);
			params.add(today);
		}
		if (f.phase() != null) {
			switch (f.phase()) {
				case NOT_STARTED -> {
					where.append(" and c.status = 'OPEN' and c.start_on > ?");
					params.add(today);
				}
				case IN_PHASE -> {
					where.append(" and c.status = 'OPEN' and c.start_on <= ? and c.release_on > ?");
					params.add(today);
					params.add(today);
				}
				case DUE_FOR_RELEASE -> {
					where.append(" and c.status = 'OPEN' and c.release_on <= ?");
					params.add(today);
				}
				case CLOSED -> where.append(" and c.status <> 'OPEN'");
			}
		}
		if (f.due() != null) {
			if (f.due() == Due.TODAY) {
				where.append(" and c.status = 'OPEN' and c.release_on <= ?");
				params.add(today);
			} else {
				where.append(" and c.status = 'OPEN' and c.release_on = ?");
				params.add(today.plusDays(1));
			}
		}
		if (Boolean.TRUE.equals(f.missedFollowUps())) {
			where.append(" and c.missed_follow_ups > 0");
		}
		if (f.orgUnitId() != null) {
			person.add(registry.personInOrgUnit(f.orgUnitId(), personParams));
		}
		String q = registry.personNameOrCodeStartsWith(f.q(), personParams);
		if (q != null) {
			person.add(q);
		}
		if (person.isEmpty()) {
			return new String[] {where.toString(), null};
		}
		// the school on the person too: the name and number indexes lead with it
		personParams.add(0, user.schoolId());
		return new String[] {where.toString(), "p.school_id = ? and " + String.join(" and ", person)};
	}

	/** A case within the user's scope; empty for one outside it (pages answer 404). */
	@Transactional(readOnly = true)
	Optional<Case> find(CurrentUser user, long id) {
		LocalDate today = today();
		List<Object> params = new ArrayList<>(List.of(today, today, user.schoolId(), id));
		String scope = registry.personInScope(user, params);
		return jdbc.sql("select " + COLUMNS + " " + FROM + " where c.school_id = ? and c.id = ? and " + scope).params(params)
			.query((rs, i) -> row(rs, today)).optional();
	}

	/** The open cases of a person within the user's scope. */
	@Transactional(readOnly = true)
	List<Case> openOf(CurrentUser user, long personId) {
		LocalDate today = today();
		List<Object> params = new ArrayList<>(List.of(today, today, user.schoolId(), personId));
		String scope = registry.personInScope(user, params);
		return jdbc.sql("select " + COLUMNS + " " + FROM + " where c.school_id = ? and c.person_id = ? and c.status = 'OPEN' and " + scope
				+ " order by c.opened_at").params(params).query((rs, i) -> row(rs, today)).list();
	}

	/** The case's plan as stored: its policy version, start, days changed and missed, measures changed by hand. */
	CasePlan plan(long schoolId, Case c) {
		ControlPolicies.Version version = policies.find(schoolId, c.policyId()).orElseThrow();
		return planOf(version.policy(), c.startOn(), c.daysChanged() + c.daysForMissed(), c.measureOverrides());
	}

	static CasePlan planOf(ControlPolicy policy, LocalDate start, int daysAdded, String overrides) {
		return CasePlan.at(policy, start, daysAdded).withMeasures(ControlPolicy.parseOverrides(overrides));
	}

	@Transactional(readOnly = true)
	List<Event> events(long caseId) {
		return jdbc.sql("select id, action, reason, detail, release_before, release_after, actor, occurred_at from control_case_event"
				+ " where case_id = ? order by occurred_at desc, id desc").param(caseId)
			.query((rs, i) -> new Event(rs.getLong(1), Action.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
					rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getString(7), rs.getObject(8, OffsetDateTime.class)))
			.list();
	}

	// --- the dashboard

	record Dashboard(LocalDate today, Map<Measure, Long> byMeasure, Map<ControlCategory, Long> byCategory, long open, long dueToday,
			long dueTomorrow, long notStarted, long missedFollowUps) {
	}

	@Transactional(readOnly = true)
	Dashboard dashboard(CurrentUser user) {
		LocalDate today = today();
		List<Object> params = new ArrayList<>(List.of(today, today, today, today, today.plusDays(1), today, user.schoolId()));
		String scope = registry.personInScope(user, params);
		Object[] totals = jdbc.sql("""
				select count(*),
				  sum(case when c.release_on <= ? then 1 else 0 end),
				  sum(case when c.release_on = ? then 1 else 0 end),
				  sum(case when c.start_on > ? then 1 else 0 end),
				  sum(case when c.missed_follow_ups > 0 then 1 else 0 end)
				from control_case c join person p on p.id = c.person_id where c.status = 'OPEN' and c.school_id = ? and
				""" + " " + scope)
			.params(params.subList(3, params.size())).query((rs, i) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getLong(3),
					rs.getLong(4), rs.getLong(5)}).single();
		Map<ControlCategory, Long> byCategory = new EnumMap<>(ControlCategory.class);
		List<Object> cp = new ArrayList<>(List.of(user.schoolId()));
		String cs = registry.personInScope(user, cp);
		jdbc.sql("select c.category, count(*) from control_case c join person p on p.id = c.person_id where c.status = 'OPEN'"
				+ " and c.school_id = ? and " + cs + " group by c.category").params(cp)
			.query((rs, i) -> byCategory.put(ControlCategory.valueOf(rs.getString(1)), rs.getLong(2))).list();
		Map<Measure, Long> byMeasure = new EnumMap<>(Measure.class);
		List<Object> mp = new ArrayList<>(List.of(today, today, user.schoolId()));
		String ms = registry.personInScope(user, mp);
		jdbc.sql("select ph.measure, count(*) from control_case c join person p on p.id = c.person_id join control_case_phase ph"
				+ " on ph.case_id = c.id and ph.starts_on <= ? and ph.ends_on > ? where c.status = 'OPEN' and c.school_id = ? and " + ms
				+ " group by ph.measure").params(mp)
			.query((rs, i) -> byMeasure.put(Measure.valueOf(rs.getString(1)), rs.getLong(2))).list();
		return new Dashboard(today, byMeasure, byCategory, (long) totals[0], nz(totals[1]), nz(totals[2]), nz(totals[3]), nz(totals[4]));
	}

	private static long nz(Object o) {
		return o == null ? 0 : (long) o;
	}

	// --- writes every use case shares

	/** Stores the plan's dates on the case (start, release and the phases). */
	void writePlan(long caseId, CasePlan plan) {
		jdbc.sql("delete from control_case_phase where case_id = ?").param(caseId).update();
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < plan.phases().size(); i++) {
			CasePlan.Dated d = plan.phases().get(i);
			rows.add(new Object[] {caseId, i, d.measure().name(), d.starts(), d.ends()});
		}
		template.batchUpdate("insert into control_case_phase (case_id, position, measure, starts_on, ends_on) values (?, ?, ?, ?, ?)", rows);
		jdbc.sql("update control_case set start_on = ?, release_on = ? where id = ?").params(plan.start(), plan.releaseDate(), caseId).update();
	}

	void recordEvent(long schoolId, long caseId, Action action, String reason, String detail, LocalDate before, LocalDate after,
			String actor, Instant at) {
		jdbc.sql("""
				insert into control_case_event (school_id, case_id, action, reason, detail, release_before, release_after, actor, occurred_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(schoolId, caseId, action.name(), reason, detail == null ? null : truncate(detail, 500), before, after, actor,
					java.sql.Timestamp.from(at))
			.update();
	}

	static String truncate(String s, int max) {
		return s == null || s.length() <= max ? s : s.substring(0, max);
	}

	private static Case row(ResultSet rs, LocalDate today) throws SQLException {
		String measure = rs.getString("measure_today");
		return new Case(rs.getLong("id"), rs.getLong("person_id"), rs.getString("person_code"), rs.getString("person_name"),
				rs.getString("org_unit_name"), ControlCategory.valueOf(rs.getString("category")), rs.getLong("policy_id"),
				rs.getInt("policy_version"), Status.valueOf(rs.getString("status")), Source.valueOf(rs.getString("source")),
				rs.getObject("last_exposure_on", LocalDate.class), rs.getObject("arrival_on", LocalDate.class),
				rs.getObject("report_on", LocalDate.class), rs.getObject("start_on", LocalDate.class),
				rs.getObject("release_on", LocalDate.class), rs.getInt("days_changed"), rs.getInt("missed_follow_ups"),
				rs.getInt("days_for_missed"), rs.getString("measure_overrides"), rs.getString("notes"),
				rs.getObject("opened_at", OffsetDateTime.class), rs.getString("opened_by"), rs.getObject("closed_at", OffsetDateTime.class),
				rs.getString("closed_by"), rs.getString("close_reason"), rs.getInt("version"),
				measure == null ? null : Measure.valueOf(measure), today);
	}
}
