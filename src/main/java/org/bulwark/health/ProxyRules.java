package org.bulwark.health;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bulwark.directory.FieldProblem;

/**
 * Who may report for whom, and what is wrong with a batch before anything is checked in. A household
 * head reports for the members of the households they head; anybody else only for the dependants a
 * manager named them proxy for. Nobody is their own dependant (they check in for themselves).
 */
final class ProxyRules {

	/** More than a household or a grid worker's round: a larger list belongs to the roll-call check. */
	static final int MAX_BATCH = 50;

	private ProxyRules() {
	}

	static boolean mayReportFor(long proxy, long dependant, Set<Long> householdMembers, Set<Long> named) {
		return proxy != dependant && (householdMembers.contains(dependant) || named.contains(dependant));
	}

	/**
	 * Problems that concern the batch as a whole or the pairing of items with people: an empty or
	 * oversized batch, a person listed twice. The check-in rules judge each item afterwards.
	 */
	static List<FieldProblem> batchProblems(List<Long> personIds, String requestId) {
		List<FieldProblem> problems = new ArrayList<>();
		if (personIds.isEmpty()) {
			problems.add(FieldProblem.of("items", "proxy.items.empty"));
		}
		else if (personIds.size() > MAX_BATCH) {
			problems.add(FieldProblem.of("items", "proxy.items.tooMany", MAX_BATCH));
		}
		Set<Long> seen = new HashSet<>();
		for (Long id : personIds) {
			if (id == null) {
				problems.add(FieldProblem.of("items", "proxy.items.personRequired"));
			}
			else if (!seen.add(id)) {
				problems.add(FieldProblem.of("items", "proxy.items.twice", id));
			}
		}
		if (requestId != null && requestId.strip().length() > 64) {
			problems.add(FieldProblem.of("requestId", "health.requestId.tooLong", 64));
		}
		return problems;
	}
}
