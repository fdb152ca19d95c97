package org.bulwark.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Suggests rooms for a list of people, for the user to review and confirm: one person per room, except
 * that a household shares one (up to its beds); a room restricted to a gender takes only that gender; a
 * person who needs an accessible room gets one or none. Rooms are filled in their order (zone, building,
 * floor, room), households first and largest first, so the suggestion is the same every time.
 */
public final class RoomAllocation {

	public enum Gender { MALE, FEMALE }

	public record Person(long id, Long householdId, Gender gender, boolean needsAccessible) {
	}

	/** A vacant room on offer; {@code gender} null when anyone may stay there. */
	public record Room(long id, String sortKey, int beds, Gender gender, boolean accessible) {
	}

	public record Placement(long personId, long roomId) {
	}

	/**
	 * Why someone finds no room (a suggestion) or cannot have this room (a placement): the last five
	 * only when placing into a given room, whose state and occupants the suggestion did not see.
	 */
	public enum Reason {
		NO_ROOM, NO_ACCESSIBLE_ROOM, NO_ROOM_FOR_GENDER, HOUSEHOLD_TOO_LARGE, ROOM_NOT_OFFERED, ROOM_FULL, OTHER_HOUSEHOLD,
		NOT_ONE_HOUSEHOLD, ALREADY_PLACED
	}

	/**
	 * Whether a group (one person, or people of one household) may move into a room as it stands now:
	 * a vacant room takes anyone it fits; an occupied room only more of its occupants' household
	 * ({@code occupantsHousehold}, null when the occupants share none) up to its beds. Empty when they may.
	 */
	public static java.util.Optional<Reason> check(List<Person> group, Room room, RoomState state, int occupied,
			Long occupantsHousehold) {
		if (group.isEmpty()) {
			throw new IllegalArgumentException("nobody to place");
		}
		Long household = group.get(0).householdId();
		boolean oneHousehold = household != null && group.stream().allMatch(p -> household.equals(p.householdId()));
		Reason reason = null;
		if (state == RoomState.OCCUPIED) {
			if (occupantsHousehold == null || !oneHousehold || !occupantsHousehold.equals(household)) {
				reason = Reason.OTHER_HOUSEHOLD;
			}
		} else if (!state.offered() || occupied > 0) {
			reason = Reason.ROOM_NOT_OFFERED;
		}
		if (reason == null && group.size() > 1 && !oneHousehold) {
			reason = Reason.NOT_ONE_HOUSEHOLD;
		}
		if (reason == null && occupied + group.size() > room.beds()) {
			reason = occupied == 0 ? Reason.HOUSEHOLD_TOO_LARGE : Reason.ROOM_FULL;
		}
		if (reason == null && room.gender() != null && group.stream().anyMatch(p -> p.gender() != room.gender())) {
			reason = Reason.NO_ROOM_FOR_GENDER;
		}
		if (reason == null && !room.accessible() && group.stream().anyMatch(Person::needsAccessible)) {
			reason = Reason.NO_ACCESSIBLE_ROOM;
		}
		return java.util.Optional.ofNullable(reason);
	}

	public record Unplaced(long personId, Reason reason) {
	}

	public record Suggestion(List<Placement> placements, List<Unplaced> unplaced) {
	}

	private RoomAllocation() {
	}

	/** Why a group found no room among those still free. */
	private static Reason reason(List<Room> free, int size, boolean accessible) {
		List<Room> bigEnough = free.stream().filter(r -> r.beds() >= size).toList();
		if (bigEnough.isEmpty()) {
			return size > 1 && !free.isEmpty() ? Reason.HOUSEHOLD_TOO_LARGE : Reason.NO_ROOM;
		}
		if (accessible && bigEnough.stream().noneMatch(Room::accessible)) {
			return Reason.NO_ACCESSIBLE_ROOM;
		}
		return Reason.NO_ROOM_FOR_GENDER;
	}

	public static Suggestion suggest(List<Person> people, List<Room> rooms) {
		List<Room> free = new ArrayList<>(rooms.stream().filter(r -> r.beds() > 0)
			.sorted(Comparator.comparing(Room::sortKey).thenComparingLong(Room::id)).toList());
		// a household (or a person alone) moves in together
		Map<Object, List<Person>> groups = new LinkedHashMap<>();
		for (Person p : people) {
			groups.computeIfAbsent(p.householdId() != null ? "h" + p.householdId() : "p" + p.id(), k -> new ArrayList<>())
				.add(p);
		}
		List<List<Person>> ordered = new ArrayList<>(groups.values());
		ordered.sort(Comparator.<List<Person>>comparingInt(List::size).reversed()
			.thenComparing(g -> g.stream().anyMatch(Person::needsAccessible) ? 0 : 1));
		List<Placement> placements = new ArrayList<>();
		List<Unplaced> unplaced = new ArrayList<>();
		for (List<Person> group : ordered) {
			boolean accessible = group.stream().anyMatch(Person::needsAccessible);
			Gender gender = group.stream().map(Person::gender).filter(Objects::nonNull).distinct().count() == 1
					? group.get(0).gender() : null;
			boolean mixed = group.stream().map(Person::gender).filter(Objects::nonNull).distinct().count() > 1;
			Room room = free.stream().filter(r -> r.beds() >= group.size())
				.filter(r -> !accessible || r.accessible())
				.filter(r -> r.gender() == null || (!mixed && r.gender() == gender))
				.findFirst().orElse(null);
			if (room == null) {
				Reason reason = reason(free, group.size(), accessible);
				group.forEach(p -> unplaced.add(new Unplaced(p.id(), reason)));
				continue;
			}
			free.remove(room);
			group.forEach(p -> placements.add(new Placement(p.id(), room.id())));
		}
		return new Suggestion(List.copyOf(placements), List.copyOf(unplaced));
	}
}
