package org.bulwark.health;

/** What the clinic decided at triage (预检分诊结果). */
public enum TriageOutcome {
	/** Nothing to follow: back to class or work. */
	WELL,
	/** 居家观察: stays at home or in the dormitory; a sick absence may be registered with it. */
	HOME_OBSERVATION,
	/** 转诊: sent to a hospital (a fever clinic); a sick absence may be registered with it. */
	HOSPITAL_REFERRAL,
	/** 转隔离: handed to the control module, which opens an isolation case. */
	ISOLATION
}
