package org.bulwark.control;

/** What a person under control does during a phase. */
public enum Measure {
	CENTRALIZED_ISOLATION, HOME_ISOLATION, HOME_HEALTH_MONITORING, SELF_HEALTH_MONITORING, DAILY_TESTING;

	/** Whether the person stays in an isolation room (and so needs one allocated). */
	public boolean needsRoom() {
		return this == CENTRALIZED_ISOLATION;
	}
}
