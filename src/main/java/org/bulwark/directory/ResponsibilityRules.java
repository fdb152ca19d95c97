package org.bulwark.directory;

import java.util.EnumSet;
import java.util.Set;

import org.bulwark.directory.ResponsibilityRole.Target;

/**
 * Which role answers for which kind of target: counselors and class teachers for a class (an org
 * unit), grid leaders and members for a grid, and the "1+4" team (doctor, party cadre, property
 * worker, unit liaison) for a household, a grid or a single person.
 */
final class ResponsibilityRules {

	private ResponsibilityRules() {
	}

	static final Set<ResponsibilityRole> TEAM = EnumSet.of(ResponsibilityRole.DOCTOR, ResponsibilityRole.PARTY_CADRE,
			ResponsibilityRole.PROPERTY_WORKER, ResponsibilityRole.UNIT_LIAISON);

	static boolean fits(ResponsibilityRole role, Target target) {
		if (role == null || target == null) {
			return false;
		}
		return switch (role) {
			case COUNSELOR, CLASS_TEACHER -> target == Target.ORG_UNIT || target == Target.PERSON;
			case GRID_LEADER, GRID_MEMBER -> target == Target.GRID || target == Target.PLACE;
			case DOCTOR, PARTY_CADRE, PROPERTY_WORKER, UNIT_LIAISON -> target == Target.HOUSEHOLD
					|| target == Target.GRID || target == Target.PERSON || target == Target.PLACE;
		};
	}
}
