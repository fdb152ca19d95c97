package org.bulwark.screening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.bulwark.directory.Population;

/**
 * The approval chain of a travel report: its steps in order, each decided by one approver. A
 * RESPONSIBLE step is decided by someone who answers for the person (their counselor, class teacher,
 * grid leader); a UNIT step by a holder of TRAVEL_APPROVE whose data scope covers the person (the
 * college, the department head). Nobody decides two steps of one report, and nobody their own.
 */
public final class TravelChain {

	public enum StepKind {
		RESPONSIBLE, UNIT
	}

	public enum Decision {
		APPROVED, REJECTED
	}

	/** What the rules know of one who tries to decide the current step. */
	public record Approver(boolean applicant, boolean responsibleForPerson, boolean unitScopeCoversPerson,
			boolean decidedEarlierStep) {
	}

	/** Where a report is: the resolved steps and the index of the one to decide. */
	public record State(List<StepKind> steps, int step, Status status) {
	}

	public enum Status {
		PENDING, APPROVED, REJECTED
	}

	private final List<StepKind> steps;

	private TravelChain(List<StepKind> steps) {
		this.steps = List.copyOf(steps);
	}

	public List<StepKind> steps() {
		return steps;
	}

	/** The chain a school has not configured: students counselor → college, everybody else their unit. */
	public static TravelChain defaultFor(Population population) {
		return population.isStudent() ? new TravelChain(List.of(StepKind.RESPONSIBLE, StepKind.UNIT))
				: new TravelChain(List.of(StepKind.UNIT));
	}

	/** A chain written as {@code RESPONSIBLE,UNIT}; empty when a step is unknown, missing or repeated too often. */
	public static Optional<TravelChain> parse(String written) {
		if (written == null || written.isBlank()) {
			return Optional.empty();
		}
		List<StepKind> kinds = new ArrayList<>();
		for (String part : written.split(",")) {
			String p = part.strip().toUpperCase(Locale.ROOT);
			if (p.isEmpty()) {
				continue;
			}
			try {
				kinds.add(StepKind.valueOf(p));
			} catch (IllegalArgumentException e) {
				return Optional.empty();
			}
		}
		return kinds.isEmpty() || kinds.size() > 4 ? Optional.empty() : Optional.of(new TravelChain(kinds));
	}

	public String written() {
		return String.join(",", steps.stream().map(Enum::name).toList());
	}

	/**
	 * The steps a report goes through: a RESPONSIBLE step is left out when nobody answers for the
	 * person (else it could never be decided); when nothing is left, the unit decides.
	 */
	public List<StepKind> resolve(boolean personHasResponsible) {
		List<StepKind> resolved = steps.stream().filter(k -> k != StepKind.RESPONSIBLE || personHasResponsible).toList();
		return resolved.isEmpty() ? List.of(StepKind.UNIT) : resolved;
	}

	/** Why an approver may not decide the current step, or empty when they may. */
	public static Optional<String> refusal(State state, Approver approver) {
		if (state.status() != Status.PENDING) {
			return Optional.of("travel.alreadyDecided");
		}
		if (approver.applicant()) {
			return Optional.of("travel.ownReport");
		}
		if (approver.decidedEarlierStep()) {
			return Optional.of("travel.notInChain");
		}
		boolean fits = switch (state.steps().get(state.step())) {
			case RESPONSIBLE -> approver.responsibleForPerson();
			case UNIT -> approver.unitScopeCoversPerson();
		};
		return fits ? Optional.empty() : Optional.of("travel.notInChain");
	}

	/** The state after a decision of the current step: the next step, approved at the last one, or rejected. */
	public static State decide(State state, Decision decision) {
		if (state.status() != Status.PENDING) {
			throw new IllegalStateException("decided already");
		}
		if (decision == Decision.REJECTED) {
			return new State(state.steps(), state.step(), Status.REJECTED);
		}
		int next = state.step() + 1;
		return next >= state.steps().size() ? new State(state.steps(), state.step(), Status.APPROVED)
				: new State(state.steps(), next, Status.PENDING);
	}

	static List<StepKind> parseSteps(String written) {
		return Arrays.stream(written.split(",")).map(String::strip).map(StepKind::valueOf).toList();
	}
}
