package org.bulwark.control;

/**
 * Why a person's pass has its colour, each a fact read from control or health, with the colour it gives
 * unless the school changed it ({@code pass_setting}). A reason set to green is still shown, as a note.
 */
public enum PassReason {
	/** Today's phase of an open case is centralized isolation (集中隔离). */
	CENTRALIZED_ISOLATION(PassColour.RED),
	/** Today's phase of an open case is home isolation (居家隔离). */
	HOME_ISOLATION(PassColour.RED),
	/** An isolation room is allocated to the person or they stay in one (open stay). */
	IN_ISOLATION_ROOM(PassColour.RED),
	/** An open triage task with a fever, or a fever check-in the clinic has not taken up yet. */
	FEVER_AWAITING_TRIAGE(PassColour.RED),
	/** Today's phase is home health monitoring (居家健康监测). */
	HOME_HEALTH_MONITORING(PassColour.YELLOW),
	/** Today's phase is self health monitoring (自我健康监测). */
	SELF_HEALTH_MONITORING(PassColour.YELLOW),
	/** Today's phase is daily testing (每日核酸). */
	DAILY_TESTING(PassColour.YELLOW),
	/** An open case without a phase today: it starts later, or it is past its release date and not yet released. */
	UNDER_CONTROL(PassColour.YELLOW),
	/** An abnormal check-in without fever waiting for triage (open task, or not yet taken up). */
	ABNORMAL_AWAITING_TRIAGE(PassColour.YELLOW),
	/** A sick absence (因病缺勤) whose return certificate (复课证明) the clinic has not checked. */
	SICK_ABSENCE(PassColour.YELLOW),
	/** A check of today is past its deadline and grace without a check-in. */
	NOT_REPORTED(PassColour.YELLOW),
	/** On leave today: no check-in is expected (a note by default). */
	AWAY(PassColour.GREEN);

	private final PassColour standard;

	PassReason(PassColour standard) {
		this.standard = standard;
	}

	/** The colour this reason gives when the school has not changed it. */
	public PassColour standard() {
		return standard;
	}

	/** The reason that the phase measure of an open case gives. */
	static PassReason of(Measure measure) {
		return switch (measure) {
			case CENTRALIZED_ISOLATION -> CENTRALIZED_ISOLATION;
			case HOME_ISOLATION -> HOME_ISOLATION;
			case HOME_HEALTH_MONITORING -> HOME_HEALTH_MONITORING;
			case SELF_HEALTH_MONITORING -> SELF_HEALTH_MONITORING;
			case DAILY_TESTING -> DAILY_TESTING;
		};
	}
}
