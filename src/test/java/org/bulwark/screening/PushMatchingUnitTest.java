package org.bulwark.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.bulwark.screening.PushMatching.Candidate;
import org.bulwark.screening.PushMatching.Decision;
import org.bulwark.screening.PushMatching.Row;
import org.bulwark.screening.PushMatching.Status;
import org.junit.jupiter.api.Test;

class PushMatchingUnitTest {

	static final PushMatching.Thresholds T = new PushMatching.Thresholds(85, 60);
	static final LocalDate BIRTH = LocalDate.of(2003, 4, 5);
	static final String ID = "11010520030405001" + org.bulwark.shared.IdNumber.checkCharacter("11010520030405001");

	static Candidate person(long id, String name, String idNumber, String phone, LocalDate birth) {
		return new Candidate(id, name, "RESIDENT_ID", idNumber, phone, birth);
	}

	static Row row(String name, String id, String phone, String birth) {
		return new Row(PushNormalizer.name(name), PushNormalizer.id(id), PushNormalizer.phone(phone),
				birth == null ? PushNormalizer.birthDateOf(PushNormalizer.id(id)) : PushNormalizer.birthDate(birth));
	}

	@Test
	void anExactIdIsAccepted() {
		Decision d = PushMatching.decide(row("张三", ID, "", null), List.of(person(1, "张三", ID, "13800138000", BIRTH)), T);
		assertThat(d.status()).isEqualTo(Status.ACCEPTED);
		assertThat(d.personId()).isEqualTo(1L);
		assertThat(d.score()).isEqualTo(100);
		assertThat(d.reasons()).contains("ID", "NAME", "BIRTH_DATE");
	}

	@Test
	void aFifteenDigitIdInFullWidthDigitsStillMatchesExactly() {
		String eighteen = "11010519491231002X";
		Decision d = PushMatching.decide(row("李四", "１１０１０５４９１２３１００２", "", null),
				List.of(person(2, "李四", eighteen, null, LocalDate.of(1949, 12, 31))), T);
		assertThat(d.status()).isEqualTo(Status.ACCEPTED);
		assertThat(d.reasons()).contains("ID");
	}

	@Test
	void anIdOfAnotherPersonWithTheSameNameGoesToReviewNotAccepted() {
		Decision d = PushMatching.decide(row("王芳", ID, "", null), List.of(person(3, "王伟", ID, null, BIRTH)), T);
		assertThat(d.status()).isEqualTo(Status.REVIEW);
		assertThat(d.reasons()).contains("ID", "NAME_CONFLICT");
	}

	@Test
	void nameAndPhoneAreEnoughWithoutAnId() {
		Decision d = PushMatching.decide(row("张三", "", "+86 138 0013 8000", null),
				List.of(person(1, "张三", ID, "13800138000", BIRTH)), T);
		assertThat(d.status()).isEqualTo(Status.ACCEPTED);
		assertThat(d.reasons()).containsExactly("NAME", "PHONE");
	}

	@Test
	void aSharedHouseholdPhonePicksThePersonWithTheName() {
		List<Candidate> household = List.of(person(10, "刘强", null, "13900139000", LocalDate.of(1975, 1, 1)),
				person(11, "刘小明", null, "13900139000", BIRTH), person(12, "陈红", null, "13900139000", null));
		Decision d = PushMatching.decide(row("刘小明", "", "13900139000", null), household, T);
		assertThat(d.status()).isEqualTo(Status.ACCEPTED);
		assertThat(d.personId()).isEqualTo(11L);
	}

	@Test
	void aPhoneAloneWithAnotherNameIsNotOursAndSaysWhy() {
		Decision d = PushMatching.decide(row("赵六", "", "13900139000", null),
				List.of(person(10, "刘强", null, "13900139000", null)), T);
		assertThat(d.status()).isEqualTo(Status.NOT_OURS);
		assertThat(d.personId()).isNull();
		assertThat(d.reasons()).containsExactly("BELOW_THRESHOLD", "NAME_CONFLICT", "PHONE");
	}

	@Test
	void aTypoInTheNameWithThePhoneGoesToReview() {
		Decision d = PushMatching.decide(row("王小明", "", "13800138000", null),
				List.of(person(5, "王晓明", null, "13800138000", null)), T);
		assertThat(d.status()).isEqualTo(Status.REVIEW);
		assertThat(d.reasons()).contains("NAME_PINYIN", "PHONE");
		Decision typo = PushMatching.decide(row("欧阳娜", "", "13800138000", null),
				List.of(person(6, "欧阳娜娜", null, "13800138000", null)), T);
		assertThat(typo.status()).isEqualTo(Status.REVIEW);
		assertThat(typo.reasons()).contains("NAME_TYPO");
	}

	@Test
	void aTypoWithPhoneAndBirthDateIsAccepted() {
		Decision d = PushMatching.decide(row("王小明", "", "13800138000", "2003-04-05"),
				List.of(person(5, "王晓明", null, "13800138000", BIRTH)), T);
		assertThat(d.status()).isEqualTo(Status.ACCEPTED);
	}

	@Test
	void twoPeopleWithTheSameNameAndBirthDateAreAmbiguous() {
		Decision d = PushMatching.decide(row("王伟", "", "", "2003-04-05"),
				List.of(person(7, "王伟", null, null, BIRTH), person(8, "王伟", null, null, BIRTH)), T);
		assertThat(d.status()).isEqualTo(Status.REVIEW);
		assertThat(d.reasons()).contains("AMBIGUOUS");
	}

	@Test
	void twoPeopleWithTheSameNameAreToldApartByThePhone() {
		Decision d = PushMatching.decide(row("王伟", "", "13700137000", "2003-04-05"),
				List.of(person(7, "王伟", null, "13600136000", BIRTH), person(8, "王伟", null, "13700137000", BIRTH)), T);
		assertThat(d.status()).isEqualTo(Status.ACCEPTED);
		assertThat(d.personId()).isEqualTo(8L);
	}

	@Test
	void anIdWithAWrongCheckDigitIsStillMatchedByTheOtherFields() {
		String wrong = ID.substring(0, 17) + (ID.endsWith("3") ? "4" : "3");
		Row r = row("张三", wrong, "13800138000", null);
		assertThat(r.id().flag()).isEqualTo(PushNormalizer.IdFlag.CHECK_DIGIT);
		Decision d = PushMatching.decide(r, List.of(person(1, "张三", ID, "13800138000", BIRTH)), T);
		assertThat(d.status()).isEqualTo(Status.ACCEPTED);
		assertThat(d.reasons()).contains("ID_NEAR", "NAME", "PHONE");
	}

	@Test
	void aContradictingBirthDateCostsTheMatch() {
		Decision d = PushMatching.decide(row("张三", "", "13800138000", "1990-01-01"),
				List.of(person(1, "张三", null, "13800138000", BIRTH)), T);
		assertThat(d.status()).isEqualTo(Status.NOT_OURS);
		assertThat(d.reasons()).contains("BIRTH_CONFLICT");
	}

	@Test
	void noCandidateIsNotOurs() {
		Decision d = PushMatching.decide(row("张三", ID, "", null), List.of(), T);
		assertThat(d.status()).isEqualTo(Status.NOT_OURS);
		assertThat(d.reasons()).containsExactly("NO_CANDIDATE");
	}

	@Test
	void aPassportMatchesAsPassport() {
		Decision d = PushMatching.decide(row("JOHN SMITH", "e12345678", "", null),
				List.of(new Candidate(9, "JOHN SMITH", "PASSPORT", "E12345678", null, null)), T);
		assertThat(d.status()).isEqualTo(Status.ACCEPTED);
		assertThat(d.reasons()).contains("PASSPORT");
	}

	@Test
	void thresholdsAreConfigurable() {
		Row r = row("王小明", "", "13800138000", null);
		List<Candidate> c = List.of(person(5, "王晓明", null, "13800138000", null));
		assertThat(PushMatching.decide(r, c, new PushMatching.Thresholds(60, 40)).status()).isEqualTo(Status.ACCEPTED);
		assertThat(PushMatching.decide(r, c, new PushMatching.Thresholds(95, 90)).status()).isEqualTo(Status.NOT_OURS);
	}

	@Test
	void typosAreOneCharacterNotAnotherGivenName() {
		assertThat(PushMatching.typo("王小明", "王晓明")).isTrue();
		assertThat(PushMatching.typo("汪伟", "王伟")).isTrue();
		assertThat(PushMatching.typo("王伟", "王芳")).isFalse();
		assertThat(PushMatching.typo("张明华", "张华明")).isTrue();
		assertThat(PushMatching.typo("欧阳娜", "欧阳娜娜")).isTrue();
		assertThat(PushMatching.typo("张", "李")).isFalse();
	}

	@Test
	void namesThatSoundAlikeIncludingPolyphones() {
		assertThat(Pinyin.soundAlike("王丽", "王莉")).isTrue();
		assertThat(Pinyin.soundAlike("单伟", "善伟")).isTrue();
		assertThat(Pinyin.soundAlike("张伟", "张芳")).isFalse();
		assertThat(Pinyin.spell("张伟")).isEqualTo("zhangwei");
	}
}
