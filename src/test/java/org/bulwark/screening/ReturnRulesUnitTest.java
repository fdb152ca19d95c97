package org.bulwark.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.bulwark.screening.ReturnRules.Policy;
import org.bulwark.screening.ReturnRules.Shortfall;
import org.bulwark.screening.ReturnRules.TestResult;
import org.junit.jupiter.api.Test;

class ReturnRulesUnitTest {

	static final LocalDate ARRIVE = LocalDate.parse("2023-02-20");

	static List<LocalDate> days(String from, int n) {
		return java.util.stream.IntStream.range(0, n).mapToObj(i -> LocalDate.parse(from).plusDays(i)).toList();
	}

	@Test
	void theDaysBeforeArrivalAreRequiredNotTheArrivalDay() {
		assertThat(ReturnRules.requiredDays(ARRIVE, 3)).containsExactly(LocalDate.parse("2023-02-17"),
				LocalDate.parse("2023-02-18"), LocalDate.parse("2023-02-19"));
		assertThat(ReturnRules.daysDone(days("2023-02-17", 4), ARRIVE, 3)).isEqualTo(3);
		assertThat(ReturnRules.daysDone(days("2023-02-10", 7), ARRIVE, 3)).isZero();
	}

	@Test
	void onlyPastDaysWithoutACheckInAreMissing() {
		Policy policy = new Policy(3, false, 2);
		// today is the 18th: the 17th is missing, the 18th and 19th are still to come
		assertThat(ReturnRules.missingDays(List.of(), ARRIVE, 3, LocalDate.parse("2023-02-18")))
			.containsExactly(LocalDate.parse("2023-02-17"));
		assertThat(ReturnRules.shortfalls(policy, ARRIVE, days("2023-02-17", 1), null, null, LocalDate.parse("2023-02-18")))
			.isEmpty();
		assertThat(ReturnRules.shortfalls(policy, ARRIVE, days("2023-02-17", 2), null, null, LocalDate.parse("2023-02-21")))
			.containsExactly(Shortfall.CHECK_INS_MISSING);
		assertThat(ReturnRules.shortfalls(new Policy(0, false, 2), ARRIVE, List.of(), null, null, ARRIVE)).isEmpty();
	}

	@Test
	void aRequiredTestMustBeNegativeAndRecent() {
		Policy policy = new Policy(0, true, 2);
		LocalDate today = ARRIVE;
		assertThat(ReturnRules.shortfalls(policy, ARRIVE, List.of(), null, null, today)).containsExactly(Shortfall.TEST_MISSING);
		assertThat(ReturnRules.shortfalls(policy, ARRIVE, List.of(), TestResult.NEGATIVE, LocalDate.parse("2023-02-18"), today))
			.as("two days before arrival is still valid").isEmpty();
		assertThat(ReturnRules.shortfalls(policy, ARRIVE, List.of(), TestResult.NEGATIVE, LocalDate.parse("2023-02-17"), today))
			.containsExactly(Shortfall.TEST_TOO_OLD);
		assertThat(ReturnRules.shortfalls(policy, ARRIVE, List.of(), TestResult.NEGATIVE, LocalDate.parse("2023-02-21"), today))
			.as("a test in the future").containsExactly(Shortfall.TEST_TOO_OLD);
		assertThat(ReturnRules.shortfalls(new Policy(0, false, 2), ARRIVE, List.of(), TestResult.POSITIVE,
				LocalDate.parse("2023-02-19"), today)).as("a positive test stops approval even when none is required")
			.containsExactly(Shortfall.TEST_POSITIVE);
	}
}
