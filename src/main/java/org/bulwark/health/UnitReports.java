package org.bulwark.health;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.OrgUnitKind;
import org.bulwark.directory.Registry;
import org.bulwark.directory.Registry.OrgUnitNode;
import org.bulwark.health.UnitReportRules.Counts;
import org.bulwark.health.UnitReportRules.Settings;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Unit daily reports (日报告/零报告): a reporting unit's abnormal count of a day, or zero, submitted
 * by someone with UNIT_REPORT_SUBMIT whose data scope covers the unit. A resubmission updates the
 * report and keeps every version; it must name the revision it replaces, so two people editing at
 * once cannot overwrite each other unseen; a retry with the same request id writes nothing.
 */
@Service
class UnitReports {

	record Submission(long orgUnitId, LocalDate date, Integer fever, Integer symptoms, Integer sickAbsences,
			Integer other, boolean zero, String note, Integer baseRevision, String requestId) {
	}

	record Report(long id, long orgUnitId, LocalDate date, Counts counts, String note, Instant firstSubmittedAt,
			Instant submittedAt, String submittedBy, boolean timely, boolean late, int revision) {

		public int abnormal() {
			return counts.total();
		}

		public boolean zero() {
			return counts.zero();
		}
	}

	record Revision(int revision, Counts counts, String note, Instant submittedAt, String submittedBy, boolean late) {
	}

	sealed interface Outcome {
	}

	record Saved(Report report, boolean replayed) implements Outcome {
	}

	record Rejected(List<FieldProblem> problems) implements Outcome {
	}

	/** Someone else changed the report since the submitter saw it: nothing was written. */
	record Conflict(Report current) implements Outcome {
	}

	record NotFound() implements Outcome {
	}

	/** A unit's day: its report if any, its history, what the registry already knows, the deadline. */
	record UnitDay(OrgUnitNode unit, LocalDate date, boolean mustReport, Report report, List<Revision> history,
			Counts known, Instant deadline) {
	}

	/** One line of a day's list: a reporting unit and its report, or none yet. */
	record DayLine(OrgUnitNode unit, Report report, boolean pastDeadline) {
	}

	private final JdbcClient jdbc;
	private final Registry registry;
	private final AuditLog audit;
	private final TransactionTemplate tx;
	private final ZoneId zone;

	UnitReports(JdbcClient jdbc, Registry registry, AuditLog audit, TransactionTemplate tx,
			@Value("${bulwark.health.time-zone:Asia/Shanghai}") ZoneId zone) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.audit = audit;
		this.tx = tx;
		this.zone = zone;
	}

	ZoneId zone() {
		return zone;
	}

	LocalDate today(Instant now) {
		return now.atZone(zone).toLocalDate();
	}

	@Transactional(readOnly = true)
	Settings settings(long schoolId) {
		return jdbc.sql("select kinds, deadline, version from unit_report_setting where school_id = ?").param(schoolId)
			.query((rs, i) -> {
				Set<OrgUnitKind> kinds = EnumSet.noneOf(OrgUnitKind.class);
				for (String k : rs.getString(1).split(",")) {
					if (!k.isBlank()) {
						kinds.add(OrgUnitKind.valueOf(k.strip()));
					}
				}
				return new Settings(kinds, rs.getObject(2, LocalTime.class), rs.getInt(3));
			})
			.optional().orElseGet(Settings::defaults);
	}

	sealed interface SettingsOutcome {
	}

	record SettingsSaved(Settings settings) implements SettingsOutcome {
	}

	record SettingsRejected(List<FieldProblem> problems) implements SettingsOutcome {
	}

	/** Changes which kinds report and the deadline; {@code version} is the one the editor saw. */
	@Transactional
	SettingsOutcome saveSettings(CurrentUser user, Set<OrgUnitKind> kinds, LocalTime deadline, int version) {
		List<FieldProblem> problems = new ArrayList<>();
		if (deadline == null) {
			problems.add(FieldProblem.of("deadline", "unitReports.settings.deadline.required"));
		}
		if (!problems.isEmpty()) {
			return new SettingsRejected(problems);
		}
		jdbc.sql("select id from school where id = ? for update").param(user.schoolId()).query(Long.class).optional();
		Settings before = settings(user.schoolId());
		if (before.version() != version) {
			return new SettingsRejected(List.of(FieldProblem.of("version", "unitReports.settings.changed")));
		}
		String joined = kinds.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
		OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
		int updated = jdbc.sql("update unit_report_setting set kinds = ?, deadline = ?, version = version + 1, updated_by = ?,"
				+ " updated_at = ? where school_id = ?").params(joined, deadline, user.id(), now, user.schoolId()).update();
		if (updated == 0) {
			jdbc.sql("insert into unit_report_setting (school_id, kinds, deadline, version, updated_by, updated_at)"
					+ " values (?, ?, ?, 1, ?, ?)").params(user.schoolId(), joined, deadline, user.id(), now).update();
		}
		Settings after = settings(user.schoolId());
		audit.record(AuditAction.UPDATE, "unit_report_setting", user.schoolId(), "unit report settings",
				describe(before), describe(after));
		return new SettingsSaved(after);
	}

	private static String describe(Settings s) {
		return s.kinds().stream().sorted().map(Enum::name).collect(Collectors.joining(",")) + " by " + s.deadline();
	}

	/** The org unit if the user's scope covers it. */
	Optional<OrgUnitNode> unit(CurrentUser user, long orgUnitId) {
		return registry.orgUnitsInScope(user).stream().filter(u -> u.id() == orgUnitId).findFirst();
	}

	/** The units of the user's scope that must report on the day, each with its report or none yet. */
	@Transactional(readOnly = true)
	List<DayLine> day(CurrentUser user, LocalDate date, Instant now) {
		Settings settings = settings(user.schoolId());
		List<OrgUnitNode> units = registry.orgUnitsInScope(user).stream()
			.filter(u -> expectedOn(u, settings, date)).toList();
		Map<Long, Report> reports = reportsOf(user.schoolId(), date, date).stream()
			.collect(Collectors.toMap(Report::orgUnitId, r -> r));
		boolean past = now.isAfter(settings.deadlineOf(date, zone));
		return units.stream().map(u -> new DayLine(u, reports.get(u.id()), past)).toList();
	}

	/** Whether a unit is expected to report on a day: active, of a reporting kind, opened by then. */
	boolean expectedOn(OrgUnitNode u, Settings settings, LocalDate date) {
		return u.active() && settings.reports(u.kind()) && !u.createdAt().atZone(zone).toLocalDate().isAfter(date);
	}

	@Transactional(readOnly = true)
	Optional<UnitDay> unitDay(CurrentUser user, long orgUnitId, LocalDate date) {
		Optional<OrgUnitNode> unit = unit(user, orgUnitId);
		if (unit.isEmpty()) {
			return Optional.empty();
		}
		Settings settings = settings(user.schoolId());
		Optional<Report> report = find(user.schoolId(), orgUnitId, date);
		List<Revision> history = report.map(r -> history(r.id())).orElse(List.of());
		return Optional.of(new UnitDay(unit.get(), date, expectedOn(unit.get(), settings, date), report.orElse(null),
				history, known(user.schoolId(), unit.get(), date), settings.deadlineOf(date, zone)));
	}

	/**
	 * What the registry knows of a unit's people (its subtree) that day, each person once: a fever in
	 * any check-in, else an abnormal check-in, else a sick absence. The submitter confirms or corrects.
	 */
	Counts known(long schoolId, OrgUnitNode unit, LocalDate date) {
		// the same "away on the day" rule as Absences.awayOn, restricted to sick absences
		String sick = "exists (select 1 from absence a where a.person_id = p.id and a.kind = 'SICK'"
				+ " and a.status <> 'CANCELLED' and a.starts_on <= ? and (a.ends_on is null or a.ends_on >= ?)"
				+ " and (a.returned_on is null or a.returned_on > ?))";
		List<Object> params = new ArrayList<>(List.of(schoolId, date, schoolId, date));
		params.addAll(Absences.awayOnParams(date));
		params.add(schoolId);
		params.add(unit.path() + "%");
		return jdbc.sql("""
				select coalesce(sum(case when x.f = 1 then 1 else 0 end), 0),
				       coalesce(sum(case when x.f = 0 and x.a = 1 then 1 else 0 end), 0),
				       coalesce(sum(case when x.f = 0 and x.a = 0 and x.s = 1 then 1 else 0 end), 0)
				from (select p.id,
				  case when exists (select 1 from check_in c where c.school_id = ? and c.person_id = p.id and c.check_date = ?
				    and c.fever = true) then 1 else 0 end f,
				  case when exists (select 1 from check_in c where c.school_id = ? and c.person_id = p.id and c.check_date = ?
				    and c.abnormal = true) then 1 else 0 end a,
				  case when %s then 1 else 0 end s
				  from person p join org_unit o on o.id = p.org_unit_id
				  where p.school_id = ? and p.active = true and o.path like ?) x""".formatted(sick))
			.params(params)
			.query((rs, i) -> new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3), 0))
			.single();
	}

	Outcome submit(CurrentUser user, Submission s, Instant now) {
		if (!user.can(Permission.UNIT_REPORT_SUBMIT)) {
			return new NotFound();
		}
		Optional<OrgUnitNode> unit = unit(user, s.orgUnitId());
		if (unit.isEmpty()) {
			return new NotFound();
		}
		String requestId = blankToNull(s.requestId());
		if (requestId != null && requestId.length() > 64) {
			return new Rejected(List.of(FieldProblem.of("requestId", "unitReports.requestId.tooLong", 64)));
		}
		if (requestId != null) {
			Optional<Report> earlier = byRequest(user.schoolId(), requestId);
			if (earlier.isPresent()) {
				return earlier.get().orgUnitId() == s.orgUnitId() ? new Saved(earlier.get(), true)
						: new Rejected(List.of(FieldProblem.of("requestId", "unitReports.requestId.reused")));
			}
		}
		Settings settings = settings(user.schoolId());
		LocalDate today = today(now);
		List<FieldProblem> problems = new ArrayList<>(UnitReportRules.check(s.fever(), s.symptoms(), s.sickAbsences(),
				s.other(), s.zero(), s.note(), s.date(), today));
		if (s.date() != null && !expectedOn(unit.get(), settings, s.date())) {
			problems.add(0, FieldProblem.of("orgUnitId", "unitReports.unit.notReporting"));
		}
		if (s.baseRevision() != null && s.baseRevision() < 0) {
			problems.add(FieldProblem.of("baseRevision", "unitReports.baseRevision.invalid"));
		}
		if (!problems.isEmpty()) {
			return new Rejected(List.copyOf(problems));
		}
		Counts counts = s.zero() ? Counts.ZERO : UnitReportRules.counts(s.fever(), s.symptoms(), s.sickAbsences(), s.other());
		boolean late = settings.late(s.date(), now, zone);
		int base = s.baseRevision() == null ? 0 : s.baseRevision();
		String note = blankToNull(s.note());
		try {
			return tx.execute(status -> write(user, unit.get(), s.date(), counts, note, base, late, requestId, now));
		}
		catch (DuplicateKeyException raced) {
			// the same request, or a first report of the same unit and day, arrived twice at once
			if (requestId != null) {
				Optional<Report> earlier = byRequest(user.schoolId(), requestId);
				if (earlier.isPresent()) {
					return new Saved(earlier.get(), true);
				}
			}
			return find(user.schoolId(), s.orgUnitId(), s.date()).<Outcome>map(Conflict::new)
				.orElseGet(() -> tx.execute(status -> write(user, unit.get(), s.date(), counts, note, base, late, requestId,
						now)));
		}
	}

	private Outcome write(CurrentUser user, OrgUnitNode unit, LocalDate date, Counts c, String note, int base,
			boolean late, String requestId, Instant now) {
		long schoolId = user.schoolId();
		OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
		Optional<long[]> existing = jdbc.sql("""
				select id, revision from unit_report where school_id = ? and org_unit_id = ? and report_date = ? for update""")
			.params(schoolId, unit.id(), date).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).optional();
		long id;
		int revision;
		if (existing.isPresent()) {
			if (existing.get()[1] != base) {
				return new Conflict(find(schoolId, unit.id(), date).orElseThrow());
			}
			id = existing.get()[0];
			revision = (int) existing.get()[1] + 1;
			jdbc.sql("""
					update unit_report set fever = ?, symptoms = ?, sick_absences = ?, other = ?, abnormal = ?, note = ?,
					submitted_at = ?, submitted_by = ?, late = ?, revision = ? where id = ?""")
				.params(c.fever(), c.symptoms(), c.sickAbsences(), c.other(), c.total(), note, at, user.id(), late, revision, id)
				.update();
		}
		else {
			if (base != 0) {
				return new Rejected(List.of(FieldProblem.of("baseRevision", "unitReports.baseRevision.invalid")));
			}
			revision = 1;
			jdbc.sql("""
					insert into unit_report (school_id, org_unit_id, report_date, fever, symptoms, sick_absences, other, abnormal,
					note, first_submitted_at, submitted_at, submitted_by, timely, late, revision)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)""")
				.params(schoolId, unit.id(), date, c.fever(), c.symptoms(), c.sickAbsences(), c.other(), c.total(), note, at, at,
						user.id(), !late, late)
				.update();
			id = jdbc.sql("select id from unit_report where school_id = ? and org_unit_id = ? and report_date = ?")
				.params(schoolId, unit.id(), date).query(Long.class).single();
		}
		jdbc.sql("""
				insert into unit_report_revision (report_id, school_id, revision, fever, symptoms, sick_absences, other, abnormal,
				note, submitted_at, submitted_by, late, request_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, schoolId, revision, c.fever(), c.symptoms(), c.sickAbsences(), c.other(), c.total(), note, at,
					user.id(), late, requestId)
			.update();
		audit.record(revision == 1 ? AuditAction.CREATE : AuditAction.UPDATE, "unit_report", id,
				unit.code() + " " + date + (c.zero() ? " zero" : " abnormal " + c.total()) + (late ? " late" : "")
						+ " revision " + revision);
		return new Saved(find(schoolId, unit.id(), date).orElseThrow(), false);
	}

	private static final String SELECT = """
			select r.id, r.org_unit_id, r.report_date, r.fever, r.symptoms, r.sick_absences, r.other, r.note,
			r.first_submitted_at, r.submitted_at, coalesce(u.display_name, ''), r.timely, r.late, r.revision
			from unit_report r left join app_user u on u.id = r.submitted_by""";

	private static Report report(ResultSet rs, int i) throws SQLException {
		return new Report(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class),
				new Counts(rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7)), rs.getString(8),
				rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getObject(10, OffsetDateTime.class).toInstant(),
				rs.getString(11), rs.getBoolean(12), rs.getBoolean(13), rs.getInt(14));
	}

	Optional<Report> find(long schoolId, long orgUnitId, LocalDate date) {
		return jdbc.sql(SELECT + " where r.school_id = ? and r.org_unit_id = ? and r.report_date = ?")
			.params(schoolId, orgUnitId, date).query(UnitReports::report).optional();
	}

	private Optional<Report> byRequest(long schoolId, String requestId) {
		return jdbc.sql("select report_id from unit_report_revision where school_id = ? and request_id = ?")
			.params(schoolId, requestId).query(Long.class).optional()
			.flatMap(id -> jdbc.sql(SELECT + " where r.id = ?").param(id).query(UnitReports::report).optional());
	}

	private List<Revision> history(long reportId) {
		return jdbc.sql("""
				select v.revision, v.fever, v.symptoms, v.sick_absences, v.other, v.note, v.submitted_at,
				coalesce(u.display_name, ''), v.late from unit_report_revision v left join app_user u on u.id = v.submitted_by
				where v.report_id = ? order by v.revision desc""")
			.param(reportId)
			.query((rs, i) -> new Revision(rs.getInt(1), new Counts(rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)),
					rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8), rs.getBoolean(9)))
			.list();
	}

	/** The reports of a school between two days, every unit. */
	List<Report> reportsOf(long schoolId, LocalDate from, LocalDate to) {
		return jdbc.sql(SELECT + " where r.school_id = ? and r.report_date between ? and ? order by r.report_date, r.org_unit_id")
			.params(schoolId, from, to).query(UnitReports::report).list();
	}

	/** A unit's reports between two days, newest first, if the user's scope covers the unit. */
	@Transactional(readOnly = true)
	Optional<List<Report>> reports(CurrentUser user, long orgUnitId, LocalDate from, LocalDate to) {
		if (unit(user, orgUnitId).isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(jdbc.sql(SELECT + " where r.school_id = ? and r.org_unit_id = ? and r.report_date between ? and ?"
				+ " order by r.report_date desc").params(user.schoolId(), orgUnitId, from, to).query(UnitReports::report).list());
	}

	/** One line of a completeness table: a unit with its figures rolled up, and whether it can be opened further. */
	record Line(OrgUnitNode unit, Completeness.Tally tally, boolean hasChildren, boolean reports) {
	}

	/** A unit that should have reported on the day and has not. */
	record Missing(OrgUnitNode unit, boolean pastDeadline) {
	}

	/**
	 * Completeness of the user's scope (or one unit's subtree) between two days: the total, the lines
	 * of the unit's children (the top units of the scope without one), the trail to it, every unit of
	 * the subtree in tree order (for the export) and the units that have not reported on {@code to}.
	 */
	record CompletenessView(LocalDate from, LocalDate to, OrgUnitNode unit, List<OrgUnitNode> trail,
			Completeness.Tally total, List<Line> lines, List<Line> all, List<Missing> missing, Instant deadline) {
	}

	@Transactional(readOnly = true)
	Optional<CompletenessView> completeness(CurrentUser user, Long orgUnitId, LocalDate from, LocalDate to, Instant now) {
		Settings settings = settings(user.schoolId());
		LocalDate today = today(now);
		LocalDate end = to.isAfter(today) ? today : to;
		List<OrgUnitNode> tree = registry.orgUnitsInScope(user);
		Map<Long, OrgUnitNode> byId = new LinkedHashMap<>();
		tree.forEach(u -> byId.put(u.id(), u));
		OrgUnitNode chosen = null;
		if (orgUnitId != null) {
			chosen = byId.get(orgUnitId);
			if (chosen == null) {
				return Optional.empty();
			}
		}
		List<Completeness.Unit> units = tree.stream().map(u -> new Completeness.Unit(u.id(), u.path(),
				u.active() && settings.reports(u.kind()), u.createdAt().atZone(zone).toLocalDate())).toList();
		Map<Long, Map<LocalDate, Boolean>> submitted = new HashMap<>();
		Set<Long> reportedOnEnd = new java.util.HashSet<>();
		if (!end.isBefore(from)) {
			for (Report r : reportsOf(user.schoolId(), from, end)) {
				if (byId.containsKey(r.orgUnitId())) {
					submitted.computeIfAbsent(r.orgUnitId(), k -> new HashMap<>()).put(r.date(), r.timely());
					if (r.date().equals(end)) {
						reportedOnEnd.add(r.orgUnitId());
					}
				}
			}
		}
		Map<Long, Completeness.Tally> own = end.isBefore(from) ? Map.of() : Completeness.own(units, submitted, from, end);
		Map<Long, Completeness.Tally> rolled = Completeness.rolledUp(units, own);
		Map<Long, Boolean> hasChildren = new HashMap<>();
		tree.forEach(u -> {
			if (u.parentId() != null) {
				hasChildren.put(u.parentId(), true);
			}
		});
		final OrgUnitNode root = chosen;
		java.util.function.Function<OrgUnitNode, Line> line = u -> new Line(u, rolled.getOrDefault(u.id(),
				Completeness.Tally.NONE), hasChildren.getOrDefault(u.id(), false), u.active() && settings.reports(u.kind()));
		List<OrgUnitNode> inSubtree = tree.stream().filter(u -> root == null || u.path().startsWith(root.path())).toList();
		List<OrgUnitNode> children = root == null
				? tree.stream().filter(u -> u.parentId() == null || !byId.containsKey(u.parentId())).toList()
				: tree.stream().filter(u -> root.id() == (u.parentId() == null ? -1 : u.parentId())).toList();
		Completeness.Tally total = root != null ? rolled.get(root.id())
				: children.stream().map(u -> rolled.get(u.id())).reduce(Completeness.Tally.NONE, Completeness.Tally::plus);
		List<OrgUnitNode> trail = new ArrayList<>();
		if (root != null) {
			for (long id : Completeness.lineage(root.path())) {
				if (byId.containsKey(id)) {
					trail.add(byId.get(id));
				}
			}
		}
		boolean past = now.isAfter(settings.deadlineOf(end, zone));
		List<Missing> missing = end.isBefore(from) ? List.of() : inSubtree.stream()
			.filter(u -> expectedOn(u, settings, end) && !reportedOnEnd.contains(u.id()))
			.map(u -> new Missing(u, past)).toList();
		return Optional.of(new CompletenessView(from, end, root, trail, total, children.stream().map(line).toList(),
				inSubtree.stream().map(line).toList(), missing, settings.deadlineOf(end, zone)));
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
