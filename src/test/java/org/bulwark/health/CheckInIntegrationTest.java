package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.directory.FieldProblem;
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

@BulwarkIntegrationTest
@RecordApplicationEvents
class CheckInIntegrationTest {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Autowired
	CheckIns checkIns;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	CurrentUser recorder;
	long personId;

	@BeforeEach
	void signIn() {
		long schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		recorder = new CurrentUser(-1, schoolId, "recorder-test", "Recorder", null,
				Set.of(Permission.CHECK_IN_RECORD, Permission.PEOPLE_READ), Set.of(), DataScope.everything(), true, false,
				null);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(recorder, null, recorder.getAuthorities()));
		// Staff only: the browser test gives the student's class a policy of its own.
		personId = jdbc.sql("select id from person where school_id = ? and population = 'STAFF' order by id")
			.param(schoolId).query(Long.class).list().get(0);
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	/** Each test owns its day: a run on a database kept from an earlier run starts clean. */
	private LocalDate fresh(LocalDate day) {
		jdbc.sql("delete from check_in_revision where check_in_id in (select id from check_in where person_id = ? and check_date = ?)")
			.params(personId, day).update();
		jdbc.sql("delete from check_in where person_id = ? and check_date = ?").params(personId, day).update();
		return day;
	}

	private static Instant at(LocalDate day, int hour, int minute) {
		return day.atTime(hour, minute).atZone(SHANGHAI).toInstant();
	}

	private CheckIns.Submission morning(long person, String temperature, List<String> symptoms, String requestId,
			Instant measuredAt) {
		return new CheckIns.Submission(person, "morning", new BigDecimal(temperature), symptoms, true, null, measuredAt,
				requestId, CheckIns.Source.API);
	}

	private long rows(String table, LocalDate day) {
		String sql = table.equals("check_in") ? "select count(*) from check_in where person_id = ? and check_date = ?"
				: "select count(*) from check_in_revision r join check_in c on c.id = r.check_in_id where c.person_id = ? and c.check_date = ?";
		return jdbc.sql(sql).params(personId, day).query(Long.class).single();
	}

	@Test
	void resubmittingTheSameSlotUpdatesTheRecordAndKeepsItsHistory() {
		LocalDate day = fresh(LocalDate.of(2026, 3, 2));
		Instant now = at(day, 7, 0);
		CheckIns.Saved first = (CheckIns.Saved) checkIns.submit(recorder, morning(personId, "36.5", List.of(), null, now), now);
		assertThat(first.recorded().late()).isFalse();
		assertThat(first.recorded().abnormal()).isFalse();
		assertThat(first.recorded().revision()).isEqualTo(1);

		Instant later = at(day, 7, 30);
		CheckIns.Saved second = (CheckIns.Saved) checkIns.submit(recorder, morning(personId, "36.7", List.of(), null, later),
				later);
		assertThat(second.recorded().id()).isEqualTo(first.recorded().id());
		assertThat(second.recorded().revision()).isEqualTo(2);
		assertThat(rows("check_in", day)).isEqualTo(1);
		assertThat(rows("check_in_revision", day)).isEqualTo(2);
		assertThat(jdbc.sql("select temperature from check_in where id = ?").param(first.recorded().id())
			.query(BigDecimal.class).single()).isEqualByComparingTo("36.7");

		CheckIns.Day status = checkIns.day(recorder, personId, day, at(day, 12, 0)).orElseThrow();
		assertThat(status.slots()).extracting(s -> s.slot().code() + ":" + s.state())
			.containsExactly("morning:ON_TIME", "noon:DUE", "evening:NOT_OPEN");
		assertThat(checkIns.day(recorder, personId, day, at(day, 22, 0)).orElseThrow().slots())
			.extracting(s -> s.state().name()).containsExactly("ON_TIME", "MISSING", "MISSING");
	}

	@Test
	void aRetryWithTheSameRequestIdNeverCreatesADuplicate() {
		LocalDate day = fresh(LocalDate.of(2026, 3, 3));
		Instant now = at(day, 8, 0);
		String retryId = java.util.UUID.randomUUID().toString();
		CheckIns.Saved first = (CheckIns.Saved) checkIns.submit(recorder,
				morning(personId, "36.5", List.of(), retryId, now), now);
		CheckIns.Saved retry = (CheckIns.Saved) checkIns.submit(recorder,
				morning(personId, "36.5", List.of(), retryId, now), now.plusSeconds(5));
		assertThat(first.replayed()).isFalse();
		assertThat(retry.replayed()).isTrue();
		assertThat(retry.recorded().id()).isEqualTo(first.recorded().id());
		assertThat(retry.recorded().revision()).isEqualTo(1);
		assertThat(rows("check_in_revision", day)).isEqualTo(1);
	}

	@Test
	void concurrentRetriesStoreOnceAndConcurrentAnswersAllKeepTheirVersions() throws Exception {
		LocalDate day = fresh(LocalDate.of(2026, 3, 4));
		Instant now = at(day, 7, 10);
		String retryId = java.util.UUID.randomUUID().toString();
		List<CheckIns.Outcome> retries = all(8, i -> checkIns.submit(recorder, morning(personId, "36.5", List.of(), retryId, now),
				now));
		assertThat(retries).allMatch(o -> o instanceof CheckIns.Saved);
		assertThat(retries).filteredOn(o -> !((CheckIns.Saved) o).replayed()).hasSize(1);
		assertThat(rows("check_in_revision", day)).isEqualTo(1);

		// eight different answers for the same slot at once: one row, every answer a version of it
		List<CheckIns.Outcome> answers = all(8, i -> checkIns.submit(recorder,
				morning(personId, "36." + i, List.of(), "answer-" + day + "-" + i, now), now));
		assertThat(answers).allMatch(o -> o instanceof CheckIns.Saved saved && !saved.replayed());
		assertThat(rows("check_in", day)).isEqualTo(1);
		assertThat(rows("check_in_revision", day)).isEqualTo(9);
		assertThat(jdbc.sql("select revision from check_in where person_id = ? and check_date = ?").params(personId, day)
			.query(Integer.class).single()).isEqualTo(9);
	}

	@Test
	void manyPeopleAtOnceEachGetTheirOwnRecordAndEveryAnswerAVersion() throws Exception {
		// the morning rush: 16 people, each sending two answers, all at once
		LocalDate day = LocalDate.of(2026, 3, 9);
		Instant now = at(day, 7, 20);
		List<Long> people = jdbc.sql("select id from person where school_id = ? and population = 'STAFF' and active order by id")
			.param(recorder.schoolId()).query(Long.class).list().stream()
			.filter(id -> checkIns.day(recorder, id, day, now).map(d -> d.policy() != null
					&& d.policy().slot("morning").isPresent()).orElse(false))
			.limit(16).toList();
		assertThat(people).hasSize(16);
		for (long person : people) {
			jdbc.sql("delete from check_in_revision where check_in_id in (select id from check_in where person_id = ? and check_date = ?)")
				.params(person, day).update();
			jdbc.sql("delete from check_in where person_id = ? and check_date = ?").params(person, day).update();
		}
		List<CheckIns.Outcome> outcomes = all(2 * people.size(), i -> checkIns.submit(recorder,
				morning(people.get(i % people.size()), "36." + (i / people.size()), List.of(), null, now), now));
		assertThat(outcomes).allMatch(o -> o instanceof CheckIns.Saved, "every check-in saved");
		for (int i = 0; i < outcomes.size(); i++) {
			long person = people.get(i % people.size());
			CheckIns.Recorded r = ((CheckIns.Saved) outcomes.get(i)).recorded();
			assertThat(r.personId()).isEqualTo(person);
			assertThat(r.id()).isEqualTo(jdbc.sql("select id from check_in where person_id = ? and check_date = ?")
				.params(person, day).query(Long.class).single());
			assertThat(jdbc.sql("select temperature from check_in_revision where check_in_id = ? and revision = ?")
				.params(r.id(), r.revision()).query(BigDecimal.class).single()).isEqualByComparingTo(r.temperature());
		}
		for (long person : people) {
			assertThat(jdbc.sql("select revision from check_in where person_id = ? and check_date = ?").params(person, day)
				.query(Integer.class).single()).isEqualTo(2);
			assertThat(outcomes.stream().map(o -> ((CheckIns.Saved) o).recorded()).filter(r -> r.personId() == person)
				.map(CheckIns.Recorded::revision)).containsExactlyInAnyOrder(1, 2);
		}
	}

	/** Runs {@code n} calls at the same moment and returns their results. */
	private static <T> List<T> all(int n, java.util.function.IntFunction<T> call) throws Exception {
		var start = new java.util.concurrent.CountDownLatch(1);
		var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
		try {
			List<java.util.concurrent.Future<T>> futures = new java.util.ArrayList<>();
			for (int i = 0; i < n; i++) {
				int index = i;
				futures.add(pool.submit(() -> {
					start.await();
					return call.apply(index);
				}));
			}
			start.countDown();
			List<T> results = new java.util.ArrayList<>();
			for (var f : futures) {
				results.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void afterTheDeadlineACheckInIsAcceptedAndMarkedLate() {
		LocalDate day = fresh(LocalDate.of(2026, 3, 4));
		Instant now = at(day, 10, 15);
		CheckIns.Saved saved = (CheckIns.Saved) checkIns.submit(recorder, morning(personId, "36.4", List.of(), null, now),
				now);
		assertThat(saved.recorded().late()).isTrue();
		assertThat(checkIns.day(recorder, personId, day, now).orElseThrow().slots().get(0).state())
			.isEqualTo(CheckIns.State.LATE);
	}

	@Test
	void anAbnormalCheckInIsStoredAnnouncedAndOnTheTimeline() {
		LocalDate day = fresh(LocalDate.of(2026, 3, 5));
		Instant now = at(day, 7, 10);
		CheckIns.Saved fever = (CheckIns.Saved) checkIns.submit(recorder,
				morning(personId, "38.2", List.of("cough"), null, now), now);
		assertThat(fever.recorded().fever()).isTrue();
		assertThat(fever.recorded().abnormal()).isTrue();
		assertThat(jdbc.sql("select abnormal from check_in where id = ?").param(fever.recorded().id())
			.query(Boolean.class).single()).isTrue();
		assertThat(events.stream(CheckInAbnormal.class)).singleElement().satisfies(e -> {
			assertThat(e.personId()).isEqualTo(personId);
			assertThat(e.rules()).contains("FEVER", "SYMPTOMS:respiratory>=1");
		});
		assertThat(jdbc.sql("select count(*) from person_timeline where person_id = ? and module = 'health' and kind = 'checkInAbnormal'")
			.param(personId).query(Long.class).single()).isPositive();

		Instant noon = at(day, 12, 0);
		CheckIns.Saved twoGeneral = (CheckIns.Saved) checkIns.submit(recorder, new CheckIns.Submission(personId, "noon",
				new BigDecimal("36.6"), List.of("headache", "fatigue"), true, null, noon, null, CheckIns.Source.API), noon);
		assertThat(twoGeneral.recorded().fever()).isFalse();
		assertThat(twoGeneral.recorded().abnormal()).isTrue();
		Instant evening = at(day, 19, 0);
		CheckIns.Saved oneGeneral = (CheckIns.Saved) checkIns.submit(recorder, new CheckIns.Submission(personId, "evening",
				new BigDecimal("36.6"), List.of("headache"), false, "武汉", evening, null, CheckIns.Source.API), evening);
		assertThat(oneGeneral.recorded().abnormal()).isFalse();
		assertThat(oneGeneral.recorded().city()).isEqualTo("武汉");
	}

	@Test
	void badInputIsRejectedByFieldAndNothingIsStored() {
		LocalDate day = fresh(LocalDate.of(2026, 3, 6));
		Instant now = at(day, 7, 0);
		CheckIns.Rejected rejected = (CheckIns.Rejected) checkIns.submit(recorder, new CheckIns.Submission(personId,
				"midnight", new BigDecimal("43.5"), List.of("sneezing"), false, " ", now.plusSeconds(600), "req-bad",
				CheckIns.Source.API), now);
		assertThat(rejected.problems()).extracting(FieldProblem::field, FieldProblem::code).containsExactlyInAnyOrder(
				org.assertj.core.groups.Tuple.tuple("temperature", "health.temperature.range"),
				org.assertj.core.groups.Tuple.tuple("measuredAt", "health.measuredAt.future"),
				org.assertj.core.groups.Tuple.tuple("city", "health.city.required"),
				org.assertj.core.groups.Tuple.tuple("symptoms", "health.symptoms.unknown"),
				org.assertj.core.groups.Tuple.tuple("slotCode", "health.slot.unknown"));
		CheckIns.Rejected tooCold = (CheckIns.Rejected) checkIns.submit(recorder,
				morning(personId, "33.9", List.of(), null, now), now);
		assertThat(tooCold.problems()).extracting(FieldProblem::code).containsExactly("health.temperature.range");
		CheckIns.Rejected early = (CheckIns.Rejected) checkIns.submit(recorder,
				morning(personId, "36.5", List.of(), null, at(day, 5, 0)), at(day, 5, 0));
		assertThat(early.problems()).extracting(FieldProblem::code).containsExactly("health.slot.notOpen");
		assertThat(rows("check_in", day)).isZero();
		assertThat(jdbc.sql("select count(*) from check_in_revision where request_id = 'req-bad'").query(Long.class)
			.single()).isZero();
	}

	@Test
	void outOfScopeAndNonexistentPeopleLookTheSame() {
		CurrentUser nobody = new CurrentUser(-2, recorder.schoolId(), "scopeless", "Scopeless", null,
				Set.of(Permission.CHECK_IN_RECORD), Set.of(), DataScope.nothing(), true, false, null);
		Instant now = at(LocalDate.of(2026, 3, 7), 7, 0);
		assertThat(checkIns.submit(nobody, morning(personId, "36.5", List.of(), null, now), now))
			.isInstanceOf(CheckIns.NotFound.class);
		assertThat(checkIns.submit(recorder, morning(Long.MAX_VALUE, "36.5", List.of(), null, now), now))
			.isInstanceOf(CheckIns.NotFound.class);
		String name = "停用 " + java.util.UUID.randomUUID().toString().substring(0, 8);
		jdbc.sql("insert into person (school_id, name, population, id_type, active) values (?, ?, 'STAFF', 'OTHER', false)")
			.params(recorder.schoolId(), name).update();
		long inactiveId = jdbc.sql("select id from person where name = ?").param(name).query(Long.class).single();
		assertThat(checkIns.submit(recorder, morning(inactiveId, "36.5", List.of(), null, now), now))
			.isInstanceOf(CheckIns.NotFound.class);
		CurrentUser withoutRight = new CurrentUser(-3, recorder.schoolId(), "reader", "Reader", null,
				Set.of(Permission.PEOPLE_READ), Set.of(), DataScope.everything(), true, false, null);
		assertThat(checkIns.submit(withoutRight, morning(personId, "36.5", List.of(), null, now), now))
			.isInstanceOf(CheckIns.NotFound.class);
	}
}
