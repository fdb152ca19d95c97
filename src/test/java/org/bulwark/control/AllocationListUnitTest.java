package org.bulwark.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AllocationListUnitTest {

	@Test
	void aPastedListGivesOneNumberALineWithItsAccessibilityMarkAndSkipsBlankLines() {
		var wanted = Allocations.parse("20230001\r\n\n  20230002 无障碍\n11010519900307123x, A\n20230003\taccessible\n20230004 其他");
		assertThat(wanted).containsExactly(new Allocations.Wanted("20230001", false), new Allocations.Wanted("20230002", true),
				new Allocations.Wanted("11010519900307123X", true), new Allocations.Wanted("20230003", true),
				new Allocations.Wanted("20230004", false));
		assertThat(Allocations.parse(null)).isEmpty();
		assertThat(Allocations.parse(" \n ")).isEmpty();
	}
}
