package org.bulwark.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hierarchy written into a GB/T 2260 region code, in the dataset's short form: province 2
 * digits, city 4, county 6, township 9. A township's county is its first 6 digits, a county's city
 * its first 4, a city's province its first 2. The 6-digit official forms of provinces and cities
 * (110000, 110100) and 12-digit township codes ending in 000 are accepted and shortened.
 */
public final class RegionCode {

	private static final int[] LENGTHS = {2, 4, 6, 9};

	private RegionCode() {
	}

	/** The short form of a code, or empty when it is no region code. */
	public static Optional<String> normalize(String raw) {
		if (raw == null) {
			return Optional.empty();
		}
		String code = raw.strip();
		if (code.isEmpty() || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
			return Optional.empty();
		}
		if (code.length() == 12 && code.endsWith("000")) {
			code = code.substring(0, 9);
		}
		else if (code.length() == 6 && code.endsWith("0000")) {
			code = code.substring(0, 2);
		}
		else if (code.length() == 6 && code.endsWith("00")) {
			code = code.substring(0, 4);
		}
		return level(code) > 0 && !code.startsWith("00") ? Optional.of(code) : Optional.empty();
	}

	/** 1 province, 2 city, 3 county, 4 township; 0 for a string of another length. */
	public static int level(String code) {
		for (int i = 0; i < LENGTHS.length; i++) {
			if (LENGTHS[i] == code.length()) {
				return i + 1;
			}
		}
		return 0;
	}

	/** The region one level up, empty for a province. */
	public static Optional<String> parent(String code) {
		int level = level(code);
		return level > 1 ? Optional.of(code.substring(0, LENGTHS[level - 2])) : Optional.empty();
	}

	/** The ancestors from the province down, without the code itself. */
	public static List<String> ancestors(String code) {
		int level = level(code);
		List<String> result = new ArrayList<>(3);
		for (int i = 0; i < level - 1; i++) {
			result.add(code.substring(0, LENGTHS[i]));
		}
		return result;
	}

	/** The ancestors and the code itself, from the province down. */
	public static List<String> selfAndAncestors(String code) {
		List<String> result = ancestors(code);
		result.add(code);
		return result;
	}

	/** Whether {@code parent} is the code's parent by the hierarchy of the digits. */
	public static boolean isParentOf(String parent, String code) {
		return parent(code).map(parent::equals).orElse(false);
	}
}
