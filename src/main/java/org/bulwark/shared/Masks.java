package org.bulwark.shared;

/**
 * Masks personal identifiers for display and export (PIPL): the reader sees enough to tell
 * records apart, not enough to use the number.
 */
public final class Masks {

	private Masks() {
	}

	/** {@code 370502199001011234} becomes {@code 370502********1234}; passports keep their first 2 and last 3. */
	public static String idNumber(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		if (value.length() >= 15) {
			return keep(value, 6, 4);
		}
		if (value.length() >= 7) {
			return keep(value, 2, 3);
		}
		return "*".repeat(value.length());
	}

	/** {@code 13812341234} becomes {@code 138****1234}. */
	public static String phone(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		String digits = value.startsWith("+86") ? value.substring(3) : value;
		if (digits.length() >= 11) {
			return keep(digits, 3, 4);
		}
		if (digits.length() >= 7) {
			return keep(digits, 2, 2);
		}
		return "*".repeat(digits.length());
	}

	private static String keep(String value, int head, int tail) {
		return value.substring(0, head) + "*".repeat(value.length() - head - tail) + value.substring(value.length() - tail);
	}
}
