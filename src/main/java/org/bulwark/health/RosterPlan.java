package org.bulwark.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.bulwark.directory.Population;

/**
 * Which check policy each person follows, as SQL. A policy decides by population and org unit, so
 * the rule of {@link CheckPolicy#choose} runs here once per population and unit of the tree (a few
 * ten thousand pairs for a large campus, in memory), and the database filters the people by literal
 * values; nobody needs to look at the people first.
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
	 * The policy of everyone who could be on the campus: every population in every org unit of
	 * {@code unitIds} or in none. It depends on the policies and the org-unit tree only, not on who is
	 * where, so nobody has to group the people first; predicates are written against that universe,
	 * and a policy everybody follows costs no test at all.
	 */
	static List<Assignment> everyone(List<CheckPolicy> policies, Collection<Long> unitIds,
			Function<Long, List<Long>> lineage) {
		Set<Long> universe = new TreeSet<>(unitIds);
		List<Group> groups = new ArrayList<>();
		for (Population pop : Population.values()) {
			groups.add(new Group(pop, null));
			for (Long unit : universe) {
				groups.add(new Group(pop, unit));
			}
		}
		Map<Long, List<Group>> byPolicy = new LinkedHashMap<>();
		for (Group g : groups) {
			List<Long> units = g.orgUnitId() == null ? List.of() : lineage.apply(g.orgUnitId());
			CheckPolicy.choose(policies, g.population(), units)
				.ifPresent(p -> byPolicy.computeIfAbsent(p.id(), id -> new ArrayList<>()).add(g));
		}
		List<Assignment> out = new ArrayList<>();
		for (CheckPolicy p : policies.stream().sorted(Comparator.comparingLong(CheckPolicy::id)).toList()) {
			List<Group> mine = byPolicy.get(p.id());
			if (mine != null) {
				out.add(new Assignment(p, predicate(mine, universe)));
			}
		}
		return out;
	}

	/**
	 * The predicate of these groups within a universe of org units: a population present in every
	 * unit (and in none) is tested by population alone, one present in most units by the units it is
	 * not in, the rest by their units; everybody is {@code 1 = 1}.
	 */
	static String predicate(List<Group> groups, Set<Long> universe) {
		Map<Population, TreeSet<Long>> units = new LinkedHashMap<>();
		Set<Population> withoutUnit = new java.util.HashSet<>();
		for (Group g : groups) {
			if (g.orgUnitId() == null) {
				withoutUnit.add(g.population());
			}
			else {
				units.computeIfAbsent(g.population(), x -> new TreeSet<>()).add(g.orgUnitId());
			}
		}
		List<String> whole = new ArrayList<>();
		List<String> parts = new ArrayList<>();
		for (Population pop : Population.values()) {
			TreeSet<Long> ids = units.getOrDefault(pop, new TreeSet<>());
			boolean none = withoutUnit.contains(pop);
			if (ids.isEmpty() && !none) {
				continue;
			}
			String unitPart;
			if (ids.size() == universe.size()) {
				if (none) {
					whole.add("'" + pop.name() + "'");
					continue;
				}
				unitPart = "p.org_unit_id is not null";
			}
			else if (ids.size() * 2 > universe.size()) {
				TreeSet<Long> others = new TreeSet<>(universe);
				others.removeAll(ids);
				unitPart = "p.org_unit_id not in (" + String.join(", ", others.stream().map(String::valueOf).toList()) + ")";
				if (none) {
					unitPart = "(" + unitPart + " or p.org_unit_id is null)";
				}
			}
			else {
				unitPart = ids.isEmpty() ? "p.org_unit_id is null"
						: "p.org_unit_id in (" + String.join(", ", ids.stream().map(String::valueOf).toList()) + ")";
				if (none && !ids.isEmpty()) {
					unitPart = "(" + unitPart + " or p.org_unit_id is null)";
				}
			}
			parts.add("(p.population = '" + pop.name() + "' and " + unitPart + ")");
		}
		if (whole.size() == Population.values().length) {
			return "1 = 1";
		}
		if (!whole.isEmpty()) {
			parts.add(0, whole.size() == 1 ? "p.population = " + whole.get(0) : "p.population in (" + String.join(", ", whole) + ")");
		}
		return parts.isEmpty() ? "1 = 0" : "(" + String.join(" or ", parts) + ")";
	}
}
