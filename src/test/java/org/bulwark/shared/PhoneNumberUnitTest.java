package org.bulwark.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumberUnitTest {

	@Test
	void normalisesCountryCodeSeparatorsAndFullWidthDigits() {
		assertThat(PhoneNumber.parse("+86 138-1234-1234")).contains("13812341234");
		assertThat(PhoneNumber.parse("００８６１３８１２３４１２３４")).contains("13812341234");
		assertThat(PhoneNumber.parse("0510-85912345")).contains("051085912345");
	}

	@Test
	void rejectsWhatIsNoPhoneNumber() {
		assertThat(PhoneNumber.parse("12345")).isEmpty();
		assertThat(PhoneNumber.parse("23812341234")).isEmpty();
		assertThat(PhoneNumber.parse(null)).isEmpty();
	}
}
