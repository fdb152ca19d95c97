package org.bulwark.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.bulwark.control.RoomAllocation.Gender;
import org.bulwark.control.RoomAllocation.Person;
import org.bulwark.control.RoomAllocation.Reason;
import org.bulwark.control.RoomAllocation.Room;
import org.junit.jupiter.api.Test;

class RoomAllocationUnitTest {

	private static Room room(long id, int beds) {
		return new Room(id, String.format("A-%04d", id), beds, null, false);
	}

	@Test
	void oneRoomEachUnlessTheyShareAHousehold() {
		List<Person> people = List.of(new Person(1, 10L, Gender.MALE, false), new Person(2, 10L, Gender.FEMALE, false),
				new Person(3, null, Gender.MALE, false), new Person(4, null, Gender.FEMALE, false));
		var s = RoomAllocation.suggest(people, List.of(room(100, 2), room(101, 2), room(102, 1)));
		Map<Long, Long> roomOf = s.placements().stream()
			.collect(Collectors.toMap(RoomAllocation.Placement::personId, RoomAllocation.Placement::roomId));
		assertThat(roomOf.get(1L)).isEqualTo(roomOf.get(2L));
		assertThat(new HashSet<>(roomOf.values())).hasSize(3);
		assertThat(s.unplaced()).isEmpty();
	}

	@Test
	void respectsGenderRestrictionsAndAccessibilityAndSaysWhySomeoneIsLeftOut() {
		List<Room> rooms = List.of(new Room(1, "A-1", 1, Gender.FEMALE, false), new Room(2, "A-2", 1, null, true));
		var s = RoomAllocation.suggest(List.of(new Person(7, null, Gender.MALE, false), new Person(8, null, Gender.MALE, true)),
				rooms);
		assertThat(s.placements()).containsExactly(new RoomAllocation.Placement(8, 2));
		assertThat(s.unplaced()).containsExactly(new RoomAllocation.Unplaced(7, Reason.NO_ROOM_FOR_GENDER));

		var none = RoomAllocation.suggest(List.of(new Person(9, null, Gender.FEMALE, true)), List.of(room(3, 1)));
		assertThat(none.unplaced()).containsExactly(new RoomAllocation.Unplaced(9, Reason.NO_ACCESSIBLE_ROOM));

		var family = RoomAllocation.suggest(List.of(new Person(1, 5L, Gender.MALE, false), new Person(2, 5L, Gender.MALE, false),
				new Person(3, 5L, Gender.FEMALE, false)), List.of(room(4, 2)));
		assertThat(family.unplaced()).extracting(RoomAllocation.Unplaced::reason).containsOnly(Reason.HOUSEHOLD_TOO_LARGE);
	}

	@Test
	void threeHundredPeopleIntoTwoHundredFortyRoomsPlacesEveryoneTheRoomsCanHoldTheSameWayEachTime() {
		List<Person> people = new ArrayList<>();
		long id = 1;
		// 60 households of two, 180 people alone: 240 groups for 240 rooms
		for (long h = 1; h <= 60; h++) {
			people.add(new Person(id++, h, Gender.MALE, false));
			people.add(new Person(id++, h, Gender.FEMALE, false));
		}
		while (people.size() < 300) {
			people.add(new Person(id++, null, id % 2 == 0 ? Gender.MALE : Gender.FEMALE, false));
		}
		List<Room> rooms = new ArrayList<>();
		for (long r = 1; r <= 240; r++) {
			rooms.add(room(r, r <= 80 ? 2 : 1));
		}
		var s = RoomAllocation.suggest(people, rooms);
		assertThat(s.placements()).hasSize(300);
		assertThat(s.unplaced()).isEmpty();
		Map<Long, Set<Long>> occupants = new HashMap<>();
		s.placements().forEach(p -> occupants.computeIfAbsent(p.roomId(), k -> new HashSet<>()).add(p.personId()));
		assertThat(occupants).hasSize(240);
		assertThat(RoomAllocation.suggest(people, rooms)).isEqualTo(s);

		var more = RoomAllocation.suggest(people, rooms.subList(0, 200));
		assertThat(more.unplaced()).hasSize(40).extracting(RoomAllocation.Unplaced::reason).containsOnly(Reason.NO_ROOM);
	}

	@Test
	void aVacantRoomTakesAnyoneItFitsAndAnOccupiedRoomOnlyMoreOfItsHousehold() {
		Room two = room(1, 2);
		Person alone = new Person(1, null, Gender.MALE, false);
		Person mother = new Person(2, 9L, Gender.FEMALE, false);
		Person son = new Person(3, 9L, Gender.MALE, false);
		assertThat(RoomAllocation.check(List.of(alone), two, RoomState.VACANT, 0, null)).isEmpty();
		assertThat(RoomAllocation.check(List.of(mother, son), two, RoomState.VACANT, 0, null)).isEmpty();
		assertThat(RoomAllocation.check(List.of(alone), two, RoomState.OCCUPIED, 1, null))
			.as("one person per room").contains(Reason.OTHER_HOUSEHOLD);
		assertThat(RoomAllocation.check(List.of(son), two, RoomState.OCCUPIED, 1, 9L)).as("the household joins").isEmpty();
		assertThat(RoomAllocation.check(List.of(son), two, RoomState.OCCUPIED, 2, 9L)).contains(Reason.ROOM_FULL);
		assertThat(RoomAllocation.check(List.of(son), two, RoomState.OCCUPIED, 1, 8L)).contains(Reason.OTHER_HOUSEHOLD);
		assertThat(RoomAllocation.check(List.of(alone, mother), two, RoomState.VACANT, 0, null)).contains(Reason.NOT_ONE_HOUSEHOLD);
		assertThat(RoomAllocation.check(List.of(mother, son, new Person(4, 9L, Gender.MALE, false)), two, RoomState.VACANT, 0, null))
			.contains(Reason.HOUSEHOLD_TOO_LARGE);
	}

	@Test
	void aRoomAwaitingDisinfectionOrOutOfServiceIsRefusedAsAreWrongGenderAndMissingAccessibility() {
		Room women = new Room(1, "A-1", 1, Gender.FEMALE, false);
		Person man = new Person(1, null, Gender.MALE, false);
		Person woman = new Person(2, null, Gender.FEMALE, false);
		Person wheelchair = new Person(3, null, Gender.FEMALE, true);
		assertThat(RoomAllocation.check(List.of(woman), women, RoomState.AWAITING_DISINFECTION, 0, null)).contains(Reason.ROOM_NOT_OFFERED);
		assertThat(RoomAllocation.check(List.of(woman), women, RoomState.OUT_OF_SERVICE, 0, null)).contains(Reason.ROOM_NOT_OFFERED);
		assertThat(RoomAllocation.check(List.of(man), women, RoomState.VACANT, 0, null)).contains(Reason.NO_ROOM_FOR_GENDER);
		assertThat(RoomAllocation.check(List.of(new Person(4, null, null, false)), women, RoomState.VACANT, 0, null))
			.as("unknown gender does not go into a restricted room").contains(Reason.NO_ROOM_FOR_GENDER);
		assertThat(RoomAllocation.check(List.of(woman), women, RoomState.VACANT, 0, null)).isEmpty();
		assertThat(RoomAllocation.check(List.of(wheelchair), women, RoomState.VACANT, 0, null)).contains(Reason.NO_ACCESSIBLE_ROOM);
		assertThat(RoomAllocation.check(List.of(wheelchair), new Room(2, "A-2", 1, null, true), RoomState.VACANT, 0, null)).isEmpty();
	}
}
