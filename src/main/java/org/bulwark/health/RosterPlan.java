package org.bulwark.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import org.bulwark.directory.Population;

/**
 * Which check policy each group of people follows, as SQL. People are grouped by what a policy
 * decides by (population and org unit), so a campus of 50,000 people is a few hundred groups: the
 * rule of {@link CheckPolicy#choose} runs once per group here, and the database filters the people
 * by the groups' literal values.
 */
final class RosterPlan {

	/** People of one population in one org unit ({@code orgUnitId} null: in none). */
	record Group(Population population, Long orgUnitId) {
	}

	/** A policy and the SQL predicate (over person alias {@code p}) of the people who follow it. */
	record Assignment(CheckPolicy policy, String predicate) {
	}

	private RosterPlan() {
	}

	/**
	 * The policy of every group, as one predicate per policy that applies to anyone; groups no
	 * policy fits (only possible without a default policy) are in none.
	 *
	 * @param lineage an org unit's id and its ancestors, root first
	 */
	static List<Assignment> assign(List<CheckPolicy> policies, List<Group> groups, Function<Long, List<Long>> lineage) {
		Map<Long, List<Group>> byPolicy = new LinkedHashMap<>();
		for (Group g : groups) {
			List<Long> units = g.orgUnitId() == null ? List.of() : lineage.apply(g.orgUnitId());
			Optional<CheckPolicy> chosen = CheckPolicy.choose(policies, g.population(), units);
			chosen.ifPresent(p -> byPolicy.computeIfAbsent(p.id(), id -> new ArrayList<>()).add(g));
		}
		List<Assignment> out = new ArrayList<>();
		for (CheckPolicy p : policies.stream().sorted(Comparator.comparingLong(CheckPolicy::id)).toList()) {
			List<Group> mine = byPolicy.get(p.id());
			if (mine != null) {
				out.add(new Assignment(p, predicate(mine)));
			}
		}
		return out;
	}

	/**
	 * {@code (p.population = 'X' and p.org_unit_id in (1, 2)) or …}: only enum names and numbers, so
	 * literals are safe and the statement needs no parameters.
	 */
	static String predicate(List<Group> groups) {
		Map<Population, TreeSet<Long>> units = new LinkedHashMap<>();
		Map<Population, Boolean> withoutUnit = new LinkedHashMap<>();
		for (Group g : groups) {
			if (g.orgUnitId() == null) {
				withoutUnit.put(g.population(), true);
			}
			else {
				units.computeIfAbsent(g.population(), x -> new TreeSet<>()).add(g.orgUnitId());
			}
		}
		List<String> parts = new ArrayList<>();
		for (Population pop : Population.values()) {
			TreeSet<Long> ids = units.get(pop);
			boolean none = withoutUnit.containsKey(pop);
			if (ids == null && !none) {
				continue;
			}
			List<String> unitParts = new ArrayList<>();
			if (ids != null) {
				unitParts.add("p.org_unit_id in (" + String.join(", ", ids.stream().map(String::valueOf).toList()) + ")");
			}
			if (none) {
				unitParts.add("p.org_unit_id is null");
			}
			parts.add("(p.population = '" + pop.name() + "' and "
					+ (unitParts.size() == 1 ? unitParts.get(0) : "(" + String.join(" or ", unitParts) + ")") + ")");
		}
		return parts.isEmpty() ? "1 = 0" : "(" + String.join(" or ", parts) + ")";
	}
}
