package org.bulwark.directory;

import java.time.LocalDate;

/** A person's validated, normalised data, ready to store. */
public record PersonData(String code, String name, Population population, IdType idType, String idNumber,
		String phone, String gender, LocalDate birthDate, String nationality, String language, Long orgUnitId,
		boolean livingAlone, boolean bedridden, boolean noSmartphone, boolean abroad) {
}
