package org.bulwark.directory;

import java.util.ArrayList;
import java.util.List;

/**
 * A building described by its pattern — "building 25, floors 1–6, rooms 01–30, 4 beds each" — and
 * expanded into its floors and rooms, so an office creates a whole dormitory in one step.
 *
 * @param code the building's code, the prefix of its floors' and rooms' codes (e.g. {@code C1-B25})
 * @param name the building's name (e.g. 25号楼)
 * @param firstFloor lowest floor number (may be negative for basements)
 * @param lastFloor highest floor number
 * @param firstRoom first room number on each floor
 * @param lastRoom last room number on each floor
 * @param roomDigits digits of the room number within a floor (2 gives 301, 302 … 330; 3 gives 3001 …)
 * @param beds beds (capacity) per room
 */
public record BuildingPattern(String code, String name, PlaceUsage usage, int firstFloor, int lastFloor, int firstRoom,
		int lastRoom, int roomDigits, int beds) {

	public static final int MAX_ROOMS = 5_000;

	public record Node(PlaceKind kind, String code, String name, Integer capacity, int floorIndex) {
	}

	/** What is wrong with the pattern, as problems by field; empty when it can be built. */
	public List<FieldProblem> problems() {
		List<FieldProblem> problems = new ArrayList<>();
		if (code == null || code.isBlank()) {
			problems.add(FieldProblem.of("code", "required"));
		}
		if (name == null || name.isBlank()) {
			problems.add(FieldProblem.of("name", "required"));
		}
		if (usage == null) {
			problems.add(FieldProblem.of("usage", "required"));
		}
		if (firstFloor > lastFloor || firstFloor < -5 || lastFloor > 200) {
			problems.add(FieldProblem.of("floors", "range", -5, 200));
		}
		if (roomDigits < 1 || roomDigits > 3) {
			problems.add(FieldProblem.of("roomDigits", "range", 1, 3));
		}
		int maxRoom = roomDigits < 1 || roomDigits > 3 ? 0 : (int) Math.pow(10, roomDigits) - 1;
		if (firstRoom < 1 || firstRoom > lastRoom || lastRoom > maxRoom) {
			problems.add(FieldProblem.of("rooms", "range", 1, maxRoom));
		}
		if (beds < 0 || beds > 50) {
			problems.add(FieldProblem.of("beds", "range", 0, 50));
		}
		if (problems.isEmpty() && (long) (lastFloor - firstFloor + 1) * (lastRoom - firstRoom + 1) > MAX_ROOMS) {
			problems.add(FieldProblem.of("rooms", "tooMany", MAX_ROOMS));
		}
		return problems;
	}

	/** Floors and, after each floor, its rooms: room 301 is on floor 3, B102 on basement floor 1. */
	public List<Node> expand() {
		if (!problems().isEmpty()) {
			throw new IllegalStateException("Invalid pattern: " + problems());
		}
		List<Node> nodes = new ArrayList<>();
		int index = 0;
		for (int floor = firstFloor; floor <= lastFloor; floor++) {
			if (floor == 0) {
				continue;
			}
			String floorLabel = floor < 0 ? "B" + (-floor) : String.valueOf(floor);
			nodes.add(new Node(PlaceKind.FLOOR, code + "-F" + floorLabel, floorLabel + "F", null, index));
			for (int room = firstRoom; room <= lastRoom; room++) {
				String number = floorLabel + String.format("%0" + roomDigits + "d", room);
				nodes.add(new Node(PlaceKind.ROOM, code + "-" + number, number, beds, index));
			}
			index++;
		}
		return nodes;
	}
}
