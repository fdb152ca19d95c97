package org.bulwark.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.bulwark.screening.PushNormalizer.IdFlag;
import org.junit.jupiter.api.Test;

class PushNormalizerUnitTest {

	@Test
	void fullWidthDigitsLettersAndPunctuationBecomeHalfWidth() {
		assertThat(PushNormalizer.halfWidth("　ＡＢｃ１２３，（）　")).isEqualTo("ABc123,()");
	}

	@Test
	void fifteenDigitIdsBecomeEighteenWithTheirCheckCharacter() {
		PushNormalizer.Id id = PushNormalizer.id("110105491231002");
		assertThat(id.value()).isEqualTo("11010519491231002X");
		assertThat(id.flag()).isEqualTo(IdFlag.VALID);
	}

	@Test
	void fullWidthIdsWithSpacesAndALowerCaseXAreValid() {
		PushNormalizer.Id id = PushNormalizer.id(" １１０１０５ １９４９１２３１００２ｘ ");
		assertThat(id.value()).isEqualTo("11010519491231002X");
		assertThat(id.flag()).isEqualTo(IdFlag.VALID);
		assertThat(PushNormalizer.id("11010519491231002x").value()).isEqualTo("11010519491231002X");
	}

	@Test
	void aWrongCheckDigitIsFlaggedAndKept() {
		PushNormalizer.Id id = PushNormalizer.id("110105194912310021");
		assertThat(id.flag()).isEqualTo(IdFlag.CHECK_DIGIT);
		assertThat(id.value()).isEqualTo("110105194912310021");
		assertThat(PushNormalizer.birthDateOf(id)).isEqualTo(LocalDate.of(1949, 12, 31));
	}

	@Test
	void passportsAndGarbageAreToldApart() {
		assertThat(PushNormalizer.id("e1234５678").flag()).isEqualTo(IdFlag.PASSPORT);
		assertThat(PushNormalizer.id("e1234５678").value()).isEqualTo("E12345678");
		assertThat(PushNormalizer.id("1101051949").flag()).isEqualTo(IdFlag.INVALID);
		assertThat(PushNormalizer.id("11010519491331002X").flag()).isEqualTo(IdFlag.INVALID);
		assertThat(PushNormalizer.id("  ").flag()).isEqualTo(IdFlag.EMPTY);
	}

	@Test
	void phonesLoseCountryCodeSeparatorsAndFullWidth() {
		assertThat(PushNormalizer.phone("+86 138-0013-8000")).isEqualTo("13800138000");
		assertThat(PushNormalizer.phone("＋８６　１３８００１３８０００")).isEqualTo("13800138000");
		assertThat(PushNormalizer.phone("0086 13800138000")).isEqualTo("13800138000");
		assertThat(PushNormalizer.phone("13800138000；13900139000")).isEqualTo("13800138000");
		assertThat(PushNormalizer.phone("(010) 6275-1234")).isEqualTo("01062751234");
	}

	@Test
	void namesLoseInnerSpacesAndKeepOneMiddleDot() {
		assertThat(PushNormalizer.name(" 张　三 ")).isEqualTo("张三");
		assertThat(PushNormalizer.name("欧 阳 娜娜")).isEqualTo("欧阳娜娜");
		assertThat(PushNormalizer.name("买买提•艾力")).isEqualTo("买买提·艾力");
		assertThat(PushNormalizer.name("  john   smith ")).isEqualTo("JOHN SMITH");
	}

	@Test
	void birthDatesInTheUsualForms() {
		LocalDate d = LocalDate.of(2003, 4, 5);
		assertThat(PushNormalizer.birthDate("2003-04-05")).isEqualTo(d);
		assertThat(PushNormalizer.birthDate("2003/4/5")).isEqualTo(d);
		assertThat(PushNormalizer.birthDate("2003年4月5日")).isEqualTo(d);
		assertThat(PushNormalizer.birthDate("20030405")).isEqualTo(d);
		assertThat(PushNormalizer.birthDate("２００３．４．５")).isEqualTo(d);
		assertThat(PushNormalizer.birthDate("2003-02-30")).isNull();
		assertThat(PushNormalizer.birthDate("unknown")).isNull();
	}
}
