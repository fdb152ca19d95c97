package org.bulwark.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Names of what the clinic's pages and exports show as codes: symptoms (from the school's disease
 * profiles) and the alert rules that fired ({@code FEVER}, {@code SYMPTOMS:respiratory>=1}).
 */
@Component
class ClinicLabels {

	private final Profiles profiles;
	private final MessageSource messages;

	ClinicLabels(Profiles profiles, MessageSource messages) {
		this.profiles = profiles;
		this.messages = messages;
	}

	/** The symptoms a school's profiles know, the default profile's first. */
	List<DiseaseProfile.Symptom> symptoms(long schoolId) {
		Map<String, DiseaseProfile.Symptom> all = new LinkedHashMap<>();
		profiles.all(schoolId).forEach(p -> p.symptoms().forEach(s -> all.putIfAbsent(s.code(), s)));
		return List.copyOf(all.values());
	}

	Labels of(long schoolId, Locale locale) {
		Map<String, String> names = symptoms(schoolId).stream()
			.collect(Collectors.toMap(DiseaseProfile.Symptom::code, s -> s.name(locale), (a, b) -> a));
		return new Labels(names, messages, locale);
	}

	static final class Labels {

		private final Map<String, String> symptoms;
		private final MessageSource messages;
		private final Locale locale;

		Labels(Map<String, String> symptoms, MessageSource messages, Locale locale) {
			this.symptoms = symptoms;
			this.messages = messages;
			this.locale = locale;
		}

		public String symptom(String code) {
			return symptoms.getOrDefault(code, code);
		}

		public String symptoms(List<String> codes) {
			return codes == null ? "" : codes.stream().map(this::symptom).collect(Collectors.joining(locale.getLanguage()
				.equals("zh") ? "、" : ", "));
		}

		public String rule(String code) {
			if ("FEVER".equals(code)) {
				return messages.getMessage("triage.rule.fever", null, code, locale);
			}
			if (RollCallAbnormal.RULE.equals(code)) {
				return messages.getMessage("triage.rule.rollCall", null, code, locale);
			}
			if (code != null && code.startsWith("SYMPTOMS:") && code.contains(">=")) {
				String group = code.substring("SYMPTOMS:".length(), code.indexOf(">="));
				String count = code.substring(code.indexOf(">=") + 2);
				if ("any".equals(group)) {
					return messages.getMessage("triage.rule.symptomsAny", new Object[] {count}, code, locale);
				}
				String groupName = messages.getMessage("symptomGroup." + group, null, group, locale);
				return messages.getMessage("triage.rule.symptoms", new Object[] {count, groupName}, code, locale);
			}
			return code;
		}

		public String rules(List<String> codes) {
			return codes == null ? "" : codes.stream().map(this::rule).collect(Collectors.joining("; "));
		}
	}
}
