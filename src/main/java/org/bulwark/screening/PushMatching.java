package org.bulwark.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rules by which a row of a pushed list is matched to a person of the registry. Every candidate
 * (found by ID, passport, phone, or name and birth date) gets a score from the evidence that
 * agrees and the evidence that contradicts, with the reasons; the best one is accepted above the
 * accept threshold, reviewed in the band down to the review threshold, and below that the row is
 * not ours, with the reason. Two candidates nearly as good as each other always go to review.
 */
final class PushMatching {

	/** What a row says about the person, normalised. */
	record Row(String name, PushNormalizer.Id id, String phone, LocalDate birthDate) {
	}

	/** A person of the registry that shares an ID, passport, phone, or name and birth date with a row. */
	record Candidate(long personId, String name, String idType, String idNumber, String phone, LocalDate birthDate) {
	}

	record Thresholds(int accept, int review) {

		Thresholds {
			if (review < 0 || accept > 100 || review > accept) {
				throw new IllegalArgumentException("thresholds must satisfy 0 <= review <= accept <= 100");
			}
		}
	}

	enum Status { ACCEPTED, REVIEW, NOT_OURS }

	/** A candidate's score and why. */
	record Scored(Candidate candidate, int score, List<String> reasons) {
	}

	/** The decision on a row: the person (null when not ours), its score and the reasons. */
	record Decision(Status status, Long personId, int score, List<String> reasons) {
	}

	static final int ID = 100;
	static final int NAME = 45;
	static final int NAME_SIMILAR = 25;
	static final int PHONE = 40;
	static final int BIRTH_DATE = 40;
	static final int ID_NEAR = 35;
	static final int ID_CONFLICT = -60;
	static final int BIRTH_CONFLICT = -30;
	static final int NAME_CONFLICT = -20;
	/** A runner-up within this many points of the best makes the match ambiguous. */
	static final int AMBIGUITY_MARGIN = 15;

	private PushMatching() {
	}

	static Scored score(Row row, Candidate c) {
		List<String> reasons = new ArrayList<>();
		int score = 0;
		boolean idMatched = false;
		String rowId = row.id().value();
		if (!rowId.isEmpty() && rowId.equals(c.idNumber())) {
			idMatched = true;
			score += ID;
			reasons.add("PASSPORT".equals(c.idType()) || "OTHER".equals(c.idType()) ? "PASSPORT" : "ID");
		}
		else if (row.id().residentId() && c.idNumber() != null && "RESIDENT_ID".equals(c.idType())) {
			if (row.id().flag() == PushNormalizer.IdFlag.CHECK_DIGIT && differences(rowId, c.idNumber()) <= 2) {
				score += ID_NEAR;
				reasons.add("ID_NEAR");
			}
			else if (row.id().flag() == PushNormalizer.IdFlag.VALID) {
				score += ID_CONFLICT;
				reasons.add("ID_CONFLICT");
			}
		}
		if (row.name() != null && !row.name().isEmpty() && c.name() != null) {
			if (row.name().equals(c.name())) {
				score += NAME;
				reasons.add("NAME");
			}
			else if (Pinyin.soundAlike(row.name(), c.name())) {
				score += NAME_SIMILAR;
				reasons.add("NAME_PINYIN");
			}
			else if (typo(row.name(), c.name())) {
				score += NAME_SIMILAR;
				reasons.add("NAME_TYPO");
			}
			else {
				score += NAME_CONFLICT;
				reasons.add("NAME_CONFLICT");
			}
		}
		if (row.phone() != null && !row.phone().isEmpty() && row.phone().equals(c.phone())) {
			score += PHONE;
			reasons.add("PHONE");
		}
		if (row.birthDate() != null && c.birthDate() != null) {
			if (row.birthDate().equals(c.birthDate())) {
				if (!idMatched) {
					score += BIRTH_DATE;
				}
				reasons.add("BIRTH_DATE");
			}
			else {
				score += BIRTH_CONFLICT;
				reasons.add("BIRTH_CONFLICT");
			}
		}
		return new Scored(c, Math.max(0, Math.min(100, score)), List.copyOf(reasons));
	}

	static Decision decide(Row row, List<Candidate> candidates, Thresholds t) {
		if (candidates.isEmpty()) {
			return new Decision(Status.NOT_OURS, null, 0, List.of("NO_CANDIDATE"));
		}
		List<Scored> scored = candidates.stream().map(c -> score(row, c))
			.sorted(Comparator.comparingInt(Scored::score).reversed().thenComparingLong(s -> s.candidate().personId()))
			.toList();
		Scored best = scored.get(0);
		if (best.score() < t.review()) {
			List<String> reasons = new ArrayList<>(List.of("BELOW_THRESHOLD"));
			reasons.addAll(best.reasons());
			return new Decision(Status.NOT_OURS, null, best.score(), reasons);
		}
		List<String> reasons = new ArrayList<>(best.reasons());
		if (scored.size() > 1 && scored.get(1).score() >= t.review()
				&& best.score() - scored.get(1).score() < AMBIGUITY_MARGIN) {
			reasons.add("AMBIGUOUS");
			return new Decision(Status.REVIEW, best.candidate().personId(), best.score(), reasons);
		}
		return new Decision(best.score() >= t.accept() ? Status.ACCEPTED : Status.REVIEW, best.candidate().personId(),
				best.score(), reasons);
	}

	/** Characters that differ between two strings of the same length; otherwise their length apart, at least 3. */
	static int differences(String a, String b) {
		if (a.length() != b.length()) {
			return Math.max(3, Math.abs(a.length() - b.length()));
		}
		int d = 0;
		for (int i = 0; i < a.length(); i++) {
			if (a.charAt(i) != b.charAt(i)) {
				d++;
			}
		}
		return d;
	}

	/**
	 * One character wrong, missing or extra, in names of at least two characters (王小明 for 王晓明,
	 * 欧阳娜 for 欧阳娜娜), or two neighbours swapped; never just a shared surname of a two-character name.
	 */
	static boolean typo(String a, String b) {
		if (Math.min(a.length(), b.length()) < 2 || Math.abs(a.length() - b.length()) > 1) {
			return false;
		}
		if (a.length() == b.length()) {
			int d = differences(a, b);
			if (d == 1) {
				// 王伟 vs 王芳 is another person, not a typo: a two-character name must keep its given name
				return a.length() > 2 || a.charAt(1) == b.charAt(1);
			}
			if (d == 2) {
				for (int i = 0; i + 1 < a.length(); i++) {
					if (a.charAt(i) != b.charAt(i)) {
						return a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
								&& a.substring(i + 2).equals(b.substring(i + 2));
					}
				}
			}
			return false;
		}
		String longer = a.length() > b.length() ? a : b;
		String shorter = a.length() > b.length() ? b : a;
		for (int i = 0; i < longer.length(); i++) {
			if ((longer.substring(0, i) + longer.substring(i + 1)).equals(shorter)) {
				return shorter.length() >= 2;
			}
		}
		return false;
	}
}
