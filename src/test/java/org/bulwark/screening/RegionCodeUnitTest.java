package org.bulwark.screening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegionCodeUnitTest {

	@Test
	void levelFollowsTheLengthOfTheCode() {
		assertThat(RegionCode.level("11")).isEqualTo(1);
		assertThat(RegionCode.level("1101")).isEqualTo(2);
		assertThat(RegionCode.level("110101")).isEqualTo(3);
		assertThat(RegionCode.level("110101001")).isEqualTo(4);
		assertThat(RegionCode.level("11010")).isZero();
	}

	@Test
	void parentIsTheShorterPrefix() {
		assertThat(RegionCode.parent("110101001")).contains("110101");
		assertThat(RegionCode.parent("110101")).contains("1101");
		assertThat(RegionCode.parent("1101")).contains("11");
		assertThat(RegionCode.parent("11")).isEmpty();
		assertThat(RegionCode.isParentOf("1101", "110101")).isTrue();
		assertThat(RegionCode.isParentOf("11", "110101")).isFalse();
	}

	@Test
	void ancestorsRunFromTheProvinceDown() {
		assertThat(RegionCode.ancestors("420106002")).containsExactly("42", "4201", "420106");
		assertThat(RegionCode.selfAndAncestors("420106")).containsExactly("42", "4201", "420106");
		assertThat(RegionCode.ancestors("42")).isEmpty();
	}

	@Test
	void normalizesOfficialFormsAndRejectsOthers() {
		assertThat(RegionCode.normalize(" 110000 ")).contains("11");
		assertThat(RegionCode.normalize("110100")).contains("1101");
		assertThat(RegionCode.normalize("110101")).contains("110101");
		assertThat(RegionCode.normalize("110101001000")).contains("110101001");
		assertThat(RegionCode.normalize("110101001")).contains("110101001");
		assertThat(RegionCode.normalize("11010")).isEmpty();
		assertThat(RegionCode.normalize("11a101")).isEmpty();
		assertThat(RegionCode.normalize("")).isEmpty();
		assertThat(RegionCode.normalize(null)).isEmpty();
		assertThat(RegionCode.normalize("000000")).isEmpty();
	}
}
