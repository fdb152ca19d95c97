package org.bulwark.shared;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A Chinese resident identity number (GB 11643-1999): 17 digits and a check character.
 * Old 15-digit numbers are converted to 18 digits (century 19 inserted, check digit computed).
 */
public record IdNumber(String value) {

	private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

	public enum Problem { EMPTY, LENGTH, CHARACTERS, BIRTH_DATE, CHECK_DIGIT }

	public IdNumber {
		Problem problem = problemOf(value);
		if (problem != null) {
			throw new IllegalArgumentException("Invalid ID number: " + problem);
		}
	}

	/** Parses raw input: trims, converts full-width characters, upgrades 15 to 18 digits. */
	public static Optional<IdNumber> parse(String raw) {
		String normalized = normalize(raw);
		return problemOf(normalized) == null ? Optional.of(new IdNumber(normalized)) : Optional.empty();
	}

	/** Why raw input is not a valid ID number, or null when it is. */
	public static Problem check(String raw) {
		return problemOf(normalize(raw));
	}

	public static String normalize(String raw) {
		if (raw == null) {
			return "";
		}
		StringBuilder sb = new StringBuilder(raw.length());
		for (char c : raw.toCharArray()) {
			if (c >= '\uFF10' && c <= '\uFF19') {
				c = (char) ('0' + (c - '\uFF10'));
			} else if (c == '\uFF38' || c == '\uFF58') {
				c = 'X';
			}
			if (Character.isWhitespace(c) || c == '\u3000' || c == '-') {
				continue;
			}
			sb.append(c == 'x' ? 'X' : c);
		}
		String s = sb.toString();
		if (s.length() == 15 && s.chars().allMatch(Character::isDigit)) {
			String body = s.substring(0, 6) + "19" + s.substring(6);
			return body + checkCharacter(body);
		}
		return s;
	}

	public static char checkCharacter(String first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * WEIGHTS[i];
		}
		return CHECK[sum % 11];
	}

	private static Problem problemOf(String s) {
		if (s == null || s.isEmpty()) {
			return Problem.EMPTY;
		}
		if (s.length() != 18) {
			return Problem.LENGTH;
		}
		for (int i = 0; i < 17; i++) {
			if (!Character.isDigit(s.charAt(i)) || s.charAt(i) > '9') {
				return Problem.CHARACTERS;
			}
		}
		char last = s.charAt(17);
		if (!(last >= '0' && last <= '9') && last != 'X') {
			return Problem.CHARACTERS;
		}
		if (birthDateOf(s).isEmpty()) {
			return Problem.BIRTH_DATE;
		}
		if (checkCharacter(s.substring(0, 17)) != last) {
			return Problem.CHECK_DIGIT;
		}
		return null;
	}

	private static Optional<LocalDate> birthDateOf(String s) {
		try {
			LocalDate date = LocalDate.of(Integer.parseInt(s.substring(6, 10)), Integer.parseInt(s.substring(10, 12)),
					Integer.parseInt(s.substring(12, 14)));
			return date.getYear() < 1880 || date.isAfter(LocalDate.now()) ? Optional.empty() : Optional.of(date);
		} catch (DateTimeException | NumberFormatException e) {
			return Optional.empty();
		}
	}

	public LocalDate birthDate() {
		return birthDateOf(value).orElseThrow();
	}

	/** The 17th digit is odd for men and even for women. */
	public Gender gender() {
		return (value.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
	}

	/** The administrative division code of the place of first registration. */
	public String regionCode() {
		return value.substring(0, 6);
	}

	@Override
	public String toString() {
		return Masks.idNumber(value);
	}
}
