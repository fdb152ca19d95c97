package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.bulwark.directory.FieldProblem;
import org.bulwark.health.DiseaseProfile.AlertRule;
import org.bulwark.health.DiseaseProfile.Symptom;
import org.bulwark.health.RollCallRules.Input;
import org.bulwark.health.RollCallRules.Status;
import org.junit.jupiter.api.Test;

class RollCallRulesUnitTest {

	static final DiseaseProfile PROFILE = new DiseaseProfile(1, "P", "p", "p", new BigDecimal("37.3"),
			List.of(new Symptom("cough", "咳嗽", "Cough", Set.of("respiratory"))),
			List.of(new AlertRule(AlertRule.Kind.FEVER, null, 1)));

	private static Input mark(long person, String status, String temperature, List<String> symptoms, String kind) {
		return new Input(person, status, temperature == null ? null : new BigDecimal(temperature), symptoms, kind, null);
	}

	private static List<String> fields(RollCallRules.Result r) {
		return ((RollCallRules.Rejected) r).problems().stream().map(FieldProblem::field).toList();
	}

	@Test
	void allPresentMarksEveryoneNotListedAsWellInTheGroupsOrder() {
		RollCallRules.Result r = RollCallRules.resolve(PROFILE, List.of(3L, 1L, 2L), Set.of(), true,
				List.of(mark(1, "abnormal", "38.0", List.of(), null), mark(2, "ABSENT", null, List.of(), "sick")));
		List<RollCallRules.Mark> marks = ((RollCallRules.Resolved) r).marks();
		assertThat(marks).extracting(RollCallRules.Mark::personId).containsExactly(3L, 1L, 2L);
		assertThat(marks).extracting(RollCallRules.Mark::status).containsExactly(Status.PRESENT, Status.ABNORMAL,
				Status.ABSENT);
		assertThat(marks.get(2).absenceKind()).isEqualTo(AbsenceKind.SICK);
		assertThat(RollCallRules.counts(marks)).containsExactly(1, 1, 1);
	}

	@Test
	void withoutAllPresentEveryExpectedMemberNeedsAMark() {
		RollCallRules.Result r = RollCallRules.resolve(PROFILE, List.of(1L, 2L), Set.of(), false,
				List.of(mark(1, "PRESENT", null, List.of(), null)));
		assertThat(((RollCallRules.Rejected) r).problems()).extracting(FieldProblem::code).containsExactly("rollCall.unmarked");
	}

	@Test
	void anAbnormalMarkNeedsAFeverOrASymptom() {
		assertThat(fields(RollCallRules.resolve(PROFILE, List.of(1L), Set.of(), true,
				List.of(mark(1, "ABNORMAL", "36.8", List.of(), null))))).containsExactly("marks[0].temperature");
		assertThat(RollCallRules.resolve(PROFILE, List.of(1L), Set.of(), true,
				List.of(mark(1, "ABNORMAL", "37.3", List.of(), null)))).isInstanceOf(RollCallRules.Resolved.class);
		assertThat(RollCallRules.resolve(PROFILE, List.of(1L), Set.of(), true,
				List.of(mark(1, "ABNORMAL", null, List.of("cough"), null)))).isInstanceOf(RollCallRules.Resolved.class);
	}

	@Test
	void aFeverOrSymptomCannotBeMarkedPresentAndWell() {
		assertThat(fields(RollCallRules.resolve(PROFILE, List.of(1L), Set.of(), true,
				List.of(mark(1, "PRESENT", "38.1", List.of(), null))))).containsExactly("marks[0].status");
	}

	@Test
	void anAbsentMarkNeedsItsKindAndDropsMeasurements() {
		assertThat(fields(RollCallRules.resolve(PROFILE, List.of(1L), Set.of(), true,
				List.of(mark(1, "ABSENT", null, List.of(), "holiday"))))).containsExactly("marks[0].absenceKind");
		RollCallRules.Mark m = ((RollCallRules.Resolved) RollCallRules.resolve(PROFILE, List.of(1L), Set.of(), true,
				List.of(mark(1, "ABSENT", "38.0", List.of("cough"), "PERSONAL")))).marks().get(0);
		assertThat(m.temperature()).isNull();
		assertThat(m.symptoms()).isEmpty();
	}

	@Test
	void problemsNameTheRowAndFieldOfEveryBadMark() {
		RollCallRules.Result r = RollCallRules.resolve(PROFILE, List.of(1L, 2L, 3L), Set.of(4L), true, List.of(
				mark(1, "ABNORMAL", "45.0", List.of(), null),
				mark(4, "PRESENT", null, List.of(), null),
				mark(9, "PRESENT", null, List.of(), null),
				mark(1, "PRESENT", null, List.of(), null),
				mark(2, "LATE", null, List.of(), null),
				mark(3, "ABNORMAL", null, List.of("sneezing"), null)));
		assertThat(((RollCallRules.Rejected) r).problems()).extracting(p -> p.field() + ":" + p.code()).containsExactly(
				"marks[0].temperature:health.temperature.range",
				"marks[1].personId:rollCall.person.away",
				"marks[2].personId:rollCall.person.notMember",
				"marks[4].status:rollCall.status.invalid",
				"marks[5].symptoms:health.symptoms.unknown");
	}

	@Test
	void aPersonMarkedTwiceIsRefusedOnTheSecondRow() {
		assertThat(fields(RollCallRules.resolve(PROFILE, List.of(1L), Set.of(), true,
				List.of(mark(1, "PRESENT", null, List.of(), null), mark(1, "ABSENT", null, List.of(), "SICK")))))
			.containsExactly("marks[1].personId");
	}

	@Test
	void temperaturesKeepOneDecimal() {
		assertThat(fields(RollCallRules.resolve(PROFILE, List.of(1L), Set.of(), true,
				List.of(mark(1, "ABNORMAL", "38.25", List.of(), null))))).containsExactly("marks[0].temperature");
		RollCallRules.Mark m = ((RollCallRules.Resolved) RollCallRules.resolve(PROFILE, List.of(1L), Set.of(), true,
				List.of(mark(1, "ABNORMAL", "38", List.of(), null)))).marks().get(0);
		assertThat(m.temperature()).isEqualByComparingTo("38.0");
		assertThat(m.temperature().scale()).isEqualTo(1);
	}
}
