package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlotCountsUnitTest {

	@Test
	void everyoneExpectedIsReportedAwayNotYetOrOverdueOnce() {
		SlotCounts before = SlotCounts.of(10, 6, 1, 2, 1, false);
		assertThat(before.notYet()).isEqualTo(3);
		assertThat(before.overdue()).isZero();
		SlotCounts after = SlotCounts.of(10, 6, 1, 2, 1, true);
		assertThat(after.notYet()).isZero();
		assertThat(after.overdue()).isEqualTo(3);
		assertThat(after.reported() + after.away() + after.notYet() + after.overdue()).isEqualTo(after.expected());
	}

	@Test
	void theRateLeavesAwayPeopleOutAndIsAbsentWhenNobodyIsDue() {
		assertThat(SlotCounts.of(10, 6, 0, 0, 2, false).rate()).isEqualTo(75.0);
		assertThat(SlotCounts.of(2, 0, 0, 0, 2, false).rate()).isNull();
		assertThat(SlotCounts.NONE.rate()).isNull();
	}

	@Test
	void unitsAddUpSlotBySlot() {
		SlotCounts sum = SlotCounts.of(4, 2, 1, 1, 0, true).plus(SlotCounts.of(6, 5, 0, 0, 1, true));
		assertThat(sum).isEqualTo(new SlotCounts(10, 7, 1, 1, 1, 0, 2));
	}
}
