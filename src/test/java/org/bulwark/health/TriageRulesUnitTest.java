package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.bulwark.directory.FieldProblem;
import org.bulwark.health.TriageRules.Signal;
import org.bulwark.health.TriageRules.Status;
import org.bulwark.health.TriageRules.Summary;
import org.junit.jupiter.api.Test;

class TriageRulesUnitTest {

	private static final Instant MORNING = Instant.parse("2026-03-02T23:30:00Z");
	private static final Instant NOON = Instant.parse("2026-03-03T04:00:00Z");

	private static Signal signal(String temperature, List<String> symptoms, List<String> rules, Instant at) {
		return new Signal(temperature == null ? null : new BigDecimal(temperature), symptoms, rules, at);
	}

	@Test
	void aSecondAbnormalCheckInAddsToTheTaskKeepingTheHighestTemperatureAndEverySymptom() {
		Summary first = Summary.of(signal("38.5", List.of("cough"), List.of("FEVER"), MORNING));
		Summary merged = first.add(signal("37.9", List.of("sore_throat", "cough"),
				List.of("FEVER", "SYMPTOMS:respiratory>=1"), NOON));
		assertThat(merged.signals()).isEqualTo(2);
		assertThat(merged.maxTemperature()).isEqualByComparingTo("38.5");
		assertThat(merged.symptoms()).containsExactly("cough", "sore_throat");
		assertThat(merged.rules()).containsExactly("FEVER", "SYMPTOMS:respiratory>=1");
		assertThat(merged.lastSignalAt()).isEqualTo(NOON);
	}

	@Test
	void aHigherTemperatureLaterRaisesTheMaximum() {
		Summary merged = Summary.of(signal("37.4", List.of(), List.of("FEVER"), MORNING))
			.add(signal("39.1", List.of(), List.of("FEVER"), NOON));
		assertThat(merged.maxTemperature()).isEqualByComparingTo("39.1");
	}

	@Test
	void aSignalMeasuredEarlierDoesNotMoveTheLastSignalBack() {
		Summary merged = Summary.of(signal("38.0", List.of(), List.of("FEVER"), NOON))
			.add(signal("38.2", List.of(), List.of("FEVER"), MORNING));
		assertThat(merged.lastSignalAt()).isEqualTo(NOON);
	}

	@Test
	void symptomsWithoutFeverKeepNoTemperatureUntilOneIsMeasured() {
		Summary first = Summary.of(signal(null, List.of("diarrhoea", "vomiting"), List.of("SYMPTOMS:gastrointestinal>=2"),
				MORNING));
		assertThat(first.maxTemperature()).isNull();
		assertThat(first.add(signal("37.5", List.of(), List.of("FEVER"), NOON)).maxTemperature())
			.isEqualByComparingTo("37.5");
	}

	@Test
	void onlyAnOpenTaskCanBeTakenAndOnlyADoneOneIsClosed() {
		assertThat(TriageRules.mayStart(Status.OPEN)).isTrue();
		assertThat(TriageRules.mayStart(Status.IN_PROGRESS)).isFalse();
		assertThat(TriageRules.mayStart(Status.DONE)).isFalse();
		assertThat(TriageRules.open(Status.OPEN)).isTrue();
		assertThat(TriageRules.open(Status.IN_PROGRESS)).isTrue();
		assertThat(TriageRules.open(Status.DONE)).isFalse();
	}

	@Test
	void aConclusionNeedsAnOutcomeAndAShortNote() {
		assertThat(TriageRules.conclusion(null, null, false)).extracting(FieldProblem::field).containsExactly("outcome");
		assertThat(TriageRules.conclusion(TriageOutcome.WELL, "x".repeat(1001), false)).extracting(FieldProblem::code)
			.containsExactly("triage.note.tooLong");
		assertThat(TriageRules.conclusion(TriageOutcome.ISOLATION, "to the isolation hotel", false)).isEmpty();
	}

	@Test
	void aSickAbsenceGoesOnlyWithHomeObservationOrHospital() {
		assertThat(TriageRules.conclusion(TriageOutcome.HOME_OBSERVATION, null, true)).isEmpty();
		assertThat(TriageRules.conclusion(TriageOutcome.HOSPITAL_REFERRAL, null, true)).isEmpty();
		assertThat(TriageRules.conclusion(TriageOutcome.WELL, null, true)).extracting(FieldProblem::field)
			.containsExactly("registerAbsence");
		assertThat(TriageRules.conclusion(TriageOutcome.ISOLATION, null, true)).extracting(FieldProblem::field)
			.containsExactly("registerAbsence");
	}
}
