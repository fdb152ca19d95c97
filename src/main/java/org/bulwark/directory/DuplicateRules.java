package org.bulwark.directory;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.bulwark.shared.IdNumber;

/**
 * When two person records are suspected to be one person, as plain code. The database only
 * proposes candidates (same ID key, same name key and birth date, same phone); every candidate
 * pair is decided here, so the page, the API and the coverage audit agree.
 *
 * <ul>
 * <li><b>Same ID</b>: the identifiers are equal after normalising, whatever their declared type —
 * a 15-digit number equals its 18-digit form, a passport field holding an ID number equals that ID.
 * <li><b>Same name and birth date</b>: equal name keys and equal, known birth dates.
 * <li><b>Similar name and same phone</b>: equal phones and similar names, unless something shows
 * two people: known birth dates or genders that differ, or two different Chinese ID numbers when the
 * names are not equal (twins and siblings share a household phone and have their own IDs). A shared
 * phone alone is never enough: family members share a landline.
 * </ul>
 * Similar names: equal name keys (spaces, dots, full width and case ignored), or, for names of at
 * least two characters, one insertion, deletion or substitution apart. Pinyin (homophones) is not
 * used: it would need a dictionary dependency, and one substituted character already covers the
 * common homophone typo (张伟 / 张玮).
 */
final class DuplicateRules {

	private static final Pattern ID18 = Pattern.compile("\\d{17}[\\dX]");

	enum Reason { SAME_ID, SAME_NAME_BIRTH_DATE, SIMILAR_NAME_SAME_PHONE }

	/** What the rules look at of one record. */
	record Candidate(long id, String name, LocalDate birthDate, String gender, String idNumber, String phone) {
	}

	private DuplicateRules() {
	}

	/** Why two records look like one person; empty when they do not. */
	static Set<Reason> reasons(Candidate a, Candidate b) {
		Set<Reason> reasons = EnumSet.noneOf(Reason.class);
		if (a.id() == b.id()) {
			return reasons;
		}
		String idA = idKey(a.idNumber());
		if (idA != null && idA.equals(idKey(b.idNumber()))) {
			reasons.add(Reason.SAME_ID);
		}
		String nameA = nameKey(a.name());
		String nameB = nameKey(b.name());
		if (!nameA.isEmpty() && nameA.equals(nameB) && a.birthDate() != null && a.birthDate().equals(b.birthDate())) {
			reasons.add(Reason.SAME_NAME_BIRTH_DATE);
		}
		if (a.phone() != null && !a.phone().isBlank() && a.phone().equals(b.phone()) && similarNames(nameA, nameB)
				&& !distinctPeople(a, b, nameA.equals(nameB))) {
			reasons.add(Reason.SIMILAR_NAME_SAME_PHONE);
		}
		return reasons;
	}

	/** Facts that show two people despite a shared phone and similar names. */
	private static boolean distinctPeople(Candidate a, Candidate b, boolean sameName) {
		if (a.birthDate() != null && b.birthDate() != null && !a.birthDate().equals(b.birthDate())) {
			return true;
		}
		if (a.gender() != null && b.gender() != null && !a.gender().equals(b.gender())) {
			return true;
		}
		String idA = idKey(a.idNumber());
		String idB = idKey(b.idNumber());
		return !sameName && idA != null && idB != null && !idA.equals(idB) && isChineseId(idA) && isChineseId(idB);
	}

	/** Names compare without spaces, dots and middle dots, full-width letters and case. */
	static String nameKey(String name) {
		if (name == null) {
			return "";
		}
		StringBuilder sb = new StringBuilder(name.length());
		for (char c : name.toCharArray()) {
			if (c == ' ' || c == '\u3000' || c == '\u00B7' || c == '\u30FB' || c == '\u2022' || c == '.') {
				continue;
			}
			if (c >= '\uFF21' && c <= '\uFF3A') {
				c = (char) ('A' + (c - '\uFF21'));
			} else if (c >= '\uFF41' && c <= '\uFF5A') {
				c = (char) ('a' + (c - '\uFF41'));
			}
			sb.append(c);
		}
		return sb.toString().toLowerCase(Locale.ROOT);
	}

	/**
	 * An identifier as compared: a Chinese ID number (15 or 18 digits) as the 17 digits that decide
	 * its check digit, anything else upper-cased without spaces and dashes; null when empty.
	 */
	static String idKey(String idNumber) {
		if (idNumber == null || idNumber.isBlank()) {
			return null;
		}
		String normalized = IdNumber.normalize(idNumber);
		if (ID18.matcher(normalized).matches()) {
			return normalized.substring(0, 17);
		}
		return normalized.toUpperCase(Locale.ROOT);
	}

	private static boolean isChineseId(String key) {
		return key.length() == 17 && key.chars().allMatch(Character::isDigit);
	}

	/** Equal keys, or for keys of at least two characters one edit apart. */
	static boolean similarNames(String keyA, String keyB) {
		if (keyA.isEmpty() || keyB.isEmpty()) {
			return false;
		}
		if (keyA.equals(keyB)) {
			return true;
		}
		return keyA.codePointCount(0, keyA.length()) >= 2 && keyB.codePointCount(0, keyB.length()) >= 2
				&& withinOneEdit(keyA, keyB);
	}

	/** Whether one insertion, deletion or substitution (of a code point) turns one into the other. */
	static boolean withinOneEdit(String a, String b) {
		int[] x = a.codePoints().toArray();
		int[] y = b.codePoints().toArray();
		if (Math.abs(x.length - y.length) > 1) {
			return false;
		}
		if (x.length < y.length) {
			int[] t = x;
			x = y;
			y = t;
		}
		int i = 0;
		int j = 0;
		int edits = 0;
		while (i < x.length && j < y.length) {
			if (x[i] == y[j]) {
				i++;
				j++;
				continue;
			}
			if (++edits > 1) {
				return false;
			}
			if (x.length == y.length) {
				j++;
			}
			i++;
		}
		return edits + (x.length - i) <= 1;
	}

	/** The pair in a stable order: the smaller id first. */
	static long[] ordered(long a, long b) {
		return a < b ? new long[] {a, b} : new long[] {b, a};
	}
}
