package org.bulwark.directory;

/** What a place is used for. */
public enum PlaceUsage {
	CAMPUS, DORMITORY, STAFF_APARTMENT, RESIDENTIAL, TEACHING, OFFICE, CANTEEN, GATE, CLINIC, ISOLATION,
	KINDERGARTEN, SCHOOL, SPORTS, OTHER
}
