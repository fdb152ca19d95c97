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
	/** Residents of college 20 only. */
	static final CheckPolicy RESIDENTS_OF_20 = new CheckPolicy(3, "residents", "Residents", 1, false, List.of(MORNING),
			Set.of(Population.RESIDENT), Set.of(20L));

	/** College 10 → class 11; college 20 on its own; college 30 → classes 31, 32. */
	static final Map<Long, List<Long>> LINEAGE = Map.of(10L, List.of(10L), 11L, List.of(10L, 11L), 20L, List.of(20L),
			30L, List.of(30L), 31L, List.of(30L, 31L), 32L, List.of(30L, 32L));

	@Test
	void aPolicyEverybodyFollowsTestsNothing() {
		var plan = RosterPlan.everyone(List.of(DEFAULT), LINEAGE.keySet(), LINEAGE::get);

		assertThat(plan).singleElement().satisfies(a -> assertThat(a.predicate()).isEqualTo("1 = 1"));
	}

	@Test
	void everyoneFollowsTheMostSpecificPolicyOnce() {
		var plan = RosterPlan.everyone(List.of(DEFAULT, FACULTY_OF_COLLEGE), LINEAGE.keySet(), LINEAGE::get);

		assertThat(plan).extracting(a -> a.policy().code()).containsExactly("default", "faculty");
		// faculty of college 10 and its class 11 follow their own policy; every other population everywhere the default
		assertThat(plan.get(1).predicate()).isEqualTo("((p.population = 'FACULTY' and p.org_unit_id in (10, 11)))");
		assertThat(plan.get(0).predicate()).startsWith("(p.population in ('UNDERGRADUATE', 'POSTGRADUATE', ")
			.contains("(p.population = 'FACULTY' and (p.org_unit_id not in (10, 11) or p.org_unit_id is null))")
			.doesNotContain("'FACULTY',");
	}

	@Test
	void aPopulationInFewUnitsIsTestedByTheirIds() {
		var plan = RosterPlan.everyone(List.of(DEFAULT, RESIDENTS_OF_20), LINEAGE.keySet(), LINEAGE::get);

		assertThat(plan.get(1).predicate()).isEqualTo("((p.population = 'RESIDENT' and p.org_unit_id in (20)))");
		assertThat(plan.get(0).predicate()).contains("(p.population = 'RESIDENT' and (p.org_unit_id not in (20) or p.org_unit_id is null))");
	}

	@Test
	void withoutADefaultPolicyUnfittingPeopleFollowNone() {
		var plan = RosterPlan.everyone(List.of(FACULTY_OF_COLLEGE), LINEAGE.keySet(), LINEAGE::get);

		assertThat(plan).singleElement()
			.satisfies(a -> assertThat(a.predicate()).isEqualTo("((p.population = 'FACULTY' and p.org_unit_id in (10, 11)))"));
	}

	@Test
	void aPolicyForEveryUnitButNotForPeopleWithoutOneSaysSo() {
		CheckPolicy everyUnit = new CheckPolicy(4, "units", "Units", 1, false, List.of(MORNING), Set.of(Population.STAFF),
				Set.of(10L, 20L, 30L));

		var plan = RosterPlan.everyone(List.of(everyUnit), LINEAGE.keySet(), LINEAGE::get);

		assertThat(plan.get(0).predicate()).isEqualTo("((p.population = 'STAFF' and p.org_unit_id is not null))");
	}

	@Test
	void aSchoolWithoutOrgUnitsStillHasEveryone() {
		var plan = RosterPlan.everyone(List.of(DEFAULT, FACULTY_OF_COLLEGE), Set.of(), id -> List.of(id));

		assertThat(plan).extracting(a -> a.predicate()).containsExactly("1 = 1");
	}
}
