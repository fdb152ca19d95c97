package org.bulwark.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.bulwark.directory.FieldProblem;

/**
 * The rules of a triage task: every abnormal check-in of a person adds to their one open task,
 * which keeps the highest temperature and every symptom and rule seen; a task is started, then
 * concluded once with an outcome.
 */
final class TriageRules {

	static final int MAX_NOTE = 1000;

	enum Status {
		OPEN, IN_PROGRESS, DONE
	}

	/** One abnormal check-in as the task receives it. */
	record Signal(BigDecimal temperature, List<String> symptoms, List<String> rules, Instant measuredAt) {
	}

	/** What a task holds of its signals. */
	record Summary(int signals, BigDecimal maxTemperature, List<String> symptoms, List<String> rules,
			Instant lastSignalAt) {

		static Summary of(Signal first) {
			return new Summary(1, first.temperature(), distinct(List.of(), first.symptoms()),
					distinct(List.of(), first.rules()), first.measuredAt());
		}

		/** The task after one more abnormal check-in; a signal measured earlier never moves the last one back. */
		Summary add(Signal s) {
			BigDecimal max = maxTemperature == null ? s.temperature()
					: s.temperature() == null || maxTemperature.compareTo(s.temperature()) >= 0 ? maxTemperature
							: s.temperature();
			Instant last = lastSignalAt == null || s.measuredAt().isAfter(lastSignalAt) ? s.measuredAt() : lastSignalAt;
			return new Summary(signals + 1, max, distinct(symptoms, s.symptoms()), distinct(rules, s.rules()), last);
		}

		private static List<String> distinct(List<String> a, List<String> b) {
			LinkedHashSet<String> all = new LinkedHashSet<>(a);
			if (b != null) {
				b.stream().filter(x -> x != null && !x.isBlank()).forEach(all::add);
			}
			return List.copyOf(all);
		}
	}

	private TriageRules() {
	}

	static boolean open(Status status) {
		return status != Status.DONE;
	}

	/** A doctor takes an open task; one already in progress or done cannot be taken again. */
	static boolean mayStart(Status status) {
		return status == Status.OPEN;
	}

	/** Outcomes after which the person stays away from class, so a sick absence may be registered with them. */
	static boolean mayRegisterAbsence(TriageOutcome outcome) {
		return outcome == TriageOutcome.HOME_OBSERVATION || outcome == TriageOutcome.HOSPITAL_REFERRAL;
	}

	/** Why a conclusion cannot be recorded, by field; empty when it can. A done task is a conflict, not a field. */
	static List<FieldProblem> conclusion(TriageOutcome outcome, String note, boolean registerAbsence) {
		List<FieldProblem> problems = new ArrayList<>();
		if (outcome == null) {
			problems.add(FieldProblem.of("outcome", "triage.outcome.required"));
		}
		else if (registerAbsence && !mayRegisterAbsence(outcome)) {
			problems.add(FieldProblem.of("registerAbsence", "triage.absence.notWithOutcome"));
		}
		if (note != null && note.strip().length() > MAX_NOTE) {
			problems.add(FieldProblem.of("note", "triage.note.tooLong", MAX_NOTE));
		}
		return List.copyOf(problems);
	}
}
