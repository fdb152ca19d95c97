package org.bulwark.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.bulwark.control.CasePlan.Facts;
import org.bulwark.control.CasePlan.Stage;
import org.bulwark.control.ControlPolicy.Phase;
import org.bulwark.control.ControlPolicy.StartReference;
import org.junit.jupiter.api.Test;

class CasePlanUnitTest {

	static final ControlPolicy CLOSE_CONTACT_V1 = new ControlPolicy(ControlCategory.CLOSE_CONTACT, 1,
			StartReference.LAST_EXPOSURE, List.of(new Phase(Measure.CENTRALIZED_ISOLATION, 7),
					new Phase(Measure.HOME_HEALTH_MONITORING, 3)), Set.of(1, 4, 7, 10), 1);

	static final LocalDate EXPOSED = LocalDate.of(2026, 11, 20);

	private static CasePlan closeContact() {
		return CasePlan.of(CLOSE_CONTACT_V1, new Facts(EXPOSED, null, LocalDate.of(2026, 11, 21))).orElseThrow();
	}

	@Test
	void sevenDaysCentralizedThenThreeAtHomeCountFromTheLastExposure() {
		CasePlan plan = closeContact();
		assertThat(plan.phases()).containsExactly(
				new CasePlan.Dated(Measure.CENTRALIZED_ISOLATION, EXPOSED, LocalDate.of(2026, 11, 27)),
				new CasePlan.Dated(Measure.HOME_HEALTH_MONITORING, LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 30)));
		assertThat(plan.releaseDate()).isEqualTo(LocalDate.of(2026, 11, 30));
		assertThat(plan.testDates()).containsExactly(LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 24),
				LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 30));
	}

	@Test
	void movesThroughItsPhasesByTheDateAndIsDueForReleaseOnTheReleaseDate() {
		CasePlan plan = closeContact();
		assertThat(plan.on(EXPOSED.minusDays(1)).stage()).isEqualTo(Stage.NOT_STARTED);
		assertThat(plan.on(EXPOSED).measure()).isEqualTo(Measure.CENTRALIZED_ISOLATION);
		assertThat(plan.on(LocalDate.of(2026, 11, 26)).measure()).isEqualTo(Measure.CENTRALIZED_ISOLATION);
		assertThat(plan.on(LocalDate.of(2026, 11, 27)).measure()).isEqualTo(Measure.HOME_HEALTH_MONITORING);
		assertThat(plan.on(LocalDate.of(2026, 11, 29)).stage()).isEqualTo(Stage.IN_PHASE);
		assertThat(plan.on(LocalDate.of(2026, 11, 30)).stage()).isEqualTo(Stage.DUE_FOR_RELEASE);
	}

	@Test
	void aCaseWithoutTheDateItsPolicyCountsFromHasNoPlan() {
		assertThat(CasePlan.of(CLOSE_CONTACT_V1, new Facts(null, LocalDate.of(2026, 11, 1), null))).isEmpty();
	}

	@Test
	void extendingShorteningAndMissedFollowUpsMoveOnlyTheEndOfTheLastPhase() {
		CasePlan plan = closeContact();
		assertThat(plan.extend(2).releaseDate()).isEqualTo(LocalDate.of(2026, 12, 2));
		assertThat(plan.extend(2).phases().get(0)).isEqualTo(plan.phases().get(0));
		assertThat(plan.shorten(2).orElseThrow().releaseDate()).isEqualTo(LocalDate.of(2026, 11, 28));
		assertThat(plan.shorten(3)).as("the last phase would have no day left").isEmpty();
		assertThat(plan.missedFollowUps(2).releaseDate()).isEqualTo(LocalDate.of(2026, 12, 2));
		assertThat(plan.missedFollowUps(1).extend(1).daysAdded()).isEqualTo(2);
		assertThat(plan.releaseDate()).as("changes make a new plan").isEqualTo(LocalDate.of(2026, 11, 30));
		assertThatThrownBy(() -> plan.extend(0)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aPolicyWithoutExtensionIgnoresMissedFollowUps() {
		ControlPolicy lenient = new ControlPolicy(ControlCategory.RISK_AREA_RETURNEE, 1, StartReference.ARRIVAL,
				List.of(new Phase(Measure.SELF_HEALTH_MONITORING, 7)), Set.of(), 0);
		CasePlan plan = CasePlan.of(lenient, new Facts(null, EXPOSED, null)).orElseThrow();
		assertThat(plan.missedFollowUps(3)).isSameAs(plan);
	}

	@Test
	void reapplyingANewVersionPreviewsEveryChangedDateAndKeepsTheDaysAdded() {
		ControlPolicy v2 = new ControlPolicy(ControlCategory.CLOSE_CONTACT, 2, StartReference.LAST_EXPOSURE,
				List.of(new Phase(Measure.CENTRALIZED_ISOLATION, 5), new Phase(Measure.HOME_HEALTH_MONITORING, 3)),
				Set.of(1, 3, 5), 1);
		CasePlan extended = closeContact().extend(1);
		CasePlan.Change change = extended.changeUnder(v2);
		assertThat(change.changes()).isTrue();
		assertThat(change.releaseBefore()).isEqualTo(LocalDate.of(2026, 12, 1));
		assertThat(change.releaseAfter()).isEqualTo(LocalDate.of(2026, 11, 29));
		assertThat(extended.under(v2).policy().version()).isEqualTo(2);
		assertThat(closeContact().changeUnder(CLOSE_CONTACT_V1).changes()).isFalse();
		ControlPolicy sameEnd = new ControlPolicy(ControlCategory.CLOSE_CONTACT, 3, StartReference.LAST_EXPOSURE,
				List.of(new Phase(Measure.CENTRALIZED_ISOLATION, 5), new Phase(Measure.HOME_HEALTH_MONITORING, 5)),
				Set.of(), 1);
		assertThat(closeContact().changeUnder(sameEnd).changes()).as("same release, other phases").isTrue();
	}

	@Test
	void aPolicyNeedsPhasesOfAtLeastADay() {
		assertThatThrownBy(() -> new Phase(Measure.HOME_ISOLATION, 0)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new ControlPolicy(ControlCategory.OTHER, 1, StartReference.REPORT_DATE, List.of(),
				Set.of(), 0)).isInstanceOf(IllegalArgumentException.class);
	}
}
