package org.bulwark.health;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who the checks of a day expect, for line lists, reminders, roll-calls and the dashboard: the
 * active people of a school, each under the most specific check policy that fits them. Line lists
 * are computed from this every time, never stored (people move, policies change).
 */
@Service
class Roster {

	/**
	 * The people who follow {@code policy} and so are expected for {@code slot}, if the policy has it.
	 *
	 * @param predicate SQL over the person alias {@code p} (active, of the school, following the
	 *     policy), without parameters
	 */
	record Expectation(CheckPolicy policy, Optional<Slot> slot, String predicate) {
	}

	private final JdbcClient jdbc;
	private final Policies policies;

	Roster(JdbcClient jdbc, Policies policies) {
		this.jdbc = jdbc;
		this.policies = policies;
	}

	/** Every policy that someone follows, with its people; {@code slot} is the policy's slot of that code. */
	@Transactional
	List<Expectation> expectations(long schoolId, String slotCode) {
		List<CheckPolicy> all = policies.all(schoolId);
		Map<Long, List<Long>> lineages = new LinkedHashMap<>();
		jdbc.sql("select id, path from org_unit where school_id = ?").param(schoolId)
			.query((rs, i) -> lineages.put(rs.getLong(1), Arrays.stream(rs.getString(2).split("/"))
				.filter(s -> !s.isEmpty()).map(Long::valueOf).toList()))
			.list();
		return RosterPlan.everyone(all, lineages.keySet(), id -> lineages.getOrDefault(id, List.of(id))).stream()
			.map(a -> new Expectation(a.policy(), a.policy().slot(slotCode),
					"p.school_id = " + schoolId + " and p.active = true and " + a.predicate()))
			.toList();
	}

	/** The slots of the school's day, each code once (the earliest start when policies differ). */
	@Transactional
	List<Slot> slotsOfDay(long schoolId) {
		Map<String, Slot> byCode = new LinkedHashMap<>();
		for (CheckPolicy p : policies.all(schoolId)) {
			for (Slot s : p.slots()) {
				byCode.merge(s.code(), s, (a, b) -> a.start().isAfter(b.start()) ? b : a);
			}
		}
		return byCode.values().stream().sorted(Comparator.comparing(Slot::start)).toList();
	}
}
