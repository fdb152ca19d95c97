package org.bulwark.screening;

/** How a person travels, as travel reports and return filings ask it. */
public enum Transport {
	TRAIN, FLIGHT, CAR, BUS, SHIP, OTHER
}
