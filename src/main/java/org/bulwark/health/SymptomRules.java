package org.bulwark.health;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.bulwark.health.DiseaseProfile.AlertRule;

/** Decides whether a temperature and a set of symptoms are abnormal under a disease profile. */
final class SymptomRules {

	private SymptomRules() {
	}

	/**
	 * @param fever the temperature reached the profile's threshold
	 * @param matched the rules that fired, in the profile's order
	 */
	record Assessment(boolean fever, List<AlertRule> matched) {

		boolean abnormal() {
			return fever || !matched.isEmpty();
		}
	}

	static Assessment assess(DiseaseProfile profile, BigDecimal temperature, Collection<String> symptoms) {
		boolean fever = temperature != null && temperature.compareTo(profile.feverThreshold()) >= 0;
		List<AlertRule> matched = new ArrayList<>();
		for (AlertRule rule : profile.rules()) {
			boolean fires = switch (rule.kind()) {
				case FEVER -> fever;
				case SYMPTOMS -> count(profile, rule.group(), symptoms) >= Math.max(1, rule.minCount());
			};
			if (fires) {
				matched.add(rule);
			}
		}
		return new Assessment(fever, List.copyOf(matched));
	}

	private static long count(DiseaseProfile profile, String group, Collection<String> symptoms) {
		return profile.symptoms().stream()
			.filter(s -> symptoms.contains(s.code()))
			.filter(s -> group == null || s.groups().contains(group))
			.count();
	}
}
