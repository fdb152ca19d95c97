package org.bulwark.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A check-in was abnormal (a fever or an alert rule of the disease profile): published with every
 * abnormal submission, a resubmission included, for the clinic's triage.
 *
 * @param rules the rules that fired, e.g. {@code FEVER}, {@code SYMPTOMS:respiratory>=1}
 */
public record CheckInAbnormal(long schoolId, long personId, long checkInId, LocalDate checkDate, String slotCode,
		BigDecimal temperature, List<String> symptoms, List<String> rules, boolean onCampus, Instant measuredAt) {
}
