package org.bulwark.shared;

import java.util.Optional;
import java.util.regex.Pattern;

/** Phone numbers as people type them: +86, spaces, dashes and full-width digits are normalised away. */
public final class PhoneNumber {

	private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
	private static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}\\d{7,8}");
	private static final Pattern INTERNATIONAL = Pattern.compile("\\+\\d{7,15}");

	private PhoneNumber() {
	}

	public static String normalize(String raw) {
		if (raw == null) {
			return "";
		}
		StringBuilder sb = new StringBuilder();
		for (char c : raw.toCharArray()) {
			if (c >= '\uFF10' && c <= '\uFF19') {
				c = (char) ('0' + (c - '\uFF10'));
			} else if (c == '\uFF0B') {
				c = '+';
			}
			if (Character.isDigit(c) || (c == '+' && sb.isEmpty())) {
				sb.append(c);
			}
		}
		String s = sb.toString();
		if (s.startsWith("+86")) {
			s = s.substring(3);
		} else if (s.startsWith("0086")) {
			s = s.substring(4);
		} else if (s.startsWith("86") && s.length() == 13) {
			s = s.substring(2);
		}
		return s;
	}

	/** The normalised number if it is a Chinese mobile, a landline with area code, or an international number. */
	public static Optional<String> parse(String raw) {
		String s = normalize(raw);
		if (MOBILE.matcher(s).matches() || LANDLINE.matcher(s).matches() || INTERNATIONAL.matcher(s).matches()) {
			return Optional.of(s);
		}
		return Optional.empty();
	}
}
