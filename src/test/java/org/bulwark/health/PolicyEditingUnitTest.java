package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.bulwark.directory.FieldProblem;
import org.bulwark.health.PolicyEditing.SlotRow;
import org.junit.jupiter.api.Test;

class PolicyEditingUnitTest {

	private static SlotRow row(String code, String start, String end, String deadline, String grace) {
		return new SlotRow(code, "晨检", "Morning", start, end, deadline, grace);
	}

	@Test
	void validRowsBecomeSlotsAndEmptyCodesAreDropped() {
		List<Slot> slots = new ArrayList<>();
		List<FieldProblem> problems = PolicyEditing.parse(List.of(row("morning", "06:00", "09:30", "09:00", "15"),
				row("", "", "", "", "0")), slots);
		assertThat(problems).isEmpty();
		assertThat(slots).containsExactly(new Slot("morning", "晨检", "Morning", LocalTime.of(6, 0), LocalTime.of(9, 30),
				LocalTime.of(9, 0), 15));
	}

	@Test
	void eachBadCellIsNamedByRowAndField() {
		List<Slot> slots = new ArrayList<>();
		List<FieldProblem> problems = PolicyEditing.parse(List.of(row("Morning!", "06:00", "05:00", "04:00", "-1"),
				row("noon", "25:00", "14:00", "14:00", "x"), row("noon", "11:00", "12:00", "12:00", "0"),
				new SlotRow("late", " ", "Late", "20:00", "21:00", "21:00", "0")), slots);
		assertThat(problems).extracting(FieldProblem::field, FieldProblem::code).containsExactly(
				org.assertj.core.groups.Tuple.tuple("slots[0].code", "health.slot.code"),
				org.assertj.core.groups.Tuple.tuple("slots[0].grace", "health.slot.grace"),
				org.assertj.core.groups.Tuple.tuple("slots[0].end", "health.slot.endBeforeStart"),
				org.assertj.core.groups.Tuple.tuple("slots[0].deadline", "health.slot.deadlineBeforeStart"),
				org.assertj.core.groups.Tuple.tuple("slots[1].start", "health.slot.time"),
				org.assertj.core.groups.Tuple.tuple("slots[1].grace", "health.slot.grace"),
				org.assertj.core.groups.Tuple.tuple("slots[2].code", "health.slot.duplicate"),
				org.assertj.core.groups.Tuple.tuple("slots[3].name", "health.slot.name"));
	}

	@Test
	void aPolicyKeepsAtLeastOneSlot() {
		assertThat(PolicyEditing.parse(List.of(row(" ", "06:00", "09:00", "09:00", "0")), new ArrayList<>()))
			.extracting(FieldProblem::code).containsExactly("health.slot.none");
	}
}
