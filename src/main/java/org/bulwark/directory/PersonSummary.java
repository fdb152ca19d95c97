package org.bulwark.directory;

import java.time.LocalDate;

import org.bulwark.shared.Masks;

/** A person as lists, exports and the API show them; identifiers are masked unless revealed. */
public record PersonSummary(long id, String code, String name, Population population, String gender,
		LocalDate birthDate, IdType idType, String idNumber, String phone, String nationality, Long orgUnitId,
		String orgUnitName, Long residencePlaceId, String residenceName, boolean active) {

	public PersonSummary masked() {
		return new PersonSummary(id, code, name, population, gender, birthDate, idType, Masks.idNumber(idNumber),
				Masks.phone(phone), nationality, orgUnitId, orgUnitName, residencePlaceId, residenceName, active);
	}
}
