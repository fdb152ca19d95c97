package org.bulwark.health;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bulwark.directory.FieldProblem;
import org.springframework.context.MessageSource;

/** What the check-in pages share: reading a typed temperature, problems as messages by field, names shown masked. */
final class CheckInForms {

	private CheckInForms() {
	}

	/** A temperature as typed on a phone (a comma for the decimal point too); none when blank or no number. */
	static BigDecimal temperature(String s) {
		if (s == null || s.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(s.strip().replace(',', '.'));
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	static boolean notANumber(String s) {
		return s != null && !s.isBlank() && temperature(s) == null;
	}

	static Map<String, List<String>> errors(List<FieldProblem> problems, MessageSource messages, Locale locale) {
		Map<String, List<String>> errors = new LinkedHashMap<>();
		for (FieldProblem p : problems) {
			errors.computeIfAbsent(p.field(), k -> new ArrayList<>()).add(message(p, messages, locale));
		}
		return errors;
	}

	static String message(FieldProblem p, MessageSource messages, Locale locale) {
		return messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale);
	}

	/**
	 * A name as pages reached without signing in and exports show it: enough to recognise one's own,
	 * not enough to learn who a leaked link or a lost list belongs to ("张*", "欧*锋").
	 */
	static String maskedName(String name) {
		if (name == null || name.isBlank()) {
			return name;
		}
		String n = name.strip();
		int[] cps = n.codePoints().toArray();
		if (cps.length == 1) {
			return n;
		}
		if (cps.length == 2) {
			return new String(cps, 0, 1) + "*";
		}
		return new String(cps, 0, 1) + "*".repeat(cps.length - 2) + new String(cps, cps.length - 1, 1);
	}
}
