package org.bulwark.system;

/**
 * What a role may do. Roles are sets of permissions that a school edits in the UI; code checks
 * permissions, never role names.
 */
public enum Permission {
	PEOPLE_READ, PEOPLE_WRITE, PEOPLE_REVEAL, PEOPLE_EXPORT, PEOPLE_MERGE, COVERAGE_READ,
	PLACES_READ, PLACES_WRITE,
	ORG_UNITS_READ, ORG_UNITS_WRITE,
	RESIDENCES_WRITE, RESPONSIBILITY_WRITE,
	AUDIT_READ,
	SCREENING_READ, SCREENING_MANAGE,
	/** Phoning the people of a pushed list one answers for, recording the outcome and classifying them. */
	SCREENING_VERIFY,
	USERS_MANAGE, ROLES_MANAGE, TOKENS_MANAGE,
	HEALTH_POLICY_MANAGE, CHECK_IN_RECORD,
	/** Daily health status: non-reporting lists, unit status, the dashboard (within the data scope). */
	HEALTH_READ,
	REMINDERS_SEND, UNIT_REPORT_SUBMIT, ABSENCE_RECORD, TRIAGE_MANAGE, CANTEEN_CHECK, CHECK_IN_LINKS_MANAGE,
	/** Isolation sites: the occupancy board, zones, rooms and who stays where (within the data scope). */
	ISOLATION_READ,
	/** Set up zones and rooms, take rooms out of service, allocate people to rooms (one or a whole list). */
	ISOLATION_MANAGE,
	/** Site staff: check people in and out, record terminal disinfection. */
	ISOLATION_SERVICE,
	/** Deciding travel reports and return filings of the people one answers for or whose unit is in one's scope. */
	TRAVEL_APPROVE,
	/** Control cases: the case list, a case with its plan and timeline, the control dashboard (within the data scope). */
	CONTROL_READ,
	/** Open control cases (by hand or from a list) and act on them: extend, shorten, change, transfer, release, cancel. */
	CONTROL_MANAGE,
	/** Edit control policies (a new version each time) and re-apply a version to open cases. */
	CONTROL_POLICY_MANAGE,
	/** Campus pass status (green / yellow / red with the reasons) of the people in one's scope: the list, lookups for gates. */
	PASS_READ,
	SELF_SERVICE;

	/** The Spring Security authority name of this permission. */
	public String authority() {
		return "PERM_" + name();
	}
}
