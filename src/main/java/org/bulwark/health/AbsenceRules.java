package org.bulwark.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.bulwark.directory.FieldProblem;

/**
 * The life of an absence: a sick one has its cause followed up by its due time (overdue after) and
 * ends only when the clinic has checked the return certificate (复课证明); other absences end on
 * their last day or when the person is recorded back. A mistaken registration is cancelled with a
 * reason; returned and cancelled absences change no more.
 */
final class AbsenceRules {

	static final int MAX_NOTE = 1000;
	static final int MAX_DISEASE = 100;
	static final int MAX_REASON = 500;
	/** How far ahead a certificate may date the return (a note saying "back on Monday"). */
	static final int MAX_RETURN_AHEAD_DAYS = 14;

	enum Status {
		OPEN, RETURNED, CANCELLED
	}

	/** Where an absence stands, as lists filter it. */
	enum Stage {
		/** Sick, cause not yet followed up, still within the due time. */
		FOLLOW_UP_DUE,
		/** Sick, cause not followed up by the due time. */
		FOLLOW_UP_OVERDUE,
		/** Sick, cause followed up, the certificate not yet checked. */
		AWAITING_CERTIFICATE,
		/** Not sick and still open. */
		AWAY, RETURNED, CANCELLED
	}

	private AbsenceRules() {
	}

	static Stage stage(AbsenceKind kind, Status status, Instant followUpDue, Instant followedUpAt, Instant now) {
		if (status == Status.CANCELLED) {
			return Stage.CANCELLED;
		}
		if (status == Status.RETURNED) {
			return Stage.RETURNED;
		}
		if (kind != AbsenceKind.SICK) {
			return Stage.AWAY;
		}
		if (followedUpAt != null) {
			return Stage.AWAITING_CERTIFICATE;
		}
		return overdue(kind, status, followUpDue, followedUpAt, now) ? Stage.FOLLOW_UP_OVERDUE : Stage.FOLLOW_UP_DUE;
	}

	/** An open sick absence whose cause is not followed up by its due time. */
	static boolean overdue(AbsenceKind kind, Status status, Instant followUpDue, Instant followedUpAt, Instant now) {
		return kind == AbsenceKind.SICK && status == Status.OPEN && followedUpAt == null && followUpDue != null
				&& now.isAfter(followUpDue);
	}

	/** The follow-up of a cause; it may be recorded again while the absence is open (suspected, then confirmed). */
	static List<FieldProblem> followUp(AbsenceKind kind, Status status, AbsenceCause cause, String disease, String note) {
		List<FieldProblem> problems = new ArrayList<>();
		if (status != Status.OPEN) {
			problems.add(FieldProblem.of("status", "absence.notOpen"));
		}
		else if (kind != AbsenceKind.SICK) {
			problems.add(FieldProblem.of("kind", "absence.followUp.onlySick"));
		}
		if (cause == null) {
			problems.add(FieldProblem.of("cause", "absence.cause.required"));
		}
		else if (cause.needsDisease() && blank(disease)) {
			problems.add(FieldProblem.of("disease", "absence.disease.required"));
		}
		if (!blank(disease) && disease.strip().length() > MAX_DISEASE) {
			problems.add(FieldProblem.of("disease", "absence.disease.tooLong", MAX_DISEASE));
		}
		if (!blank(note) && note.strip().length() > MAX_NOTE) {
			problems.add(FieldProblem.of("note", "absence.note.tooLong", MAX_NOTE));
		}
		return List.copyOf(problems);
	}

	/**
	 * Back to class: a sick absence only with the certificate checked by someone who may check it
	 * (the clinic); the return day lies between the first day of the absence and two weeks ahead.
	 */
	static List<FieldProblem> returnToClass(AbsenceKind kind, Status status, LocalDate startsOn, LocalDate returnedOn,
			boolean certificateChecked, boolean mayCheckCertificate, String note, LocalDate today) {
		List<FieldProblem> problems = new ArrayList<>();
		if (status != Status.OPEN) {
			problems.add(FieldProblem.of("status", "absence.notOpen"));
			return List.copyOf(problems);
		}
		if (kind == AbsenceKind.SICK) {
			if (!mayCheckCertificate) {
				problems.add(FieldProblem.of("certificateChecked", "absence.certificate.clinicOnly"));
			}
			else if (!certificateChecked) {
				problems.add(FieldProblem.of("certificateChecked", "absence.certificate.required"));
			}
		}
		if (returnedOn == null) {
			problems.add(FieldProblem.of("returnedOn", "absence.returnedOn.required"));
		}
		else if (returnedOn.isBefore(startsOn)) {
			problems.add(FieldProblem.of("returnedOn", "absence.returnedOn.beforeStart", startsOn));
		}
		else if (returnedOn.isAfter(today.plusDays(MAX_RETURN_AHEAD_DAYS))) {
			problems.add(FieldProblem.of("returnedOn", "absence.returnedOn.tooFar", MAX_RETURN_AHEAD_DAYS));
		}
		if (!blank(note) && note.strip().length() > MAX_REASON) {
			problems.add(FieldProblem.of("certificateNote", "absence.note.tooLong", MAX_REASON));
		}
		return List.copyOf(problems);
	}

	static List<FieldProblem> cancel(Status status, String reason) {
		List<FieldProblem> problems = new ArrayList<>();
		if (status != Status.OPEN) {
			problems.add(FieldProblem.of("status", "absence.notOpen"));
		}
		if (blank(reason)) {
			problems.add(FieldProblem.of("reason", "absence.cancelReason.required"));
		}
		else if (reason.strip().length() > MAX_REASON) {
			problems.add(FieldProblem.of("reason", "absence.cancelReason.tooLong", MAX_REASON));
		}
		return List.copyOf(problems);
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}
