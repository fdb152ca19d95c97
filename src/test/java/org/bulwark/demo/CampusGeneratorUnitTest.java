package org.bulwark.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bulwark.directory.Population;
import org.bulwark.shared.IdNumber;
import org.junit.jupiter.api.Test;

class CampusGeneratorUnitTest {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

	private static Campus campus(int size) {
		return new CampusGenerator(42, TODAY, 1, 1, 1, 1, 1).generate(size);
	}

	@Test
	void sameSizeAndSeedGiveTheSameCampus() {
		assertThat(campus(5000).people.subList(0, 20)).isEqualTo(campus(5000).people.subList(0, 20));
	}

	@Test
	void everyPopulationIsPresentInRoughlyTheRightSize() {
		Campus c = campus(5000);
		assertThat(c.people).hasSize(5000);
		Map<String, Long> counts = c.people.stream().collect(Collectors.groupingBy(Campus.Person::population, Collectors.counting()));
		assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(Population.values()).map(Enum::name).toList());
		assertThat(counts.get("UNDERGRADUATE")).isGreaterThan(2500);
		assertThat(counts.get("RETIREE")).isBetween(50L, 70L);
		assertThat(c.people.stream().filter(p -> p.population().equals("INTERNATIONAL_STUDENT"))
			.map(Campus.Person::nationality).distinct().count()).isGreaterThanOrEqualTo(5);
	}

	@Test
	void idNumbersAreValidUniqueAndAgreeWithBirthDateAndGender() {
		Campus c = campus(5000);
		Set<String> seen = new HashSet<>();
		for (Campus.Person p : c.people) {
			assertThat(seen.add(p.idType() + p.idNumber())).as("unique %s", p.idNumber()).isTrue();
			if (p.idType().equals("RESIDENT_ID")) {
				IdNumber id = IdNumber.parse(p.idNumber()).orElseThrow();
				assertThat(id.birthDate()).isEqualTo(p.birthDate());
				assertThat(id.gender().name()).isEqualTo(p.gender());
			}
		}
	}

	@Test
	void everyStudentHasABedAndClassesHoldAboutThirty() {
		Campus c = campus(5000);
		Set<Long> housed = c.residences.stream().map(Campus.Residence::personId).collect(Collectors.toSet());
		assertThat(c.people).filteredOn(p -> Population.valueOf(p.population()).isStudent())
			.allMatch(p -> housed.contains(p.id()) && p.residencePlaceId() != null);
		Map<Long, Long> classSizes = c.people.stream().filter(p -> Population.valueOf(p.population()).isStudent())
			.collect(Collectors.groupingBy(Campus.Person::orgUnitId, Collectors.counting()));
		assertThat(classSizes.values()).allMatch(n -> n <= 30);
		Map<Long, Campus.Place> places = c.places.stream().collect(Collectors.toMap(Campus.Place::id, Function.identity()));
		Map<Long, Long> bedsTaken = c.residences.stream().filter(r -> r.kind().equals("DORM_BED"))
			.collect(Collectors.groupingBy(Campus.Residence::placeId, Collectors.counting()));
		bedsTaken.forEach((room, n) -> assertThat(n).isLessThanOrEqualTo(places.get(room).capacity()));
	}

	@Test
	void demoAccountsGetMeaningfulScopes() {
		Campus c = campus(5000);
		assertThat(c.counselorClassIds).hasSize(2);
		assertThat(c.responsibilities).anyMatch(r -> r.personId() == c.counselorPersonId && r.role().equals("COUNSELOR")
				&& r.targetId() == c.counselorClassIds.get(0));
		assertThat(c.grids).anyMatch(g -> g.id() == c.residentialGridId);
		assertThat(c.households).allMatch(h -> h.headPersonId() != null);
		assertThat(c.responsibilities.stream().filter(r -> r.targetKind().equals("HOUSEHOLD")).map(Campus.Responsibility::role)
			.collect(Collectors.toSet())).containsExactlyInAnyOrder("DOCTOR", "PARTY_CADRE", "PROPERTY_WORKER", "UNIT_LIAISON");
	}

	@Test
	void pathsAreMaterialisedFromParents() {
		Campus c = campus(2000);
		Map<Long, Campus.Place> places = c.places.stream().collect(Collectors.toMap(Campus.Place::id, Function.identity()));
		assertThat(c.places).allMatch(p -> p.parentId() == null ? p.path().equals("/" + p.id() + "/")
				: p.path().equals(places.get(p.parentId()).path() + p.id() + "/"));
	}
}
