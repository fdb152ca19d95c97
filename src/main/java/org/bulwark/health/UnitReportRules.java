package org.bulwark.health;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.OrgUnitKind;

/**
 * The rules of a unit's daily report (日报告/零报告): what a report may say, when it is late, and
 * which units must report. A report counts each abnormal person once, in the first category that
 * fits (fever, then other symptoms, then sick absence, then other); a report whose total is zero is a
 * zero report (零报告).
 */
final class UnitReportRules {

	/** The most a unit may report in one category: more people than any campus has. */
	static final int MAX_COUNT = 100_000;
	static final int MAX_NOTE = 1000;
	/** How far back a unit may still (late) report a day it missed. */
	static final int MAX_DAYS_BACK = 31;

	static final Set<OrgUnitKind> DEFAULT_KINDS = EnumSet.of(OrgUnitKind.CLASS, OrgUnitKind.COLLEGE,
			OrgUnitKind.DEPARTMENT, OrgUnitKind.EMPLOYER);
	static final LocalTime DEFAULT_DEADLINE = LocalTime.of(16, 0);

	/** Which kinds of org unit must report every day, and by when (local time of the school). */
	record Settings(Set<OrgUnitKind> kinds, LocalTime deadline, int version) {

		Settings {
			kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
		}

		static Settings defaults() {
			return new Settings(DEFAULT_KINDS, DEFAULT_DEADLINE, 0);
		}

		public boolean reports(OrgUnitKind kind) {
			return kinds.contains(kind);
		}

		/** The last instant that is on time for the report of {@code day}. */
		Instant deadlineOf(LocalDate day, ZoneId zone) {
			return LocalDateTime.of(day, deadline).atZone(zone).toInstant();
		}

		/** A report received after the deadline of its day is late (still accepted). */
		boolean late(LocalDate day, Instant receivedAt, ZoneId zone) {
			return receivedAt.isAfter(deadlineOf(day, zone));
		}
	}

	/** What a unit reports for a day: abnormal people by category. */
	record Counts(int fever, int symptoms, int sickAbsences, int other) {

		static final Counts ZERO = new Counts(0, 0, 0, 0);

		public int total() {
			return fever + symptoms + sickAbsences + other;
		}

		public boolean zero() {
			return total() == 0;
		}
	}

	private UnitReportRules() {
	}

	/**
	 * The problems of a report, by field; a zero report ({@code zero} true) must not carry counts
	 * above zero, so a slip of the button cannot hide a fever.
	 */
	static List<FieldProblem> check(Integer fever, Integer symptoms, Integer sickAbsences, Integer other, boolean zero,
			String note, LocalDate date, LocalDate today) {
		List<FieldProblem> problems = new ArrayList<>();
		if (date == null) {
			problems.add(FieldProblem.of("date", "unitReports.date.required"));
		}
		else if (date.isAfter(today)) {
			problems.add(FieldProblem.of("date", "unitReports.date.future"));
		}
		else if (date.isBefore(today.minusDays(MAX_DAYS_BACK))) {
			problems.add(FieldProblem.of("date", "unitReports.date.tooOld", MAX_DAYS_BACK));
		}
		count("fever", fever, zero, problems);
		count("symptoms", symptoms, zero, problems);
		count("sickAbsences", sickAbsences, zero, problems);
		count("other", other, zero, problems);
		String text = note == null ? "" : note.strip();
		if (text.length() > MAX_NOTE) {
			problems.add(FieldProblem.of("note", "unitReports.note.tooLong", MAX_NOTE));
		}
		else if (!zero && other != null && other > 0 && text.isEmpty()) {
			problems.add(FieldProblem.of("note", "unitReports.note.requiredForOther"));
		}
		return List.copyOf(problems);
	}

	private static void count(String field, Integer value, boolean zero, List<FieldProblem> problems) {
		if (zero) {
			if (value != null && value != 0) {
				problems.add(FieldProblem.of(field, "unitReports.count.notZero"));
			}
			return;
		}
		if (value == null) {
			problems.add(FieldProblem.of(field, "unitReports.count.required"));
		}
		else if (value < 0 || value > MAX_COUNT) {
			problems.add(FieldProblem.of(field, "unitReports.count.range", MAX_COUNT));
		}
	}

	/** The counts of a checked report (missing counts of a zero report are zeros). */
	static Counts counts(Integer fever, Integer symptoms, Integer sickAbsences, Integer other) {
		return new Counts(orZero(fever), orZero(symptoms), orZero(sickAbsences), orZero(other));
	}

	private static int orZero(Integer n) {
		return n == null ? 0 : n;
	}
}
