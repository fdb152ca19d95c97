package org.bulwark.health;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of "who has not reported", without a database: where a slot of a day stands at an
 * instant, what a person's state is for it, which slot a page shows by default, which people a
 * reminder goes to and when someone has missed enough slots in a row to be escalated.
 */
final class NonReporting {

	/** Where a slot of a day stands at an instant, in the school's time zone. */
	enum Phase {
		/** Not open yet: nobody is expected so far. */
		NOT_OPEN,
		/** Open and on time (until deadline + grace): missing people are "not yet reported". */
		ON_TIME,
		/** Past deadline + grace: missing people are "overdue". */
		OVERDUE
	}

	/** A person's state for one slot of one day. */
	enum State {
		AWAY, REPORTED, REPORTED_LATE, NOT_YET, OVERDUE, NOT_OPEN
	}

	/** What the list pages filter by: the missing (not yet + overdue), one of them, the never-reported, the late. */
	enum Status {
		MISSING, NOT_YET, OVERDUE, NEVER, LATE;

		static Status parse(String value) {
			if (value == null || value.isBlank()) {
				return MISSING;
			}
			for (Status s : values()) {
				if (s.name().equalsIgnoreCase(value.strip()) || s.name().replace("_", "").equalsIgnoreCase(value.strip())) {
					return s;
				}
			}
			return null;
		}

		/** Whether a slot in this phase has people of this status. */
		boolean possibleIn(Phase phase) {
			return switch (this) {
				case MISSING, NEVER -> phase != Phase.NOT_OPEN;
				case NOT_YET -> phase == Phase.ON_TIME;
				case OVERDUE -> phase == Phase.OVERDUE;
				case LATE -> phase == Phase.OVERDUE;
			};
		}
	}

	private NonReporting() {
	}

	static Phase phase(Slot slot, LocalDate day, Instant now, ZoneId zone) {
		ZonedDateTime at = now.atZone(zone);
		if (at.isBefore(LocalDateTime.of(day, slot.start()).atZone(zone))) {
			return Phase.NOT_OPEN;
		}
		return at.isAfter(slot.onTimeUntil(day, zone)) ? Phase.OVERDUE : Phase.ON_TIME;
	}

	/**
	 * A person's state for the slot of a day. A submission after the deadline counts as reported
	 * (late); someone away that day is away whatever else holds.
	 *
	 * @param submitted whether a check-in exists for that day and slot
	 * @param late whether that check-in was marked late
	 */
	static State state(Slot slot, LocalDate day, Instant now, ZoneId zone, boolean away, boolean submitted, boolean late) {
		if (away) {
			return State.AWAY;
		}
		if (submitted) {
			return late ? State.REPORTED_LATE : State.REPORTED;
		}
		return switch (phase(slot, day, now, zone)) {
			case NOT_OPEN -> State.NOT_OPEN;
			case ON_TIME -> State.NOT_YET;
			case OVERDUE -> State.OVERDUE;
		};
	}

	/**
	 * The slot a page shows when none is chosen: the one open now (started, not ended), else the one
	 * that started last today, else the day's first.
	 */
	static Optional<Slot> current(List<Slot> slots, Instant now, ZoneId zone) {
		if (slots.isEmpty()) {
			return Optional.empty();
		}
		LocalDate today = now.atZone(zone).toLocalDate();
		ZonedDateTime at = now.atZone(zone);
		List<Slot> sorted = slots.stream().sorted(Comparator.comparing(Slot::start)).toList();
		Slot started = null;
		for (Slot s : sorted) {
			ZonedDateTime start = LocalDateTime.of(today, s.start()).atZone(zone);
			if (!at.isBefore(start)) {
				started = s;
				ZonedDateTime end = LocalDateTime.of(s.end().isBefore(s.start()) ? today.plusDays(1) : today, s.end()).atZone(zone);
				if (at.isBefore(end)) {
					return Optional.of(s);
				}
			}
		}
		return Optional.of(started != null ? started : sorted.get(0));
	}

	/** Whether a reminder may go to a person in this state: only the missing, never the away or reported. */
	static boolean remindable(State state) {
		return state == State.NOT_YET || state == State.OVERDUE;
	}

	/**
	 * Of the people asked for, those a reminder goes to now: remindable, and not reminded for the slot
	 * yet (at most one reminder per person and slot; the database's unique key holds it against races).
	 */
	static List<Long> toRemind(Collection<Long> candidates, Set<Long> remindable, Set<Long> alreadyReminded) {
		List<Long> out = new ArrayList<>();
		for (Long id : new java.util.LinkedHashSet<>(candidates)) {
			if (remindable.contains(id) && !alreadyReminded.contains(id)) {
				out.add(id);
			}
		}
		return out;
	}

	/** One slot of one day. */
	record SlotOfDay(LocalDate day, Slot slot) {
	}

	/**
	 * The last {@code n} slots of a policy that were past deadline + grace at {@code now}, newest
	 * first, looking back over at most {@code n} + 1 days: the slots a person must have missed in a
	 * row to be escalated.
	 */
	static List<SlotOfDay> lastPast(List<Slot> slots, Instant now, ZoneId zone, int n) {
		List<SlotOfDay> out = new ArrayList<>();
		if (slots.isEmpty() || n <= 0) {
			return out;
		}
		List<Slot> latestFirst = slots.stream().sorted(Comparator.comparing(Slot::start).reversed()).toList();
		LocalDate today = now.atZone(zone).toLocalDate();
		for (int back = 0; back <= n + 1 && out.size() < n; back++) {
			LocalDate day = today.minusDays(back);
			for (Slot s : latestFirst) {
				if (phase(s, day, now, zone) == Phase.OVERDUE && out.size() < n) {
					out.add(new SlotOfDay(day, s));
				}
			}
		}
		return out;
	}

	/**
	 * Whether someone is escalated: they missed each of the last {@code n} past slots (none of them
	 * reported, late or not) and were enrolled before the earliest of them started.
	 */
	static boolean escalate(List<SlotOfDay> lastPast, int n, int reportedAmongThem, Instant enrolledAt, ZoneId zone) {
		if (n <= 0 || lastPast.size() < n || reportedAmongThem > 0) {
			return false;
		}
		SlotOfDay earliest = lastPast.get(lastPast.size() - 1);
		return !enrolledAt.isAfter(LocalDateTime.of(earliest.day(), earliest.slot().start()).atZone(zone).toInstant());
	}
}
