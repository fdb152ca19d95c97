package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Triage on PostgreSQL: tasks from the event, one per person under concurrency, outcomes, scope. */
@BulwarkIntegrationTest
@RecordApplicationEvents
class TriageIntegrationTest {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Autowired
	Triage triage;

	@Autowired
	CheckIns checkIns;

	@Autowired
	Absences absences;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	long schoolId;
	long personId;
	CurrentUser doctor;

	@BeforeEach
	void aStaffMemberWithoutTasks() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		// staff the other health tests leave alone (they take the first and the last)
		personId = jdbc.sql("select id from person where school_id = ? and population = 'STAFF' and active = true"
				+ " order by id offset 20 limit 1").param(schoolId).query(Long.class).single();
		clear(personId);
		doctor = user(-1, DataScope.everything(), Permission.TRIAGE_MANAGE, Permission.ABSENCE_RECORD,
				Permission.CHECK_IN_RECORD, Permission.PEOPLE_READ);
		signIn(doctor);
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	private void clear(long person) {
		jdbc.sql("delete from triage_signal where task_id in (select id from triage_task where person_id = ?)").param(person)
			.update();
		jdbc.sql("delete from triage_task where person_id = ?").param(person).update();
		jdbc.sql("delete from absence where person_id = ?").param(person).update();
		jdbc.sql("delete from person_timeline where person_id = ? and module = 'health'").param(person).update();
	}

	private CurrentUser user(long id, DataScope scope, Permission... permissions) {
		return new CurrentUser(id, schoolId, "doctor-test", "Doctor Test", null, Set.of(permissions), Set.of(), scope, true,
				false, null);
	}

	private static void signIn(CurrentUser user) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
	}

	private CheckInAbnormal fever(String temperature, Instant measuredAt) {
		return new CheckInAbnormal(schoolId, personId, ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L),
				measuredAt.atZone(SHANGHAI).toLocalDate(), "morning", new BigDecimal(temperature), List.of("cough"),
				List.of("FEVER"), true, measuredAt);
	}

	private List<long[]> tasks() {
		return jdbc.sql("select id, signal_count, case when open_person_id is null then 0 else 1 end from triage_task"
				+ " where person_id = ? order by id").param(personId)
			.query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).list();
	}

	@Test
	void anAbnormalCheckInOpensATaskThroughTheEventAndTheNextOneAddsToIt() {
		LocalDate day = LocalDate.now(SHANGHAI).minusDays(1);
		jdbc.sql("delete from check_in_revision where check_in_id in (select id from check_in where person_id = ? and check_date = ?)")
			.params(personId, day).update();
		jdbc.sql("delete from check_in where person_id = ? and check_date = ?").params(personId, day).update();
		Instant morning = day.atTime(7, 0).atZone(SHANGHAI).toInstant();
		CheckIns.Outcome first = checkIns.submit(doctor, new CheckIns.Submission(personId, "morning", new BigDecimal("38.4"),
				List.of("cough"), true, null, morning, null, CheckIns.Source.API), morning);
		assertThat(first).isInstanceOf(CheckIns.Saved.class);
		await().atMost(Duration.ofSeconds(20)).until(() -> tasks().size() == 1);

		Instant noon = day.atTime(12, 0).atZone(SHANGHAI).toInstant();
		checkIns.submit(doctor, new CheckIns.Submission(personId, "noon", new BigDecimal("37.6"), List.of("sore_throat"),
				true, null, noon, null, CheckIns.Source.API), noon);
		await().atMost(Duration.ofSeconds(20)).until(() -> tasks().get(0)[1] == 2);
		assertThat(tasks()).hasSize(1);

		Triage.Task task = triage.find(doctor, tasks().get(0)[0]).orElseThrow();
		assertThat(task.status()).isEqualTo(TriageRules.Status.OPEN);
		assertThat(task.maxTemperature()).isEqualByComparingTo("38.4");
		assertThat(task.symptoms()).containsExactly("cough", "sore_throat");
		assertThat(task.rules()).contains("FEVER");
		assertThat(triage.signals(task.id())).extracting(Triage.Signal::slotCode).containsExactly("noon", "morning");
		assertThat(jdbc.sql("select count(*) from person_timeline where person_id = ? and kind = 'triageOpened'")
			.param(personId).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void concurrentEventsForOnePersonOpenOneTaskAndARedeliveryCountsOnce() throws Exception {
		Instant base = Instant.now().minusSeconds(3600);
		List<CheckInAbnormal> signals = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			signals.add(fever("38." + i, base.plusSeconds(i)));
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Long>> results = new ArrayList<>();
			for (CheckInAbnormal e : signals) {
				results.add(pool.submit(() -> {
					start.await();
					return triage.receive(e, Instant.now());
				}));
			}
			start.countDown();
			for (Future<Long> f : results) {
				f.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(tasks()).hasSize(1);
		assertThat(tasks().get(0)[1]).isEqualTo(8);
		triage.receive(signals.get(3), Instant.now());
		assertThat(tasks().get(0)[1]).as("the same event again").isEqualTo(8);
		assertThat(triage.find(doctor, tasks().get(0)[0]).orElseThrow().maxTemperature()).isEqualByComparingTo("38.7");
	}

	@Test
	void concludingPublishesTriageConcludedOnceAndTheNextFeverOpensANewTask() {
		long id = triage.receive(fever("38.9", Instant.now().minusSeconds(600)), Instant.now());
		Triage.Task task = triage.find(doctor, id).orElseThrow();
		Triage.Outcome started = triage.start(doctor, id, task.version(), Instant.now());
		assertThat(started).isInstanceOf(Triage.Done.class);
		assertThat(triage.start(doctor, id, task.version(), Instant.now())).isInstanceOf(Triage.Conflict.class);
		int version = ((Triage.Done) started).task().version();

		assertThat(triage.conclude(doctor, id, version, null, null, false, Instant.now()))
			.isInstanceOfSatisfying(Triage.Rejected.class, r -> assertThat(r.problems()).extracting(p -> p.field())
				.containsExactly("outcome"));
		Triage.Outcome done = triage.conclude(doctor, id, version, TriageOutcome.ISOLATION, "密接，转隔离点", false,
				Instant.now());
		assertThat(done).isInstanceOfSatisfying(Triage.Done.class, d -> {
			assertThat(d.task().status()).isEqualTo(TriageRules.Status.DONE);
			assertThat(d.task().outcome()).isEqualTo(TriageOutcome.ISOLATION);
		});
		assertThat(events.stream(TriageConcluded.class).filter(e -> e.taskId() == id))
			.singleElement().satisfies(e -> {
				assertThat(e.personId()).isEqualTo(personId);
				assertThat(e.outcome()).isEqualTo(TriageOutcome.ISOLATION);
				assertThat(e.note()).isEqualTo("密接，转隔离点");
				assertThat(e.schoolId()).isEqualTo(schoolId);
			});
		Triage.Outcome again = triage.conclude(doctor, id, ((Triage.Done) done).task().version(), TriageOutcome.WELL, null,
				false, Instant.now());
		assertThat(again).isInstanceOfSatisfying(Triage.Conflict.class,
				c -> assertThat(c.current().outcome()).isEqualTo(TriageOutcome.ISOLATION));
		assertThat(events.stream(TriageConcluded.class).filter(e -> e.taskId() == id)).hasSize(1);
		assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'triage_task' and entity_id = ?")
			.param(String.valueOf(id)).query(Long.class).single()).isEqualTo(2);

		long next = triage.receive(fever("38.1", Instant.now().minusSeconds(60)), Instant.now());
		assertThat(next).isNotEqualTo(id);
		assertThat(tasks()).extracting(t -> t[2]).containsExactly(0L, 1L);
	}

	@Test
	void twoDoctorsConcludingAtOnceOneWinsTheOtherIsToldWhoConcluded() throws Exception {
		long id = triage.receive(fever("38.3", Instant.now().minusSeconds(600)), Instant.now());
		int version = triage.find(doctor, id).orElseThrow().version();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Triage.Outcome>> results = new ArrayList<>();
			for (TriageOutcome outcome : List.of(TriageOutcome.WELL, TriageOutcome.HOME_OBSERVATION)) {
				Callable<Triage.Outcome> call = () -> {
					signIn(doctor);
					start.await();
					return triage.conclude(doctor, id, version, outcome, null, false, Instant.now());
				};
				results.add(pool.submit(call));
			}
			start.countDown();
			List<Triage.Outcome> outcomes = new ArrayList<>();
			for (Future<Triage.Outcome> f : results) {
				outcomes.add(f.get());
			}
			assertThat(outcomes).filteredOn(o -> o instanceof Triage.Done).hasSize(1);
			assertThat(outcomes).filteredOn(o -> o instanceof Triage.Conflict).hasSize(1)
				.allSatisfy(o -> assertThat(((Triage.Conflict) o).current().open()).isFalse());
		}
		finally {
			pool.shutdown();
		}
		assertThat(jdbc.sql("select count(*) from person_timeline where person_id = ? and kind = 'triageConcluded'")
			.param(personId).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void homeObservationRegistersASickAbsenceFromToday() {
		long id = triage.receive(fever("38.6", Instant.now().minusSeconds(600)), Instant.now());
		int version = triage.find(doctor, id).orElseThrow().version();
		assertThat(triage.conclude(doctor, id, version, TriageOutcome.WELL, null, true, Instant.now()))
			.isInstanceOf(Triage.Rejected.class);
		Triage.Done done = (Triage.Done) triage.conclude(doctor, id, version, TriageOutcome.HOME_OBSERVATION, "居家观察 3 天",
				true, Instant.now());
		assertThat(done.task().absenceId()).isNotNull();
		Absences.Absence absence = absences.find(doctor, done.task().absenceId(), Instant.now()).orElseThrow();
		assertThat(absence.kind()).isEqualTo(AbsenceKind.SICK);
		assertThat(absence.source()).isEqualTo(Absences.Source.CLINIC);
		assertThat(absence.symptoms()).containsExactly("cough");
		assertThat(absence.stage()).isEqualTo(AbsenceRules.Stage.FOLLOW_UP_DUE);
		assertThat(absences.isAway(personId, LocalDate.now(SHANGHAI))).isTrue();
	}

	@Test
	void aDoctorOutsideThePersonsScopeNeitherSeesNorConcludesTheTask() {
		long id = triage.receive(fever("38.2", Instant.now().minusSeconds(600)), Instant.now());
		int version = triage.find(doctor, id).orElseThrow().version();
		long otherUnit = jdbc.sql("""
				select id from org_unit where school_id = ? and id not in (
				  select u.id from org_unit u, org_unit mine where mine.id = (select org_unit_id from person where id = ?)
				  and (mine.path like concat(u.path, '%') or u.path like concat(mine.path, '%'))) order by id limit 1""")
			.params(schoolId, personId).query(Long.class).single();
		CurrentUser elsewhere = user(-2, new DataScope(false, Set.of(otherUnit), Set.of(), Set.of()),
				Permission.TRIAGE_MANAGE, Permission.ABSENCE_RECORD);
		assertThat(triage.find(elsewhere, id)).isEmpty();
		assertThat(triage.conclude(elsewhere, id, version, TriageOutcome.WELL, null, false, Instant.now()))
			.isInstanceOf(Triage.NotFound.class);
		assertThat(triage.search(elsewhere, new Triage.Filter(Triage.View.ALL, null, null, null, null, null),
				new PageQuery(0, 200, "opened", false)).items()).extracting(Triage.Task::id).doesNotContain(id);
		assertThat(triage.search(doctor, new Triage.Filter(null, null, null, null, null, null),
				new PageQuery(0, 200, "opened", true)).items()).extracting(Triage.Task::id).contains(id);
		CurrentUser counselor = user(-3, DataScope.everything(), Permission.ABSENCE_RECORD, Permission.PEOPLE_READ);
		assertThat(triage.find(counselor, id)).as("no triage right").isEmpty();
	}
}
