package org.bulwark.directory;

/**
 * The part someone plays for the people of an org unit, place, grid, household or person:
 * counselors and class teachers, grid leaders and members, and the "1+4" team of a household
 * (doctor, party cadre, property worker, liaison of the person's unit).
 */
public enum ResponsibilityRole {
	COUNSELOR, CLASS_TEACHER, GRID_LEADER, GRID_MEMBER, DOCTOR, PARTY_CADRE, PROPERTY_WORKER, UNIT_LIAISON;

	public enum Target { ORG_UNIT, PLACE, GRID, HOUSEHOLD, PERSON }
}
