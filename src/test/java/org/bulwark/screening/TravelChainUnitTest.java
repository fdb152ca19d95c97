package org.bulwark.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.bulwark.directory.Population;
import org.bulwark.screening.TravelChain.Approver;
import org.bulwark.screening.TravelChain.Decision;
import org.bulwark.screening.TravelChain.State;
import org.bulwark.screening.TravelChain.Status;
import org.bulwark.screening.TravelChain.StepKind;
import org.junit.jupiter.api.Test;

class TravelChainUnitTest {

	static final Approver COUNSELOR = new Approver(false, true, true, false);
	static final Approver COLLEGE = new Approver(false, false, true, false);
	static final Approver STRANGER = new Approver(false, false, false, false);

	@Test
	void studentsGoThroughCounselorThenCollegeAndStaffThroughTheirUnit() {
		assertThat(TravelChain.defaultFor(Population.UNDERGRADUATE).steps()).containsExactly(StepKind.RESPONSIBLE, StepKind.UNIT);
		assertThat(TravelChain.defaultFor(Population.INTERNATIONAL_STUDENT).steps()).containsExactly(StepKind.RESPONSIBLE,
				StepKind.UNIT);
		assertThat(TravelChain.defaultFor(Population.STAFF).steps()).containsExactly(StepKind.UNIT);
	}

	@Test
	void parsesWrittenChainsAndRefusesUnknownSteps() {
		assertThat(TravelChain.parse(" responsible , UNIT ").orElseThrow().steps()).containsExactly(StepKind.RESPONSIBLE,
				StepKind.UNIT);
		assertThat(TravelChain.parse("UNIT,DEAN")).isEmpty();
		assertThat(TravelChain.parse("")).isEmpty();
		assertThat(TravelChain.parse(",")).isEmpty();
		assertThat(TravelChain.parse("UNIT,UNIT,UNIT,UNIT,UNIT")).isEmpty();
		assertThat(TravelChain.parse("UNIT,UNIT").orElseThrow().written()).isEqualTo("UNIT,UNIT");
	}

	@Test
	void aResponsibleStepIsSkippedWhenNobodyAnswersForThePerson() {
		TravelChain chain = TravelChain.parse("RESPONSIBLE,UNIT").orElseThrow();
		assertThat(chain.resolve(true)).containsExactly(StepKind.RESPONSIBLE, StepKind.UNIT);
		assertThat(chain.resolve(false)).containsExactly(StepKind.UNIT);
		assertThat(TravelChain.parse("RESPONSIBLE").orElseThrow().resolve(false)).containsExactly(StepKind.UNIT);
	}

	@Test
	void approvalWalksTheStepsAndTheLastOneApproves() {
		State s = new State(List.of(StepKind.RESPONSIBLE, StepKind.UNIT), 0, Status.PENDING);
		State second = TravelChain.decide(s, Decision.APPROVED);
		assertThat(second).isEqualTo(new State(s.steps(), 1, Status.PENDING));
		assertThat(TravelChain.decide(second, Decision.APPROVED).status()).isEqualTo(Status.APPROVED);
		assertThat(TravelChain.decide(s, Decision.REJECTED).status()).isEqualTo(Status.REJECTED);
		assertThatThrownBy(() -> TravelChain.decide(new State(s.steps(), 1, Status.APPROVED), Decision.APPROVED))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void onlyTheOneTheStepNamesMayDecideIt() {
		State first = new State(List.of(StepKind.RESPONSIBLE, StepKind.UNIT), 0, Status.PENDING);
		State second = new State(first.steps(), 1, Status.PENDING);
		assertThat(TravelChain.refusal(first, COUNSELOR)).isEmpty();
		assertThat(TravelChain.refusal(first, COLLEGE)).contains("travel.notInChain");
		assertThat(TravelChain.refusal(second, COLLEGE)).isEmpty();
		assertThat(TravelChain.refusal(second, STRANGER)).contains("travel.notInChain");
	}

	@Test
	void nobodyDecidesTwoStepsTheirOwnReportOrADecidedOne() {
		State second = new State(List.of(StepKind.RESPONSIBLE, StepKind.UNIT), 1, Status.PENDING);
		assertThat(TravelChain.refusal(second, new Approver(false, true, true, true))).contains("travel.notInChain");
		assertThat(TravelChain.refusal(second, new Approver(true, true, true, false))).contains("travel.ownReport");
		assertThat(TravelChain.refusal(new State(second.steps(), 1, Status.APPROVED), COLLEGE))
			.contains("travel.alreadyDecided");
	}
}
