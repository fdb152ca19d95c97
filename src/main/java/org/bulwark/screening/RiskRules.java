package org.bulwark.screening;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the risk of a region is at an instant: the highest level among the designations valid then
 * on the region or any region above it (a designation on a city covers its counties and
 * townships). A designation is valid from its start (inclusive) to its end (exclusive), and a lifted
 * one only until it was lifted.
 */
public final class RiskRules {

	private RiskRules() {
	}

	/** The part of a designation the rules read. */
	public record Designation(String regionCode, RiskLevel level, Instant from, Instant to, Instant liftedAt) {

		public boolean validAt(Instant at) {
			return !at.isBefore(from) && (to == null || at.isBefore(to)) && (liftedAt == null || at.isBefore(liftedAt));
		}
	}

	public static Optional<RiskLevel> riskOf(String regionCode, Instant at, Collection<Designation> designations) {
		Set<String> covering = new HashSet<>(RegionCode.selfAndAncestors(regionCode));
		return designations.stream()
			.filter(d -> covering.contains(d.regionCode()) && d.validAt(at))
			.map(Designation::level)
			.max(Enum::compareTo);
	}
}
