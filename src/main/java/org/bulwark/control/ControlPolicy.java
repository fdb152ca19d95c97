package org.bulwark.control;

import java.util.List;
import java.util.Set;

/**
 * One version of the rules for a category: the phases one after another (e.g. 7 days centralized
 * isolation, then 3 days home health monitoring), the date they count from, the days on which a test is
 * required (counted from that date, day 0 being the date itself), and how many days a missed
 * follow-up adds. A new version never changes open cases until the office re-applies it.
 */
public record ControlPolicy(ControlCategory category, int version, StartReference startFrom, List<Phase> phases,
		Set<Integer> testDays, int daysAddedPerMissedFollowUp) {

	public enum StartReference { LAST_EXPOSURE, ARRIVAL, REPORT_DATE }

	public record Phase(Measure measure, int days) {

		public Phase {
			if (days < 1) {
				throw new IllegalArgumentException("a phase lasts at least one day");
			}
		}
	}

	public ControlPolicy {
		phases = List.copyOf(phases);
		testDays = Set.copyOf(testDays);
		if (phases.isEmpty()) {
			throw new IllegalArgumentException("a policy has at least one phase");
		}
		if (daysAddedPerMissedFollowUp < 0) {
			throw new IllegalArgumentException("missed follow-ups cannot shorten a case");
		}
	}

	public int totalDays() {
		return phases.stream().mapToInt(Phase::days).sum();
	}
}
