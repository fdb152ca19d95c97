package org.bulwark.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A teacher, counselor or grid worker marked someone abnormal at a roll-call check and that mark did
 * not already reach triage as an abnormal check-in (no temperature was taken, or it was normal and
 * the symptoms fired no alert rule): published for the clinic's triage, as the person may be ill.
 *
 * @param revisionId the roll-call revision that made the mark (a redelivered event changes nothing)
 */
public record RollCallAbnormal(long schoolId, long personId, long revisionId, LocalDate checkDate, String slotCode,
		BigDecimal temperature, List<String> symptoms, Instant markedAt) {

	/** The rule a roll-call mark stands for in a triage task. */
	public static final String RULE = "ROLL_CALL";
}
