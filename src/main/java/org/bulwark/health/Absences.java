package org.bulwark.health;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.Registry;
import org.bulwark.directory.Registry.Subject;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Absences from school, shared by the parts of the module: roll-call checks and the clinic register
 * them, non-reporting lists and reminders leave out whoever is away that day. A sick absence is due
 * for its follow-up (the cause) the same day.
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

	Absences(JdbcClient jdbc, Registry registry, AuditLog audit) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.audit = audit;
	}

	/**
	 * SQL that is true when the person in column {@code personColumn} is away on a date: an open or
	 * returned-later absence covering it. Binds the three parameters of {@link #awayOnParams}.
	 */
	static String awayOn(String personColumn) {
		return "exists (select 1 from absence a where a.person_id = " + personColumn
				+ " and a.status <> 'CANCELLED' and a.starts_on <= ? and (a.ends_on is null or a.ends_on >= ?)"
				+ " and (a.returned_on is null or a.returned_on > ?))";
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

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
