package org.bulwark.screening;

/** What the phone call to a person of a pushed list found. */
enum CallOutcome {
	LIVES_ON_CAMPUS, BELONGS_TO_SCHOOL, NOT_REACHED, NOT_OURS;

	/** Only a person reached and found to be ours can be classified for control. */
	boolean verified() {
		return this == LIVES_ON_CAMPUS || this == BELONGS_TO_SCHOOL;
	}
}
