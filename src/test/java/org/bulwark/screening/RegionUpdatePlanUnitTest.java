package org.bulwark.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.bulwark.screening.RegionUpdatePlan.Change;
import org.bulwark.screening.RegionUpdatePlan.Outcome;
import org.bulwark.screening.RegionUpdatePlan.Row;
import org.junit.jupiter.api.Test;

class RegionUpdatePlanUnitTest {

	static final Map<String, String> EXISTING = Map.of("11", "北京市", "1101", "市辖区", "110101", "东城区");

	@Test
	void sortsEachRowIntoWhatItWouldDo() {
		List<Change> plan = RegionUpdatePlan.plan(List.of(
				new Row(2, "110101", "东城区", "1101"),
				new Row(3, "110101", "东城区", null),
				new Row(4, "110101099", "新街道", ""),
				new Row(5, "1101", "北京城区", "110000"),
				new Row(6, "11010", "错", null),
				new Row(7, "120199", "无主区", null),
				new Row(8, "110199", "", null),
				new Row(9, "110198", "错父", "12")), EXISTING);
		assertThat(plan).extracting(Change::outcome).containsExactly(Outcome.UNCHANGED, Outcome.DUPLICATE,
				Outcome.ADDED, Outcome.RENAMED, Outcome.INVALID_CODE, Outcome.UNKNOWN_PARENT, Outcome.MISSING_NAME,
				Outcome.PARENT_MISMATCH);
		assertThat(plan.get(3).oldName()).isEqualTo("市辖区");
		assertThat(plan.get(3).code()).isEqualTo("1101");
	}

	@Test
	void aNewParentInTheSameFileCountsButARefusedOneDoesNot() {
		List<Change> plan = RegionUpdatePlan.plan(List.of(
				new Row(2, "110120001", "新镇", null),
				new Row(3, "110120", "新区", null),
				new Row(4, "129901", "孤县", null),
				new Row(5, "1299", "", null)), EXISTING);
		assertThat(plan).extracting(Change::outcome).containsExactly(Outcome.ADDED, Outcome.ADDED,
				Outcome.UNKNOWN_PARENT, Outcome.MISSING_NAME);
	}
}
