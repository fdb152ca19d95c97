package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CompletenessUnitTest {

	static final LocalDate MON = LocalDate.of(2026, 11, 30);
	static final LocalDate SUN = MON.plusDays(6);

	/** College 1 (reports) → major 2 (does not) → classes 3 and 4 (report); class 4 opened on Thursday. */
	static final List<Completeness.Unit> TREE = List.of(new Completeness.Unit(1, "/1/", true, MON.minusYears(1)),
			new Completeness.Unit(2, "/1/2/", false, MON.minusYears(1)),
			new Completeness.Unit(3, "/1/2/3/", true, MON.minusYears(1)),
			new Completeness.Unit(4, "/1/2/4/", true, MON.plusDays(3)));

	@Test
	void expectedIsOpenUnitsTimesDaysCountingOnlyDaysTheUnitWasOpen() {
		assertThat(Completeness.expectedDays(MON.minusYears(1), MON, SUN)).isEqualTo(7);
		assertThat(Completeness.expectedDays(MON.plusDays(3), MON, SUN)).isEqualTo(4);
		assertThat(Completeness.expectedDays(SUN.plusDays(1), MON, SUN)).isZero();
		assertThat(Completeness.expectedDays(MON, MON, MON)).isEqualTo(1);
	}

	@Test
	void actualCountsReportsAndTimelyOnlyThoseFirstSubmittedByTheDeadline() {
		Map<Long, Map<LocalDate, Boolean>> reports = Map.of(3L, Map.of(MON, true, MON.plusDays(1), false,
				MON.plusDays(2), true), 4L, Map.of(MON.plusDays(2), true, MON.plusDays(3), true));
		Map<Long, Completeness.Tally> own = Completeness.own(TREE, reports, MON, SUN);
		assertThat(own.get(3L)).isEqualTo(new Completeness.Tally(7, 3, 2));
		// the report of a day before the class opened is kept but does not count
		assertThat(own.get(4L)).isEqualTo(new Completeness.Tally(4, 1, 1));
		assertThat(own).doesNotContainKey(2L);
		assertThat(own.get(1L)).isEqualTo(new Completeness.Tally(7, 0, 0));
	}

	@Test
	void aUnitsFiguresIncludeEveryUnitBelowIt() {
		Map<Long, Map<LocalDate, Boolean>> reports = Map.of(1L, Map.of(MON, true), 3L, Map.of(MON, true, SUN, false),
				4L, Map.of(SUN, true));
		Map<Long, Completeness.Tally> rolled = Completeness.rolledUp(TREE, Completeness.own(TREE, reports, MON, SUN));
		assertThat(rolled.get(3L)).isEqualTo(new Completeness.Tally(7, 2, 1));
		assertThat(rolled.get(2L)).isEqualTo(new Completeness.Tally(11, 3, 2));
		assertThat(rolled.get(1L)).isEqualTo(new Completeness.Tally(18, 4, 3));
	}

	@Test
	void percentagesHaveOneDecimalAndAreAbsentWhenNothingIsExpected() {
		Completeness.Tally t = new Completeness.Tally(3, 2, 1);
		assertThat(t.completeness()).isEqualTo(66.7);
		assertThat(t.timeliness()).isEqualTo(33.3);
		assertThat(t.missing()).isEqualTo(1);
		assertThat(Completeness.Tally.NONE.completeness()).isNull();
		assertThat(new Completeness.Tally(4, 4, 4).completeness()).isEqualTo(100.0);
	}
}
