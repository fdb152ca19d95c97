package org.bulwark.health;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PersonTimeline;
import org.bulwark.directory.Registry;
import org.bulwark.directory.Registry.Subject;
import org.bulwark.health.AbsenceRules.Stage;
import org.bulwark.health.AbsenceRules.Status;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Absences from school, shared by the parts of the module: roll-call checks and the clinic register
 * them, non-reporting lists and reminders leave out whoever is away that day. A sick absence is due
 * for its follow-up (the cause) the same day and ends only when the clinic has checked the return
 * certificate; a mistaken registration is cancelled with a reason. Every change after registering is
 * checked against the version the editor read.
 */
@Service
class Absences {

	/** How long after it is registered a sick absence's cause must be followed up. */
	static final Duration FOLLOW_UP_WITHIN = Duration.ofHours(8);

	enum Source {
		ROLL_CALL, CLINIC, UNIT, API
	}

	record Registration(long personId, AbsenceKind kind, LocalDate startsOn, LocalDate endsOn, String reason,
			List<String> symptoms, String diagnosis, Source source) {
	}

	sealed interface Outcome {
	}

	/** @param existing the person was already away that day: nothing new was written */
	record Registered(long absenceId, boolean existing) implements Outcome {
	}

	record Rejected(List<FieldProblem> problems) implements Outcome {
	}

	record NotFound() implements Outcome {
	}

	private final JdbcClient jdbc;
	private final Registry registry;
	private final AuditLog audit;
	private final JdbcTemplate template;
	private final PersonTimeline timeline;
	private final ZoneId zone;

	Absences(JdbcClient jdbc, Registry registry, AuditLog audit, JdbcTemplate template, PersonTimeline timeline,
			@Value("${bulwark.health.time-zone:Asia/Shanghai}") ZoneId zone) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.audit = audit;
		this.template = template;
		this.timeline = timeline;
		this.zone = zone;
	}

	ZoneId zone() {
		return zone;
	}

	/**
	 * SQL that is true when the person in column {@code personColumn} is away on a date: an open or
	 * returned-later absence covering it. Binds the three parameters of {@link #awayOnParams}.
	 */
	static String awayOn(String personColumn) {
		return "exists (select 1 from absence a where a.person_id = " + personColumn + " and " + awayToday("a") + ")";
	}

	/**
	 * The absences (alias {@code alias}) that keep their person away on a date, with the parameters of
	 * {@link #awayOnParams}: for a set of the people away, where a test per person would cost more.
	 */
	static String awayToday(String alias) {
		return alias + ".status <> 'CANCELLED' and " + alias + ".starts_on <= ? and (" + alias + ".ends_on is null or "
				+ alias + ".ends_on >= ?) and (" + alias + ".returned_on is null or " + alias + ".returned_on > ?)";
	}

	/** The parameters of {@link #awayOn} for a date, in order. */
	static List<Object> awayOnParams(LocalDate date) {
		return List.of(date, date, date);
	}

	/**
	 * Registers an absence for someone within the user's scope; when an absence of the same kind
	 * already covers the start day, that one is answered and nothing is written (a roll-call sent
	 * twice registers once).
	 */
	@Transactional
	Outcome register(CurrentUser user, Registration r, Instant now) {
		if (!user.can(Permission.ABSENCE_RECORD) && !user.can(Permission.CHECK_IN_RECORD)) {
			return new NotFound();
		}
		Optional<Subject> person = registry.find(user, r.personId()).filter(Subject::active);
		if (person.isEmpty()) {
			return new NotFound();
		}
		List<FieldProblem> problems = new ArrayList<>();
		if (r.kind() == null) {
			problems.add(FieldProblem.of("kind", "health.absence.kind.required"));
		}
		if (r.startsOn() == null) {
			problems.add(FieldProblem.of("startsOn", "health.absence.startsOn.required"));
		}
		else if (r.endsOn() != null && r.endsOn().isBefore(r.startsOn())) {
			problems.add(FieldProblem.of("endsOn", "health.absence.endsOn.beforeStart"));
		}
		if (r.reason() != null && r.reason().strip().length() > 500) {
			problems.add(FieldProblem.of("reason", "health.absence.reason.tooLong", 500));
		}
		if (r.diagnosis() != null && r.diagnosis().strip().length() > 200) {
			problems.add(FieldProblem.of("diagnosis", "health.absence.diagnosis.tooLong", 200));
		}
		if (r.symptoms() != null && String.join(",", r.symptoms()).length() > 500) {
			problems.add(FieldProblem.of("symptoms", "health.absence.symptoms.tooLong", 500));
		}
		if (!problems.isEmpty()) {
			return new Rejected(List.copyOf(problems));
		}
		// serialise registrations for one person, so two roll-calls at once register one absence
		jdbc.sql("select id from person where id = ? for update").param(r.personId()).query(Long.class).optional();
		List<Object> params = new ArrayList<>();
		params.add(r.personId());
		params.addAll(awayOnParams(r.startsOn()));
		params.add(r.kind().name());
		Optional<Long> existing = jdbc.sql("select a.id from absence a where a.person_id = ? and a.status <> 'CANCELLED'"
				+ " and a.starts_on <= ? and (a.ends_on is null or a.ends_on >= ?) and (a.returned_on is null or a.returned_on > ?)"
				+ " and a.kind = ? order by a.id limit 1").params(params).query(Long.class).optional();
		if (existing.isPresent()) {
			return new Registered(existing.get(), true);
		}
		String symptoms = r.symptoms() == null ? "" : String.join(",", r.symptoms());
		Instant due = r.kind() == AbsenceKind.SICK ? now.plus(FOLLOW_UP_WITHIN) : null;
		jdbc.sql("""
				insert into absence (school_id, person_id, kind, starts_on, ends_on, reason, symptoms, diagnosis, source,
				follow_up_due, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(user.schoolId(), r.personId(), r.kind().name(), r.startsOn(), r.endsOn(), blankToNull(r.reason()),
					symptoms, blankToNull(r.diagnosis()), r.source().name(),
					due == null ? null : due.atOffset(ZoneOffset.UTC), user.id(), now.atOffset(ZoneOffset.UTC))
			.update();
		long id = jdbc.sql("select max(id) from absence where person_id = ?").param(r.personId()).query(Long.class).single();
		audit.record(AuditAction.CREATE, "absence", id, person.get().name() + " " + r.kind() + " " + r.startsOn());
		timeline.record(r.personId(), "health", "absenceRegistered", r.kind() + " " + r.startsOn()
				+ (r.endsOn() == null ? "" : "~" + r.endsOn()) + (blankToNull(r.diagnosis()) == null ? "" : " " + r.diagnosis().strip()),
				now);
		return new Registered(id, false);
	}

	/** Whether the person is away on the date (an absence covers it). */
	@Transactional(readOnly = true)
	boolean isAway(long personId, LocalDate date) {
		List<Object> params = new ArrayList<>();
		params.add(personId);
		params.addAll(awayOnParams(date));
		return jdbc.sql("select count(*) from person p where p.id = ? and " + awayOn("p.id")).params(params)
			.query(Long.class).single() > 0;
	}

	/** Which absences a list shows. */
	enum View {
		OPEN, FOLLOW_UP_OVERDUE, AWAITING_CERTIFICATE, RETURNED, CANCELLED, ALL
	}

	/** @param on absences covering this day, when given */
	record Filter(View view, AbsenceKind kind, LocalDate on, Long orgUnitId, String q) {
	}

	/** An absence as the pages and the API show it. */
	record Absence(long id, long personId, String personCode, String personName, String orgUnitName, AbsenceKind kind,
			LocalDate startsOn, LocalDate endsOn, String reason, List<String> symptoms, String diagnosis, Source source,
			Status status, Stage stage, Instant followUpDue, Instant followedUpAt, String followedUpBy,
			AbsenceCause cause, String disease, String followUpNote, LocalDate returnedOn, Instant certificateCheckedAt,
			String certificateCheckedBy, String certificateNote, String cancelReason, Instant cancelledAt,
			Instant recordedAt, String recordedBy, int version) {

		public boolean open() {
			return status == Status.OPEN;
		}

		public boolean sick() {
			return kind == AbsenceKind.SICK;
		}
	}

	/** A change was refused because the absence changed since it was read: the absence as it is now. */
	record Conflict(Absence current) implements Outcome {
	}

	record Changed(Absence absence) implements Outcome {
	}

	private static final Map<String, String> SORTS = Map.of("startsOn", "a.starts_on", "due", "a.follow_up_due",
			"name", "p.name", "recorded", "a.recorded_at");

	private static final String COLUMNS = """
			a.id, a.person_id, p.code, p.name, o.name, a.kind, a.starts_on, a.ends_on, a.reason, a.symptoms, a.diagnosis,
			a.source, a.status, a.follow_up_due, a.followed_up_at, fu.display_name, a.cause, a.disease, a.follow_up_note,
			a.returned_on, a.certificate_checked_at, cu.display_name, a.certificate_note, a.cancel_reason, a.cancelled_at,
			a.recorded_at, ru.display_name, a.version""";
	private static final String FROM = """
			from absence a join person p on p.id = a.person_id left join org_unit o on o.id = p.org_unit_id
			left join app_user fu on fu.id = a.followed_up_by left join app_user cu on cu.id = a.certificate_checked_by
			left join app_user ru on ru.id = a.recorded_by""";

	private static boolean mayRead(CurrentUser user) {
		return user.can(Permission.ABSENCE_RECORD) || user.can(Permission.TRIAGE_MANAGE);
	}

	/** One page of absences within the user's scope, newest first unless sorted otherwise. */
	@Transactional(readOnly = true)
	PageResult<Absence> search(CurrentUser user, Filter filter, PageQuery page, Instant now) {
		if (!mayRead(user)) {
			return new PageResult<>(List.of(), page.page(), page.size(), 0, false);
		}
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, params, now);
		String order = SORTS.getOrDefault(page.sort(), "a.recorded_at") + (page.descending() ? " desc" : "") + ", a.id"
				+ (page.descending() ? " desc" : "");
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<Absence> items = jdbc.sql("select " + COLUMNS + " " + FROM + " where " + where + " order by " + order
				+ " limit ? offset ?").params(pageParams).query((rs, i) -> absence(rs, now)).list();
		return PageResult.counted(items, page.page(), page.size(), cap -> {
			List<Object> countParams = new ArrayList<>(params);
			countParams.add(cap);
			return jdbc.sql("select count(*) from (select 1 from absence a join person p on p.id = a.person_id where " + where + " limit ?) c")
				.params(countParams).query(Long.class).single();
		});
	}

	/** Every absence of the filter as rows arrive (exports), newest first. */
	@Transactional(readOnly = true)
	void stream(CurrentUser user, Filter filter, Instant now, Consumer<Absence> sink) {
		if (!mayRead(user)) {
			return;
		}
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, params, now);
		template.query(con -> {
			var ps = con.prepareStatement("select " + COLUMNS + " " + FROM + " where " + where
					+ " order by a.recorded_at desc, a.id desc", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			ps.setFetchSize(1000);
			for (int i = 0; i < params.size(); i++) {
				ps.setObject(i + 1, params.get(i));
			}
			return ps;
		}, rs -> {
			sink.accept(absence(rs, now));
		});
	}

	private String where(CurrentUser user, Filter f, List<Object> params, Instant now) {
		StringBuilder where = new StringBuilder("a.school_id = ?");
		params.add(user.schoolId());
		where.append(" and ").append(registry.personInScope(user, params));
		View view = f.view() == null ? View.OPEN : f.view();
		switch (view) {
			case OPEN -> where.append(" and a.status = 'OPEN'");
			case FOLLOW_UP_OVERDUE -> {
				where.append(" and a.status = 'OPEN' and a.kind = 'SICK' and a.followed_up_at is null and a.follow_up_due < ?");
				params.add(now.atOffset(ZoneOffset.UTC));
			}
			case AWAITING_CERTIFICATE -> where.append(" and a.status = 'OPEN' and a.kind = 'SICK' and a.followed_up_at is not null");
			case RETURNED -> where.append(" and a.status = 'RETURNED'");
			case CANCELLED -> where.append(" and a.status = 'CANCELLED'");
			case ALL -> {
			}
		}
		if (f.kind() != null) {
			where.append(" and a.kind = ?");
			params.add(f.kind().name());
		}
		if (f.on() != null) {
			where.append(" and a.starts_on <= ? and (a.ends_on is null or a.ends_on >= ?)"
					+ " and (a.returned_on is null or a.returned_on > ?)");
			params.addAll(awayOnParams(f.on()));
		}
		if (f.orgUnitId() != null) {
			where.append(" and ").append(registry.personInOrgUnit(f.orgUnitId(), params));
		}
		String typed = registry.personNameOrCodeStartsWith(f.q(), params);
		if (typed != null) {
			where.append(" and ").append(typed);
		}
		return where.toString();
	}

	/** An absence of someone within the user's scope. */
	@Transactional(readOnly = true)
	Optional<Absence> find(CurrentUser user, long id, Instant now) {
		if (!mayRead(user)) {
			return Optional.empty();
		}
		List<Object> params = new ArrayList<>();
		params.add(id);
		params.add(user.schoolId());
		String scope = registry.personInScope(user, params);
		return jdbc.sql("select " + COLUMNS + " " + FROM + " where a.id = ? and a.school_id = ? and " + scope)
			.params(params).query((rs, i) -> absence(rs, now)).optional();
	}

	/** Records the cause of a sick absence (again, when it becomes clearer); version-checked. */
	@Transactional
	Outcome followUp(CurrentUser user, long id, int version, AbsenceCause cause, String disease, String note,
			Instant now) {
		if (!user.can(Permission.ABSENCE_RECORD)) {
			return new NotFound();
		}
		Optional<Absence> found = find(user, id, now);
		if (found.isEmpty()) {
			return new NotFound();
		}
		Absence a = found.get();
		if (a.version() != version) {
			return new Conflict(a);
		}
		List<FieldProblem> problems = AbsenceRules.followUp(a.kind(), a.status(), cause, disease, note);
		if (!problems.isEmpty()) {
			return new Rejected(problems);
		}
		String d = cause.needsDisease() ? blankToNull(disease) : null;
		int updated = jdbc.sql("""
				update absence set cause = ?, disease = ?, follow_up_note = ?, followed_up_at = ?, followed_up_by = ?,
				version = version + 1 where id = ? and version = ? and status = 'OPEN'""")
			.params(cause.name(), d, blankToNull(note), now.atOffset(ZoneOffset.UTC), user.id(), id, version).update();
		if (updated == 0) {
			return new Conflict(find(user, id, now).orElseThrow());
		}
		audit.record(AuditAction.UPDATE, "absence", id, "cause of absence of " + a.personName() + ": " + cause
				+ (d == null ? "" : " " + d), a.cause() == null ? null : a.cause().name(), cause.name());
		timeline.record(a.personId(), "health", "absenceFollowedUp", cause + (d == null ? "" : " " + d)
				+ (blankToNull(note) == null ? "" : " " + note.strip()), now);
		return new Changed(find(user, id, now).orElseThrow());
	}

	/**
	 * The person is back: a sick absence only with the certificate checked by the clinic (TRIAGE_MANAGE),
	 * which ends the absence on the return day.
	 */
	@Transactional
	Outcome returnToClass(CurrentUser user, long id, int version, LocalDate returnedOn, boolean certificateChecked,
			String certificateNote, Instant now) {
		if (!user.can(Permission.ABSENCE_RECORD) && !user.can(Permission.TRIAGE_MANAGE)) {
			return new NotFound();
		}
		Optional<Absence> found = find(user, id, now);
		if (found.isEmpty()) {
			return new NotFound();
		}
		Absence a = found.get();
		if (a.version() != version) {
			return new Conflict(a);
		}
		List<FieldProblem> problems = AbsenceRules.returnToClass(a.kind(), a.status(), a.startsOn(), returnedOn,
				certificateChecked, user.can(Permission.TRIAGE_MANAGE), certificateNote, now.atZone(zone).toLocalDate());
		if (!problems.isEmpty()) {
			return new Rejected(problems);
		}
		boolean certified = a.sick() && certificateChecked;
		int updated = jdbc.sql("""
				update absence set status = 'RETURNED', returned_on = ?, certificate_checked_at = ?, certificate_checked_by = ?,
				certificate_note = ?, version = version + 1 where id = ? and version = ? and status = 'OPEN'""")
			.params(returnedOn, certified ? now.atOffset(ZoneOffset.UTC) : null, certified ? user.id() : null,
					blankToNull(certificateNote), id, version)
			.update();
		if (updated == 0) {
			return new Conflict(find(user, id, now).orElseThrow());
		}
		audit.record(AuditAction.UPDATE, "absence", id, (certified ? "certificate checked, " : "") + a.personName()
				+ " back on " + returnedOn, "OPEN", "RETURNED");
		timeline.record(a.personId(), "health", certified ? "absenceCertified" : "absenceReturned",
				returnedOn + (blankToNull(certificateNote) == null ? "" : " " + certificateNote.strip()), now);
		return new Changed(find(user, id, now).orElseThrow());
	}

	/** Cancels a registration made by mistake, with the reason; the absence no longer counts as away. */
	@Transactional
	Outcome cancel(CurrentUser user, long id, int version, String reason, Instant now) {
		if (!user.can(Permission.ABSENCE_RECORD)) {
			return new NotFound();
		}
		Optional<Absence> found = find(user, id, now);
		if (found.isEmpty()) {
			return new NotFound();
		}
		Absence a = found.get();
		if (a.version() != version) {
			return new Conflict(a);
		}
		List<FieldProblem> problems = AbsenceRules.cancel(a.status(), reason);
		if (!problems.isEmpty()) {
			return new Rejected(problems);
		}
		int updated = jdbc.sql("""
				update absence set status = 'CANCELLED', cancel_reason = ?, cancelled_by = ?, cancelled_at = ?,
				version = version + 1 where id = ? and version = ? and status = 'OPEN'""")
			.params(reason.strip(), user.id(), now.atOffset(ZoneOffset.UTC), id, version).update();
		if (updated == 0) {
			return new Conflict(find(user, id, now).orElseThrow());
		}
		audit.record(AuditAction.UPDATE, "absence", id, "cancelled absence of " + a.personName() + ": " + reason.strip(),
				"OPEN", "CANCELLED");
		timeline.record(a.personId(), "health", "absenceCancelled", reason.strip(), now);
		return new Changed(find(user, id, now).orElseThrow());
	}

	private static Absence absence(ResultSet rs, Instant now) throws SQLException {
		AbsenceKind kind = AbsenceKind.valueOf(rs.getString(6));
		Status status = Status.valueOf(rs.getString(13));
		Instant due = instant(rs, 14);
		Instant followedUp = instant(rs, 15);
		String cause = rs.getString(17);
		return new Absence(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), kind,
				rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class), rs.getString(9),
				Triage.split(rs.getString(10)), rs.getString(11), Source.valueOf(rs.getString(12)), status,
				AbsenceRules.stage(kind, status, due, followedUp, now), due, followedUp, rs.getString(16),
				cause == null ? null : AbsenceCause.valueOf(cause), rs.getString(18), rs.getString(19),
				rs.getObject(20, LocalDate.class), instant(rs, 21), rs.getString(22), rs.getString(23), rs.getString(24),
				instant(rs, 25), instant(rs, 26), rs.getString(27), rs.getInt(28));
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
