package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bulwark.directory.Population;
import org.junit.jupiter.api.Test;

class RosterPlanUnitTest {

	static final Slot MORNING = new Slot("morning", "晨检", "Morning", LocalTime.of(6, 0), LocalTime.of(9, 30),
			LocalTime.of(9, 30), 0);

	static final CheckPolicy DEFAULT = new CheckPolicy(1, "default", "Default", 1, true, List.of(MORNING), Set.of(), Set.of());
	/** Faculty of college 10 (and its classes) check in differently. */
	static final CheckPolicy FACULTY_OF_COLLEGE = new CheckPolicy(2, "faculty", "Faculty", 1, false, List.of(MORNING),
			Set.of(Population.FACULTY), Set.of(10L));

	/** College 10 → class 11; college 20 on its own. */
	static final Map<Long, List<Long>> LINEAGE = Map.of(10L, List.of(10L), 11L, List.of(10L, 11L), 20L, List.of(20L));

	@Test
	void everyGroupFollowsTheMostSpecificPolicyOnce() {
		var groups = List.of(new RosterPlan.Group(Population.UNDERGRADUATE, 11L),
				new RosterPlan.Group(Population.FACULTY, 11L), new RosterPlan.Group(Population.FACULTY, 20L),
				new RosterPlan.Group(Population.RESIDENT, null));

		var plan = RosterPlan.assign(List.of(DEFAULT, FACULTY_OF_COLLEGE), groups, LINEAGE::get);

		assertThat(plan).extracting(a -> a.policy().code()).containsExactly("default", "faculty");
		assertThat(plan.get(0).predicate()).isEqualTo("((p.population = 'UNDERGRADUATE' and p.org_unit_id in (11))"
				+ " or (p.population = 'FACULTY' and p.org_unit_id in (20)) or (p.population = 'RESIDENT' and p.org_unit_id is null))");
		assertThat(plan.get(1).predicate()).isEqualTo("((p.population = 'FACULTY' and p.org_unit_id in (11)))");
	}

	@Test
	void aPolicyNobodyFollowsIsLeftOut() {
		var plan = RosterPlan.assign(List.of(DEFAULT, FACULTY_OF_COLLEGE),
				List.of(new RosterPlan.Group(Population.PUPIL, 20L)), LINEAGE::get);

		assertThat(plan).extracting(a -> a.policy().code()).containsExactly("default");
	}

	@Test
	void withoutADefaultPolicyUnfittingPeopleFollowNone() {
		var plan = RosterPlan.assign(List.of(FACULTY_OF_COLLEGE), List.of(new RosterPlan.Group(Population.PUPIL, 20L)),
				LINEAGE::get);

		assertThat(plan).isEmpty();
	}

	@Test
	void peopleWithAndWithoutAnOrgUnitOfOnePopulationShareAClause() {
		assertThat(RosterPlan.predicate(List.of(new RosterPlan.Group(Population.RESIDENT, null),
				new RosterPlan.Group(Population.RESIDENT, 7L), new RosterPlan.Group(Population.RESIDENT, 3L))))
			.isEqualTo("((p.population = 'RESIDENT' and (p.org_unit_id in (3, 7) or p.org_unit_id is null)))");
		assertThat(RosterPlan.predicate(List.of())).isEqualTo("1 = 0");
	}
}
