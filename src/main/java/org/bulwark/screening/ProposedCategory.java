package org.bulwark.screening;

/**
 * The control category proposed for a verified person of a pushed list. Screening may not depend on
 * the control module, so the codes are its own; they are spelt like {@code control.ControlCategory},
 * which the control module maps them to by name when it opens a case.
 */
public enum ProposedCategory {
	CONFIRMED, ASYMPTOMATIC, SUSPECTED, CLOSE_CONTACT, SECONDARY_CONTACT, SPATIOTEMPORAL_COMPANION,
	RISK_AREA_RETURNEE, INBOUND_TRAVELLER, COLD_CHAIN_EXPOSURE, FEVER_PATIENT, OTHER
}
