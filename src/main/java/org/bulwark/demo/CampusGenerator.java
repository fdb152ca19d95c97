package org.bulwark.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.bulwark.directory.Population;
import org.bulwark.shared.IdNumber;

/**
 * Generates a realistic campus of a given size, the same one for the same size and seed: two
 * campuses with dormitories, teaching buildings, canteens, gates, a clinic, staff apartments and
 * an off-campus residential building; colleges down to classes, departments, external employers,
 * a kindergarten and a school; and every population, with valid ID numbers, phones, residences,
 * grids and responsible staff.
 */
final class CampusGenerator {

	private static final String[] REGIONS = {"320211", "320214", "370502", "110105", "440305", "510107", "330106",
			"420111", "610113", "350203", "430104", "320583", "410105", "340104", "210102"};
	private static final String[] COLLEGES = {"计算机学院", "机械工程学院", "食品学院", "商学院", "外国语学院", "理学院", "设计学院",
			"医学院", "法学院", "化工学院", "纺织服装学院", "环境与土木工程学院", "人文学院", "物联网工程学院", "药学院", "生物工程学院",
			"马克思主义学院", "数字媒体学院", "教育学院", "音乐学院"};
	private static final String[] MAJORS = {"一专业", "二专业", "三专业"};
	private static final String[] DEPARTMENTS = {"校长办公室", "教务处", "学生工作处", "后勤管理处", "保卫处", "校医院", "房产管理处",
			"财务处", "人事处", "图书馆", "信息化建设处", "研究生院", "国际交流处", "离退休工作处", "工会"};
	private static final String[] EMPLOYERS = {"物业管理公司", "餐饮服务公司", "校园超市", "维修服务公司", "保安服务公司", "保洁外包公司"};

	private final Random random;
	private final Set<String> idNumbers = new HashSet<>();
	private final Set<String> phones = new HashSet<>();
	private final LocalDate today;
	private long nextOrgUnit;
	private long nextPlace;
	private long nextPerson;
	private long nextHousehold;
	private long nextGrid;
	private int personCode;

	/** Ids start after the given ones, so a campus can be added to a database that has rows. */
	CampusGenerator(long seed, LocalDate today, long orgUnitBase, long placeBase, long personBase, long householdBase,
			long gridBase) {
		this.random = new Random(seed);
		this.today = today;
		this.nextOrgUnit = orgUnitBase;
		this.nextPlace = placeBase;
		this.nextPerson = personBase;
		this.nextHousehold = householdBase;
		this.nextGrid = gridBase;
	}

	Campus generate(int size) {
		Campus c = new Campus();
		int n = Math.max(size, 200);
		int intl = Math.max(6, n / 100);
		int postgrad = n * 14 / 100;
		int faculty = n * 6 / 100;
		int staff = n * 4 / 100;
		int foreignTeachers = Math.max(2, n * 3 / 1000);
		int outsourced = n * 2 / 100;
		int external = n * 4 / 100;
		int retirees = Math.max(10, n * 12 / 1000);
		int residents = n * 46 / 1000;
		int kids = n * 15 / 1000;
		int pupils = n * 34 / 1000;
		int undergrad = n - intl - postgrad - faculty - staff - foreignTeachers - outsourced - external - retirees
				- residents - kids - pupils;

		// places: two campuses and their areas
		Campus.Place main = place(c, null, "CAMPUS", "CAMPUS", "C1", "本部校区", null, "无锡");
		Campus.Place south = place(c, null, "CAMPUS", "CAMPUS", "C2", "南校区", null, "苏州");
		Campus.Place[] living = {place(c, main, "AREA", "DORMITORY", "C1-A1", "学生生活区", null, null),
				place(c, south, "AREA", "DORMITORY", "C2-A1", "学生生活区", null, null)};
		Campus.Place[] teaching = {place(c, main, "AREA", "TEACHING", "C1-A2", "教学区", null, null),
				place(c, south, "AREA", "TEACHING", "C2-A2", "教学区", null, null)};
		Campus.Place staffArea = place(c, main, "AREA", "STAFF_APARTMENT", "C1-A3", "教工生活区", null, null);
		Campus.Place offCampus = place(c, main, "AREA", "RESIDENTIAL", "C1-A4", "蠡湖家园（校外住宅区）", null, null);
		for (int k = 0; k < 2; k++) {
			Campus.Place campus = k == 0 ? main : south;
			String pre = campus.code();
			for (int i = 1; i <= 3; i++) {
				building(c, teaching[k], "TEACHING", pre + "-T" + i, "第" + i + "教学楼", 5, 12, 2, 80);
			}
			for (int i = 1; i <= 2; i++) {
				place(c, teaching[k], "BUILDING", "CANTEEN", pre + "-CT" + i, "第" + i + "食堂", 800, null);
			}
			String[] gates = {"东门", "南门", "西门"};
			for (int i = 0; i < gates.length; i++) {
				place(c, campus, "BUILDING", "GATE", pre + "-G" + (i + 1), gates[i], null, null);
			}
			place(c, teaching[k], "BUILDING", "SPORTS", pre + "-S1", "体育馆", 2000, null);
		}
		place(c, teaching[0], "BUILDING", "CLINIC", "C1-H1", "校医院", 40, null);
		Campus.Place kindergarten = place(c, staffArea, "BUILDING", "KINDERGARTEN", "C1-K1", "附属幼儿园", 300, null);
		Campus.Place school = place(c, staffArea, "BUILDING", "SCHOOL", "C1-P1", "附属学校", 800, null);

		// org units
		int colleges = Math.min(200, Math.max(3, n / 500));
		List<Campus.OrgUnit> collegeUnits = new ArrayList<>();
		List<List<Campus.OrgUnit>> majorsOf = new ArrayList<>();
		for (int i = 0; i < colleges; i++) {
			String name = i < COLLEGES.length ? COLLEGES[i] : COLLEGES[i % COLLEGES.length].replace("学院", (i / COLLEGES.length + 1) + "学院");
			Campus.OrgUnit college = orgUnit(c, null, "COLLEGE", "D" + String.format("%03d", i + 1), name);
			collegeUnits.add(college);
			List<Campus.OrgUnit> majors = new ArrayList<>();
			for (int m = 0; m < MAJORS.length; m++) {
				majors.add(orgUnit(c, college, "MAJOR", college.code() + "-M" + (m + 1),
						name.replace("学院", "") + MAJORS[m]));
			}
			majorsOf.add(majors);
		}
		c.firstCollegeId = collegeUnits.get(0).id();
		Campus.OrgUnit intlCollege = orgUnit(c, null, "COLLEGE", "DINTL", "国际教育学院");
		Campus.OrgUnit intlMajor = orgUnit(c, intlCollege, "MAJOR", "DINTL-M1", "汉语言（留学生）");
		List<Campus.OrgUnit> departments = new ArrayList<>();
		for (int i = 0; i < DEPARTMENTS.length; i++) {
			departments.add(orgUnit(c, null, "DEPARTMENT", "B" + String.format("%02d", i + 1), DEPARTMENTS[i]));
		}
		List<Campus.OrgUnit> employers = new ArrayList<>();
		for (int i = 0; i < EMPLOYERS.length; i++) {
			employers.add(orgUnit(c, null, "EMPLOYER", "E" + String.format("%02d", i + 1), EMPLOYERS[i]));
		}
		c.canteenUnitIds = List.of(employers.get(1).id());
		Campus.OrgUnit kinderUnit = orgUnit(c, null, "SCHOOL", "K", "附属幼儿园");
		Campus.OrgUnit schoolUnit = orgUnit(c, null, "SCHOOL", "P", "附属学校");

		// staff first: counselors, grid teams and household teams are drawn from them
		List<Campus.Person> facultyPeople = new ArrayList<>();
		for (int i = 0; i < faculty; i++) {
			facultyPeople.add(person(c, "FACULTY", collegeUnits.get(i % colleges).id(), 26, 62, null));
		}
		List<Campus.Person> staffPeople = new ArrayList<>();
		for (int i = 0; i < staff; i++) {
			staffPeople.add(person(c, "STAFF", departments.get(i % departments.size()).id(), 23, 60, null));
		}
		for (int i = 0; i < foreignTeachers; i++) {
			person(c, "FOREIGN_TEACHER", collegeUnits.get(i % colleges).id(), 28, 60, Names.foreign(random, true));
		}

		// students into classes of ~30, and into dorm beds
		List<long[]> beds = dormitories(c, living, undergrad + postgrad + intl);
		int bed = 0;
		List<Campus.OrgUnit> classes = new ArrayList<>();
		int classSize = 30;
		int year = today.getYear();
		int[] counts = {undergrad, postgrad};
		String[] pops = {"UNDERGRADUATE", "POSTGRADUATE"};
		for (int p = 0; p < 2; p++) {
			int classCount = Math.max(1, (counts[p] + classSize - 1) / classSize);
			int made = 0;
			for (int k = 0; k < classCount; k++) {
				int collegeIndex = k % colleges;
				Campus.OrgUnit major = majorsOf.get(collegeIndex).get((k / colleges) % MAJORS.length);
				int grade = year - (k / (colleges * MAJORS.length)) % 4;
				String label = (p == 0 ? "" : "研") + grade + "级" + (k / (colleges * MAJORS.length * 4) + 1) + "班";
				Campus.OrgUnit clazz = orgUnit(c, major, "CLASS", major.code() + "-" + (p == 0 ? "U" : "G") + k,
						major.name() + label);
				classes.add(clazz);
				int members = Math.min(classSize, counts[p] - made);
				for (int s = 0; s < members; s++) {
					long[] b = beds.get(bed++);
					Campus.Person student = person(c, pops[p], clazz.id(), p == 0 ? 18 : 22, p == 0 ? 22 : 30, null, b[0]);
					c.residences.add(new Campus.Residence(student.id(), b[0], "DORM_BED", String.valueOf(b[1]), null,
							LocalDate.of(year - (p == 0 ? 1 : 0), 9, 1)));
					if (c.studentPersonId == 0) {
						c.studentPersonId = student.id();
					}
				}
				made += members;
			}
		}
		int intlClasses = Math.max(1, (intl + classSize - 1) / classSize);
		for (int k = 0; k < intlClasses; k++) {
			Campus.OrgUnit clazz = orgUnit(c, intlMajor, "CLASS", "DINTL-C" + (k + 1), "留学生" + (k + 1) + "班");
			classes.add(clazz);
			for (int s = 0; s < classSize && k * classSize + s < intl; s++) {
				long[] b = beds.get(bed++);
				Campus.Person student = person(c, "INTERNATIONAL_STUDENT", clazz.id(), 18, 28, Names.foreign(random, false),
						b[0]);
				c.residences.add(new Campus.Residence(student.id(), b[0], "DORM_BED", String.valueOf(b[1]), null,
						LocalDate.of(year, 9, 1)));
			}
		}

		// counselors: one staff or faculty member for every two classes
		List<Campus.Person> advisers = new ArrayList<>(staffPeople);
		advisers.addAll(facultyPeople);
		for (int k = 0; k < classes.size(); k++) {
			Campus.Person counselor = advisers.get((k / 2) % advisers.size());
			c.responsibilities.add(new Campus.Responsibility(counselor.id(), "COUNSELOR", "ORG_UNIT", classes.get(k).id()));
		}
		c.counselorPersonId = advisers.get(0).id();
		c.counselorClassIds = List.of(classes.get(0).id(), classes.get(1).id());

		// external and outsourced workers live in a closed-loop workers' dormitory
		Campus.Place workersDorm = building(c, living[0], "DORMITORY", "C1-W1", "后勤职工宿舍",
				Math.max(1, (outsourced + external) / 80 + 1), 20, 2, 4);
		List<long[]> workerBeds = beds(c, workersDorm);
		List<Campus.Person> propertyWorkers = new ArrayList<>();
		for (int i = 0; i < external + outsourced; i++) {
			boolean ext = i < external;
			Campus.OrgUnit employer = ext ? employers.get(i % (employers.size() - 1)) : employers.get(employers.size() - 1);
			long[] b = workerBeds.get(i % workerBeds.size());
			Campus.Person worker = person(c, ext ? "EXTERNAL_WORKER" : "OUTSOURCED_WORKER", employer.id(), 20, 58, null, b[0]);
			c.residences.add(new Campus.Residence(worker.id(), b[0], "DORM_BED", String.valueOf(b[1]), null,
					today.minusMonths(6)));
			if (employer == employers.get(0)) {
				propertyWorkers.add(worker);
			}
		}

		// staff apartments for young and single staff and foreign teachers
		Campus.Place apartments = building(c, staffArea, "STAFF_APARTMENT", "C1-Y1", "青教公寓",
				Math.min(30, Math.max(2, (faculty + staff) / 50)), 10, 2, 2);
		c.staffApartmentsId = apartments.id();
		List<long[]> apartmentRooms = beds(c, apartments);
		int ap = 0;
		for (int i = 0; i < c.people.size() && ap < apartmentRooms.size(); i++) {
			Campus.Person p = c.people.get(i);
			if (p.population().equals("FOREIGN_TEACHER") || ((p.population().equals("FACULTY")
					|| p.population().equals("STAFF")) && random.nextInt(5) == 0)) {
				long[] room = apartmentRooms.get(ap++);
				c.residences.add(new Campus.Residence(p.id(), room[0], "APARTMENT", null, null, today.minusYears(1)));
				c.people.set(i, withResidence(p, room[0], null));
			}
		}

		// households in the off-campus residential building: retirees, families and their children
		int householdCount = Math.max(4, (retirees + residents + kids + pupils) * 10 / 37);
		int flatsPerBuilding = 18 * 24;
		List<long[]> flats = new ArrayList<>();
		List<Campus.Place> residentialBuildings = new ArrayList<>();
		for (int b = 0; b * flatsPerBuilding < householdCount; b++) {
			int floors = Math.min(18, (householdCount - b * flatsPerBuilding + 23) / 24);
			Campus.Place residential = building(c, offCampus, "RESIDENTIAL", "C1-R" + (b + 1), "蠡湖家园" + (b + 1) + "号楼",
					floors, 24, 2, null);
			residentialBuildings.add(residential);
			flats.addAll(beds(c, residential));
		}
		List<Campus.Household> households = new ArrayList<>();
		for (int i = 0; i < householdCount && i < flats.size(); i++) {
			households.add(new Campus.Household(nextHousehold++, flats.get(i)[0], "H" + String.format("%05d", i + 1), null));
		}
		Campus.OrgUnit retireeUnit = departments.get(13);
		int h = 0;
		for (int i = 0; i < retirees; i++) {
			boolean alone = random.nextInt(3) == 0;
			Campus.Household household = households.get(h++ % households.size());
			Campus.Person p = person(c, "RETIREE", retireeUnit.id(), 60, 90, null, household.placeId());
			boolean abroad = random.nextInt(20) == 0;
			p = new Campus.Person(p.id(), p.code(), p.name(), p.population(), p.idType(), p.idNumber(),
					random.nextInt(6) == 0 ? null : p.phone(), p.gender(), p.birthDate(), p.nationality(), p.language(),
					p.orgUnitId(), household.placeId(), household.id(), alone, random.nextInt(12) == 0,
					random.nextInt(4) == 0, abroad);
			c.people.set(c.people.size() - 1, p);
			c.residences.add(new Campus.Residence(p.id(), household.placeId(), "HOUSEHOLD", null, household.id(),
					today.minusYears(10)));
		}
		for (int i = 0; i < residents + kids + pupils; i++) {
			Campus.Household household = households.get(h++ % households.size());
			String population;
			Long unit = null;
			int from;
			int to;
			if (i < residents) {
				population = "RESIDENT";
				from = 25;
				to = 75;
			} else if (i < residents + kids) {
				population = "KINDERGARTEN_CHILD";
				unit = kinderUnit.id();
				from = 3;
				to = 6;
			} else {
				population = "PUPIL";
				unit = schoolUnit.id();
				from = 6;
				to = 12;
			}
			Campus.Person p = person(c, population, unit, from, to, null, household.placeId());
			boolean child = !population.equals("RESIDENT");
			p = new Campus.Person(p.id(), p.code(), p.name(), p.population(), p.idType(), p.idNumber(),
					child ? null : p.phone(), p.gender(), p.birthDate(), p.nationality(), p.language(), p.orgUnitId(),
					household.placeId(), household.id(), false, false, child, false);
			c.people.set(c.people.size() - 1, p);
			c.residences.add(new Campus.Residence(p.id(), household.placeId(), "HOUSEHOLD", null, household.id(),
					today.minusYears(3)));
		}
		// the oldest adult of each household is its head
		java.util.Map<Long, Campus.Person> heads = new java.util.HashMap<>();
		for (Campus.Person p : c.people) {
			if (p.householdId() != null && !p.population().equals("KINDERGARTEN_CHILD") && !p.population().equals("PUPIL")) {
				heads.merge(p.householdId(), p, (a, b) -> a.birthDate().isBefore(b.birthDate()) ? a : b);
			}
		}
		for (int i = 0; i < households.size(); i++) {
			Campus.Household hh = households.get(i);
			Campus.Person head = heads.get(hh.id());
			households.set(i, new Campus.Household(hh.id(), hh.placeId(), hh.code(), head == null ? null : head.id()));
		}
		c.households.addAll(households);

		// grids: one per dormitory building, the staff apartments and the residential building
		int g = 0;
		for (Campus.Place b : c.places) {
			if (b.kind().equals("BUILDING") && (b.usage().equals("DORMITORY") || b.usage().equals("STAFF_APARTMENT")
					|| b.usage().equals("RESIDENTIAL"))) {
				Campus.Person leader = staffPeople.get(g % staffPeople.size());
				Campus.Grid grid = new Campus.Grid(nextGrid++, "GRID-" + b.code(), b.name() + "网格", leader.id(),
						List.of(b.id()));
				c.grids.add(grid);
				c.responsibilities.add(new Campus.Responsibility(leader.id(), "GRID_LEADER", "GRID", grid.id()));
				Campus.Person member = facultyPeople.get(g % facultyPeople.size());
				c.responsibilities.add(new Campus.Responsibility(member.id(), "GRID_MEMBER", "GRID", grid.id()));
				if (b == residentialBuildings.get(0)) {
					c.residentialGridId = grid.id();
					c.gridLeaderPersonId = leader.id();
				}
				g++;
			}
		}
		// the "1+4" team of every household: doctor, party cadre, property worker, liaison
		List<Campus.Person> doctors = staffPeople.stream().filter(p -> p.orgUnitId() == departments.get(5).id()).toList();
		List<Campus.Person> liaisons = staffPeople.stream().filter(p -> p.orgUnitId() == departments.get(6).id()).toList();
		for (int i = 0; i < households.size(); i++) {
			long target = households.get(i).id();
			c.responsibilities.add(new Campus.Responsibility(doctors.get(i % doctors.size()).id(), "DOCTOR", "HOUSEHOLD", target));
			c.responsibilities.add(new Campus.Responsibility(facultyPeople.get(i % facultyPeople.size()).id(), "PARTY_CADRE",
					"HOUSEHOLD", target));
			if (!propertyWorkers.isEmpty()) {
				c.responsibilities.add(new Campus.Responsibility(propertyWorkers.get(i % propertyWorkers.size()).id(),
						"PROPERTY_WORKER", "HOUSEHOLD", target));
			}
			c.responsibilities.add(new Campus.Responsibility(liaisons.get(i % liaisons.size()).id(), "UNIT_LIAISON",
					"HOUSEHOLD", target));
		}
		enteredTwice(c, staffPeople);
		return c;
	}

	/**
	 * Registers a few staff members a second time, as offices do: once by an old 15-digit ID number
	 * typed into the "other document" field, once by the name with a space and the same phone. The
	 * coverage audit and the duplicates page then have something to show. The second records reuse
	 * outsourced workers' rows, so the campus keeps its size and populations.
	 */
	private void enteredTwice(Campus c, List<Campus.Person> staffPeople) {
		List<Integer> workers = new ArrayList<>();
		for (int i = c.people.size() - 1; i >= 0 && workers.size() < 2; i--) {
			if (c.people.get(i).population().equals("OUTSOURCED_WORKER")) {
				workers.add(i);
			}
		}
		List<Campus.Person> originals = staffPeople.stream().filter(p -> p.birthDate().getYear() < 2000)
			.filter(p -> p.id() != c.counselorPersonId && p.id() != c.gridLeaderPersonId).skip(3).limit(2).toList();
		for (int k = 0; k < Math.min(workers.size(), originals.size()); k++) {
			Campus.Person original = originals.get(k);
			Campus.Person row = c.people.get(workers.get(k));
			boolean byOldId = k == 0;
			String id = original.idNumber();
			c.people.set(workers.get(k), new Campus.Person(row.id(), row.code(),
					byOldId ? original.name() : original.name().charAt(0) + " " + original.name().substring(1), "STAFF",
					"OTHER", byOldId ? id.substring(0, 6) + id.substring(8, 17) : null,
					byOldId ? null : original.phone(), byOldId ? original.gender() : null,
					byOldId ? original.birthDate() : null, "CHN", "zh", original.orgUnitId(), row.residencePlaceId(),
					row.householdId(), false, false, false, false));
		}
	}

	/** Enough dormitory buildings (6 floors, 30 rooms of 4 beds) for the students, 70% on the main campus. */
	private List<long[]> dormitories(Campus c, Campus.Place[] areas, int students) {
		int perBuilding = 6 * 30 * 4;
		int buildings = Math.max(1, (students + perBuilding - 1) / perBuilding);
		List<long[]> beds = new ArrayList<>();
		for (int i = 0; i < buildings; i++) {
			int k = i * 10 < buildings * 7 ? 0 : 1;
			Campus.Place area = areas[k];
			String code = area.code().substring(0, 2) + "-D" + (i + 1);
			Campus.Place building = building(c, area, "DORMITORY", code, (i + 1) + "号学生公寓", 6, 30, 2, 4);
			beds.addAll(beds(c, building));
		}
		return beds;
	}

	/** Every bed of a building's rooms as (room id, bed number); a building's rooms follow it in the list. */
	private static List<long[]> beds(Campus c, Campus.Place building) {
		List<long[]> beds = new ArrayList<>();
		int start = c.places.indexOf(building);
		for (Campus.Place room : c.places.subList(start, c.places.size())) {
			if (room.kind().equals("ROOM") && room.path().startsWith(building.path())) {
				int capacity = room.capacity() == null ? 1 : Math.max(1, room.capacity());
				for (int b = 1; b <= capacity; b++) {
					beds.add(new long[] {room.id(), b});
				}
			}
		}
		return beds;
	}

	private Campus.Place building(Campus c, Campus.Place parent, String usage, String code, String name, int floors,
			int roomsPerFloor, int digits, Integer beds) {
		Campus.Place building = place(c, parent, "BUILDING", usage, code, name, null, null);
		for (int f = 1; f <= floors; f++) {
			Campus.Place floor = place(c, building, "FLOOR", usage, code + "-F" + f, f + "F", null, null);
			for (int r = 1; r <= roomsPerFloor; r++) {
				String number = f + String.format("%0" + digits + "d", r);
				place(c, floor, "ROOM", usage, code + "-" + number, number, beds, null);
			}
		}
		return building;
	}

	private Campus.Place place(Campus c, Campus.Place parent, String kind, String usage, String code, String name,
			Integer capacity, String city) {
		long id = nextPlace++;
		Campus.Place p = new Campus.Place(id, parent == null ? null : parent.id(), kind, usage, code, name,
				(parent == null ? "/" : parent.path()) + id + "/", capacity, city);
		c.places.add(p);
		return p;
	}

	private Campus.OrgUnit orgUnit(Campus c, Campus.OrgUnit parent, String kind, String code, String name) {
		long id = nextOrgUnit++;
		Campus.OrgUnit o = new Campus.OrgUnit(id, parent == null ? null : parent.id(), kind, code, name,
				(parent == null ? "/" : parent.path()) + id + "/");
		c.orgUnits.add(o);
		return o;
	}

	private Campus.Person person(Campus c, String population, Long orgUnitId, int minAge, int maxAge, String[] foreign) {
		return person(c, population, orgUnitId, minAge, maxAge, foreign, null);
	}

	private Campus.Person person(Campus c, String population, Long orgUnitId, int minAge, int maxAge, String[] foreign,
			Long residencePlaceId) {
		boolean male = random.nextBoolean();
		LocalDate birth = today.minusYears(minAge).minusDays(random.nextInt(Math.max(1, (maxAge - minAge) * 365)));
		String name;
		String idType;
		String idNumber;
		String nationality;
		String language;
		if (foreign == null) {
			name = Names.chinese(random);
			idType = "RESIDENT_ID";
			idNumber = idNumber(birth, male);
			nationality = "CHN";
			language = "zh";
		} else {
			name = foreign[0];
			idType = "PASSPORT";
			do {
				idNumber = foreign[1].charAt(0) + String.valueOf(10_000_000 + random.nextInt(89_999_999));
			} while (!idNumbers.add(idNumber));
			nationality = foreign[1];
			language = foreign[2];
		}
		String code = (Population.valueOf(population).isStudent() ? String.valueOf(today.getYear()) : "T")
				+ String.format("%07d", ++personCode);
		Campus.Person p = new Campus.Person(nextPerson++, code, name, population, idType, idNumber, phone(),
				male ? "MALE" : "FEMALE", birth, nationality, language, orgUnitId, residencePlaceId, null, false, false,
				false, false);
		c.people.add(p);
		return p;
	}

	private static Campus.Person withResidence(Campus.Person p, long placeId, Long householdId) {
		return new Campus.Person(p.id(), p.code(), p.name(), p.population(), p.idType(), p.idNumber(), p.phone(),
				p.gender(), p.birthDate(), p.nationality(), p.language(), p.orgUnitId(), placeId, householdId,
				p.livingAlone(), p.bedridden(), p.noSmartphone(), p.abroad());
	}

	/** A valid, unique resident ID number whose birth date and gender agree with the person. */
	private String idNumber(LocalDate birth, boolean male) {
		while (true) {
			int sequence = random.nextInt(500) * 2 + (male ? 1 : 0);
			String body = REGIONS[random.nextInt(REGIONS.length)] + String.format("%04d%02d%02d", birth.getYear(),
					birth.getMonthValue(), birth.getDayOfMonth()) + String.format("%03d", sequence);
			String id = body + IdNumber.checkCharacter(body);
			if (idNumbers.add(id)) {
				return id;
			}
		}
	}

	private String phone() {
		while (true) {
			String phone = "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
			if (phones.add(phone)) {
				return phone;
			}
		}
	}
}
