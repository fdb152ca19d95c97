package org.bulwark.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bulwark.control.ControlPolicy.Phase;
import org.bulwark.control.ControlPolicy.StartReference;
import org.junit.jupiter.api.Test;

/** The rules of control cases without Spring: stored forms of policies, measure changes, follow-ups, bulk lines, standard policies. */
class ControlCaseRulesUnitTest {

	static final LocalDate EXPOSED = LocalDate.of(2026, 11, 20);
	static final ControlPolicy CLOSE_CONTACT = new ControlPolicy(ControlCategory.CLOSE_CONTACT, 1, StartReference.LAST_EXPOSURE,
			List.of(new Phase(Measure.CENTRALIZED_ISOLATION, 7), new Phase(Measure.HOME_HEALTH_MONITORING, 3)), Set.of(1, 4, 7), 1, 3, null);

	CasePlan plan() {
		return CasePlan.of(CLOSE_CONTACT, new CasePlan.Facts(EXPOSED, null, null)).orElseThrow();
	}

	@Test
	void phasesAndTestDaysRoundTripThroughTheirStoredForm() {
		String phases = ControlPolicy.formatPhases(CLOSE_CONTACT.phases());
		assertThat(phases).isEqualTo("CENTRALIZED_ISOLATION:7;HOME_HEALTH_MONITORING:3");
		assertThat(ControlPolicy.parsePhases(phases)).isEqualTo(CLOSE_CONTACT.phases());
		assertThat(ControlPolicy.parseDays("7, 1，4 4")).containsExactly(1, 4, 7);
		assertThat(ControlPolicy.formatDays(Set.of(7, 1, 4))).isEqualTo("1,4,7");
		assertThatThrownBy(() -> ControlPolicy.parseDays("1, x")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> ControlPolicy.parseDays("400")).isInstanceOf(IllegalArgumentException.class);
		assertThat(ControlPolicy.parseOverrides(ControlPolicy.formatOverrides(Map.of(1, Measure.SELF_HEALTH_MONITORING, 0, Measure.HOME_ISOLATION))))
			.containsExactly(Map.entry(0, Measure.HOME_ISOLATION), Map.entry(1, Measure.SELF_HEALTH_MONITORING));
	}

	@Test
	void changingTheMeasureOfAPhaseKeepsEveryDate() {
		CasePlan plan = plan();
		CasePlan home = plan.withMeasures(Map.of(0, Measure.HOME_ISOLATION, 9, Measure.DAILY_TESTING));
		assertThat(home.phases()).extracting(CasePlan.Dated::measure).containsExactly(Measure.HOME_ISOLATION, Measure.HOME_HEALTH_MONITORING);
		assertThat(home.phases()).extracting(CasePlan.Dated::ends).isEqualTo(plan.phases().stream().map(CasePlan.Dated::ends).toList());
		assertThat(home.releaseDate()).isEqualTo(LocalDate.of(2026, 11, 30));
	}

	@Test
	void positionOnADateIsThePhaseCoveringIt() {
		CasePlan plan = plan();
		assertThat(plan.positionOn(EXPOSED.minusDays(1))).isZero();
		assertThat(plan.positionOn(EXPOSED.plusDays(6))).isZero();
		assertThat(plan.positionOn(EXPOSED.plusDays(7))).isEqualTo(1);
		assertThat(plan.positionOn(EXPOSED.plusDays(30))).isEqualTo(1);
	}

	@Test
	void aStoredPlanWithDaysTakenOffEndsEarlier() {
		assertThat(CasePlan.at(CLOSE_CONTACT, EXPOSED, -2).releaseDate()).isEqualTo(LocalDate.of(2026, 11, 28));
		assertThat(CasePlan.at(CLOSE_CONTACT, EXPOSED, 3).releaseDate()).isEqualTo(LocalDate.of(2026, 12, 3));
	}

	@Test
	void aDayWithFewerCheckInsThanThePolicyAsksIsMissed() {
		Map<LocalDate, Integer> checkIns = Map.of(EXPOSED, 3, EXPOSED.plusDays(1), 2, EXPOSED.plusDays(3), 3);
		assertThat(FollowUps.missed(checkIns, EXPOSED, EXPOSED.plusDays(3), 3)).isEqualTo(2);
		assertThat(FollowUps.missed(checkIns, EXPOSED, EXPOSED.plusDays(3), 0)).isZero();
		assertThat(FollowUps.missed(checkIns, EXPOSED.plusDays(4), EXPOSED, 3)).isZero();
	}

	@Test
	void missedFollowUpsExtendTheCaseAndSettlingTwiceChangesNothing() {
		Map<LocalDate, Integer> checkIns = new HashMap<>();
		for (int d = 0; d < 30; d++) {
			checkIns.put(EXPOSED.plusDays(d), 3);
		}
		checkIns.remove(EXPOSED.plusDays(2));
		checkIns.put(EXPOSED.plusDays(5), 1);
		LocalDate today = EXPOSED.plusDays(8);
		FollowUps.Result r = FollowUps.settle(plan(), checkIns, EXPOSED, today);
		assertThat(r.missed()).isEqualTo(2);
		assertThat(r.daysAdded()).isEqualTo(2);
		assertThat(r.plan().releaseDate()).isEqualTo(LocalDate.of(2026, 12, 2));
		assertThat(FollowUps.settle(plan(), checkIns, EXPOSED, today)).isEqualTo(r);
		// days before the case was opened cannot be missed
		assertThat(FollowUps.settle(plan(), checkIns, EXPOSED.plusDays(3), today).missed()).isEqualTo(1);
	}

	@Test
	void missingEveryCheckInKeepsExtendingUntilTodayIsReached() {
		LocalDate today = EXPOSED.plusDays(15);
		FollowUps.Result r = FollowUps.settle(plan(), Map.of(), EXPOSED, today);
		// every day from the start to yesterday is missed, and the release moves past today
		assertThat(r.missed()).isEqualTo(15);
		assertThat(r.plan().releaseDate()).isEqualTo(EXPOSED.plusDays(25));
	}

	@Test
	void bulkLinesCarryANumberAndAnOptionalDate() {
		List<String[]> lines = CaseOpening.parse("2024001 2026-11-20\n\n  2024002\r\nid123x,2026/11/3\n");
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).containsExactly("1", "2024001", "2026-11-20");
		assertThat(lines.get(1)).containsExactly("3", "2024002", null);
		assertThat(lines.get(2)).containsExactly("4", "ID123X", "2026/11/3");
		assertThat(CaseOpening.date("2026/11/3")).contains(LocalDate.of(2026, 11, 3));
		assertThat(CaseOpening.date("20261103")).contains(LocalDate.of(2026, 11, 3));
		assertThat(CaseOpening.date(null)).isEmpty();
		assertThatThrownBy(() -> CaseOpening.date("11/3")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void everyCategoryHasAStandardPolicyAndCloseContactsAreSevenPlusThree() {
		for (ControlCategory c : ControlCategory.values()) {
			assertThat(ControlPolicy.standard(c).category()).isEqualTo(c);
		}
		ControlPolicy cc = ControlPolicy.standard(ControlCategory.CLOSE_CONTACT);
		assertThat(cc.startFrom()).isEqualTo(StartReference.LAST_EXPOSURE);
		assertThat(cc.phases()).containsExactly(new Phase(Measure.CENTRALIZED_ISOLATION, 7), new Phase(Measure.HOME_HEALTH_MONITORING, 3));
		assertThat(cc.testDays()).containsExactlyInAnyOrder(1, 4, 7);
		assertThat(cc.needsRoom()).isTrue();
		assertThat(ControlPolicy.standard(ControlCategory.SECONDARY_CONTACT).needsRoom()).isFalse();
	}
}
