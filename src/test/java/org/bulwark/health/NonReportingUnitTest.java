package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.bulwark.health.NonReporting.Phase;
import org.bulwark.health.NonReporting.State;
import org.bulwark.health.NonReporting.Status;
import org.junit.jupiter.api.Test;

class NonReportingUnitTest {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
	private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
	private static final Slot MORNING = new Slot("morning", "晨检", "Morning", LocalTime.of(6, 0), LocalTime.of(9, 30),
			LocalTime.of(9, 30), 15);
	private static final Slot NOON = new Slot("noon", "午检", "Noon", LocalTime.of(11, 30), LocalTime.of(14, 0),
			LocalTime.of(14, 0), 0);
	private static final Slot EVENING = new Slot("evening", "晚检", "Evening", LocalTime.of(18, 0), LocalTime.of(21, 30),
			LocalTime.of(21, 30), 0);

	private static Instant at(LocalDate day, int hour, int minute) {
		return day.atTime(hour, minute).atZone(SHANGHAI).toInstant();
	}

	@Test
	void aSlotIsNotOpenBeforeItsStartAndOnTimeFromTheFirstMinute() {
		assertThat(NonReporting.phase(MORNING, DAY, at(DAY, 5, 59), SHANGHAI)).isEqualTo(Phase.NOT_OPEN);
		assertThat(NonReporting.phase(MORNING, DAY, at(DAY, 6, 0), SHANGHAI)).isEqualTo(Phase.ON_TIME);
	}

	@Test
	void graceKeepsASlotOnTimeAfterItsDeadlineAndOverdueOnlyAfterIt() {
		assertThat(NonReporting.phase(MORNING, DAY, at(DAY, 9, 31), SHANGHAI)).isEqualTo(Phase.ON_TIME);
		assertThat(NonReporting.phase(MORNING, DAY, at(DAY, 9, 45), SHANGHAI)).isEqualTo(Phase.ON_TIME);
		assertThat(NonReporting.phase(MORNING, DAY, at(DAY, 9, 46), SHANGHAI)).isEqualTo(Phase.OVERDUE);
		assertThat(NonReporting.phase(NOON, DAY, at(DAY, 14, 1), SHANGHAI)).isEqualTo(Phase.OVERDUE);
	}

	@Test
	void slotsAreLocalTimesOfTheSchoolsZone() {
		// 01:50 UTC is 09:50 in Shanghai (overdue) but only 02:50 in Paris (not open)
		Instant instant = Instant.parse("2026-03-02T01:50:00Z");
		assertThat(NonReporting.phase(MORNING, DAY, instant, SHANGHAI)).isEqualTo(Phase.OVERDUE);
		assertThat(NonReporting.phase(MORNING, DAY, instant, ZoneId.of("Europe/Paris"))).isEqualTo(Phase.NOT_OPEN);
	}

	@Test
	void aLateSubmissionCountsAsReportedLateNotAsMissing() {
		Instant afterDeadline = at(DAY, 11, 0);
		assertThat(NonReporting.state(MORNING, DAY, afterDeadline, SHANGHAI, false, true, true)).isEqualTo(State.REPORTED_LATE);
		assertThat(NonReporting.state(MORNING, DAY, afterDeadline, SHANGHAI, false, true, false)).isEqualTo(State.REPORTED);
		assertThat(NonReporting.state(MORNING, DAY, afterDeadline, SHANGHAI, false, false, false)).isEqualTo(State.OVERDUE);
		assertThat(NonReporting.state(MORNING, DAY, at(DAY, 8, 0), SHANGHAI, false, false, false)).isEqualTo(State.NOT_YET);
	}

	@Test
	void someoneAwayIsAwayAndNeverReminded() {
		State away = NonReporting.state(MORNING, DAY, at(DAY, 11, 0), SHANGHAI, true, false, false);
		assertThat(away).isEqualTo(State.AWAY);
		assertThat(NonReporting.remindable(away)).isFalse();
		assertThat(NonReporting.remindable(State.REPORTED)).isFalse();
		assertThat(NonReporting.remindable(State.REPORTED_LATE)).isFalse();
		assertThat(NonReporting.remindable(State.NOT_OPEN)).isFalse();
		assertThat(NonReporting.remindable(State.NOT_YET)).isTrue();
		assertThat(NonReporting.remindable(State.OVERDUE)).isTrue();
	}

	@Test
	void atMostOneReminderPerPersonAndSlot() {
		List<Long> asked = List.of(1L, 2L, 2L, 3L, 4L);
		assertThat(NonReporting.toRemind(asked, Set.of(1L, 2L, 3L), Set.of(3L))).containsExactly(1L, 2L);
		assertThat(NonReporting.toRemind(asked, Set.of(1L, 2L, 3L), Set.of(1L, 2L, 3L))).isEmpty();
	}

	@Test
	void statusesArePossibleOnlyInTheirPhase() {
		assertThat(Status.NOT_YET.possibleIn(Phase.ON_TIME)).isTrue();
		assertThat(Status.NOT_YET.possibleIn(Phase.OVERDUE)).isFalse();
		assertThat(Status.OVERDUE.possibleIn(Phase.ON_TIME)).isFalse();
		assertThat(Status.MISSING.possibleIn(Phase.NOT_OPEN)).isFalse();
		assertThat(Status.LATE.possibleIn(Phase.OVERDUE)).isTrue();
		assertThat(Status.parse("not_yet")).isEqualTo(Status.NOT_YET);
		assertThat(Status.parse("notyet")).isEqualTo(Status.NOT_YET);
		assertThat(Status.parse(null)).isEqualTo(Status.MISSING);
		assertThat(Status.parse("bogus")).isNull();
	}

	@Test
	void theCurrentSlotIsTheOneOpenElseTheLastStartedElseTheFirst() {
		List<Slot> day = List.of(EVENING, MORNING, NOON);
		assertThat(NonReporting.current(day, at(DAY, 7, 0), SHANGHAI)).contains(MORNING);
		assertThat(NonReporting.current(day, at(DAY, 10, 0), SHANGHAI)).contains(MORNING);
		assertThat(NonReporting.current(day, at(DAY, 12, 0), SHANGHAI)).contains(NOON);
		assertThat(NonReporting.current(day, at(DAY, 23, 0), SHANGHAI)).contains(EVENING);
		assertThat(NonReporting.current(day, at(DAY, 3, 0), SHANGHAI)).contains(MORNING);
		assertThat(NonReporting.current(List.of(), at(DAY, 3, 0), SHANGHAI)).isEmpty();
	}

	@Test
	void theLastPastSlotsReachBackOverThePreviousDay() {
		List<NonReporting.SlotOfDay> past = NonReporting.lastPast(List.of(MORNING, NOON, EVENING), at(DAY, 15, 0), SHANGHAI, 3);
		assertThat(past).extracting(p -> p.day() + " " + p.slot().code())
			.containsExactly(DAY + " noon", DAY + " morning", DAY.minusDays(1) + " evening");
	}

	@Test
	void escalationNeedsNSlotsMissedInARowSinceEnrolment() {
		List<NonReporting.SlotOfDay> past = NonReporting.lastPast(List.of(MORNING, NOON, EVENING), at(DAY, 15, 0), SHANGHAI, 3);
		Instant longAgo = at(DAY.minusDays(30), 0, 0);
		assertThat(NonReporting.escalate(past, 3, 0, longAgo, SHANGHAI)).isTrue();
		assertThat(NonReporting.escalate(past, 3, 1, longAgo, SHANGHAI)).isFalse();
		// enrolled this morning: yesterday's evening was not theirs to miss
		assertThat(NonReporting.escalate(past, 3, 0, at(DAY, 7, 0), SHANGHAI)).isFalse();
		assertThat(NonReporting.escalate(past.subList(0, 2), 3, 0, longAgo, SHANGHAI)).isFalse();
	}
}
