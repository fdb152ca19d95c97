package org.bulwark.directory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of moving in and out, without a database: a room holds no more people than its
 * capacity, a bed holds one person, a move-out is not before the move-in, and moving in elsewhere
 * closes the current residence on the move-in date, so that date cannot precede the current one.
 * Beds of a dormitory room are numbered 1 to its capacity.
 */
final class ResidenceRules {

	private ResidenceRules() {
	}

	/**
	 * A room as the rules see it.
	 *
	 * @param label the room with its building, for messages ("1号楼 101")
	 * @param beds whether people live in numbered beds (dormitories) rather than the room as a whole
	 * @param capacity how many people it holds, or null when unlimited
	 * @param takenBeds beds of people living there now, the mover excluded
	 * @param occupants people living there now, the mover excluded
	 */
	record Room(long id, String label, boolean beds, Integer capacity, Set<String> takenBeds, int occupants) {

		Room {
			takenBeds = Set.copyOf(takenBeds);
		}

		int free() {
			return capacity == null ? Integer.MAX_VALUE : Math.max(0, capacity - occupants);
		}
	}

	/** Where a person lives now: the open residence. */
	record Stay(long placeId, LocalDate movedIn) {
	}

	/** One person into one room (and bed), as the bulk assignment proposes it. */
	record Placement(long personId, long roomId, String bed) {
	}

	/** The lowest free bed of a dormitory room, or null when every bed is taken. */
	static String freeBed(Room room) {
		if (!room.beds() || room.capacity() == null) {
			return null;
		}
		for (int b = 1; b <= room.capacity(); b++) {
			if (!room.takenBeds().contains(String.valueOf(b))) {
				return String.valueOf(b);
			}
		}
		return null;
	}

	/** What is wrong with moving into {@code room} (in {@code bed}, when given) on {@code movedIn}. */
	static List<FieldProblem> moveIn(Room room, String bed, LocalDate movedIn, Stay current, LocalDate today) {
		List<FieldProblem> problems = new ArrayList<>();
		if (movedIn == null) {
			problems.add(FieldProblem.of("movedIn", "required"));
		} else if (movedIn.isAfter(today)) {
			problems.add(FieldProblem.of("movedIn", "future"));
		} else if (current != null && movedIn.isBefore(current.movedIn())) {
			problems.add(FieldProblem.of("movedIn", "beforeCurrent", current.movedIn()));
		}
		if (room.capacity() != null && room.occupants() >= room.capacity()) {
			problems.add(FieldProblem.of("place", "roomFull", room.label(), room.capacity()));
			return problems;
		}
		String b = bed == null ? "" : bed.strip();
		if (room.beds() && !b.isEmpty()) {
			int number = bedNumber(b);
			if (number < 1 || (room.capacity() != null && number > room.capacity())) {
				problems.add(FieldProblem.of("bed", "noSuchBed", b, room.label()));
			} else if (room.takenBeds().contains(String.valueOf(number))) {
				problems.add(FieldProblem.of("bed", "bedTaken", b, room.label()));
			}
		}
		return problems;
	}

	/** The bed someone gets: the one asked for (normalised), else the lowest free one; none outside dormitories. */
	static String bedFor(Room room, String bed) {
		if (!room.beds()) {
			return null;
		}
		String b = bed == null ? "" : bed.strip();
		return b.isEmpty() ? freeBed(room) : String.valueOf(bedNumber(b));
	}

	static List<FieldProblem> moveOut(LocalDate movedIn, LocalDate movedOut, LocalDate today) {
		List<FieldProblem> problems = new ArrayList<>();
		if (movedOut == null) {
			problems.add(FieldProblem.of("movedOut", "required"));
		} else if (movedOut.isAfter(today)) {
			problems.add(FieldProblem.of("movedOut", "future"));
		} else if (movedIn != null && movedOut.isBefore(movedIn)) {
			problems.add(FieldProblem.of("movedOut", "beforeMoveIn", movedIn));
		}
		return problems;
	}

	/**
	 * Fills free places of the rooms in their order with the people in theirs: every free bed of
	 * the first room, then the next. People left over when the rooms are full get no placement.
	 */
	static List<Placement> fill(List<Long> people, List<Room> rooms) {
		List<Placement> placements = new ArrayList<>();
		int next = 0;
		for (Room room : rooms) {
			Set<String> taken = new HashSet<>(room.takenBeds());
			int free = room.free();
			while (free > 0 && next < people.size()) {
				String bed = null;
				if (room.beds()) {
					bed = freeBed(new Room(room.id(), room.label(), true, room.capacity(), taken, 0));
					if (bed == null) {
						break;
					}
					taken.add(bed);
				}
				placements.add(new Placement(people.get(next++), room.id(), bed));
				free--;
			}
			if (next >= people.size()) {
				break;
			}
		}
		return placements;
	}

	/** Counts placements per room, for the preview. */
	static Map<Long, Integer> perRoom(List<Placement> placements) {
		Map<Long, Integer> counts = new LinkedHashMap<>();
		placements.forEach(p -> counts.merge(p.roomId(), 1, Integer::sum));
		return counts;
	}

	private static int bedNumber(String bed) {
		try {
			return Integer.parseInt(bed);
		} catch (NumberFormatException e) {
			return -1;
		}
	}
}
