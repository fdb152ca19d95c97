package org.bulwark.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class IdNumberUnitTest {

	@Test
	void acceptsValidNumberAndReadsBirthDateAndGender() {
		IdNumber id = IdNumber.parse("11010519491231002X").orElseThrow();
		assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
		assertThat(id.gender()).isEqualTo(Gender.FEMALE);
		assertThat(id.regionCode()).isEqualTo("110105");
	}

	@Test
	void rejectsWrongCheckDigit() {
		assertThat(IdNumber.check("110105194912310021")).isEqualTo(IdNumber.Problem.CHECK_DIGIT);
		assertThatThrownBy(() -> new IdNumber("110105194912310021")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void rejectsImpossibleBirthDateAndBadLength() {
		String body = "11010519490231002";
		assertThat(IdNumber.check(body + IdNumber.checkCharacter(body))).isEqualTo(IdNumber.Problem.BIRTH_DATE);
		assertThat(IdNumber.check("1101051949")).isEqualTo(IdNumber.Problem.LENGTH);
		assertThat(IdNumber.check("")).isEqualTo(IdNumber.Problem.EMPTY);
		assertThat(IdNumber.check("1101051949123100AX")).isEqualTo(IdNumber.Problem.CHARACTERS);
	}

	@Test
	void convertsFifteenDigitNumbers() {
		// 15-digit numbers omit the century and the check digit: 370502 800101 123
		IdNumber id = IdNumber.parse("370502800101123").orElseThrow();
		assertThat(id.value()).startsWith("37050219800101123").hasSize(18);
		assertThat(id.birthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
		assertThat(id.gender()).isEqualTo(Gender.MALE);
	}

	@Test
	void normalisesFullWidthDigitsLowerCaseXAndSpaces() {
		assertThat(IdNumber.parse("１１０１０５ 1949 1231 002x")).map(IdNumber::value).contains("11010519491231002X");
	}

	@Test
	void masksWhenPrinted() {
		assertThat(IdNumber.parse("11010519491231002X").orElseThrow().toString()).isEqualTo("110105********002X");
	}
}
