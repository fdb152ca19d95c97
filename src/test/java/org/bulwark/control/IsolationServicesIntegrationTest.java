package org.bulwark.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.control.ServicePlan.Status;
import org.bulwark.directory.BuildingPattern;
import org.bulwark.directory.PlaceUsage;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Services to isolated people on PostgreSQL: generation from the settings (only occupied rooms, from
 * the check-in on, idempotent also when run concurrently), check-out closing the open rounds, marking
 * done once under concurrent taps and requests, temperatures, batches, the overdue list, settings, the
 * data scope, the API and the pages. Each test builds its own zone and people.
 */
@BulwarkIntegrationTest
class IsolationServicesIntegrationTest {

	@Autowired
	IsolationZones zones;

	@Autowired
	IsolationRooms rooms;

	@Autowired
	Allocations allocations;

	@Autowired
	ServiceTasks tasks;

	@Autowired
	ServiceSettings settings;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	CurrentUser manager;
	long schoolId;
	String tag;
	LocalDate today;

	@BeforeEach
	void setUp() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		manager = new CurrentUser(-1, schoolId, "services-manager", "Manager", null,
				EnumSet.of(Permission.ISOLATION_READ, Permission.ISOLATION_MANAGE, Permission.ISOLATION_SERVICE, Permission.PLACES_WRITE),
				Set.of(), new DataScope(true, Set.of(), Set.of(), Set.of()), true, false, null);
		tag = "S" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
		today = tasks.today(Instant.now());
	}

	long zone(int rooms, int beds) {
		Outcome zone = zones.create(manager, "Z" + tag, "服务区" + tag, ZoneKind.HEALTH_MANAGEMENT, "C1", null);
		assertThat(zone.saved()).as(zone.problems().toString()).isTrue();
		Outcome built = this.rooms.addBuilding(manager, zone.id(), "C1", new BuildingPattern("B" + tag, "服务楼" + tag, PlaceUsage.ISOLATION,
				1, 1, 1, rooms, 2, beds), new IsolationRooms.Attributes(beds, true, false, null));
		assertThat(built.saved()).as(built.problems().toString()).isTrue();
		return zone.id();
	}

	List<IsolationRooms.Room> roomsOf(long zone) {
		return rooms.all(manager, new IsolationRooms.Filter(zone, null, null, null, null, null));
	}

	long person(String suffix) {
		return jdbc.sql("""
				insert into person (school_id, code, name, population, id_type, gender) values (?, ?, ?, 'STAFF', 'OTHER', 'MALE')
				returning id""").params(schoolId, tag + suffix, "隔离" + suffix).query(Long.class).single();
	}

	/** Allocates and checks a person in; {@code daysAgo} moves the check-in back so whole days are served. */
	long stay(long person, long room, int daysAgo) {
		var c = allocations.allocate(manager, List.of(person), room, false, null);
		assertThat(c.saved()).as(c.conflicts().toString()).isTrue();
		long stay = c.stayIds().get(0);
		assertThat(allocations.checkIn(manager, stay, null).saved()).isTrue();
		if (daysAgo > 0) {
			OffsetDateTime back = OffsetDateTime.now(ZoneOffset.UTC).minusDays(daysAgo);
			jdbc.sql("update isolation_stay set allocated_at = ?, checked_in_at = ? where id = ?").params(back, back, stay).update();
		}
		return stay;
	}

	List<ServiceTasks.Task> tasksOf(long zone, LocalDate day) {
		return tasks.all(manager, new ServiceTasks.Filter(day, day, zone, null, null, null, null, false, null, null, null), Instant.now(), 1000);
	}

	static ServiceTasks.Filter overdueIn(long zone) {
		return new ServiceTasks.Filter(null, null, zone, null, null, null, null, true, null, null, null);
	}

	long count(long room, LocalDate day) {
		return jdbc.sql("select count(*) from isolation_service_task where room_id = ? and service_day = ?").params(room, day)
			.query(Long.class).single();
	}

	@Test
	void onlyOccupiedRoomsGetTasksFromTheirCheckInOnAndGeneratingAgainOrConcurrentlyAddsNothing() throws Exception {
		long zone = zone(3, 1);
		List<IsolationRooms.Room> all = roomsOf(zone);
		long in = all.get(0).id();
		long allocatedOnly = all.get(1).id();
		long vacant = all.get(2).id();
		long a = person("A");
		stay(a, in, 0);
		Instant checkedIn = jdbc.sql("select checked_in_at from isolation_stay where open_person_id = ?").param(a)
			.query(OffsetDateTime.class).single().toInstant();
		assertThat(count(in, today)).as("the check-in generated today's rounds from then on")
			.isEqualTo(ServicePlan.rounds(ServiceSettings.defaults(), today, tasks.zone(), Optional.of(checkedIn)).size());
		assertThat(allocations.allocate(manager, List.of(person("B")), allocatedOnly, false, null).saved()).isTrue();

		LocalDate tomorrow = today.plusDays(1);
		assertThat(tasks.generate(schoolId, tomorrow, null, zone)).isEqualTo(11);
		assertThat(tasks.generate(schoolId, tomorrow, null, zone)).as("idempotent").isZero();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> runs = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			runs.add(pool.submit(() -> {
				start.await();
				return tasks.generate(schoolId, tomorrow.plusDays(1), null, zone);
			}));
		}
		start.countDown();
		int added = 0;
		for (var f : runs) {
			added += f.get(30, TimeUnit.SECONDS);
		}
		pool.shutdown();
		assertThat(added).as("four concurrent runs create the day once").isEqualTo(11);
		assertThat(count(in, tomorrow)).isEqualTo(11);
		assertThat(count(in, tomorrow.plusDays(1))).isEqualTo(11);
		assertThat(count(allocatedOnly, tomorrow)).as("nobody has arrived yet").isZero();
		assertThat(count(vacant, tomorrow)).isZero();
		assertThat(tasksOf(zone, tomorrow)).extracting(ServiceTasks.Task::status).containsOnly(Status.PENDING);
		assertThat(tasksOf(zone, tomorrow).stream().filter(t -> t.service() == ServiceKind.MEAL).map(ServiceTasks.Task::meal))
			.containsExactly("BREAKFAST", "LUNCH", "DINNER");
		// the job does the same for every school
		assertThat(new ServiceJob(jdbc, tasks, true).run(Instant.now().plus(1, ChronoUnit.DAYS))).isGreaterThanOrEqualTo(0);
		assertThat(count(in, tomorrow)).isEqualTo(11);
	}

	@Test
	void checkingOutClosesTheOpenRoundsMissedOrNoLongerDueAndANewOccupantGetsThemAgain() {
		long zone = zone(1, 1);
		long room = roomsOf(zone).get(0).id();
		long stay = stay(person("A"), room, 3);
		LocalDate yesterday = today.minusDays(1);
		LocalDate tomorrow = today.plusDays(1);
		tasks.generate(schoolId, yesterday, null, zone);
		tasks.generate(schoolId, tomorrow, null, zone);
		ServiceTasks.Task breakfast = tasksOf(zone, yesterday).get(0);
		assertThat(tasks.markDone(manager, breakfast.id(), null, null, Instant.now()).saved()).isTrue();
		assertThat(tasks.search(manager, overdueIn(zone), new PageQuery(0, 50, "due", false), Instant.now()).items())
			.filteredOn(t -> t.zoneId() == zone).hasSize(10).allSatisfy(t -> assertThat(t.day()).isEqualTo(yesterday));

		assertThat(allocations.checkOut(manager, stay, null, "解除隔离").saved()).isTrue();
		assertThat(tasksOf(zone, yesterday)).extracting(ServiceTasks.Task::status).containsOnly(Status.DONE, Status.MISSED)
			.filteredOn(s -> s == Status.MISSED).hasSize(10);
		assertThat(tasksOf(zone, tomorrow)).hasSize(11).extracting(ServiceTasks.Task::status).containsOnly(Status.CANCELLED);
		assertThat(tasks.search(manager, overdueIn(zone), new PageQuery(0, 50, "due", false), Instant.now()).items())
			.as("nothing of the room is overdue any more").noneMatch(t -> t.zoneId() == zone);
		assertThat(tasks.generate(schoolId, tomorrow, null, zone)).as("a vacant room gets nothing").isZero();
		assertThat(tasksOf(zone, tomorrow)).extracting(ServiceTasks.Task::status).containsOnly(Status.CANCELLED);
		assertThat(tasks.markDone(manager, tasksOf(zone, tomorrow).get(0).id(), null, null, Instant.now()).problems())
			.extracting(p -> p.code()).containsExactly("isolation.services.notDue");

		assertThat(rooms.act(manager, room, RoomState.Event.DISINFECTED, null, "含氯消毒剂擦拭", "张三", null).saved()).isTrue();
		stay(person("B"), room, 0);
		tasks.generate(schoolId, tomorrow, null, zone);
		assertThat(tasksOf(zone, tomorrow)).hasSize(11).extracting(ServiceTasks.Task::status).containsOnly(Status.PENDING);
	}

	@Test
	void ofTwoStaffTappingDoneAtOnceOneRecordsItAndTheOthersAreToldWho() throws Exception {
		long zone = zone(1, 1);
		long room = roomsOf(zone).get(0).id();
		stay(person("A"), room, 2);
		tasks.generate(schoolId, today.plusDays(1), null, zone);
		long task = tasksOf(zone, today.plusDays(1)).get(0).id();
		int attempts = 8;
		ExecutorService pool = Executors.newFixedThreadPool(attempts);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Outcome>> results = new ArrayList<>();
		for (int i = 0; i < attempts; i++) {
			CurrentUser staff = new CurrentUser(-10 - i, schoolId, "staff" + i, "Staff " + i, null, EnumSet.of(Permission.ISOLATION_SERVICE),
					Set.of(), new DataScope(true, Set.of(), Set.of(), Set.of()), true, false, null);
			results.add(pool.submit(() -> {
				start.await();
				return tasks.markDone(staff, task, "送到门口", null, Instant.now());
			}));
		}
		start.countDown();
		List<Outcome> outcomes = new ArrayList<>();
		for (var f : results) {
			outcomes.add(f.get(30, TimeUnit.SECONDS));
		}
		pool.shutdown();
		assertThat(outcomes).filteredOn(Outcome::saved).hasSize(1);
		String winner = jdbc.sql("select done_by from isolation_service_task where id = ?").param(task).query(String.class).single();
		assertThat(outcomes).filteredOn(o -> !o.saved()).hasSize(attempts - 1).allSatisfy(o -> {
			assertThat(o.problems()).singleElement().satisfies(p -> {
				assertThat(p.code()).isEqualTo("isolation.services.alreadyDone");
				assertThat(p.args().get(0)).isEqualTo(winner);
			});
		});
		assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'isolation_service_task' and entity_id = ?")
			.param(String.valueOf(task)).query(Long.class).single()).isEqualTo(1);

		// the same through the API: one 200, one 409
		long next = tasksOf(zone, today.plusDays(1)).get(1).id();
		ExecutorService two = Executors.newFixedThreadPool(2);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<Integer>> codes = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			codes.add(two.submit(() -> {
				go.await();
				return mvc.perform(post("/api/v1/isolation/services/tasks/" + next + "/done").with(user(manager)).with(csrf())
						.contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn().getResponse().getStatus();
			}));
		}
		go.countDown();
		List<Integer> statuses = new ArrayList<>();
		for (var f : codes) {
			statuses.add(f.get(30, TimeUnit.SECONDS));
		}
		two.shutdown();
		assertThat(statuses).containsExactlyInAnyOrder(200, 409);
	}

	@Test
	void aMedicalRoundRecordsEachOccupantsTemperatureAndFlagsAFever() throws Exception {
		long zone = zone(1, 2);
		long room = roomsOf(zone).get(0).id();
		long family = jdbc.sql("insert into household (school_id, place_id, code) select ?, id, ? from place where school_id = ? and code = 'C1' returning id")
			.params(schoolId, "H" + tag, schoolId).query(Long.class).single();
		long mother = person("M");
		long son = person("S");
		jdbc.sql("update person set household_id = ? where id in (?, ?)").params(family, mother, son).update();
		var c = allocations.allocate(manager, List.of(mother, son), room, false, null);
		assertThat(c.saved()).isTrue();
		c.stayIds().forEach(s -> allocations.checkIn(manager, s, null));
		tasks.generate(schoolId, today.plusDays(1), null, zone);
		ServiceTasks.Task medical = tasksOf(zone, today.plusDays(1)).stream().filter(t -> t.service() == ServiceKind.MEDICAL).findFirst()
			.orElseThrow();
		long stranger = person("X");
		assertThat(tasks.markDone(manager, medical.id(), null, List.of(new ServiceTasks.TemperatureInput(mother, new BigDecimal("45.2")),
				new ServiceTasks.TemperatureInput(stranger, new BigDecimal("36.5"))), Instant.now()).problems())
			.extracting(p -> p.field() + ":" + p.code())
			.containsExactly("temperature:isolation.services.temperatureRange", "temperature:isolation.services.notInRoom");
		assertThat(jdbc.sql("select status from isolation_service_task where id = ?").param(medical.id()).query(String.class).single())
			.as("nothing half-written").isEqualTo("PENDING");
		ServiceTasks.Task meal = tasksOf(zone, today.plusDays(1)).stream().filter(t -> t.service() == ServiceKind.MEAL).findFirst().orElseThrow();
		assertThat(tasks.markDone(manager, meal.id(), null, List.of(new ServiceTasks.TemperatureInput(mother, new BigDecimal("36.5"))),
				Instant.now()).problems()).extracting(p -> p.code()).containsExactly("isolation.services.noTemperature");

		mvc.perform(post("/api/v1/isolation/services/tasks/" + medical.id() + "/done").with(user(manager)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"temperatures\":[{\"personId\":" + mother + ",\"temperature\":35}]}"))
			.andExpect(status().isOk());
		ServiceTasks.Task second = tasksOf(zone, today.plusDays(1)).stream().filter(t -> t.service() == ServiceKind.MEDICAL).skip(1).findFirst()
			.orElseThrow();
		mvc.perform(post("/api/v1/isolation/services/tasks/" + second.id() + "/done").with(user(manager)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"temperatures\":[{\"personId\":" + mother + ",\"temperature\":99}]}"))
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.problems[0].field").value("temperature"))
			.andExpect(jsonPath("$.problems[0].message").value(org.hamcrest.Matchers.containsString("隔离M")));
		assertThat(tasks.markDone(manager, second.id(), "复测", List.of(new ServiceTasks.TemperatureInput(mother, new BigDecimal("36.6")),
				new ServiceTasks.TemperatureInput(son, new BigDecimal("37.8"))), Instant.now()).saved()).isTrue();
		assertThat(tasks.find(manager, second.id()).orElseThrow().fever()).isTrue();
		assertThat(tasks.readings(List.of(second.id())).get(second.id())).extracting(ServiceTasks.Reading::fever).containsExactly(false, true);
		assertThat(jdbc.sql("select count(*) from person_timeline where person_id = ? and kind = 'isolation.temperature'").param(son)
			.query(Long.class).single()).isEqualTo(1);
		mvc.perform(get("/api/v1/isolation/services/tasks/" + second.id()).with(user(manager)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.temperatures.length()").value(2));
	}

	@Test
	void aFloorsMealsAreMarkedAtOnceWithoutRecordingTwiceWhatSomeoneDidMeanwhile() throws Exception {
		long zone = zone(4, 1);
		for (IsolationRooms.Room r : roomsOf(zone)) {
			stay(person("R" + r.code()), r.id(), 2);
		}
		tasks.generate(schoolId, today.plusDays(1), null, zone);
		List<Long> lunches = tasksOf(zone, today.plusDays(1)).stream().filter(t -> "LUNCH".equals(t.meal())).map(ServiceTasks.Task::id).toList();
		assertThat(lunches).hasSize(4);
		assertThat(tasks.markDone(manager, lunches.get(0), null, null, Instant.now()).saved()).isTrue();
		ServiceTasks.Batch batch = tasks.markAllDone(manager, lunches, "午餐已送", Instant.now());
		assertThat(batch.done()).isEqualTo(3);
		assertThat(batch.skipped()).isEqualTo(1);
		assertThat(tasks.markAllDone(manager, lunches, null, Instant.now()).done()).isZero();
		List<Long> medical = tasksOf(zone, today.plusDays(1)).stream().filter(t -> t.service() == ServiceKind.MEDICAL).map(ServiceTasks.Task::id)
			.toList();
		assertThat(tasks.markAllDone(manager, medical, null, Instant.now()).problems()).extracting(p -> p.code())
			.containsExactly("isolation.services.medicalOneByOne");
		List<Long> dinners = tasksOf(zone, today.plusDays(1)).stream().filter(t -> "DINNER".equals(t.meal())).map(ServiceTasks.Task::id).toList();
		mvc.perform(post("/api/v1/isolation/services/tasks/done").with(user(manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"taskIds\":" + dinners + "}"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.done").value(4)).andExpect(jsonPath("$.skipped").value(0));
		// the phone page's batch form does the same
		List<Long> garbage = tasksOf(zone, today.plusDays(1)).stream().filter(t -> t.service() == ServiceKind.GARBAGE).map(ServiceTasks.Task::id)
			.limit(4).toList();
		var request = post("/isolation/services/batch").with(user(manager)).with(csrf()).param("zone", String.valueOf(zone));
		garbage.forEach(id -> request.param("task", String.valueOf(id)));
		mvc.perform(request).andExpect(status().is3xxRedirection());
		assertThat(tasksOf(zone, today.plusDays(1)).stream().filter(t -> garbage.contains(t.id())).map(ServiceTasks.Task::status))
			.containsOnly(Status.DONE);
	}

	@Test
	void aZonesOwnTimesAreValidatedSavedUnderAStampAndUsedForTheNextDays() throws Exception {
		long zone = zone(1, 1);
		long room = roomsOf(zone).get(0).id();
		stay(person("A"), room, 2);
		var before = settings.of(manager, zone).orElseThrow();
		assertThat(before.lines()).hasSize(5).allSatisfy(l -> assertThat(l.own()).isFalse());
		assertThat(settings.save(manager, zone, List.of(new ServiceSettings.Input(ServiceKind.MEAL, true, "08:00, 24:00", 30)), before.stamp(),
				false).problems()).extracting(p -> p.field()).containsExactly("times.MEAL");
		assertThat(settings.save(manager, zone, List.of(new ServiceSettings.Input(ServiceKind.MEAL, true, "08:00,12:00,18:00", 30),
				new ServiceSettings.Input(ServiceKind.GARBAGE, false, "", 60)), before.stamp(), false).saved()).isTrue();
		assertThat(settings.save(manager, zone, List.of(new ServiceSettings.Input(ServiceKind.MEAL, true, "07:00", 30)), before.stamp(), false)
			.problems()).as("changed meanwhile").extracting(p -> p.code()).containsExactly("conflict");
		tasks.generate(schoolId, today.plusDays(1), null, zone);
		List<ServiceTasks.Task> tomorrow = tasksOf(zone, today.plusDays(1));
		assertThat(tomorrow.stream().filter(t -> t.service() == ServiceKind.MEAL).map(ServiceTasks.Task::slot)).containsExactly("08:00", "12:00", "18:00");
		assertThat(tomorrow).noneMatch(t -> t.service() == ServiceKind.GARBAGE);
		assertThat(tomorrow.get(0).overdueAt().toInstant()).isEqualTo(tomorrow.get(0).dueAt().toInstant().plusSeconds(30 * 60));

		int stamp = settings.of(manager, zone).orElseThrow().stamp();
		mvc.perform(put("/api/v1/isolation/services/settings").param("zoneId", String.valueOf(zone)).with(user(manager)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"stamp\":" + (stamp + 5) + ",\"settings\":[{\"service\":\"MEAL\",\"enabled\":true,\"times\":\"07:00\",\"graceMinutes\":30}]}"))
			.andExpect(status().isConflict());
		mvc.perform(put("/api/v1/isolation/services/settings").param("zoneId", String.valueOf(zone)).with(user(manager)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"stamp\":" + stamp + ",\"settings\":[{\"service\":\"MEDICAL\",\"enabled\":true,\"times\":\"8:00\",\"graceMinutes\":999}]}"))
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.problems[0].field").value("grace.MEDICAL"));
		mvc.perform(put("/api/v1/isolation/services/settings").param("zoneId", String.valueOf(zone)).with(user(manager)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"stamp\":" + stamp + ",\"settings\":[{\"service\":\"MEDICAL\",\"enabled\":true,\"times\":\"08:00,12:00,20:00\",\"graceMinutes\":60}]}"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.lines[4].times").value("08:00,12:00,20:00"));
		mvc.perform(get("/api/v1/isolation/services/settings").param("zoneId", String.valueOf(zone)).with(user(manager)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.lines[0].own").value(true));
	}

	@Test
	void theManagerSeesOverdueTasksByFilterAndTheDashboardWhileSomeoneOutsideTheScopeSeesNothing() throws Exception {
		long zone = zone(2, 1);
		List<IsolationRooms.Room> all = roomsOf(zone);
		stay(person("A"), all.get(0).id(), 3);
		stay(person("B"), all.get(1).id(), 3);
		tasks.generate(schoolId, today.minusDays(1), null, zone);
		var overdue = tasks.search(manager, new ServiceTasks.Filter(null, null, zone, null, null, ServiceKind.MEAL, null, true, null, null, null),
				new PageQuery(0, 4, "due", false), Instant.now());
		assertThat(overdue.items()).hasSize(4).allSatisfy(t -> assertThat(t.overdueAt(Instant.now())).isTrue());
		assertThat(overdue.total()).isEqualTo(6);
		assertThat(overdue.hasNext()).isTrue();
		assertThat(tasks.search(manager, new ServiceTasks.Filter(null, null, zone, null, null, null, null, true, null, null, tag + "A"),
				new PageQuery(0, 50, "due", false), Instant.now()).items()).hasSize(11).allSatisfy(t -> assertThat(t.roomId()).isEqualTo(all.get(0).id()));
		assertThat(tasks.overdueByZone(manager, Instant.now())).filteredOn(o -> o.zoneId() == zone)
			.extracting(o -> o.service() + "=" + o.count()).contains("MEAL=6", "MEDICAL=4");
		mvc.perform(get("/api/v1/isolation/services/overdue").param("zoneId", String.valueOf(zone)).param("service", "MEDICAL").with(user(manager)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(4)).andExpect(jsonPath("$.items[0].overdue").value(true));
		mvc.perform(get("/api/v1/isolation/services/dashboard").param("zoneId", String.valueOf(zone)).with(user(manager)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.occupancy.occupiedBeds").value(2))
			.andExpect(jsonPath("$.overdue.length()").value(5));

		long elsewhere = jdbc.sql("select id from place where school_id = ? and code = 'C2'").param(schoolId).query(Long.class).single();
		CurrentUser outsider = new CurrentUser(-2, schoolId, "services-outsider", "Outsider", null,
				EnumSet.of(Permission.ISOLATION_READ, Permission.ISOLATION_SERVICE), Set.of(),
				new DataScope(false, Set.of(), Set.of(elsewhere), Set.of()), true, false, null);
		long task = overdue.items().get(0).id();
		assertThat(tasks.search(outsider, new ServiceTasks.Filter(null, null, zone, null, null, null, null, true, null, null, null),
				new PageQuery(0, 50, "due", false), Instant.now()).items()).isEmpty();
		assertThat(tasks.markDone(outsider, task, null, null, Instant.now()).problems()).extracting(p -> p.code()).containsExactly("notFound");
		assertThat(tasks.markAllDone(outsider, List.of(task), null, Instant.now()).problems()).extracting(p -> p.code()).containsExactly("notFound");
		mvc.perform(post("/api/v1/isolation/services/tasks/" + task + "/done").with(user(outsider)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isNotFound());
		mvc.perform(post("/isolation/services/tasks/" + task + "/done").with(user(outsider)).with(csrf())).andExpect(status().isNotFound());

		// the pages
		String list = mvc.perform(get("/isolation/services/tasks").param("zone", String.valueOf(zone)).with(user(manager)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(list).contains("data-testid=\"row-overdue\"");
		String csv = mvc.perform(get("/isolation/services/tasks/export").param("zone", String.valueOf(zone)).param("format", "csv")
				.with(user(manager))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(csv.lines().count()).isEqualTo(23);
		mvc.perform(get("/isolation/dashboard").with(user(manager))).andExpect(status().isOk());
		mvc.perform(get("/isolation/services/settings").param("zone", String.valueOf(zone)).with(user(manager))).andExpect(status().isOk());
		String phone = mvc.perform(get("/isolation/services").param("zone", String.valueOf(zone)).with(user(manager)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(phone).contains("data-testid=\"task-overdue\"");
		CurrentUser reader = new CurrentUser(-3, schoolId, "services-reader", "Reader", null, EnumSet.of(Permission.ISOLATION_READ), Set.of(),
				new DataScope(true, Set.of(), Set.of(), Set.of()), true, false, null);
		mvc.perform(post("/api/v1/isolation/services/tasks/" + task + "/done").with(user(reader)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isForbidden());
		mvc.perform(get("/isolation/services").with(user(reader))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/isolation/services/generate").with(user(reader)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/isolation/services/generate").with(user(manager)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"zoneId\":" + zone + ",\"day\":\"" + today.minusDays(1) + "\"}"))
			.andExpect(status().isOk()).andExpect(jsonPath("$.added").value(0));
	}
}
