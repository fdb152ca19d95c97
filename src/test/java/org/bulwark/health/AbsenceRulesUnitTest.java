package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.bulwark.directory.FieldProblem;
import org.bulwark.health.AbsenceRules.Stage;
import org.bulwark.health.AbsenceRules.Status;
import org.junit.jupiter.api.Test;

class AbsenceRulesUnitTest {

	private static final Instant REGISTERED = Instant.parse("2026-03-02T00:30:00Z");
	private static final Instant DUE = REGISTERED.plus(Absences.FOLLOW_UP_WITHIN);
	private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

	@Test
	void aSickAbsenceIsDueForFollowUpUntilItsDueTimeThenOverdue() {
		assertThat(AbsenceRules.stage(AbsenceKind.SICK, Status.OPEN, DUE, null, DUE.minusSeconds(1)))
			.isEqualTo(Stage.FOLLOW_UP_DUE);
		assertThat(AbsenceRules.stage(AbsenceKind.SICK, Status.OPEN, DUE, null, DUE)).isEqualTo(Stage.FOLLOW_UP_DUE);
		assertThat(AbsenceRules.stage(AbsenceKind.SICK, Status.OPEN, DUE, null, DUE.plusSeconds(1)))
			.isEqualTo(Stage.FOLLOW_UP_OVERDUE);
		assertThat(AbsenceRules.overdue(AbsenceKind.SICK, Status.OPEN, DUE, null, DUE.plus(Duration.ofDays(2)))).isTrue();
	}

	@Test
	void followedUpReturnedCancelledAndOtherKindsAreNeverOverdue() {
		Instant late = DUE.plus(Duration.ofDays(1));
		assertThat(AbsenceRules.overdue(AbsenceKind.SICK, Status.OPEN, DUE, DUE.minusSeconds(60), late)).isFalse();
		assertThat(AbsenceRules.overdue(AbsenceKind.SICK, Status.RETURNED, DUE, null, late)).isFalse();
		assertThat(AbsenceRules.overdue(AbsenceKind.SICK, Status.CANCELLED, DUE, null, late)).isFalse();
		assertThat(AbsenceRules.overdue(AbsenceKind.PERSONAL, Status.OPEN, null, null, late)).isFalse();
		assertThat(AbsenceRules.stage(AbsenceKind.SICK, Status.OPEN, DUE, DUE.minusSeconds(60), late))
			.isEqualTo(Stage.AWAITING_CERTIFICATE);
		assertThat(AbsenceRules.stage(AbsenceKind.PERSONAL, Status.OPEN, null, null, late)).isEqualTo(Stage.AWAY);
		assertThat(AbsenceRules.stage(AbsenceKind.SICK, Status.RETURNED, DUE, null, late)).isEqualTo(Stage.RETURNED);
	}

	@Test
	void anInfectiousCauseNamesTheDisease() {
		assertThat(AbsenceRules.followUp(AbsenceKind.SICK, Status.OPEN, AbsenceCause.INFECTIOUS_SUSPECTED, " ", null))
			.extracting(FieldProblem::field).containsExactly("disease");
		assertThat(AbsenceRules.followUp(AbsenceKind.SICK, Status.OPEN, AbsenceCause.INFECTIOUS_CONFIRMED, "流感", null))
			.isEmpty();
		assertThat(AbsenceRules.followUp(AbsenceKind.SICK, Status.OPEN, AbsenceCause.INJURY, null, "扭伤")).isEmpty();
		assertThat(AbsenceRules.followUp(AbsenceKind.SICK, Status.OPEN, null, null, null)).extracting(FieldProblem::field)
			.containsExactly("cause");
	}

	@Test
	void onlyAnOpenSickAbsenceIsFollowedUp() {
		assertThat(AbsenceRules.followUp(AbsenceKind.PERSONAL, Status.OPEN, AbsenceCause.UNKNOWN, null, null))
			.extracting(FieldProblem::code).containsExactly("absence.followUp.onlySick");
		assertThat(AbsenceRules.followUp(AbsenceKind.SICK, Status.RETURNED, AbsenceCause.UNKNOWN, null, null))
			.extracting(FieldProblem::code).containsExactly("absence.notOpen");
	}

	@Test
	void aSickPersonReturnsOnlyWithTheCertificateCheckedByTheClinic() {
		assertThat(AbsenceRules.returnToClass(AbsenceKind.SICK, Status.OPEN, MONDAY, MONDAY.plusDays(2), false, true,
				null, MONDAY.plusDays(2))).extracting(FieldProblem::code).containsExactly("absence.certificate.required");
		assertThat(AbsenceRules.returnToClass(AbsenceKind.SICK, Status.OPEN, MONDAY, MONDAY.plusDays(2), true, false,
				null, MONDAY.plusDays(2))).extracting(FieldProblem::code).containsExactly("absence.certificate.clinicOnly");
		assertThat(AbsenceRules.returnToClass(AbsenceKind.SICK, Status.OPEN, MONDAY, MONDAY.plusDays(2), true, true,
				null, MONDAY.plusDays(2))).isEmpty();
		assertThat(AbsenceRules.returnToClass(AbsenceKind.PERSONAL, Status.OPEN, MONDAY, MONDAY.plusDays(1), false,
				false, null, MONDAY.plusDays(1))).isEmpty();
	}

	@Test
	void theReturnDayLiesBetweenTheFirstDayAndTwoWeeksAhead() {
		assertThat(AbsenceRules.returnToClass(AbsenceKind.SICK, Status.OPEN, MONDAY, MONDAY.minusDays(1), true, true,
				null, MONDAY)).extracting(FieldProblem::code).containsExactly("absence.returnedOn.beforeStart");
		assertThat(AbsenceRules.returnToClass(AbsenceKind.SICK, Status.OPEN, MONDAY, MONDAY.plusDays(15), true, true,
				null, MONDAY)).extracting(FieldProblem::code).containsExactly("absence.returnedOn.tooFar");
		assertThat(AbsenceRules.returnToClass(AbsenceKind.SICK, Status.OPEN, MONDAY, null, true, true, null, MONDAY))
			.extracting(FieldProblem::code).containsExactly("absence.returnedOn.required");
		assertThat(AbsenceRules.returnToClass(AbsenceKind.SICK, Status.RETURNED, MONDAY, MONDAY, true, true, null,
				MONDAY)).extracting(FieldProblem::code).containsExactly("absence.notOpen");
	}

	@Test
	void cancellingNeedsAReasonAndAnOpenAbsence() {
		assertThat(AbsenceRules.cancel(Status.OPEN, " ")).extracting(FieldProblem::field).containsExactly("reason");
		assertThat(AbsenceRules.cancel(Status.OPEN, "登记错人")).isEmpty();
		assertThat(AbsenceRules.cancel(Status.CANCELLED, "again")).extracting(FieldProblem::code)
			.containsExactly("absence.notOpen");
	}
}
