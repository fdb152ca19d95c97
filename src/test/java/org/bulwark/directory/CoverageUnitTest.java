package org.bulwark.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class CoverageUnitTest {

	/** H2's "nobody responsible": a set nobody covers excludes nobody, and a missing unit is never covered. */
	@Test
	void anEmptyCoveredSetExcludesNobodyAndNullIsNeverCovered() {
		assertThat(Coverage.notIn("p.org_unit_id", List.of())).isEqualTo("1=1");
		assertThat(Coverage.notIn("p.org_unit_id", null)).isEqualTo("1=1");
		assertThat(Coverage.notIn("p.org_unit_id", List.of(3L, 5L)))
			.isEqualTo("(p.org_unit_id is null or p.org_unit_id not in (3,5))");
	}
}
