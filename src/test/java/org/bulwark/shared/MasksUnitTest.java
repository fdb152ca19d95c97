package org.bulwark.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MasksUnitTest {

	@Test
	void masksIdNumbersKeepingRegionAndLastFour() {
		assertThat(Masks.idNumber("370502199001011234")).isEqualTo("370502********1234");
	}

	@Test
	void masksPassportsKeepingFewCharacters() {
		assertThat(Masks.idNumber("E12345678")).isEqualTo("E1****678");
	}

	@Test
	void masksPhones() {
		assertThat(Masks.phone("13812341234")).isEqualTo("138****1234");
		assertThat(Masks.phone("+8613812341234")).isEqualTo("138****1234");
		assertThat(Masks.phone(null)).isNull();
	}
}
