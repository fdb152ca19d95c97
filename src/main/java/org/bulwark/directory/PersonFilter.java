package org.bulwark.directory;

/**
 * What a people list is filtered by. {@code q} is a name or student/staff number prefix, a whole
 * ID or passport number, or a whole phone number.
 */
public record PersonFilter(String q, Population population, Long orgUnitId, Long placeId, Boolean active,
		String flag) {

	public static PersonFilter none() {
		return new PersonFilter(null, null, null, null, true, null);
	}
}
