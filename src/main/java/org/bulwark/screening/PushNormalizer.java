package org.bulwark.screening;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bulwark.shared.IdNumber;
import org.bulwark.shared.PhoneNumber;

/**
 * The cells of a pushed list as the authorities type them, made comparable with the registry:
 * trimmed, full-width forms made half-width, old 15-digit IDs upgraded to 18 digits with a
 * capital X, phones without +86 and separators, names without the spaces people put inside them.
 */
final class PushNormalizer {

	/** What an identity cell turned out to be. */
	enum IdFlag {
		/** A resident ID with a valid check character (15-digit ones upgraded). */
		VALID,
		/** 18 characters that look like a resident ID but whose check character is wrong: matched by other fields. */
		CHECK_DIGIT,
		/** Letters and digits that are not a resident ID: matched as a passport or permit number. */
		PASSPORT,
		/** Digits of the wrong length or an impossible birth date. */
		INVALID,
		EMPTY
	}

	record Id(String value, IdFlag flag) {

		boolean residentId() {
			return flag == IdFlag.VALID || flag == IdFlag.CHECK_DIGIT;
		}
	}

	private static final Pattern PASSPORT = Pattern.compile("[A-Z0-9]{5,20}");
	private static final Pattern DATE = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?(?:[ T].*)?");
	private static final Pattern COMPACT_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
	// compiled once: a list of 100,000 rows normalises every cell of them
	private static final Pattern DOTS = Pattern.compile("[\\u2022\\u30FB\\uFF65\\u2027\\u00B7.]");
	private static final Pattern SPACES = Pattern.compile("\\s+");
	private static final Pattern ID_SEPARATORS = Pattern.compile("[\\s\\-]");
	private static final Pattern PHONE_SEPARATORS = Pattern.compile("[,;/，；、|]|\\s{2,}");

	private PushNormalizer() {
	}

	/** Full-width ASCII (U+FF01–FF5E) and the ideographic space to their half-width forms, then trimmed. */
	static String halfWidth(String raw) {
		if (raw == null) {
			return "";
		}
		StringBuilder sb = new StringBuilder(raw.length());
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c >= '\uFF01' && c <= '\uFF5E') {
				c = (char) (c - 0xFEE0);
			}
			else if (c == '\u3000' || c == '\u00A0') {
				c = ' ';
			}
			sb.append(c);
		}
		return sb.toString().strip();
	}

	/**
	 * Chinese names lose every space inside them (张 三 → 张三) and keep their middle dot in one form
	 * (买买提·艾力); Latin names keep one space between words and are upper-cased, as on a passport.
	 */
	static String name(String raw) {
		String s = DOTS.matcher(halfWidth(raw)).replaceAll("·");
		if (s.codePoints().anyMatch(PushNormalizer::isHan)) {
			return SPACES.matcher(s).replaceAll("");
		}
		return SPACES.matcher(s).replaceAll(" ").replace("·", " ").strip().toUpperCase(Locale.ROOT);
	}

	static boolean isHan(int codePoint) {
		return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
	}

	/** An ID or passport cell: separators and spaces removed, x capital, 15 digits upgraded to 18. */
	static Id id(String raw) {
		String s = ID_SEPARATORS.matcher(halfWidth(raw)).replaceAll("").toUpperCase(Locale.ROOT);
		if (s.isEmpty()) {
			return new Id("", IdFlag.EMPTY);
		}
		String normalized = IdNumber.normalize(s);
		IdNumber.Problem problem = IdNumber.check(normalized);
		if (problem == null) {
			return new Id(normalized, IdFlag.VALID);
		}
		if (problem == IdNumber.Problem.CHECK_DIGIT) {
			return new Id(normalized, IdFlag.CHECK_DIGIT);
		}
		if (s.chars().allMatch(Character::isDigit) || s.matches("\\d{17}X")) {
			return new Id(normalized, IdFlag.INVALID);
		}
		return PASSPORT.matcher(s).matches() ? new Id(s, IdFlag.PASSPORT) : new Id(s, IdFlag.INVALID);
	}

	/** The first phone of a cell (a cell may list several): digits only, without +86, 0086 or 86. */
	static String phone(String raw) {
		String s = halfWidth(raw);
		String first = PHONE_SEPARATORS.split(s, 2)[0];
		return PhoneNumber.normalize(first);
	}

	/** A birth date as 1990-01-02, 1990/1/2, 1990.1.2, 1990年1月2日 or 19900102; null when it is none. */
	static LocalDate birthDate(String raw) {
		String s = halfWidth(raw);
		Matcher m = DATE.matcher(s);
		if (!m.matches()) {
			m = COMPACT_DATE.matcher(s);
			if (!m.matches()) {
				return null;
			}
		}
		try {
			LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
					Integer.parseInt(m.group(3)));
			return date.getYear() < 1900 || date.isAfter(LocalDate.now()) ? null : date;
		} catch (DateTimeException e) {
			return null;
		}
	}

	/** The birth date a resident ID carries (digits 7–14), when the ID is one. */
	static LocalDate birthDateOf(Id id) {
		if (!id.residentId()) {
			return null;
		}
		return birthDate(id.value().substring(6, 14));
	}
}
