package org.bulwark.directory;

import java.time.LocalDate;

/**
 * What someone types or imports for a person, before validation: everything may be missing or
 * wrong. {@link PersonRules} turns it into a {@link PersonData} or says which fields are wrong.
 */
public record PersonForm(String code, String name, Population population, IdType idType, String idNumber,
		String phone, String gender, LocalDate birthDate, String nationality, String language, Long orgUnitId,
		boolean livingAlone, boolean bedridden, boolean noSmartphone, boolean abroad) {
}
