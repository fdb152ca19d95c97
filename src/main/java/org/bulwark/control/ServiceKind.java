package org.bulwark.control;

import java.time.LocalTime;
import java.util.List;

/**
 * The services an isolated person gets every day, each with the built-in default a zone uses until its
 * manager sets its own: meals three times a day, supplies and bedding, garbage, disinfection three
 * times a day ("三定": fixed point, person and time) and medical observation (temperature twice a day).
 */
public enum ServiceKind {
	MEAL(List.of(LocalTime.of(7, 30), LocalTime.of(11, 30), LocalTime.of(17, 30)), 45),
	SUPPLIES(List.of(LocalTime.of(10, 0)), 120),
	GARBAGE(List.of(LocalTime.of(9, 0), LocalTime.of(19, 0)), 60),
	DISINFECTION(List.of(LocalTime.of(8, 30), LocalTime.of(14, 30), LocalTime.of(20, 30)), 60),
	MEDICAL(List.of(LocalTime.of(8, 0), LocalTime.of(16, 0)), 60);

	private final List<LocalTime> defaultTimes;
	private final int defaultGraceMinutes;

	ServiceKind(List<LocalTime> defaultTimes, int defaultGraceMinutes) {
		this.defaultTimes = defaultTimes;
		this.defaultGraceMinutes = defaultGraceMinutes;
	}

	ServicePlan.Setting defaults() {
		return new ServicePlan.Setting(this, true, defaultTimes, defaultGraceMinutes);
	}

	/** Medical observation records temperatures, one per occupant, so it is marked done room by room. */
	public boolean recordsTemperature() {
		return this == MEDICAL;
	}
}
