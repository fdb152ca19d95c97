package org.bulwark.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PassRulesUnitTest {

	private final PassRules standard = PassRules.standard();

	@Test
	void nobodyWithoutAReasonIsGreenWithNoReason() {
		PassRules.Pass pass = standard.decide(Set.of());
		assertThat(pass.colour()).isEqualTo(PassColour.GREEN);
		assertThat(pass.reasons()).isEmpty();
	}

	@Test
	void isolationAndAFeverWaitingForTriageAreRed() {
		for (PassReason r : List.of(PassReason.CENTRALIZED_ISOLATION, PassReason.HOME_ISOLATION, PassReason.IN_ISOLATION_ROOM,
				PassReason.FEVER_AWAITING_TRIAGE)) {
			assertThat(standard.decide(Set.of(r)).colour()).as(r.name()).isEqualTo(PassColour.RED);
		}
	}

	@Test
	void monitoringTestingAbnormalSignsSickAbsenceAndAnOverdueCheckAreYellow() {
		for (PassReason r : List.of(PassReason.HOME_HEALTH_MONITORING, PassReason.SELF_HEALTH_MONITORING, PassReason.DAILY_TESTING,
				PassReason.UNDER_CONTROL, PassReason.ABNORMAL_AWAITING_TRIAGE, PassReason.SICK_ABSENCE, PassReason.NOT_REPORTED)) {
			assertThat(standard.decide(Set.of(r)).colour()).as(r.name()).isEqualTo(PassColour.YELLOW);
		}
	}

	@Test
	void leaveIsANoteThatLeavesThePassGreen() {
		PassRules.Pass pass = standard.decide(Set.of(PassReason.AWAY));
		assertThat(pass.colour()).isEqualTo(PassColour.GREEN);
		assertThat(pass.reasons()).containsExactly(new PassRules.Item(PassReason.AWAY, PassColour.GREEN));
	}

	@Test
	void theMostSevereReasonDecidesAndReasonsComeMostSevereFirst() {
		PassRules.Pass pass = standard.decide(List.of(PassReason.AWAY, PassReason.NOT_REPORTED, PassReason.HOME_ISOLATION,
				PassReason.SICK_ABSENCE));
		assertThat(pass.colour()).isEqualTo(PassColour.RED);
		assertThat(pass.reasons()).extracting(PassRules.Item::reason)
			.containsExactly(PassReason.HOME_ISOLATION, PassReason.SICK_ABSENCE, PassReason.NOT_REPORTED, PassReason.AWAY);
	}

	@Test
	void aSchoolMayMakeAnOverdueCheckOnlyANoteOrLeaveYellow() {
		PassRules school = PassRules.with(Map.of(PassReason.NOT_REPORTED, PassColour.GREEN, PassReason.AWAY, PassColour.YELLOW));
		assertThat(school.decide(Set.of(PassReason.NOT_REPORTED)).colour()).isEqualTo(PassColour.GREEN);
		assertThat(school.decide(Set.of(PassReason.NOT_REPORTED)).reasons()).extracting(PassRules.Item::colour)
			.containsExactly(PassColour.GREEN);
		assertThat(school.decide(Set.of(PassReason.AWAY)).colour()).isEqualTo(PassColour.YELLOW);
		assertThat(school.colourOf(PassReason.CENTRALIZED_ISOLATION)).isEqualTo(PassColour.RED);
	}

	@Test
	void everyMeasureHasItsReason() {
		for (Measure m : Measure.values()) {
			assertThat(PassReason.of(m).name()).isEqualTo(m.name());
		}
	}

	@Test
	void theSqlTestsRedReasonsBeforeYellowOnesAndLeavesGreenReasonsOut() {
		String sql = standard.colourSql(r -> r.name());
		assertThat(sql).startsWith("case when CENTRALIZED_ISOLATION or HOME_ISOLATION or IN_ISOLATION_ROOM or FEVER_AWAITING_TRIAGE then 'RED'"
				+ " when HOME_HEALTH_MONITORING or SELF_HEALTH_MONITORING or DAILY_TESTING or UNDER_CONTROL or ABNORMAL_AWAITING_TRIAGE"
				+ " or SICK_ABSENCE or NOT_REPORTED then 'YELLOW'");
		assertThat(sql).endsWith(" else 'GREEN' end").doesNotContain("AWAY");
		// a school without any yellow reason has no yellow branch at all
		Map<PassReason, PassColour> allRed = new java.util.EnumMap<>(PassReason.class);
		for (PassReason r : PassReason.values()) {
			allRed.put(r, PassColour.RED);
		}
		assertThat(PassRules.with(allRed).colourSql(PassReason::name)).doesNotContain("YELLOW");
	}
}
