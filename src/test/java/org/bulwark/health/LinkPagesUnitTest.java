package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

class LinkPagesUnitTest {

	private final DiseaseProfile.Symptom cough = new DiseaseProfile.Symptom("cough", "咳嗽", "Cough", Set.of("respiratory"));
	private final DiseaseProfile.Symptom rash = new DiseaseProfile.Symptom("rash", "皮疹", "", Set.of());

	@Test
	void symptomNamesAreInTheReadersLanguageThenEnglishThenChinese() {
		StaticMessageSource messages = new StaticMessageSource();
		messages.addMessage("symptom.cough", Locale.FRENCH, "Toux");
		SymptomNames names = new SymptomNames(messages);
		assertThat(names.name(cough, Locale.SIMPLIFIED_CHINESE)).isEqualTo("咳嗽");
		assertThat(names.name(cough, Locale.ENGLISH)).isEqualTo("Cough");
		assertThat(names.name(cough, Locale.FRENCH)).isEqualTo("Toux");
		assertThat(names.name(cough, Locale.GERMAN)).as("no German names: English").isEqualTo("Cough");
		assertThat(names.name(rash, Locale.FRENCH)).as("no French nor English name: Chinese").isEqualTo("皮疹");
		DiseaseProfile profile = new DiseaseProfile(1, "X", "x", "x", new BigDecimal("37.3"), List.of(cough, rash), List.of());
		assertThat(names.names(profile, Locale.FRENCH)).containsExactly(java.util.Map.entry("cough", "Toux"),
				java.util.Map.entry("rash", "皮疹"));
	}

	@Test
	void aQrCodeIsAnSvgOfSquares() {
		String svg = QrCodes.svg("https://campus.example/link/k" + "A".repeat(24));
		assertThat(svg).startsWith("<svg").contains("viewBox=\"0 0 ").contains("h1v1h-1z").endsWith("</svg>");
		assertThat(QrCodes.svg("a")).isNotEqualTo(QrCodes.svg("b"));
		assertThat(QrCodes.dataUri("a")).startsWith("data:image/svg+xml;base64,");
	}

	@Test
	void typedTemperaturesAcceptACommaAndRejectWords() {
		assertThat(CheckInForms.temperature("36,6")).isEqualByComparingTo("36.6");
		assertThat(CheckInForms.temperature(" 37.1 ")).isEqualByComparingTo("37.1");
		assertThat(CheckInForms.temperature("")).isNull();
		assertThat(CheckInForms.notANumber("hot")).isTrue();
		assertThat(CheckInForms.notANumber("")).isFalse();
	}
}
