package org.bulwark.health;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Symptom names in the reader's language. Profiles carry Chinese and English names; another
 * language names symptoms in its message files ({@code symptom.<code>}), and a symptom it does not
 * name is shown in English, then in Chinese. The keys are deliberately absent from the default and
 * English files, so a missing translation never falls back to the default (Chinese) file first.
 */
@Component
class SymptomNames {

	private final MessageSource messages;

	SymptomNames(MessageSource messages) {
		this.messages = messages;
	}

	String name(DiseaseProfile.Symptom symptom, Locale locale) {
		String language = locale.getLanguage();
		if ("zh".equals(language)) {
			return blankTo(symptom.nameZh(), symptom.nameEn());
		}
		if (!"en".equals(language)) {
			String translated = messages.getMessage("symptom." + symptom.code(), null, null, locale);
			if (translated != null && !translated.isBlank()) {
				return translated;
			}
		}
		return blankTo(symptom.nameEn(), symptom.nameZh());
	}

	/** Code to name for every symptom of a profile, in the profile's order. */
	Map<String, String> names(DiseaseProfile profile, Locale locale) {
		Map<String, String> out = new LinkedHashMap<>();
		if (profile != null) {
			profile.symptoms().forEach(s -> out.put(s.code(), name(s, locale)));
		}
		return out;
	}

	private static String blankTo(String value, String fallback) {
		return value == null || value.isBlank() ? fallback : value;
	}
}
