package org.bulwark.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a return filing still lacks before the unit may approve it. The policy asks for a check-in on
 * each of the N days before arrival (arrival − N … arrival − 1); a day before today without one is
 * missing, a day still to come is not yet due. When a test is required it must be negative and taken
 * at most {@code testValidDays} days before arrival, and not in the future.
 */
public final class ReturnRules {

	private ReturnRules() {
	}

	public record Policy(int checkInDays, boolean testRequired, int testValidDays) {
	}

	public enum Shortfall {
		CHECK_INS_MISSING, TEST_MISSING, TEST_POSITIVE, TEST_TOO_OLD
	}

	public enum TestResult {
		NEGATIVE, POSITIVE
	}

	/** The check-in days before arrival the policy asks for, oldest first. */
	public static List<LocalDate> requiredDays(LocalDate arriveOn, int n) {
		List<LocalDate> days = new ArrayList<>(n);
		for (int i = n; i >= 1; i--) {
			days.add(arriveOn.minusDays(i));
		}
		return days;
	}

	/** How many of the required days have a check-in. */
	public static int daysDone(Collection<LocalDate> reported, LocalDate arriveOn, int n) {
		Set<LocalDate> set = Set.copyOf(reported);
		return (int) requiredDays(arriveOn, n).stream().filter(set::contains).count();
	}

	/** Required days already past (before today) without a check-in. */
	public static List<LocalDate> missingDays(Collection<LocalDate> reported, LocalDate arriveOn, int n, LocalDate today) {
		Set<LocalDate> set = Set.copyOf(reported);
		return requiredDays(arriveOn, n).stream().filter(d -> d.isBefore(today) && !set.contains(d)).toList();
	}

	public static List<Shortfall> shortfalls(Policy policy, LocalDate arriveOn, Collection<LocalDate> reported,
			TestResult test, LocalDate testDate, LocalDate today) {
		List<Shortfall> out = new ArrayList<>();
		if (!missingDays(reported, arriveOn, policy.checkInDays(), today).isEmpty()) {
			out.add(Shortfall.CHECK_INS_MISSING);
		}
		if (test == TestResult.POSITIVE) {
			out.add(Shortfall.TEST_POSITIVE);
		}
		else if (policy.testRequired()) {
			if (test == null || testDate == null) {
				out.add(Shortfall.TEST_MISSING);
			}
			else if (testDate.isBefore(arriveOn.minusDays(policy.testValidDays())) || testDate.isAfter(today)) {
				out.add(Shortfall.TEST_TOO_OLD);
			}
		}
		return out;
	}
}
