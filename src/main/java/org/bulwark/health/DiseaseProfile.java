package org.bulwark.health;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What counts as unwell for one disease: the fever threshold, the symptoms a person may report and
 * the rules that make a check-in abnormal.
 */
record DiseaseProfile(long id, String code, String nameZh, String nameEn, BigDecimal feverThreshold,
		List<Symptom> symptoms, List<AlertRule> rules) {

	record Symptom(String code, String nameZh, String nameEn, Set<String> groups) {

		public String name(Locale locale) {
			return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
		}
	}

	/** FEVER: at or above the threshold; SYMPTOMS: at least {@code minCount} of {@code group} (any when null). */
	record AlertRule(Kind kind, String group, int minCount) {

		enum Kind {
			FEVER, SYMPTOMS
		}
	}

	public String name(Locale locale) {
		return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
	}

	boolean knows(String symptom) {
		return symptoms.stream().anyMatch(s -> s.code().equals(symptom));
	}
}
