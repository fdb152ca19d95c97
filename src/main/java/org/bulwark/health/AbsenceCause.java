package org.bulwark.health;

/** The cause of a sick absence as its follow-up finds it (因病缺勤病因追踪). */
enum AbsenceCause {
	/** 疑似传染病: the disease is named. */
	INFECTIOUS_SUSPECTED,
	/** 确诊传染病: the disease is named. */
	INFECTIOUS_CONFIRMED,
	NON_INFECTIOUS, INJURY, UNKNOWN;

	boolean needsDisease() {
		return this == INFECTIOUS_SUSPECTED || this == INFECTIOUS_CONFIRMED;
	}
}
