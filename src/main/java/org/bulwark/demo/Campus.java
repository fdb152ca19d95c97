package org.bulwark.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A generated campus as rows with their ids already assigned, ready to be inserted in bulk. */
final class Campus {

	record OrgUnit(long id, Long parentId, String kind, String code, String name, String path) {
	}

	record Place(long id, Long parentId, String kind, String usage, String code, String name, String path,
			Integer capacity, String city) {
	}

	record Person(long id, String code, String name, String population, String idType, String idNumber, String phone,
			String gender, LocalDate birthDate, String nationality, String language, Long orgUnitId,
			Long residencePlaceId, Long householdId, boolean livingAlone, boolean bedridden, boolean noSmartphone,
			boolean abroad) {
	}

	record Household(long id, long placeId, String code, Long headPersonId) {
	}

	record Residence(long personId, long placeId, String kind, String bed, Long householdId, LocalDate movedIn) {
	}

	record Grid(long id, String code, String name, long leaderPersonId, List<Long> placeIds) {
	}

	record Responsibility(long personId, String role, String targetKind, long targetId) {
	}

	final List<OrgUnit> orgUnits = new ArrayList<>();
	final List<Place> places = new ArrayList<>();
	final List<Person> people = new ArrayList<>();
	final List<Household> households = new ArrayList<>();
	final List<Residence> residences = new ArrayList<>();
	final List<Grid> grids = new ArrayList<>();
	final List<Responsibility> responsibilities = new ArrayList<>();

	/** Who the demo accounts are: picked while generating so their scopes are meaningful. */
	long firstCollegeId;
	List<Long> counselorClassIds = List.of();
	long counselorPersonId;
	long studentPersonId;
	long residentialGridId;
	long gridLeaderPersonId;
	long staffApartmentsId;
	/** The canteen operator among the external employers: its workers get the food-staff morning check. */
	List<Long> canteenUnitIds = List.of();
}
