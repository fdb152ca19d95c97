package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.bulwark.directory.FieldProblem;
import org.bulwark.health.FitForDuty.Symptom;
import org.junit.jupiter.api.Test;

class FitForDutyUnitTest {

	static final BigDecimal THRESHOLD = new BigDecimal("37.3");

	private static FitForDuty.Decision decide(String t, List<Symptom> symptoms, Boolean fit, String reason) {
		return FitForDuty.decide(THRESHOLD, new BigDecimal(t), symptoms, fit, reason, "items[0].");
	}

	@Test
	void aNormalTemperatureWithoutSymptomsIsFitByDefault() {
		FitForDuty.Decided d = (FitForDuty.Decided) decide("36.5", List.of(), null, null);
		assertThat(d.fit()).isTrue();
		assertThat(d.forcedBy()).isEmpty();
	}

	@Test
	void aFeverAtTheThresholdForcesNotFitWithoutAReason() {
		FitForDuty.Decided d = (FitForDuty.Decided) decide("37.3", List.of(), null, null);
		assertThat(d.fit()).isFalse();
		assertThat(d.forcedBy()).containsExactly("FEVER");
	}

	@Test
	void aDisqualifyingSymptomCannotBeDeclaredFit() {
		FitForDuty.Rejected r = (FitForDuty.Rejected) decide("36.5", List.of(Symptom.HAND_WOUND, Symptom.DIARRHOEA), true,
				null);
		assertThat(r.problems()).extracting(p -> p.field() + ":" + p.code()).containsExactly("items[0].fit:canteen.fit.forced");
		assertThat(FitForDuty.assess(THRESHOLD, new BigDecimal("38.0"), List.of(Symptom.HAND_WOUND, Symptom.DIARRHOEA))
			.forcedBy()).containsExactly("FEVER", "DIARRHOEA", "HAND_WOUND");
	}

	@Test
	void aSymptomThatDoesNotDisqualifyLeavesTheDecisionToTheManager() {
		assertThat(FitForDuty.assess(THRESHOLD, new BigDecimal("36.5"), List.of(Symptom.COUGH)).verdict())
			.isEqualTo(FitForDuty.Verdict.DECIDE);
		assertThat(((FitForDuty.Rejected) decide("36.5", List.of(Symptom.COUGH), null, null)).problems())
			.extracting(FieldProblem::code).containsExactly("canteen.fit.decide");
		assertThat(((FitForDuty.Decided) decide("36.5", List.of(Symptom.COUGH), true, null)).fit()).isTrue();
	}

	@Test
	void keepingAWellWorkerOffDutyNeedsAReason() {
		assertThat(((FitForDuty.Rejected) decide("36.5", List.of(), false, " ")).problems())
			.extracting(FieldProblem::field).containsExactly("items[0].reason");
		FitForDuty.Decided d = (FitForDuty.Decided) decide("36.5", List.of(Symptom.COUGH), false, " 咳嗽较重 ");
		assertThat(d.fit()).isFalse();
		assertThat(d.reason()).isEqualTo("咳嗽较重");
	}
}
