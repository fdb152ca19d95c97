package org.bulwark.screening;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A person back from travel was flagged: a stay in a risk region inside its validity window, or a
 * reported contact with a case. Published once per return, for the control module to open a case of
 * the proposed category (spelt like {@code control.ControlCategory}, as {@link PersonClassified}).
 *
 * @param riskLevel the highest level met, null when only a contact flagged the person
 * @param regionCodes the regions of the stays that met a risk, with their full names in {@code regionNames}
 * @param reasons {@code RISK_AREA} and/or {@code CONTACT}
 */
public record TravelFlagged(long schoolId, long personId, long reportId, long flagId, String proposedCategory,
		String riskLevel, List<String> regionCodes, List<String> regionNames, List<String> reasons, LocalDate returnedOn,
		Instant flaggedAt) {
}
