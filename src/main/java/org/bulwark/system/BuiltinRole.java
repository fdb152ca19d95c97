package org.bulwark.system;

import static org.bulwark.system.Permission.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * The roles every school starts with and their default permissions. A school may change the
 * permissions of any role in the UI; these are only the starting point.
 */
public enum BuiltinRole {
	SYSTEM_ADMIN(EnumSet.complementOf(EnumSet.of(SELF_SERVICE))),
	PREVENTION_OFFICE(EnumSet.of(PEOPLE_READ, PEOPLE_WRITE, PEOPLE_REVEAL, PEOPLE_EXPORT, PEOPLE_MERGE, COVERAGE_READ,
			PLACES_READ, PLACES_WRITE, ORG_UNITS_READ, ORG_UNITS_WRITE, AUDIT_READ, RESIDENCES_WRITE, RESPONSIBILITY_WRITE,
			SCREENING_READ, SCREENING_MANAGE, HEALTH_POLICY_MANAGE, CHECK_IN_RECORD)),
	UNIT_ADMIN(EnumSet.of(PEOPLE_READ, PEOPLE_WRITE, PEOPLE_EXPORT, COVERAGE_READ, PLACES_READ, ORG_UNITS_READ,
			RESPONSIBILITY_WRITE, SCREENING_READ, CHECK_IN_RECORD)),
	COUNSELOR(EnumSet.of(PEOPLE_READ, PEOPLE_REVEAL, PLACES_READ, ORG_UNITS_READ, SCREENING_READ, CHECK_IN_RECORD)),
	CLINIC_DOCTOR(EnumSet.of(PEOPLE_READ, PEOPLE_REVEAL, PLACES_READ, SCREENING_READ, CHECK_IN_RECORD)),
	LOGISTICS(EnumSet.of(PEOPLE_READ, PLACES_READ, PLACES_WRITE, RESIDENCES_WRITE)),
	SECURITY_GUARD(EnumSet.of(PEOPLE_READ, PLACES_READ)),
	LEADER(EnumSet.of(PEOPLE_READ, PLACES_READ, ORG_UNITS_READ, SCREENING_READ)),
	PERSON(EnumSet.of(SELF_SERVICE));

	private final Set<Permission> defaults;

	BuiltinRole(Set<Permission> defaults) {
		this.defaults = defaults;
	}

	public Set<Permission> defaultPermissions() {
		return defaults;
	}
}
