package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.bulwark.directory.Population;
import org.bulwark.health.Slot.Timing;
import org.junit.jupiter.api.Test;

class CheckPolicyUnitTest {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
	private static final LocalDate DAY = LocalDate.of(2026, 11, 23);
	private static final Slot MORNING = new Slot("morning", "晨检", "Morning", LocalTime.of(6, 0), LocalTime.of(9, 30),
			LocalTime.of(9, 0), 15);
	private static final Slot NOON = new Slot("noon", "午检", "Noon", LocalTime.of(11, 30), LocalTime.of(14, 0),
			LocalTime.of(14, 0), 0);
	private static final Slot EVENING = new Slot("evening", "晚检", "Evening", LocalTime.of(18, 0),
			LocalTime.of(21, 30), LocalTime.of(23, 50), 20);

	private static ZonedDateTime at(int hour, int minute) {
		return DAY.atTime(hour, minute).atZone(SHANGHAI);
	}

	private static CheckPolicy policy(long id, boolean isDefault, Set<Population> populations, Set<Long> units) {
		return new CheckPolicy(id, "p" + id, "P" + id, 1, isDefault, List.of(EVENING, MORNING, NOON), populations, units);
	}

	@Test
	void aSlotIsClosedBeforeItOpensAndOnTimeFromItsStart() {
		assertThat(MORNING.timing(DAY, at(5, 59), SHANGHAI)).isEqualTo(Timing.NOT_OPEN);
		assertThat(MORNING.timing(DAY, at(6, 0), SHANGHAI)).isEqualTo(Timing.ON_TIME);
	}

	@Test
	void graceMinutesFollowTheDeadlineThenItIsLate() {
		assertThat(MORNING.timing(DAY, at(9, 0), SHANGHAI)).isEqualTo(Timing.ON_TIME);
		assertThat(MORNING.timing(DAY, at(9, 15), SHANGHAI)).isEqualTo(Timing.ON_TIME);
		assertThat(MORNING.timing(DAY, at(9, 16), SHANGHAI)).isEqualTo(Timing.LATE);
		assertThat(NOON.timing(DAY, at(14, 1), SHANGHAI)).isEqualTo(Timing.LATE);
		assertThat(MORNING.timing(DAY, at(22, 0), SHANGHAI)).isEqualTo(Timing.LATE);
	}

	@Test
	void graceMayRunPastMidnightIntoTheNextDay() {
		ZonedDateTime nextDay = DAY.plusDays(1).atTime(0, 5).atZone(SHANGHAI);
		assertThat(EVENING.timing(DAY, nextDay, SHANGHAI)).isEqualTo(Timing.ON_TIME);
		assertThat(EVENING.timing(DAY, nextDay.plusMinutes(10), SHANGHAI)).isEqualTo(Timing.LATE);
		assertThat(EVENING.timing(DAY.plusDays(1), nextDay, SHANGHAI)).isEqualTo(Timing.NOT_OPEN);
	}

	@Test
	void timingIsReadInTheSchoolsTimeZone() {
		Instant instant = Instant.parse("2026-11-23T01:00:00Z");
		assertThat(MORNING.timing(DAY, instant.atZone(SHANGHAI), SHANGHAI)).isEqualTo(Timing.ON_TIME);
		ZoneId utc = ZoneId.of("UTC");
		assertThat(MORNING.timing(DAY, instant.atZone(utc), utc)).isEqualTo(Timing.NOT_OPEN);
		// 16:30 UTC is already the next day in Shanghai: the morning of the 24th has not opened.
		ZonedDateTime late = Instant.parse("2026-11-23T16:30:00Z").atZone(SHANGHAI);
		assertThat(late.toLocalDate()).isEqualTo(DAY.plusDays(1));
		assertThat(MORNING.timing(late.toLocalDate(), late, SHANGHAI)).isEqualTo(Timing.NOT_OPEN);
	}

	@Test
	void theCurrentSlotIsTheLastOneOpened() {
		CheckPolicy p = policy(1, true, Set.of(), Set.of());
		assertThat(p.slots()).extracting(Slot::code).containsExactly("morning", "noon", "evening");
		assertThat(p.current(LocalTime.of(5, 59))).isEmpty();
		assertThat(p.current(LocalTime.of(6, 0))).contains(MORNING);
		assertThat(p.current(LocalTime.of(11, 29))).contains(MORNING);
		assertThat(p.current(LocalTime.of(11, 30))).contains(NOON);
		assertThat(p.current(LocalTime.of(23, 59))).contains(EVENING);
	}

	@Test
	void theMostSpecificPolicyWins() {
		CheckPolicy fallback = policy(1, true, Set.of(), Set.of());
		CheckPolicy students = policy(2, false, Set.of(Population.UNDERGRADUATE), Set.of());
		CheckPolicy college = policy(3, false, Set.of(), Set.of(10L));
		CheckPolicy klass = policy(4, false, Set.of(), Set.of(12L));
		CheckPolicy collegeStudents = policy(5, false, Set.of(Population.UNDERGRADUATE), Set.of(10L));
		List<CheckPolicy> all = List.of(fallback, students, college, klass, collegeStudents);

		assertThat(CheckPolicy.choose(all, Population.STAFF, List.of(99L))).contains(fallback);
		assertThat(CheckPolicy.choose(all, Population.UNDERGRADUATE, List.of(99L))).contains(students);
		assertThat(CheckPolicy.choose(all, Population.STAFF, List.of(10L, 11L))).contains(college);
		assertThat(CheckPolicy.choose(all, Population.UNDERGRADUATE, List.of(10L, 11L))).contains(collegeStudents);
		assertThat(CheckPolicy.choose(all, Population.UNDERGRADUATE, List.of(10L, 11L, 12L))).contains(klass);
	}

	@Test
	void withoutADefaultSomePeopleHaveNoPolicy() {
		CheckPolicy students = policy(2, false, Set.of(Population.UNDERGRADUATE), Set.of());
		CheckPolicy notDefault = policy(3, false, Set.of(), Set.of());
		assertThat(CheckPolicy.choose(List.of(students, notDefault), Population.STAFF, List.of())).isEmpty();
	}
}
