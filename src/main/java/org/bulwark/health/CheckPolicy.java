package org.bulwark.health;

import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bulwark.directory.Population;

/**
 * A school's daily checks for some of its people: the slots, the disease profile, and whom it
 * applies to (populations and/or org units; neither for the default policy).
 */
record CheckPolicy(long id, String code, String name, long profileId, boolean isDefault, List<Slot> slots,
		Set<Population> populations, Set<Long> orgUnitIds) {

	CheckPolicy {
		slots = slots.stream().sorted(Comparator.comparing(Slot::start)).toList();
		populations = Set.copyOf(populations);
		orgUnitIds = Set.copyOf(orgUnitIds);
	}

	Optional<Slot> slot(String code) {
		return slots.stream().filter(s -> s.code().equals(code)).findFirst();
	}

	/**
	 * The slot a person is asked for at a local time: the last one that has opened, until the day
	 * ends (after its end a submission is still accepted, late); none before the first opens.
	 */
	Optional<Slot> current(LocalTime time) {
		Slot found = null;
		for (Slot s : slots) {
			if (!time.isBefore(s.start())) {
				found = s;
			}
		}
		return Optional.ofNullable(found);
	}

	/**
	 * How specifically this policy fits a person, or -1 when it does not apply: an org unit match
	 * counts by its depth (a class beats its college), then a population match; the default policy
	 * fits everyone with 0.
	 *
	 * @param orgUnitLineage the person's org unit and its ancestors, root first
	 */
	int fit(Population population, List<Long> orgUnitLineage) {
		if (populations.isEmpty() && orgUnitIds.isEmpty()) {
			return isDefault ? 0 : -1;
		}
		if (!populations.isEmpty() && !populations.contains(population)) {
			return -1;
		}
		int depth = 0;
		if (!orgUnitIds.isEmpty()) {
			for (int i = 0; i < orgUnitLineage.size(); i++) {
				if (orgUnitIds.contains(orgUnitLineage.get(i))) {
					depth = i + 1;
				}
			}
			if (depth == 0) {
				return -1;
			}
		}
		return depth * 2 + (populations.isEmpty() ? 0 : 1);
	}

	/** The most specific policy for a person; ties go to the lower id (the older policy). */
	static Optional<CheckPolicy> choose(List<CheckPolicy> policies, Population population, List<Long> orgUnitLineage) {
		return policies.stream()
			.filter(p -> p.fit(population, orgUnitLineage) >= 0)
			.max(Comparator.<CheckPolicy>comparingInt(p -> p.fit(population, orgUnitLineage))
				.thenComparing(Comparator.comparingLong(CheckPolicy::id).reversed()));
	}
}
