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

	public enum Reason { NO_ROOM, NO_ACCESSIBLE_ROOM, NO_ROOM_FOR_GENDER, HOUSEHOLD_TOO_LARGE }

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
