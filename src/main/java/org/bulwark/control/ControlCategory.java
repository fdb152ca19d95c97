package org.bulwark.control;

/** Why someone is under control; each category has its policy (see docs/glossary.md for the Chinese terms). */
public enum ControlCategory {
	CONFIRMED, ASYMPTOMATIC, SUSPECTED, CLOSE_CONTACT, SECONDARY_CONTACT, SPATIOTEMPORAL_COMPANION,
	RISK_AREA_RETURNEE, INBOUND_TRAVELLER, COLD_CHAIN_EXPOSURE, FEVER_PATIENT, OTHER
}
