package org.bulwark.screening;

import java.time.Instant;

/** A risk designation as the pages and the API show it; status is relative to the time it was read. */
public record RiskArea(long id, String regionCode, String regionName, RiskLevel level, Instant validFrom,
		Instant validTo, String source, String notes, Instant createdAt, Instant liftedAt, String liftReason,
		Status status) {

	public enum Status {
		UPCOMING, ACTIVE, ENDED, LIFTED
	}

	RiskRules.Designation designation() {
		return new RiskRules.Designation(regionCode, level, validFrom, validTo, liftedAt);
	}

	static Status statusAt(Instant now, Instant from, Instant to, Instant lifted) {
		if (lifted != null && !now.isBefore(lifted) && (to == null || lifted.isBefore(to))) {
			return Status.LIFTED;
		}
		if (to != null && !now.isBefore(to)) {
			return Status.ENDED;
		}
		return now.isBefore(from) ? Status.UPCOMING : Status.ACTIVE;
	}

	/** The start in the server's zone, for pages. */
	public java.time.LocalDateTime localFrom() {
		return local(validFrom);
	}

	public java.time.LocalDateTime localTo() {
		return local(validTo);
	}

	public java.time.LocalDateTime localLifted() {
		return local(liftedAt);
	}

	private static java.time.LocalDateTime local(Instant instant) {
		return instant == null ? null : java.time.LocalDateTime.ofInstant(instant, java.time.ZoneId.systemDefault());
	}

	public boolean liftable() {
		return status == Status.ACTIVE || status == Status.UPCOMING;
	}
}
