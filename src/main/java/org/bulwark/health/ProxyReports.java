package org.bulwark.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bulwark.directory.FieldProblem;
import org.springframework.stereotype.Service;

/**
 * A proxy's report for their dependants, sent from one screen: one check-in per person, each judged
 * by the same rules as a self check-in. Valid items are saved and invalid ones answered with their
 * problems by person and field (not all-or-nothing: a child's report must not be lost because the
 * grandmother's temperature was mistyped; the screen keeps the rejected rows for correction). The
 * batch's request id is every item's idempotency key (the key is per person), so a retried batch
 * stores nothing twice and a corrected resubmission stores only the items not saved before.
 */
@Service
class ProxyReports {

	private final CheckIns checkIns;
	private final Proxies proxies;

	ProxyReports(CheckIns checkIns, Proxies proxies) {
		this.checkIns = checkIns;
		this.proxies = proxies;
	}

	/** One dependant's answer; {@code problems} are those found before the check-in rules (a temperature that is no number). */
	record Item(Long personId, String slotCode, BigDecimal temperature, List<String> symptoms, Boolean onCampus,
			String city, List<FieldProblem> problems) {

		Item(Long personId, String slotCode, BigDecimal temperature, List<String> symptoms, Boolean onCampus, String city) {
			this(personId, slotCode, temperature, symptoms, onCampus, city, List.of());
		}
	}

	enum Status {
		SAVED, REPLAYED, INVALID, NOT_FOUND
	}

	/** @param name the dependant's name; none when not found (nothing is revealed about other people) */
	record ItemResult(int index, Long personId, String name, Status status, CheckIns.Recorded recorded,
			List<FieldProblem> problems) {
	}

	sealed interface Outcome {
	}

	record Done(List<ItemResult> items) implements Outcome {

		boolean allSaved() {
			return items.stream().allMatch(i -> i.status() == Status.SAVED || i.status() == Status.REPLAYED);
		}
	}

	record Rejected(List<FieldProblem> problems) implements Outcome {
	}

	/**
	 * @param userId the proxy's account, none when they report through their personal link
	 * @param linkId the personal link used, if any
	 */
	Outcome submit(long schoolId, long proxyPersonId, Long userId, Long linkId, List<Item> items, String requestId,
			Instant now) {
		List<FieldProblem> batch = ProxyRules.batchProblems(items.stream().map(Item::personId).toList(), requestId);
		if (!batch.isEmpty()) {
			return new Rejected(batch);
		}
		Map<Long, Proxies.Dependant> dependants = proxies.dependants(schoolId, proxyPersonId).stream()
			.collect(Collectors.toMap(d -> d.person().personId(), Function.identity()));
		CheckIns.Submitter by = new CheckIns.Submitter(userId, proxyPersonId, linkId);
		List<ItemResult> results = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			Item item = items.get(i);
			Proxies.Dependant dependant = dependants.get(item.personId());
			if (dependant == null) {
				results.add(new ItemResult(i, item.personId(), null, Status.NOT_FOUND, null, List.of()));
				continue;
			}
			String name = dependant.person().name();
			if (!item.problems().isEmpty()) {
				results.add(new ItemResult(i, item.personId(), name, Status.INVALID, null, item.problems()));
				continue;
			}
			CheckIns.Outcome outcome = checkIns.submit(schoolId, Optional.of(dependant.person()),
					new CheckIns.Submission(item.personId(), item.slotCode(), item.temperature(), item.symptoms(),
							item.onCampus(), item.city(), now, requestId, CheckIns.Source.PROXY),
					by, now);
			if (outcome instanceof CheckIns.Saved saved) {
				results.add(new ItemResult(i, item.personId(), name, saved.replayed() ? Status.REPLAYED : Status.SAVED,
						saved.recorded(), List.of()));
			}
			else if (outcome instanceof CheckIns.Rejected rejected) {
				results.add(new ItemResult(i, item.personId(), name, Status.INVALID, null, rejected.problems()));
			}
			else {
				results.add(new ItemResult(i, item.personId(), null, Status.NOT_FOUND, null, List.of()));
			}
		}
		return new Done(List.copyOf(results));
	}
}
