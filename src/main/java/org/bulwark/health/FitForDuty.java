package org.bulwark.health;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.bulwark.directory.FieldProblem;

/**
 * Whether a food worker may work today (食品从业人员晨检): fit by default with a normal temperature and
 * no symptom; not fit, whatever the manager says, with a fever (the profile's threshold) or a
 * disqualifying symptom (food-safety rules keep people with diarrhoea, vomiting, an inflamed throat
 * or a wound or infection on the hands away from food); other symptoms are the manager's call.
 * A worker the manager keeps off duty needs a reason.
 */
final class FitForDuty {

	static final int MAX_REASON = 500;

	private FitForDuty() {
	}

	enum Symptom {
		DIARRHOEA(true), VOMITING(true), SORE_THROAT(true), HAND_WOUND(true), SKIN_INFECTION(true), JAUNDICE(true),
		COUGH(false), FATIGUE(false);

		final boolean disqualifying;

		Symptom(boolean disqualifying) {
			this.disqualifying = disqualifying;
		}
	}

	/** What the check alone says, before the manager decides. */
	enum Verdict {
		/** Normal temperature, no symptom: fit unless the manager says otherwise (with a reason). */
		FIT,
		/** A fever or a disqualifying symptom: not fit, and the manager cannot make it fit. */
		NOT_FIT,
		/** Only symptoms that do not disqualify: the manager decides. */
		DECIDE
	}

	/** @param forcedBy what made the worker unfit by rule: {@code FEVER} and disqualifying symptoms */
	record Assessment(Verdict verdict, List<String> forcedBy) {
	}

	static Assessment assess(BigDecimal feverThreshold, BigDecimal temperature, Collection<Symptom> symptoms) {
		List<String> forced = new ArrayList<>();
		if (temperature != null && temperature.compareTo(feverThreshold) >= 0) {
			forced.add("FEVER");
		}
		symptoms.stream().filter(s -> s.disqualifying).map(Enum::name).sorted().forEach(forced::add);
		if (!forced.isEmpty()) {
			return new Assessment(Verdict.NOT_FIT, List.copyOf(forced));
		}
		return new Assessment(symptoms.isEmpty() ? Verdict.FIT : Verdict.DECIDE, List.of());
	}

	sealed interface Decision {
	}

	record Decided(boolean fit, List<String> forcedBy, String reason) implements Decision {
	}

	record Rejected(List<FieldProblem> problems) implements Decision {
	}

	/**
	 * The manager's decision checked against the rule; {@code fit} null takes the default. Field
	 * names are prefixed with {@code row} (e.g. {@code items[2].}).
	 */
	static Decision decide(BigDecimal feverThreshold, BigDecimal temperature, Collection<Symptom> symptoms, Boolean fit,
			String reason, String row) {
		Assessment a = assess(feverThreshold, temperature, symptoms);
		String why = reason == null || reason.isBlank() ? null : reason.strip();
		List<FieldProblem> problems = new ArrayList<>();
		if (why != null && why.length() > MAX_REASON) {
			problems.add(FieldProblem.of(row + "reason", "canteen.reason.tooLong", MAX_REASON));
		}
		boolean decided;
		switch (a.verdict()) {
			case NOT_FIT -> {
				if (Boolean.TRUE.equals(fit)) {
					problems.add(FieldProblem.of(row + "fit", "canteen.fit.forced", String.join(", ", a.forcedBy())));
				}
				decided = false;
			}
			case FIT -> decided = fit == null || fit;
			default -> {
				if (fit == null) {
					problems.add(FieldProblem.of(row + "fit", "canteen.fit.decide"));
				}
				decided = Boolean.TRUE.equals(fit);
			}
		}
		if (!decided && fit != null && a.forcedBy().isEmpty() && why == null) {
			problems.add(FieldProblem.of(row + "reason", "canteen.reason.required"));
		}
		return problems.isEmpty() ? new Decided(decided, a.forcedBy(), why) : new Rejected(List.copyOf(problems));
	}
}
