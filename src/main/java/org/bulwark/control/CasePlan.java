package org.bulwark.control;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dates of one control case, computed from its policy version and the case's facts: when each
 * phase starts and ends, the test dates and the release date. Phases follow one another without gaps;
 * a phase ends at the start of its end date, which is the next phase's start date, and the release
 * date is the end of the last phase. Changes (extend, shorten, missed follow-ups) move the end of the
 * last phase, so they make a new plan and leave this one as it was.
 */
public record CasePlan(ControlPolicy policy, LocalDate start, List<Dated> phases, List<LocalDate> testDates,
		int daysAdded) {

	/** A phase with its dates: from {@code starts} (inclusive) to {@code ends} (exclusive). */
	public record Dated(Measure measure, LocalDate starts, LocalDate ends) {

		boolean covers(LocalDate date) {
			return !date.isBefore(starts) && date.isBefore(ends);
		}
	}

	/** The dates a case can count from; the policy says which one it uses. */
	public record Facts(LocalDate lastExposure, LocalDate arrival, LocalDate reportDate) {
	}

	/** Where a case stands on a date. */
	public enum Stage { NOT_STARTED, IN_PHASE, DUE_FOR_RELEASE }

	public record Standing(Stage stage, Measure measure, LocalDate releaseDate) {
	}

	/** The plan for a new case, or empty when the date the policy counts from is not known. */
	public static Optional<CasePlan> of(ControlPolicy policy, Facts facts) {
		LocalDate start = switch (policy.startFrom()) {
			case LAST_EXPOSURE -> facts.lastExposure();
			case ARRIVAL -> facts.arrival();
			case REPORT_DATE -> facts.reportDate();
		};
		return Optional.ofNullable(start).map(s -> plan(policy, s, 0));
	}

	/** The plan from a known start with {@code daysAdded} on the last phase (negative: taken off), as a stored case has it. */
	static CasePlan at(ControlPolicy policy, LocalDate start, int daysAdded) {
		return plan(policy, start, daysAdded);
	}

	/**
	 * The same dates with the measures of some phases changed by hand (by position); positions the
	 * plan does not have are ignored.
	 */
	public CasePlan withMeasures(java.util.Map<Integer, Measure> overrides) {
		if (overrides.isEmpty()) {
			return this;
		}
		List<Dated> changed = new ArrayList<>();
		for (int i = 0; i < phases.size(); i++) {
			Dated d = phases.get(i);
			changed.add(new Dated(overrides.getOrDefault(i, d.measure()), d.starts(), d.ends()));
		}
		return new CasePlan(policy, start, List.copyOf(changed), testDates, daysAdded);
	}

	/** The position of the phase on {@code date}, or of the last one when the date is past them all, or the first before the start. */
	public int positionOn(LocalDate date) {
		for (int i = 0; i < phases.size(); i++) {
			if (phases.get(i).covers(date)) {
				return i;
			}
		}
		return date.isBefore(start) ? 0 : phases.size() - 1;
	}

	private static CasePlan plan(ControlPolicy policy, LocalDate start, int daysAdded) {
		List<Dated> phases = new ArrayList<>();
		LocalDate from = start;
		List<ControlPolicy.Phase> policyPhases = policy.phases();
		for (int i = 0; i < policyPhases.size(); i++) {
			int days = policyPhases.get(i).days() + (i == policyPhases.size() - 1 ? daysAdded : 0);
			LocalDate to = from.plusDays(Math.max(days, 0));
			phases.add(new Dated(policyPhases.get(i).measure(), from, to));
			from = to;
		}
		LocalDate release = from;
		List<LocalDate> tests = policy.testDays().stream().sorted().map(start::plusDays)
			.filter(d -> d.isBefore(release) || d.equals(release)).toList();
		return new CasePlan(policy, start, List.copyOf(phases), tests, daysAdded);
	}

	public LocalDate releaseDate() {
		return phases.get(phases.size() - 1).ends();
	}

	public Standing on(LocalDate date) {
		if (date.isBefore(start)) {
			return new Standing(Stage.NOT_STARTED, null, releaseDate());
		}
		return phases.stream().filter(p -> p.covers(date)).findFirst()
			.map(p -> new Standing(Stage.IN_PHASE, p.measure(), releaseDate()))
			.orElse(new Standing(Stage.DUE_FOR_RELEASE, null, releaseDate()));
	}

	/** The same case with its last phase longer by {@code days}. */
	public CasePlan extend(int days) {
		if (days < 1) {
			throw new IllegalArgumentException("extend by at least one day");
		}
		return plan(policy, start, daysAdded + days);
	}

	/**
	 * The same case with its last phase shorter by {@code days}; refused when the last phase would be
	 * left with no day at all (then the case is released instead).
	 */
	public Optional<CasePlan> shorten(int days) {
		int last = policy.phases().get(policy.phases().size() - 1).days() + daysAdded;
		if (days < 1 || days >= last) {
			return Optional.empty();
		}
		return Optional.of(plan(policy, start, daysAdded - days));
	}

	/** The case after {@code missed} follow-ups were missed, as far as the policy extends for them. */
	public CasePlan missedFollowUps(int missed) {
		int days = missed * policy.daysAddedPerMissedFollowUp();
		return days == 0 ? this : plan(policy, start, daysAdded + days);
	}

	/** The plan under another policy version, keeping the start and the days added by hand or for missed follow-ups. */
	public CasePlan under(ControlPolicy other) {
		return plan(other, start, daysAdded);
	}

	/** What re-applying a new version would change, for the preview the office confirms. */
	public record Change(List<Dated> before, List<Dated> after) {

		public LocalDate releaseBefore() {
			return before.get(before.size() - 1).ends();
		}

		public LocalDate releaseAfter() {
			return after.get(after.size() - 1).ends();
		}

		public boolean changes() {
			return !before.equals(after);
		}
	}

	public Change changeUnder(ControlPolicy other) {
		return new Change(phases, under(other).phases());
	}
}
