package org.bulwark.screening;

import java.time.Instant;

/**
 * A person of a pushed list was verified and classified for control with a proposed category, one
 * by one or in bulk: published once per person, for the control module to open a case.
 *
 * @param outcome the call outcome the classification rests on, e.g. {@code LIVES_ON_CAMPUS}
 */
public record PersonClassified(long schoolId, long personId, long listId, long taskId, String proposedCategory,
		String outcome, String sourceName, String notes, String classifiedBy, Instant classifiedAt) {
}
