package org.bulwark.screening;

/**
 * A new risk designation as typed or sent: the region by code, the level (HIGH, MEDIUM, LOW), the
 * window as an instant, a local date-time or a date (local to the server), the end optional.
 */
public record RiskAreaForm(String region, String level, String from, String to, String source, String notes) {
}
