package org.bulwark.health;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Completeness and timeliness of unit reports the way DHIS2 defines them: over a range of days,
 * expected = open reporting units × days they were open, actual = reports submitted, timely =
 * reports whose first submission arrived by the deadline. Rolled up the org unit tree, a unit's
 * figures include every unit below it.
 */
final class Completeness {

	/** Expected, submitted and timely reports. */
	record Tally(long expected, long actual, long timely) {

		static final Tally NONE = new Tally(0, 0, 0);

		Tally plus(Tally o) {
			return new Tally(expected + o.expected, actual + o.actual, timely + o.timely);
		}

		public long missing() {
			return Math.max(0, expected - actual);
		}

		/** Submitted of expected, in percent with one decimal; null when nothing was expected. */
		public Double completeness() {
			return percent(actual, expected);
		}

		/** Submitted by the deadline of expected, in percent with one decimal; null when nothing was expected. */
		public Double timeliness() {
			return percent(timely, expected);
		}

		private static Double percent(long part, long whole) {
			return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
		}
	}

	/** A unit as the tally needs it: whether it must report, and from which day (the day it was opened). */
	record Unit(long id, String path, boolean reports, LocalDate openedOn) {
	}

	private Completeness() {
	}

	/** The days of {@code [from, to]} on which a unit opened on {@code openedOn} is expected to report. */
	static long expectedDays(LocalDate openedOn, LocalDate from, LocalDate to) {
		LocalDate start = openedOn != null && openedOn.isAfter(from) ? openedOn : from;
		return start.isAfter(to) ? 0 : ChronoUnit.DAYS.between(start, to) + 1;
	}

	/**
	 * Each unit's own tally: a report counts only for a unit that must report, on a day it was
	 * expected (a report of a day before the unit opened, or of a unit that no longer reports, is
	 * kept but does not count).
	 *
	 * @param reports per unit id, the days of its reports in the range and whether each was timely
	 */
	static Map<Long, Tally> own(List<Unit> units, Map<Long, Map<LocalDate, Boolean>> reports, LocalDate from,
			LocalDate to) {
		Map<Long, Tally> out = new HashMap<>();
		for (Unit u : units) {
			if (!u.reports()) {
				continue;
			}
			long expected = expectedDays(u.openedOn(), from, to);
			long actual = 0;
			long timely = 0;
			for (Map.Entry<LocalDate, Boolean> r : reports.getOrDefault(u.id(), Map.of()).entrySet()) {
				LocalDate day = r.getKey();
				if (day.isBefore(from) || day.isAfter(to) || (u.openedOn() != null && day.isBefore(u.openedOn()))) {
					continue;
				}
				actual++;
				if (r.getValue()) {
					timely++;
				}
			}
			out.put(u.id(), new Tally(expected, actual, timely));
		}
		return out;
	}

	/** Each unit's tally with those of all units below it (by path, {@code /1/7/42/}). */
	static Map<Long, Tally> rolledUp(List<Unit> units, Map<Long, Tally> own) {
		Map<Long, Tally> out = new HashMap<>();
		for (Unit u : units) {
			out.put(u.id(), Tally.NONE);
		}
		for (Unit u : units) {
			Tally t = own.get(u.id());
			if (t == null) {
				continue;
			}
			for (long ancestor : lineage(u.path())) {
				out.computeIfPresent(ancestor, (k, v) -> v.plus(t));
			}
		}
		return out;
	}

	/** The ids of a materialised path, root first, the unit itself last. */
	static List<Long> lineage(String path) {
		List<Long> ids = new ArrayList<>();
		Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).forEach(s -> ids.add(Long.valueOf(s)));
		return ids;
	}
}
