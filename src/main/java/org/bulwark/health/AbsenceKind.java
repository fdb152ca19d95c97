package org.bulwark.health;

/** Why a person is away from school. */
public enum AbsenceKind {
	/** 因病缺勤: followed up the same day; back to class only after the clinic checks a certificate. */
	SICK,
	/** Approved personal leave (事假): the person reports "away" and gets no reminders. */
	PERSONAL,
	OTHER
}
