package org.bulwark.screening;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * Whether two names sound alike: every character of one shares a toneless reading with the
 * character at the same place of the other (a character may have several, e.g. 单 dan/shan), so a
 * list that wrote 王丽 for 王莉 or 张伟 for 张玮 still finds the person.
 */
final class Pinyin {

	private static final Map<Character, Set<String>> READINGS = new ConcurrentHashMap<>();
	private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

	static {
		FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
		FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
		FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
	}

	private Pinyin() {
	}

	/** The toneless readings of a character; a character without one reads as itself. */
	static Set<String> readings(char c) {
		return READINGS.computeIfAbsent(c, ch -> {
			try {
				String[] r = PinyinHelper.toHanyuPinyinStringArray(ch, FORMAT);
				if (r == null || r.length == 0) {
					return Set.of(String.valueOf(ch));
				}
				return Set.copyOf(new LinkedHashSet<>(Arrays.asList(r)));
			} catch (BadHanyuPinyinOutputFormatCombination e) {
				throw new IllegalStateException(e);
			}
		});
	}

	/** Same length and a shared reading at every place; identical names sound alike too. */
	static boolean soundAlike(String a, String b) {
		if (a == null || b == null || a.isEmpty() || a.length() != b.length()) {
			return false;
		}
		for (int i = 0; i < a.length(); i++) {
			char x = a.charAt(i);
			char y = b.charAt(i);
			if (x != y && readings(x).stream().noneMatch(readings(y)::contains)) {
				return false;
			}
		}
		return true;
	}

	/** One reading per character, the first, joined: 张伟 → zhangwei (for display and search). */
	static String spell(String name) {
		StringBuilder sb = new StringBuilder();
		for (char c : name.toCharArray()) {
			sb.append(readings(c).stream().sorted().findFirst().orElse(""));
		}
		return sb.toString();
	}
}
