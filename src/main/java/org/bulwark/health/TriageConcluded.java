package org.bulwark.health;

import java.time.Instant;

/**
 * The clinic concluded a triage task, once per task. The control module opens an isolation case
 * from {@link TriageOutcome#ISOLATION}; other outcomes are for reports and the person's history.
 *
 * @param note the doctor's note, may be null
 */
public record TriageConcluded(long schoolId, long personId, long taskId, TriageOutcome outcome, String note,
		Instant concludedAt) {
}
