package org.bulwark.control;

import java.time.LocalDate;
import java.util.Map;

/**
 * Follow-up of a person under control: a day counts as missed when it has fewer check-ins than the
 * policy asks for. Only whole days count (up to yesterday), and only days under control that the person
 * could check in on: from the case's start (or its opening, if later) to the day before release.
 */
final class FollowUps {

	private FollowUps() {
	}

	/** Days missed from {@code from} to {@code to} (both inclusive), given the check-ins of each day. */
	static int missed(Map<LocalDate, Integer> checkIns, LocalDate from, LocalDate to, int perDay) {
		if (perDay <= 0 || to.isBefore(from)) {
			return 0;
		}
		int missed = 0;
		for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
			if (checkIns.getOrDefault(d, 0) < perDay) {
				missed++;
			}
		}
		return missed;
	}

	/**
	 * The missed days of a case as of {@code today} and the plan they make, reached by extending until
	 * it holds still: each missed day extends the case, which makes a longer window to miss days in;
	 * the result depends only on the check-ins, never on how often it is computed (idempotent).
	 */
	static Result settle(CasePlan base, Map<LocalDate, Integer> checkIns, LocalDate countFrom, LocalDate today) {
		ControlPolicy policy = base.policy();
		CasePlan plan = base;
		int missed = 0;
		for (int round = 0; round < 400; round++) {
			LocalDate to = min(today.minusDays(1), plan.releaseDate().minusDays(1));
			int now = missed(checkIns, max(countFrom, base.start()), to, policy.checksPerDay());
			if (now == missed && round > 0) {
				break;
			}
			missed = now;
			plan = base.missedFollowUps(missed);
			if (policy.daysAddedPerMissedFollowUp() == 0) {
				break;
			}
		}
		return new Result(missed, missed * policy.daysAddedPerMissedFollowUp(), plan);
	}

	record Result(int missed, int daysAdded, CasePlan plan) {
	}

	private static LocalDate min(LocalDate a, LocalDate b) {
		return a.isBefore(b) ? a : b;
	}

	private static LocalDate max(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}
}
