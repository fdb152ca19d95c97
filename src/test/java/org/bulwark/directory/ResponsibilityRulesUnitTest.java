package org.bulwark.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.bulwark.directory.ResponsibilityRole.Target;
import org.junit.jupiter.api.Test;

class ResponsibilityRulesUnitTest {

	@Test
	void counselorsAnswerForClassesGridWorkersForGridsAndTheTeamForHouseholds() {
		assertThat(ResponsibilityRules.fits(ResponsibilityRole.COUNSELOR, Target.ORG_UNIT)).isTrue();
		assertThat(ResponsibilityRules.fits(ResponsibilityRole.COUNSELOR, Target.HOUSEHOLD)).isFalse();
		assertThat(ResponsibilityRules.fits(ResponsibilityRole.GRID_MEMBER, Target.GRID)).isTrue();
		assertThat(ResponsibilityRules.fits(ResponsibilityRole.GRID_LEADER, Target.ORG_UNIT)).isFalse();
		for (ResponsibilityRole role : ResponsibilityRules.TEAM) {
			assertThat(ResponsibilityRules.fits(role, Target.HOUSEHOLD)).isTrue();
			assertThat(ResponsibilityRules.fits(role, Target.GRID)).isTrue();
		}
		assertThat(ResponsibilityRules.fits(null, Target.GRID)).isFalse();
		assertThat(ResponsibilityRules.fits(ResponsibilityRole.DOCTOR, null)).isFalse();
	}

	@Test
	void pastedCodesAreSplitOnLinesCommasAndTabs() {
		assertThat(ResidenceController.codes("A1\nA2, A3\tA4；A1\r\n ")).containsExactly("A1", "A2", "A3", "A4");
	}
}
