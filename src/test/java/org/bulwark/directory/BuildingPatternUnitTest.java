package org.bulwark.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildingPatternUnitTest {

	@Test
	void expandsBuilding25IntoSixFloorsOfThirtyRoomsWithFourBeds() {
		var pattern = new BuildingPattern("C1-B25", "25号楼", PlaceUsage.DORMITORY, 1, 6, 1, 30, 2, 4);
		var nodes = pattern.expand();
		assertThat(nodes).filteredOn(n -> n.kind() == PlaceKind.FLOOR).hasSize(6);
		assertThat(nodes).filteredOn(n -> n.kind() == PlaceKind.ROOM).hasSize(180)
			.allMatch(n -> n.capacity() == 4);
		assertThat(nodes.get(0).code()).isEqualTo("C1-B25-F1");
		assertThat(nodes.get(1).name()).isEqualTo("101");
		assertThat(nodes.get(nodes.size() - 1).code()).isEqualTo("C1-B25-630");
	}

	@Test
	void skipsFloorZeroAndNamesBasements() {
		var nodes = new BuildingPattern("G", "车库", PlaceUsage.OTHER, -1, 1, 1, 2, 2, 0).expand();
		assertThat(nodes).extracting(BuildingPattern.Node::name).containsExactly("B1F", "B101", "B102", "1F", "101", "102");
	}

	@Test
	void reportsEveryBadFieldAndRefusesHugePatterns() {
		assertThat(new BuildingPattern("", "", null, 6, 1, 0, 120, 2, 99).problems()).extracting(FieldProblem::field)
			.containsExactlyInAnyOrder("code", "name", "usage", "floors", "rooms", "beds");
		assertThat(new BuildingPattern("X", "X", PlaceUsage.DORMITORY, 1, 200, 1, 999, 3, 4).problems())
			.extracting(FieldProblem::code).containsExactly("tooMany");
	}
}
