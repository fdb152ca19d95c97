package org.bulwark.directory;

import java.time.LocalDate;

/**
 * What someone types or imports for a person, before validation: everything may be missing or
 * wrong. {@link PersonRules} turns it into a {@link PersonData} or says which fields are wrong.
 */
public record PersonForm(String code, String name, Population population, IdType idType, String idNumber,
		String phone, String gender, LocalDate birthDate, String nationality, String language, Long orgUnitId,
		Boolean livingAlone, Boolean bedridden, Boolean noSmartphone, Boolean abroad) {

	/** Flags left out of a request or an import are false. */
	public PersonForm {
		livingAlone = Boolean.TRUE.equals(livingAlone);
		bedridden = Boolean.TRUE.equals(bedridden);
		noSmartphone = Boolean.TRUE.equals(noSmartphone);
		abroad = Boolean.TRUE.equals(abroad);
	}
}
