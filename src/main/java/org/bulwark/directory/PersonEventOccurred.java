package org.bulwark.directory;

import java.time.Instant;

/**
 * Something happened to a person that belongs on their timeline: published by any module (a
 * check-in, a travel report, a control, a test result) inside its transaction; the directory
 * writes it to the timeline once that transaction has committed.
 *
 * @param module the publishing module, e.g. {@code health}; with {@code kind} it names the message
 *        key {@code timeline.kind.<module>.<kind>}
 * @param kind what happened, e.g. {@code checkedIn}
 * @param summary a short text shown under the translated kind
 * @param at when it happened
 */
public record PersonEventOccurred(long personId, String module, String kind, String summary, Instant at) {
}
