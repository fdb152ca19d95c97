package org.bulwark.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The colour of a campus pass from the reasons that hold for a person: the most severe colour any of
 * them gives (a school's choice per reason, else its standard colour), green when none holds. The
 * same rule is written as SQL for lists that filter and count by colour ({@link #colourSql}), from the
 * same table of colours, so a page and a gate cannot disagree.
 */
final class PassRules {

	/** A pass: its colour and every reason that holds, most severe first (reasons giving green are notes). */
	record Pass(PassColour colour, List<Item> reasons) {
	}

	/** A reason that holds and the colour it gives at the school. */
	record Item(PassReason reason, PassColour colour) {
	}

	private final Map<PassReason, PassColour> colours;

	private PassRules(Map<PassReason, PassColour> colours) {
		this.colours = colours;
	}

	static PassRules standard() {
		return with(Map.of());
	}

	/** The standard colours with the school's changes. */
	static PassRules with(Map<PassReason, PassColour> changes) {
		Map<PassReason, PassColour> colours = new EnumMap<>(PassReason.class);
		for (PassReason r : PassReason.values()) {
			colours.put(r, changes.getOrDefault(r, r.standard()));
		}
		return new PassRules(colours);
	}

	public PassColour colourOf(PassReason reason) {
		return colours.get(reason);
	}

	Map<PassReason, PassColour> colours() {
		return Map.copyOf(colours);
	}

	Pass decide(Collection<PassReason> holding) {
		Set<PassReason> set = holding.isEmpty() ? EnumSet.noneOf(PassReason.class) : EnumSet.copyOf(holding);
		PassColour colour = PassColour.GREEN;
		for (PassReason r : set) {
			if (colours.get(r).compareTo(colour) > 0) {
				colour = colours.get(r);
			}
		}
		List<PassReason> reasons = new ArrayList<>(set);
		reasons.sort(Comparator.comparing((PassReason r) -> colours.get(r)).reversed().thenComparing(Comparator.naturalOrder()));
		return new Pass(colour, reasons.stream().map(r -> new Item(r, colours.get(r))).toList());
	}

	/**
	 * The colour as an SQL expression ('RED', 'YELLOW' or 'GREEN'), given each reason's boolean column:
	 * the first colour from red down that one of its reasons holds for.
	 */
	String colourSql(Function<PassReason, String> holds) {
		StringBuilder sql = new StringBuilder("case");
		for (PassColour c : List.of(PassColour.RED, PassColour.YELLOW)) {
			List<String> any = new ArrayList<>();
			for (PassReason r : PassReason.values()) {
				if (colours.get(r) == c) {
					any.add(holds.apply(r));
				}
			}
			if (!any.isEmpty()) {
				sql.append(" when ").append(String.join(" or ", any)).append(" then '").append(c).append("'");
			}
		}
		return sql.append(" else 'GREEN' end").toString();
	}
}
