package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.Groups;
import org.bulwark.system.security.ApiTokens;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

/** Roll-calls of one of the demo counselor's classes, by a teacher whose scope is the counselor's two classes. */
@BulwarkIntegrationTest
@RecordApplicationEvents
class RollCallIntegrationTest {

	@Autowired
	RollCalls rollCalls;

	@Autowired
	Absences absences;

	@Autowired
	CheckIns checkIns;

	@Autowired
	Profiles profiles;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	@Autowired
	Triage triage;

	@Autowired
	MockMvc mvc;

	@Autowired
	ApiTokens tokens;

	long schoolId;
	long classId;
	long outsideClassId;
	List<Long> members;
	CurrentUser teacher;
	LocalDate today;
	String slot = AllDayPolicy.SLOT;

	@BeforeEach
	void aClassOfTheCounselorWithAnAllDaySlot() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		long counselor = jdbc.sql("select person_id from app_user where username = 'counselor'").query(Long.class).single();
		List<Long> classes = jdbc.sql("""
				select target_id from responsibility where responsible_person_id = ? and role = 'COUNSELOR'
				and target_kind = 'ORG_UNIT' order by target_id""").param(counselor).query(Long.class).list();
		classId = classes.get(0);
		outsideClassId = jdbc.sql("select id from org_unit where school_id = ? and kind = 'CLASS' and id not in ("
				+ classes.get(0) + ", " + classes.get(1) + ") order by id limit 1").param(schoolId).query(Long.class).single();
		AllDayPolicy.ensure(jdbc, schoolId, classId, profiles.defaultId());
		members = jdbc.sql("select id from person where org_unit_id = ? and active = true order by name, id").param(classId)
			.query(Long.class).list();
		today = Instant.now().atZone(checkIns.zone()).toLocalDate();
		teacher = new CurrentUser(-7, schoolId, "teacher-test", "测试老师", null,
				Set.of(Permission.CHECK_IN_RECORD, Permission.ABSENCE_RECORD, Permission.PEOPLE_READ), Set.of(),
				new DataScope(false, Set.copyOf(classes), Set.of(), Set.of()), true, false, null);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(teacher, null, teacher.getAuthorities()));
		clean(jdbc, classId, today);
	}

	/** Removes the class's roll-calls and what they caused, so a kept database starts each test clean. */
	static void clean(JdbcClient jdbc, long classId, LocalDate day) {
		String rollCalls = "select id from roll_call where group_kind = 'ORG_UNIT' and group_id = " + classId;
		jdbc.sql("delete from roll_call_change where revision_id in (select id from roll_call_revision where roll_call_id in ("
				+ rollCalls + "))").update();
		jdbc.sql("delete from roll_call_revision where roll_call_id in (" + rollCalls + ")").update();
		jdbc.sql("delete from roll_call_mark where roll_call_id in (" + rollCalls + ")").update();
		jdbc.sql("delete from roll_call where group_kind = 'ORG_UNIT' and group_id = ?").param(classId).update();
		String people = "select id from person where org_unit_id = " + classId;
		jdbc.sql("delete from check_in_revision where check_in_id in (select id from check_in where check_date >= ? and person_id in ("
				+ people + "))").param(day.minusDays(1)).update();
		jdbc.sql("delete from check_in where check_date >= ? and person_id in (" + people + ")").param(day.minusDays(1)).update();
		jdbc.sql("delete from absence where person_id in (" + people + ")").update();
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	private RollCalls.Save save(Integer version, String key, RollCallRules.Input... marks) {
		return new RollCalls.Save(Groups.Kind.ORG_UNIT, classId, today, slot, version, true, List.of(marks), key);
	}

	private static RollCallRules.Input abnormal(long person, String temperature, String... symptoms) {
		return new RollCallRules.Input(person, "ABNORMAL", new BigDecimal(temperature), List.of(symptoms), null, null);
	}

	private static RollCallRules.Input absent(long person, String kind) {
		return new RollCallRules.Input(person, "ABSENT", null, List.of(), kind, "电话确认");
	}

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	@Test
	void allWellPlusExceptionsGoesThroughCheckInsAndAbsencesInOneSave() {
		long ill = members.get(0);
		long away = members.get(1);
		RollCalls.Saved saved = (RollCalls.Saved) rollCalls.save(teacher, save(0, null, abnormal(ill, "38.5", "cough"),
				absent(away, "SICK")), Instant.now());
		assertThat(saved.version()).isEqualTo(1);
		assertThat(jdbc.sql("select expected, present, abnormal, absent from roll_call where id = ?").param(saved.id())
			.query((rs, i) -> List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).single())
			.containsExactly(members.size(), members.size() - 2, 1, 1);
		assertThat(jdbc.sql("select source from check_in where person_id = ? and check_date = ? and slot_code = ?")
			.params(ill, today, slot).query(String.class).single()).isEqualTo("ROLL_CALL");
		assertThat(events.stream(CheckInAbnormal.class).filter(e -> e.personId() == ill))
			.singleElement().satisfies(e -> assertThat(e.temperature()).isEqualByComparingTo("38.5"));
		assertThat(jdbc.sql("select kind || ' ' || source || ' ' || case when follow_up_due is null then 'no' else 'due' end"
				+ " from absence where person_id = ?").param(away).query(String.class).single()).isEqualTo("SICK ROLL_CALL due");
		assertThat(count("select count(*) from roll_call_mark where roll_call_id = ?", saved.id())).isEqualTo(members.size());
		assertThat(count("select count(*) from person_timeline where person_id = ? and kind = 'checkInAbnormal'"
				+ " and occurred_at > current_timestamp - interval '1' hour", ill)).isPositive();
		assertThat(count("select count(*) from person_timeline where person_id = ? and kind = 'rollCallAbsent'"
				+ " and occurred_at > current_timestamp - interval '1' hour", away)).isPositive();
		assertThat(count("select count(*) from audit_event where entity_type = 'roll_call' and entity_id = ?",
				String.valueOf(saved.id()))).isEqualTo(1);

		// the absent person stays on the sheet with their mark: the absence is this roll-call's own
		RollCalls.Sheet sheet = rollCalls.sheet(teacher, Groups.Kind.ORG_UNIT, classId, today, slot, Instant.now()).orElseThrow();
		RollCalls.Row row = sheet.rows().stream().filter(r -> r.member().personId() == away).findFirst().orElseThrow();
		assertThat(row.away()).isFalse();
		assertThat(row.markCode()).isEqualTo("SICK");
		assertThat(absences.isAway(away, today)).isTrue();
	}

	@Test
	void anAbnormalMarkWithoutATemperatureStillReachesTriage() {
		long ill = members.get(0);
		RollCallRules.Input coughing = new RollCallRules.Input(ill, "ABNORMAL", null, List.of("cough"), null, "coughs in class");
		rollCalls.save(teacher, save(0, null, coughing), Instant.now());
		assertThat(count("select count(*) from check_in where person_id = ? and check_date = ?", ill, today)).isZero();
		assertThat(events.stream(CheckInAbnormal.class).filter(e -> e.personId() == ill)).isEmpty();
		RollCallAbnormal event = events.stream(RollCallAbnormal.class).filter(e -> e.personId() == ill).findFirst().orElseThrow();
		assertThat(event.symptoms()).containsExactly("cough");
		assertThat(event.temperature()).isNull();

		// delivered (the listener may have had it already, and the registry may resubmit it): one signal
		long task = triage.receive(event, Instant.now());
		assertThat(triage.receive(event, Instant.now())).isEqualTo(task);
		assertThat(count("select count(*) from triage_signal where task_id = ? and roll_call_revision_id = ?", task,
				event.revisionId())).isEqualTo(1);
		assertThat(jdbc.sql("select rules from triage_task where id = ?").param(task).query(String.class).single())
			.contains(RollCallAbnormal.RULE);
		assertThat(triage.signals(task)).anySatisfy(sig -> {
			assertThat(sig.checkInId()).isNull();
			assertThat(sig.symptoms()).containsExactly("cough");
		});

		// saved again with the same mark: nothing new goes to triage
		rollCalls.save(teacher, save(1, null, coughing), Instant.now());
		assertThat(events.stream(RollCallAbnormal.class).filter(e -> e.personId() == ill)).hasSize(1);
	}

	@Test
	void savingAgainUpdatesTheRollCallAndKeepsWhoChangedWhat() {
		long person = members.get(2);
		RollCalls.Saved first = (RollCalls.Saved) rollCalls.save(teacher, save(0, null), Instant.now());
		RollCalls.Saved second = (RollCalls.Saved) rollCalls.save(teacher, save(1, null, absent(person, "PERSONAL")),
				Instant.now());
		assertThat(second.id()).isEqualTo(first.id());
		assertThat(second.version()).isEqualTo(2);
		List<RollCalls.Revision> history = rollCalls.history(teacher, first.id());
		assertThat(history).extracting(RollCalls.Revision::version).containsExactly(2, 1);
		assertThat(history.get(0).changes()).singleElement().satisfies(c -> {
			assertThat(c.personId()).isEqualTo(person);
			assertThat(c.before()).isEqualTo(RollCallRules.Status.PRESENT);
			assertThat(c.after().absenceKind()).isEqualTo(AbsenceKind.PERSONAL);
		});
		assertThat(history.get(0).recordedByName()).isEqualTo("测试老师");
		assertThat(history.get(1).changes()).hasSize(members.size());
		assertThat(count("select count(*) from absence where person_id = ? and status = 'OPEN'", person)).isEqualTo(1);

		// marked present again: the absence this roll-call registered is withdrawn
		rollCalls.save(teacher, save(2, null), Instant.now());
		assertThat(count("select count(*) from absence where person_id = ? and status = 'OPEN'", person)).isZero();
		assertThat(count("select count(*) from absence where person_id = ? and status = 'CANCELLED'", person)).isEqualTo(1);
	}

	@Test
	void twoTeachersSavingTheSameRollCallAtOnceCannotLoseAnUpdate() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<RollCalls.Outcome>> results = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			long marked = members.get(i);
			Callable<RollCalls.Outcome> task = () -> {
				start.await();
				return rollCalls.save(teacher, save(0, null, absent(marked, "OTHER")), Instant.now());
			};
			results.add(pool.submit(task));
		}
		start.countDown();
		List<RollCalls.Outcome> outcomes = new ArrayList<>();
		for (Future<RollCalls.Outcome> f : results) {
			outcomes.add(f.get());
		}
		pool.shutdown();
		assertThat(outcomes).filteredOn(o -> o instanceof RollCalls.Saved).hasSize(1);
		assertThat(outcomes).filteredOn(o -> o instanceof RollCalls.Conflict).singleElement()
			.satisfies(o -> assertThat(((RollCalls.Conflict) o).recordedByName()).isEqualTo("测试老师"));
		assertThat(count("select count(*) from roll_call_revision r join roll_call c on c.id = r.roll_call_id"
				+ " where c.group_kind = 'ORG_UNIT' and c.group_id = ?", classId)).isEqualTo(1);

		// a save from the version before the stored one is refused, not merged over it
		assertThat(rollCalls.save(teacher, save(0, null), Instant.now())).isInstanceOf(RollCalls.Conflict.class);
	}

	@Test
	void aRetryWithTheSameKeyNeverWritesTwice() {
		String key = java.util.UUID.randomUUID().toString();
		RollCalls.Saved first = (RollCalls.Saved) rollCalls.save(teacher, save(0, key, abnormal(members.get(0), "39.0")),
				Instant.now());
		RollCalls.Outcome retry = rollCalls.save(teacher, save(0, key, abnormal(members.get(0), "39.0")), Instant.now());
		assertThat(retry).isEqualTo(new RollCalls.Saved(first.id(), 1, true));
		assertThat(count("select count(*) from roll_call_revision where roll_call_id = ?", first.id())).isEqualTo(1);
		assertThat(count("select count(*) from check_in_revision r join check_in c on c.id = r.check_in_id"
				+ " where c.person_id = ? and c.check_date = ?", members.get(0), today)).isEqualTo(1);
	}

	@Test
	void aGroupOutsideTheScopeIsNotFound() {
		assertThat(rollCalls.save(teacher, new RollCalls.Save(Groups.Kind.ORG_UNIT, outsideClassId, today, slot, 0, true,
				List.of(), null), Instant.now())).isInstanceOf(RollCalls.NotFound.class);
		assertThat(rollCalls.sheet(teacher, Groups.Kind.ORG_UNIT, outsideClassId, today, null, Instant.now())).isEmpty();
		assertThat(rollCalls.sheet(teacher, Groups.Kind.ORG_UNIT, Long.MAX_VALUE, today, null, Instant.now())).isEmpty();
	}

	@Test
	void badInputNamesTheRowAndFieldAndNothingIsWritten() {
		RollCalls.Rejected rejected = (RollCalls.Rejected) rollCalls.save(teacher, save(0, null,
				absent(members.get(1), "SICK"), abnormal(members.get(0), "36.6"),
				new RollCallRules.Input(members.get(2), "ABSENT", null, List.of(), null, null)), Instant.now());
		assertThat(rejected.problems()).extracting(FieldProblem::field)
			.containsExactly("marks[1].temperature", "marks[2].absenceKind");
		assertThat(count("select count(*) from roll_call where group_kind = 'ORG_UNIT' and group_id = ?", classId)).isZero();
		assertThat(count("select count(*) from absence where person_id = ?", members.get(1))).isZero();
	}

	@Test
	void whenTheCheckInOfOneMarkIsRefusedTheWholeSaveIsUndone() {
		// the last member follows a policy of their own without the roll-call's slot: their check-in is refused
		long odd = members.get(members.size() - 1);
		String code = "rc-odd-" + classId;
		if (count("select count(*) from check_policy where school_id = ? and code = ?", schoolId, code) == 0) {
			jdbc.sql("insert into check_policy (school_id, code, name, profile_id) values (?, ?, 'Odd one', ?)")
				.params(schoolId, code, profiles.defaultId()).update();
			long policy = jdbc.sql("select id from check_policy where school_id = ? and code = ?").params(schoolId, code)
				.query(Long.class).single();
			jdbc.sql("insert into check_policy_org_unit (policy_id, org_unit_id) values (?, ?)").params(policy, classId).update();
			jdbc.sql("insert into check_policy_population (policy_id, population) values (?, 'RETIREE')").param(policy).update();
			jdbc.sql("""
					insert into check_slot (policy_id, code, name_zh, name_en, starts_at, ends_at, deadline, grace_minutes, position)
					values (?, 'other', '其他', 'Other', time '00:00:00', time '23:59:59', time '23:59:59', 0, 0)""")
				.param(policy).update();
		}
		String population = jdbc.sql("select population from person where id = ?").param(odd).query(String.class).single();
		jdbc.sql("update person set population = 'RETIREE' where id = ?").param(odd).update();
		try {
			RollCalls.Rejected rejected = (RollCalls.Rejected) rollCalls.save(teacher, save(0, null,
					absent(members.get(0), "SICK"), abnormal(odd, "38.8")), Instant.now());
			assertThat(rejected.problems()).extracting(p -> p.field() + ":" + p.code())
				.containsExactly("marks[1].slotCode:health.slot.unknown");
			assertThat(count("select count(*) from roll_call where group_kind = 'ORG_UNIT' and group_id = ?", classId)).isZero();
			assertThat(count("select count(*) from absence where person_id = ?", members.get(0))).isZero();
			assertThat(count("select count(*) from check_in where person_id = ? and check_date = ?", odd, today)).isZero();
		}
		finally {
			jdbc.sql("update person set population = ? where id = ?").params(population, odd).update();
		}
	}

	@Test
	void peopleAwayThatDayAreShownAwayAndCannotBeMarked() {
		long onLeave = members.get(3);
		absences.register(teacher, new Absences.Registration(onLeave, AbsenceKind.PERSONAL, today, today, "事假", List.of(),
				null, Absences.Source.API), Instant.now());
		RollCalls.Sheet sheet = rollCalls.sheet(teacher, Groups.Kind.ORG_UNIT, classId, today, slot, Instant.now()).orElseThrow();
		assertThat(sheet.away()).containsExactly(onLeave);
		assertThat(sheet.expected()).doesNotContain(onLeave).hasSize(members.size() - 1);
		RollCalls.Rejected rejected = (RollCalls.Rejected) rollCalls.save(teacher, save(0, null, absent(onLeave, "SICK")),
				Instant.now());
		assertThat(rejected.problems()).extracting(p -> p.field() + ":" + p.code())
			.containsExactly("marks[0].personId:rollCall.person.away");
		RollCalls.Saved saved = (RollCalls.Saved) rollCalls.save(teacher, save(0, null), Instant.now());
		assertThat(jdbc.sql("select expected || '/' || away from roll_call where id = ?").param(saved.id()).query(String.class)
			.single()).isEqualTo((members.size() - 1) + "/1");
	}

	@Test
	void theApiAnswersByRowAndFieldAndReadsTheRollCallBack() throws Exception {
		long userId = jdbc.sql("select id from app_user where username = 'counselor'").query(Long.class).single();
		String token = "Bearer " + tokens.issue(schoolId, userId, "roll-call api test", null).secret();
		String bad = """
				{"groupKind":"ORG_UNIT","groupId":%d,"date":"%s","slotCode":"%s","allPresent":true,
				 "marks":[{"personId":%d,"status":"ABNORMAL","temperature":45.0}]}""".formatted(classId, today, slot,
				members.get(0));
		String problems = mvc.perform(post("/api/v1/roll-calls").header("Authorization", token)
				.contentType(MediaType.APPLICATION_JSON).content(bad))
			.andExpect(status().is(422)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(problems).contains("\"row\":0").contains("\"field\":\"temperature\"");
		String good = """
				{"groupKind":"ORG_UNIT","groupId":%d,"date":"%s","slotCode":"%s","allPresent":true,
				 "marks":[{"personId":%d,"status":"ABSENT","absenceKind":"PERSONAL"}]}""".formatted(classId, today, slot,
				members.get(0));
		mvc.perform(post("/api/v1/roll-calls").header("Authorization", token).header("Idempotency-Key", "api-rc-1")
				.contentType(MediaType.APPLICATION_JSON).content(good))
			.andExpect(status().is(201));
		mvc.perform(post("/api/v1/roll-calls").header("Authorization", token).header("Idempotency-Key", "api-rc-1")
				.contentType(MediaType.APPLICATION_JSON).content(good))
			.andExpect(status().is(200));
		String read = mvc.perform(get("/api/v1/roll-calls").header("Authorization", token)
				.param("groupKind", "ORG_UNIT").param("groupId", String.valueOf(classId)).param("date", today.toString())
				.param("slotCode", slot))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(read).contains("\"version\":1").contains("\"absent\":1").contains("\"absenceKind\":\"PERSONAL\"");
		mvc.perform(get("/api/v1/roll-calls").header("Authorization", token).param("groupKind", "ORG_UNIT")
				.param("groupId", String.valueOf(outsideClassId)))
			.andExpect(status().isNotFound());
		String conflict = mvc.perform(post("/api/v1/roll-calls").header("Authorization", token)
				.contentType(MediaType.APPLICATION_JSON).content(good))
			.andExpect(status().isConflict()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(conflict).contains("\"version\":1");
	}
}
