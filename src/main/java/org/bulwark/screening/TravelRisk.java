package org.bulwark.screening;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a returnee is flagged: a stay (whole local days, both ends included) in a region that was
 * designated, on itself or a region above it, at some moment of the stay. A designation counts from
 * its start (inclusive) until its end or its lifting (exclusive), as {@link RiskRules} reads it; a stay
 * ending the day before a designation starts, or starting on the day it ends at midnight, is not
 * flagged. A reported contact with a case flags too. Risk areas propose RISK_AREA_RETURNEE, a contact
 * CLOSE_CONTACT (the stricter one wins).
 */
public final class TravelRisk {

	private TravelRisk() {
	}

	public record Stay(String regionCode, LocalDate from, LocalDate to) {
	}

	/** A region stayed in and the highest level designated on it during the stay. */
	public record Hit(String regionCode, RiskLevel level) {
	}

	public record Flag(RiskLevel level, List<Hit> hits, List<String> reasons, ProposedCategory category) {
	}

	// whether the designation was in force at some instant of [start, end)
	static boolean overlaps(RiskRules.Designation d, Instant start, Instant end) {
		Instant until = d.to();
		if (d.liftedAt() != null && (until == null || d.liftedAt().isBefore(until))) {
			until = d.liftedAt();
		}
		return d.from().isBefore(end) && (until == null || until.isAfter(start));
	}

	public static Optional<RiskLevel> riskDuring(Stay stay, Collection<RiskRules.Designation> designations, ZoneId zone) {
		Instant start = stay.from().atStartOfDay(zone).toInstant();
		Instant end = stay.to().plusDays(1).atStartOfDay(zone).toInstant();
		Set<String> covering = new HashSet<>(RegionCode.selfAndAncestors(stay.regionCode()));
		return designations.stream()
			.filter(d -> covering.contains(d.regionCode()) && overlaps(d, start, end))
			.map(RiskRules.Designation::level)
			.max(Enum::compareTo);
	}

	public static Optional<Flag> assess(List<Stay> stays, boolean contactRisk, Collection<RiskRules.Designation> designations,
			ZoneId zone) {
		Map<String, RiskLevel> hits = new LinkedHashMap<>();
		for (Stay stay : stays) {
			riskDuring(stay, designations, zone).ifPresent(level -> hits.merge(stay.regionCode(), level,
					(a, b) -> a.compareTo(b) >= 0 ? a : b));
		}
		if (hits.isEmpty() && !contactRisk) {
			return Optional.empty();
		}
		List<String> reasons = new ArrayList<>();
		if (!hits.isEmpty()) {
			reasons.add("RISK_AREA");
		}
		if (contactRisk) {
			reasons.add("CONTACT");
		}
		RiskLevel level = hits.values().stream().max(Enum::compareTo).orElse(null);
		ProposedCategory category = contactRisk ? ProposedCategory.CLOSE_CONTACT : ProposedCategory.RISK_AREA_RETURNEE;
		return Optional.of(new Flag(level, hits.entrySet().stream().map(e -> new Hit(e.getKey(), e.getValue())).toList(),
				reasons, category));
	}
}
