package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.bulwark.health.DiseaseProfile.AlertRule;
import org.bulwark.health.DiseaseProfile.AlertRule.Kind;
import org.bulwark.health.DiseaseProfile.Symptom;
import org.junit.jupiter.api.Test;

class SymptomRulesUnitTest {

	private final DiseaseProfile profile = new DiseaseProfile(1, "T", "测", "Test", new BigDecimal("37.3"),
			List.of(new Symptom("cough", "咳嗽", "Cough", Set.of("respiratory")),
					new Symptom("headache", "头痛", "Headache", Set.of("general")),
					new Symptom("fatigue", "乏力", "Fatigue", Set.of("general")),
					new Symptom("diarrhoea", "腹泻", "Diarrhoea", Set.of("gastrointestinal"))),
			List.of(new AlertRule(Kind.FEVER, null, 1), new AlertRule(Kind.SYMPTOMS, "respiratory", 1),
					new AlertRule(Kind.SYMPTOMS, "general", 2)));

	@Test
	void feverStartsAtTheThreshold() {
		assertThat(SymptomRules.assess(profile, new BigDecimal("37.2"), List.of()).abnormal()).isFalse();
		SymptomRules.Assessment atThreshold = SymptomRules.assess(profile, new BigDecimal("37.3"), List.of());
		assertThat(atThreshold.fever()).isTrue();
		assertThat(atThreshold.abnormal()).isTrue();
		assertThat(atThreshold.matched()).extracting(AlertRule::kind).containsExactly(Kind.FEVER);
	}

	@Test
	void oneRespiratorySymptomIsEnough() {
		assertThat(SymptomRules.assess(profile, new BigDecimal("36.5"), List.of("cough")).abnormal()).isTrue();
	}

	@Test
	void generalSymptomsCountOnlyInPairs() {
		assertThat(SymptomRules.assess(profile, new BigDecimal("36.5"), List.of("headache")).abnormal()).isFalse();
		SymptomRules.Assessment two = SymptomRules.assess(profile, new BigDecimal("36.5"), List.of("headache", "fatigue"));
		assertThat(two.abnormal()).isTrue();
		assertThat(two.fever()).isFalse();
		assertThat(two.matched()).extracting(AlertRule::group).containsExactly("general");
	}

	@Test
	void symptomsOutsideEveryRuleAreRecordedButNormal() {
		assertThat(SymptomRules.assess(profile, new BigDecimal("36.5"), List.of("diarrhoea", "unknown")).abnormal())
			.isFalse();
	}

	@Test
	void aRuleWithoutGroupCountsAnySymptom() {
		DiseaseProfile any = new DiseaseProfile(2, "A", "任", "Any", new BigDecimal("38.0"), profile.symptoms(),
				List.of(new AlertRule(Kind.SYMPTOMS, null, 3)));
		assertThat(SymptomRules.assess(any, new BigDecimal("37.5"), List.of("cough", "headache")).abnormal()).isFalse();
		assertThat(SymptomRules.assess(any, new BigDecimal("37.5"), List.of("cough", "headache", "diarrhoea")).abnormal())
			.isTrue();
		assertThat(SymptomRules.assess(any, new BigDecimal("37.9"), List.of()).fever()).isFalse();
	}
}
