package org.bulwark.health;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bulwark.directory.FieldProblem;

/**
 * The rules of a roll-call (晨午检): everyone expected is present and well unless marked otherwise
 * ("all present and well" plus exceptions); an abnormal mark needs a sign (a fever or a symptom of
 * the profile), an absent one its kind; people away that day are not expected and cannot be marked.
 * Problems name the row (the index of the mark as sent) and the field.
 */
final class RollCallRules {

	static final int MAX_NOTE = 500;

	private RollCallRules() {
	}

	enum Status {
		PRESENT, ABNORMAL, ABSENT
	}

	/** One mark as sent: any field may be missing or wrong. */
	record Input(Long personId, String status, BigDecimal temperature, List<String> symptoms, String absenceKind,
			String note) {
	}

	/** A checked mark for one expected member. */
	record Mark(long personId, Status status, BigDecimal temperature, List<String> symptoms, AbsenceKind absenceKind,
			String note) {

		static Mark present(long personId) {
			return new Mark(personId, Status.PRESENT, null, List.of(), null, null);
		}

		boolean fever(BigDecimal threshold) {
			return temperature != null && temperature.compareTo(threshold) >= 0;
		}
	}

	sealed interface Result {
	}

	/** Every expected member's mark, in the order of {@code expected}. */
	record Resolved(List<Mark> marks) implements Result {
	}

	record Rejected(List<FieldProblem> problems) implements Result {
	}

	/**
	 * @param expected the members expected in the roll-call (the group without those away), in order
	 * @param away members away that day: named in a mark, they are refused
	 * @param allPresent everyone not marked is present and well; otherwise every expected member
	 *        needs a mark
	 */
	static Result resolve(DiseaseProfile profile, List<Long> expected, Set<Long> away, boolean allPresent,
			List<Input> inputs) {
		List<FieldProblem> problems = new ArrayList<>();
		Set<Long> members = new HashSet<>(expected);
		Map<Long, Mark> marks = new HashMap<>();
		List<Input> rows = inputs == null ? List.of() : inputs;
		for (int i = 0; i < rows.size(); i++) {
			Input in = rows.get(i);
			String row = "marks[" + i + "].";
			if (in == null || in.personId() == null) {
				problems.add(FieldProblem.of(row + "personId", "rollCall.person.required"));
				continue;
			}
			long person = in.personId();
			if (away.contains(person)) {
				problems.add(FieldProblem.of(row + "personId", "rollCall.person.away", person));
				continue;
			}
			if (!members.contains(person)) {
				problems.add(FieldProblem.of(row + "personId", "rollCall.person.notMember", person));
				continue;
			}
			if (marks.containsKey(person)) {
				problems.add(FieldProblem.of(row + "personId", "rollCall.person.twice", person));
				continue;
			}
			Mark mark = check(profile, in, row, problems);
			if (mark != null) {
				marks.put(person, mark);
			}
		}
		if (!allPresent) {
			long unmarked = expected.stream().filter(id -> !marks.containsKey(id)).count();
			if (unmarked > 0 && problems.isEmpty()) {
				problems.add(FieldProblem.of("marks", "rollCall.unmarked", unmarked));
			}
		}
		if (!problems.isEmpty()) {
			return new Rejected(List.copyOf(problems));
		}
		Map<Long, Mark> ordered = new LinkedHashMap<>();
		for (long id : expected) {
			ordered.put(id, marks.getOrDefault(id, Mark.present(id)));
		}
		return new Resolved(List.copyOf(ordered.values()));
	}

	private static Mark check(DiseaseProfile profile, Input in, String row, List<FieldProblem> problems) {
		int before = problems.size();
		Status status = parse(Status.class, in.status());
		if (status == null) {
			problems.add(FieldProblem.of(row + "status", "rollCall.status.invalid", String.valueOf(in.status())));
			return null;
		}
		String note = in.note() == null || in.note().isBlank() ? null : in.note().strip();
		if (note != null && note.length() > MAX_NOTE) {
			problems.add(FieldProblem.of(row + "note", "rollCall.note.tooLong", MAX_NOTE));
		}
		BigDecimal temperature = in.temperature();
		if (temperature != null) {
			if (temperature.compareTo(CheckIns.MIN_TEMPERATURE) < 0 || temperature.compareTo(CheckIns.MAX_TEMPERATURE) > 0) {
				problems.add(FieldProblem.of(row + "temperature", "health.temperature.range",
						CheckIns.MIN_TEMPERATURE.toPlainString(), CheckIns.MAX_TEMPERATURE.toPlainString()));
			}
			else if (temperature.stripTrailingZeros().scale() > 1) {
				problems.add(FieldProblem.of(row + "temperature", "health.temperature.precision"));
			}
			else {
				temperature = temperature.setScale(1);
			}
		}
		List<String> symptoms = in.symptoms() == null ? List.of()
				: in.symptoms().stream().filter(s -> s != null && !s.isBlank()).map(String::strip).distinct().toList();
		symptoms.stream().filter(code -> !profile.knows(code)).findFirst()
			.ifPresent(code -> problems.add(FieldProblem.of(row + "symptoms", "health.symptoms.unknown", code)));
		AbsenceKind kind = null;
		switch (status) {
			case PRESENT -> {
				boolean fever = temperature != null && temperature.compareTo(profile.feverThreshold()) >= 0;
				if (fever || !symptoms.isEmpty()) {
					problems.add(FieldProblem.of(row + "status", "rollCall.present.notWell"));
				}
			}
			case ABNORMAL -> {
				boolean fever = temperature != null && temperature.compareTo(profile.feverThreshold()) >= 0;
				if (!fever && symptoms.isEmpty() && problems.size() == before) {
					problems.add(FieldProblem.of(row + "temperature", "rollCall.abnormal.noSign",
							profile.feverThreshold().toPlainString()));
				}
			}
			case ABSENT -> {
				kind = parse(AbsenceKind.class, in.absenceKind());
				if (kind == null) {
					problems.add(FieldProblem.of(row + "absenceKind", "rollCall.absenceKind.required"));
				}
				// an absent person is not measured: what was typed for them is dropped
				temperature = null;
				symptoms = List.of();
			}
		}
		if (problems.size() > before) {
			return null;
		}
		return new Mark(in.personId(), status, temperature, symptoms, kind, note);
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	/** Counts of a roll-call: [present, abnormal, absent]. */
	static int[] counts(List<Mark> marks) {
		int[] c = new int[3];
		for (Mark m : marks) {
			c[m.status().ordinal()]++;
		}
		return c;
	}
}
