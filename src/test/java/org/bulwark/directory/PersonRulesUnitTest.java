package org.bulwark.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class PersonRulesUnitTest {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

	private static PersonForm form(String name, IdType type, String id, String phone, String gender, LocalDate birth,
			String nationality) {
		return new PersonForm(null, name, Population.UNDERGRADUATE, type, id, phone, gender, birth, nationality, null,
				null, false, false, false, false);
	}

	@Test
	void derivesBirthDateAndGenderFromTheIdNumber() {
		var outcome = PersonRules.check(form(" 王　小明 ", IdType.RESIDENT_ID, "11010519491231002x", "+86 138 1234 1234",
				null, null, null), TODAY);
		assertThat(outcome).isInstanceOf(PersonRules.Valid.class);
		PersonData data = ((PersonRules.Valid) outcome).data();
		assertThat(data.name()).isEqualTo("王 小明");
		assertThat(data.idNumber()).isEqualTo("11010519491231002X");
		assertThat(data.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
		assertThat(data.gender()).isEqualTo("FEMALE");
		assertThat(data.phone()).isEqualTo("13812341234");
		assertThat(data.nationality()).isEqualTo("CHN");
		assertThat(data.language()).isEqualTo("zh");
	}

	@Test
	void namesEveryWrongFieldAtOnce() {
		var outcome = PersonRules.check(form("", IdType.RESIDENT_ID, "110105194912310021", "12345", "MALE",
				LocalDate.of(2030, 1, 1), "China"), TODAY);
		assertThat(outcome).isInstanceOf(PersonRules.Invalid.class);
		assertThat(((PersonRules.Invalid) outcome).problems()).extracting(FieldProblem::field, FieldProblem::code)
			.containsExactlyInAnyOrder(
					org.assertj.core.groups.Tuple.tuple("name", "required"),
					org.assertj.core.groups.Tuple.tuple("idNumber", "idNumber.CHECK_DIGIT"),
					org.assertj.core.groups.Tuple.tuple("phone", "phone"),
					org.assertj.core.groups.Tuple.tuple("birthDate", "future"),
					org.assertj.core.groups.Tuple.tuple("nationality", "iso3"));
	}

	@Test
	void refusesBirthDateAndGenderThatContradictTheId() {
		var outcome = PersonRules.check(form("李四", IdType.RESIDENT_ID, "11010519491231002X", null, "MALE",
				LocalDate.of(1950, 1, 1), null), TODAY);
		assertThat(((PersonRules.Invalid) outcome).problems()).extracting(FieldProblem::code)
			.containsExactlyInAnyOrder("birthDateMismatch", "genderMismatch");
	}

	@Test
	void acceptsPassportsOfForeignStudentsWithTheirLanguage() {
		var outcome = PersonRules.check(form("Ivan Petrov", IdType.PASSPORT, "75 1234567", null, "male",
				LocalDate.of(2003, 5, 1), "rus"), TODAY);
		PersonData data = ((PersonRules.Valid) outcome).data();
		assertThat(data.idNumber()).isEqualTo("751234567");
		assertThat(data.nationality()).isEqualTo("RUS");
		assertThat(data.language()).isEqualTo("ru");
		assertThat(data.gender()).isEqualTo("MALE");
	}

	@Test
	void refusesMalformedPassport() {
		var outcome = PersonRules.check(form("Ivan", IdType.PASSPORT, "AB-1", null, null, null, "RUS"), TODAY);
		assertThat(((PersonRules.Invalid) outcome).problems()).extracting(FieldProblem::code).containsExactly("passport");
	}

	@Test
	void upgradesFifteenDigitIds() {
		var outcome = PersonRules.check(form("张三", IdType.RESIDENT_ID, "370502800101123", null, null, null, null), TODAY);
		assertThat(((PersonRules.Valid) outcome).data().idNumber()).hasSize(18).startsWith("37050219800101123");
	}
}
