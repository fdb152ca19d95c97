package org.bulwark.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bulwark.directory.DuplicateRules.Reason.SAME_ID;
import static org.bulwark.directory.DuplicateRules.Reason.SAME_NAME_BIRTH_DATE;
import static org.bulwark.directory.DuplicateRules.Reason.SIMILAR_NAME_SAME_PHONE;

import java.time.LocalDate;

import org.bulwark.directory.DuplicateRules.Candidate;
import org.bulwark.shared.IdNumber;
import org.junit.jupiter.api.Test;

class DuplicateRulesUnitTest {

	private static final LocalDate BIRTH = LocalDate.of(1990, 1, 1);

	private static String id(String body17) {
		return body17 + IdNumber.checkCharacter(body17);
	}

	private static Candidate person(long id, String name, LocalDate birth, String gender, String idNumber, String phone) {
		return new Candidate(id, name, birth, gender, idNumber, phone);
	}

	@Test
	void fifteenDigitIdMatchesItsEighteenDigitForm() {
		String eighteen = id("11010519900101123");
		String fifteen = "110105900101123";
		assertThat(DuplicateRules.reasons(person(1, "张三", BIRTH, "MALE", eighteen, null),
				person(2, "张叁", null, null, fifteen, null))).containsExactly(SAME_ID);
	}

	@Test
	void idEnteredAsPassportOrWithSpacesAndLowerCaseXStillMatches() {
		String withX = id("11010519900101007");
		assertThat(withX).endsWith("X");
		assertThat(DuplicateRules.reasons(person(1, "李四", BIRTH, null, withX, null),
				person(2, "Li Si", null, null, "110105 19900101 007x", null))).contains(SAME_ID);
		assertThat(DuplicateRules.reasons(person(1, "A", null, null, "e1234567 8", null),
				person(2, "B", null, null, "E12345678", null))).containsExactly(SAME_ID);
	}

	@Test
	void sameCommonNameWithDifferentBirthDatesIsNotADuplicate() {
		assertThat(DuplicateRules.reasons(person(1, "张伟", BIRTH, "MALE", id("32021119900101123"), "13800000001"),
				person(2, "张伟", BIRTH.plusYears(3), "MALE", id("32021119930101123"), "13800000002"))).isEmpty();
	}

	@Test
	void sameNameAndBirthDateIsSuspectedEvenWithSpacesAndFullWidthLetters() {
		assertThat(DuplicateRules.reasons(person(1, "王 五", BIRTH, null, null, null),
				person(2, "王五", BIRTH, null, null, null))).containsExactly(SAME_NAME_BIRTH_DATE);
		assertThat(DuplicateRules.reasons(person(1, "ＪＯＨＮ　Smith", BIRTH, null, null, null),
				person(2, "john smith", BIRTH, null, null, null))).containsExactly(SAME_NAME_BIRTH_DATE);
		assertThat(DuplicateRules.reasons(person(1, "王五", null, null, null, null),
				person(2, "王五", null, null, null, null))).as("unknown birth dates prove nothing").isEmpty();
	}

	@Test
	void twinsWithTheSameBirthDateAndHouseholdPhoneButDifferentNamesAreNotDuplicates() {
		assertThat(DuplicateRules.reasons(person(1, "李明", BIRTH, "MALE", id("32021119900101001"), "051085001234"),
				person(2, "李亮", BIRTH, "MALE", id("32021119900101003"), "051085001234"))).isEmpty();
		assertThat(DuplicateRules.reasons(person(1, "李一", BIRTH, "MALE", null, "051085001234"),
				person(2, "李二", BIRTH, "FEMALE", null, "051085001234"))).isEmpty();
	}

	@Test
	void familyMembersSharingAPhoneAreNotDuplicates() {
		assertThat(DuplicateRules.reasons(person(1, "陈建国", LocalDate.of(1960, 5, 1), "MALE", null, "13900001111"),
				person(2, "陈建华", LocalDate.of(1988, 2, 1), "MALE", null, "13900001111"))).isEmpty();
		assertThat(DuplicateRules.reasons(person(1, "陈建国", null, null, null, "13900001111"),
				person(2, "刘芳", null, null, null, "13900001111"))).isEmpty();
	}

	@Test
	void similarNameAndSamePhoneIsSuspected() {
		assertThat(DuplicateRules.reasons(person(1, "张伟", BIRTH, "MALE", id("32021119900101123"), "13800000001"),
				person(2, "张玮", null, null, null, "13800000001"))).containsExactly(SIMILAR_NAME_SAME_PHONE);
		assertThat(DuplicateRules.reasons(person(1, "欧阳娜娜", null, null, null, "13800000001"),
				person(2, "欧阳娜", null, null, null, "13800000001"))).containsExactly(SIMILAR_NAME_SAME_PHONE);
		assertThat(DuplicateRules.reasons(person(1, "Ivan Petrov", null, null, "P1234567", "+79161234567"),
				person(2, "Ivan Petrow", null, null, "P7654321", "+79161234567"))).containsExactly(SIMILAR_NAME_SAME_PHONE);
	}

	@Test
	void singleCharacterNamesNeedToBeEqual() {
		assertThat(DuplicateRules.similarNames("王", "汪")).isFalse();
		assertThat(DuplicateRules.similarNames("王", "王")).isTrue();
		assertThat(DuplicateRules.similarNames("张三", "三")).isFalse();
	}

	@Test
	void editDistanceOfOne() {
		assertThat(DuplicateRules.withinOneEdit("张伟", "张玮")).isTrue();
		assertThat(DuplicateRules.withinOneEdit("张伟", "张伟伟")).isTrue();
		assertThat(DuplicateRules.withinOneEdit("张小伟", "张伟")).isTrue();
		assertThat(DuplicateRules.withinOneEdit("abcd", "abdc")).isFalse();
		assertThat(DuplicateRules.withinOneEdit("张伟", "李玮")).isFalse();
		assertThat(DuplicateRules.withinOneEdit("𠀀伟", "𠀁伟")).as("code points, not chars").isTrue();
	}

	@Test
	void aRecordIsNotItsOwnDuplicate() {
		Candidate p = person(1, "张伟", BIRTH, null, id("32021119900101123"), "13800000001");
		assertThat(DuplicateRules.reasons(p, p)).isEmpty();
	}

	@Test
	void keysMatchTheirSqlTwinsDocumentedBehaviour() {
		assertThat(DuplicateRules.nameKey(" 约翰·史密斯 ")).isEqualTo("约翰史密斯");
		assertThat(DuplicateRules.idKey("110105900101123")).isEqualTo("11010519900101123");
		assertThat(DuplicateRules.idKey(" ")).isNull();
	}
}
