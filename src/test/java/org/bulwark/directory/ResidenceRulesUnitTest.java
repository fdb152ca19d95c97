package org.bulwark.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ResidenceRulesUnitTest {

	private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

	private static ResidenceRules.Room dorm(long id, int capacity, Set<String> taken) {
		return new ResidenceRules.Room(id, "1号楼 10" + id, true, capacity, taken, taken.size());
	}

	private static List<String> codes(List<FieldProblem> problems) {
		return problems.stream().map(p -> p.field() + ":" + p.code()).toList();
	}

	@Test
	void fullRoomIsRefusedNamingTheRoom() {
		var problems = ResidenceRules.moveIn(dorm(1, 2, Set.of("1", "2")), null, TODAY, null, TODAY);
		assertThat(codes(problems)).containsExactly("place:roomFull");
		assertThat(problems.get(0).args()).containsExactly("1号楼 101", 2);
	}

	@Test
	void takenOrMissingBedIsRefused() {
		assertThat(codes(ResidenceRules.moveIn(dorm(1, 4, Set.of("2")), "2", TODAY, null, TODAY)))
			.containsExactly("bed:bedTaken");
		assertThat(codes(ResidenceRules.moveIn(dorm(1, 4, Set.of()), "5", TODAY, null, TODAY)))
			.containsExactly("bed:noSuchBed");
		assertThat(ResidenceRules.moveIn(dorm(1, 4, Set.of("2")), "3", TODAY, null, TODAY)).isEmpty();
	}

	@Test
	void lowestFreeBedIsGivenWhenNoneAskedFor() {
		assertThat(ResidenceRules.bedFor(dorm(1, 4, Set.of("1", "3")), null)).isEqualTo("2");
		assertThat(ResidenceRules.bedFor(dorm(1, 4, Set.of("1", "3")), " 04 ")).isEqualTo("4");
		assertThat(ResidenceRules.freeBed(dorm(1, 2, Set.of("1", "2")))).isNull();
	}

	@Test
	void roomsWithoutBedsOnlyCountPeople() {
		var flat = new ResidenceRules.Room(9, "青教公寓 201", false, 2, Set.of(), 1);
		assertThat(ResidenceRules.moveIn(flat, null, TODAY, null, TODAY)).isEmpty();
		assertThat(ResidenceRules.bedFor(flat, "3")).isNull();
		var unlimited = new ResidenceRules.Room(9, "家属楼 1单元 101", false, null, Set.of(), 12);
		assertThat(ResidenceRules.moveIn(unlimited, null, TODAY, null, TODAY)).isEmpty();
	}

	@Test
	void movingInCannotPrecedeTheCurrentMoveInNorLieInTheFuture() {
		var current = new ResidenceRules.Stay(5, LocalDate.of(2025, 9, 1));
		assertThat(codes(ResidenceRules.moveIn(dorm(1, 4, Set.of()), null, LocalDate.of(2025, 8, 31), current, TODAY)))
			.containsExactly("movedIn:beforeCurrent");
		assertThat(ResidenceRules.moveIn(dorm(1, 4, Set.of()), null, LocalDate.of(2025, 9, 1), current, TODAY)).isEmpty();
		assertThat(codes(ResidenceRules.moveIn(dorm(1, 4, Set.of()), null, TODAY.plusDays(1), null, TODAY)))
			.containsExactly("movedIn:future");
		assertThat(codes(ResidenceRules.moveIn(dorm(1, 4, Set.of()), null, null, null, TODAY)))
			.containsExactly("movedIn:required");
	}

	@Test
	void moveOutIsNotBeforeMoveIn() {
		LocalDate in = LocalDate.of(2025, 9, 1);
		assertThat(codes(ResidenceRules.moveOut(in, in.minusDays(1), TODAY))).containsExactly("movedOut:beforeMoveIn");
		assertThat(ResidenceRules.moveOut(in, in, TODAY)).isEmpty();
		assertThat(codes(ResidenceRules.moveOut(in, null, TODAY))).containsExactly("movedOut:required");
	}

	@Test
	void bulkFillsFreeBedsRoomByRoomAndLeavesTheRestUnplaced() {
		var rooms = List.of(dorm(1, 2, Set.of("1")), dorm(2, 2, Set.of()), dorm(3, 1, Set.of("1")));
		var placements = ResidenceRules.fill(List.of(10L, 11L, 12L, 13L), rooms);
		assertThat(placements).containsExactly(new ResidenceRules.Placement(10, 1, "2"),
				new ResidenceRules.Placement(11, 2, "1"), new ResidenceRules.Placement(12, 2, "2"));
		assertThat(ResidenceRules.perRoom(placements)).containsEntry(2L, 2);
	}
}
