package org.bulwark.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.directory.BuildingPattern;
import org.bulwark.directory.PlaceUsage;
import org.bulwark.health.TriageConcluded;
import org.bulwark.health.TriageOutcome;
import org.bulwark.screening.PersonClassified;
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
 * Control cases on PostgreSQL: standard policies, opening by hand, from triage and screening (idempotent),
 * from a list (all or nothing), the actions with their version check (also under concurrent requests),
 * checking out of the room on release, policy versions and their re-application, missed follow-ups,
 * the list's filters, the printed documents and the API. Each test makes its own people (random tag).
 */
@BulwarkIntegrationTest
class ControlCasesIntegrationTest {

	@Autowired
	ControlCases cases;

	@Autowired
	CaseOpening opening;

	@Autowired
	CaseActions actions;

	@Autowired
	ControlPolicies policies;

	@Autowired
	FollowUpJob followUp;

	@Autowired
	IsolationZones zones;

	@Autowired
	IsolationRooms rooms;

	@Autowired
	Allocations allocations;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	CurrentUser office;
	long schoolId;
	String tag;
	LocalDate today;

	@BeforeEach
	void setUp() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		office = new CurrentUser(-1, schoolId, "control-office", "Office", null,
				EnumSet.of(Permission.CONTROL_READ, Permission.CONTROL_MANAGE, Permission.CONTROL_POLICY_MANAGE, Permission.ISOLATION_READ,
						Permission.ISOLATION_MANAGE, Permission.ISOLATION_SERVICE, Permission.PLACES_WRITE),
				Set.of(), new DataScope(true, Set.of(), Set.of(), Set.of()), true, false, null);
		tag = "C" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
		today = cases.today();
	}

	long person(String suffix) {
		return jdbc.sql("""
				insert into person (school_id, code, name, population, id_type, gender) values (?, ?, ?, 'STAFF', 'OTHER', 'FEMALE')
				returning id""").params(schoolId, tag + suffix, "管控" + suffix).query(Long.class).single();
	}

	long open(long person, ControlCategory category, LocalDate exposure) {
		CaseResult r = opening.open(office, new CaseOpening.Opening(person, category, null, exposure, null, null, null));
		assertThat(r.saved()).as(r.problems().toString()).isTrue();
		return r.id();
	}

	ControlCases.Case find(long id) {
		return cases.find(office, id).orElseThrow();
	}

	/** A custom category policy for the tests that change policies, so that the others' cases are not touched: OTHER under a new profile. */
	long profile() {
		return jdbc.sql("insert into disease_profile (school_id, code, name_zh, name_en) values (?, ?, ?, ?) returning id")
			.params(schoolId, "P" + tag, "测试病种" + tag, "Profile " + tag).query(Long.class).single();
	}

	@Test
	void aCloseContactOpenedByHandGetsSevenDaysIsolationAndThreeDaysMonitoringFromTheLastExposure() {
		LocalDate exposed = today.minusDays(2);
		long id = open(person("A"), ControlCategory.CLOSE_CONTACT, exposed);
		ControlCases.Case c = find(id);
		assertThat(c.startOn()).isEqualTo(exposed);
		assertThat(c.releaseOn()).isEqualTo(exposed.plusDays(10));
		assertThat(c.measureToday()).isEqualTo(Measure.CENTRALIZED_ISOLATION);
		assertThat(c.phase()).isEqualTo(ControlCases.Phase.IN_PHASE);
		CasePlan plan = cases.plan(schoolId, c);
		assertThat(plan.testDates()).containsExactly(exposed.plusDays(1), exposed.plusDays(4), exposed.plusDays(7));
		assertThat(cases.events(id)).extracting(ControlCases.Event::action).containsExactly(ControlCases.Action.OPENED);
		// one open case per person and category; the date the policy counts from is required; dates not in the future
		assertThat(opening.open(office, new CaseOpening.Opening(c.personId(), ControlCategory.CLOSE_CONTACT, null, exposed, null, null, null))
			.problems()).extracting(p -> p.field() + ":" + p.code()).containsExactly("personId:control.alreadyOpen");
		long b = person("B");
		assertThat(opening.open(office, new CaseOpening.Opening(b, ControlCategory.CLOSE_CONTACT, null, null, null, null, null)).problems())
			.extracting(p -> p.field() + ":" + p.code()).containsExactly("lastExposureOn:required");
		assertThat(opening.open(office, new CaseOpening.Opening(b, ControlCategory.CLOSE_CONTACT, null, today.plusDays(1), null, null, null))
			.problems()).extracting(p -> p.field() + ":" + p.code()).containsExactly("lastExposureOn:inFuture");
	}

	@Test
	void aTriageOutcomeOpensOneCaseHoweverOftenItIsDeliveredAndHomeObservationStaysAtHome() {
		long p = person("T");
		long task = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
		TriageConcluded event = new TriageConcluded(schoolId, p, task, TriageOutcome.ISOLATION, "38.5℃", Instant.now());
		assertThat(opening.fromTriage(event)).isPresent();
		assertThat(opening.fromTriage(event)).isEmpty();
		List<ControlCases.Case> open = cases.openOf(office, p);
		assertThat(open).hasSize(1);
		assertThat(open.get(0).category()).isEqualTo(ControlCategory.FEVER_PATIENT);
		assertThat(open.get(0).source()).isEqualTo(ControlCases.Source.TRIAGE);
		assertThat(open.get(0).startOn()).isEqualTo(today);
		assertThat(open.get(0).measureToday()).isEqualTo(Measure.CENTRALIZED_ISOLATION);
		// another triage of the same person while the case is open adds nothing but a note
		assertThat(opening.fromTriage(new TriageConcluded(schoolId, p, task + 1, TriageOutcome.ISOLATION, null, Instant.now()))).isEmpty();
		assertThat(cases.openOf(office, p)).hasSize(1);
		assertThat(opening.fromTriage(new TriageConcluded(schoolId, person("W"), task + 2, TriageOutcome.WELL, null, Instant.now()))).isEmpty();

		long h = person("H");
		opening.fromTriage(new TriageConcluded(schoolId, h, task + 3, TriageOutcome.HOME_OBSERVATION, null, Instant.now())).orElseThrow();
		assertThat(cases.openOf(office, h).get(0).measureToday()).isEqualTo(Measure.HOME_ISOLATION);
	}

	@Test
	void aScreeningClassificationOpensACaseOfTheProposedCategoryOnce() {
		long p = person("S");
		long task = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
		PersonClassified event = new PersonClassified(schoolId, p, 1, task, "SPATIOTEMPORAL_COMPANION", "LIVES_ON_CAMPUS", "市疾控推送", null,
				"verifier", Instant.now());
		assertThat(opening.fromScreening(event)).isPresent();
		assertThat(opening.fromScreening(event)).isEmpty();
		List<ControlCases.Case> open = cases.openOf(office, p);
		assertThat(open).singleElement().satisfies(c -> {
			assertThat(c.category()).isEqualTo(ControlCategory.SPATIOTEMPORAL_COMPANION);
			assertThat(c.measureToday()).isEqualTo(Measure.DAILY_TESTING);
			assertThat(c.source()).isEqualTo(ControlCases.Source.SCREENING);
		});
	}

	@Test
	void aListOpensEveryoneOrNobodyAndNamesTheLinesThatAreWrong() {
		long a = person("L1");
		long b = person("L2");
		open(b, ControlCategory.SECONDARY_CONTACT, today.minusDays(1));
		String text = tag + "L1 " + today.minusDays(1) + "\n" + tag + "L2\n" + tag + "NOBODY\n" + tag + "L1\n" + tag + "L3 31/12";
		person("L3");
		CaseOpening.BulkResult r = opening.openAll(office, ControlCategory.SECONDARY_CONTACT, null, today.minusDays(2), text, null);
		assertThat(r.saved()).isFalse();
		assertThat(r.problems()).extracting(p -> p.row() + ":" + p.field() + ":" + p.code())
			.containsExactly("2:number:control.alreadyOpen", "3:number:control.personNotFound", "4:number:control.duplicateRow", "5:date:control.date");
		assertThat(cases.openOf(office, a)).isEmpty();

		CaseOpening.BulkResult ok = opening.openAll(office, ControlCategory.SECONDARY_CONTACT, null, today.minusDays(2),
				tag + "L1 " + today.minusDays(1) + "\n" + tag + "L3", "楼栋排查");
		assertThat(ok.saved()).isTrue();
		assertThat(ok.caseIds()).hasSize(2);
		assertThat(cases.openOf(office, a).get(0).startOn()).isEqualTo(today.minusDays(1));
		assertThat(find(ok.caseIds().get(1)).startOn()).isEqualTo(today.minusDays(2));
		assertThat(find(ok.caseIds().get(1)).source()).isEqualTo(ControlCases.Source.BULK);
	}

	@Test
	void actionsMoveTheReleaseDateAndAStaleVersionIsAConflict() {
		long id = open(person("X"), ControlCategory.CLOSE_CONTACT, today.minusDays(1));
		ControlCases.Case c = find(id);
		LocalDate release = c.releaseOn();
		CaseResult extended = actions.act(office, id, new CaseActions.Request(CaseActions.Kind.EXTEND, c.version(), "复检阳性", 3, null, null));
		assertThat(extended.saved()).isTrue();
		assertThat(find(id).releaseOn()).isEqualTo(release.plusDays(3));
		// the same version again: someone acted first
		assertThat(actions.act(office, id, new CaseActions.Request(CaseActions.Kind.EXTEND, c.version(), "again", 1, null, null)).conflict())
			.isTrue();
		assertThat(actions.act(office, id, new CaseActions.Request(CaseActions.Kind.EXTEND, find(id).version(), " ", 1, null, null))
			.problems()).extracting(p -> p.field()).containsExactly("reason");
		assertThat(actions.act(office, id, new CaseActions.Request(CaseActions.Kind.SHORTEN, find(id).version(), "误判", 20, null, null))
			.problems()).extracting(p -> p.code()).containsExactly("control.shortenTooFar");
		assertThat(actions.act(office, id, new CaseActions.Request(CaseActions.Kind.SHORTEN, find(id).version(), "复核", 2, null, null)).saved())
			.isTrue();
		assertThat(find(id).releaseOn()).isEqualTo(release.plusDays(1));
		assertThat(actions.act(office, id, new CaseActions.Request(CaseActions.Kind.CHANGE_MEASURE, find(id).version(), "家中条件允许", null,
				Measure.HOME_ISOLATION, null)).saved()).isTrue();
		assertThat(find(id).measureToday()).isEqualTo(Measure.HOME_ISOLATION);
		assertThat(find(id).releaseOn()).isEqualTo(release.plusDays(1));
		// a secondary contact's policy is 7 days of home isolation from the same exposure, plus the day added by hand
		assertThat(actions.act(office, id, new CaseActions.Request(CaseActions.Kind.CHANGE_CATEGORY, find(id).version(), "流调更正", null, null,
				ControlCategory.SECONDARY_CONTACT)).saved()).isTrue();
		ControlCases.Case changed = find(id);
		assertThat(changed.category()).isEqualTo(ControlCategory.SECONDARY_CONTACT);
		assertThat(changed.releaseOn()).isEqualTo(today.minusDays(1).plusDays(8));
		assertThat(changed.measureToday()).isEqualTo(Measure.HOME_ISOLATION);
		assertThat(cases.events(id)).extracting(ControlCases.Event::action).containsExactly(ControlCases.Action.CATEGORY_CHANGED,
				ControlCases.Action.MEASURE_CHANGED, ControlCases.Action.SHORTENED, ControlCases.Action.EXTENDED, ControlCases.Action.OPENED);
	}

	@Test
	void twoStaffExtendingTheSameCaseAtOnceGetOneExtensionAndOneConflict() throws Exception {
		long id = open(person("Y"), ControlCategory.CLOSE_CONTACT, today.minusDays(1));
		int version = find(id).version();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> results = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			results.add(pool.submit(() -> {
				start.await();
				return mvc.perform(post("/api/v1/control/cases/" + id + "/actions").with(user(office)).with(csrf())
						.contentType(MediaType.APPLICATION_JSON)
						.content("{\"kind\":\"EXTEND\",\"version\":" + version + ",\"reason\":\"复检\",\"days\":2}"))
					.andReturn().getResponse().getStatus();
			}));
		}
		start.countDown();
		List<Integer> statuses = new ArrayList<>();
		for (Future<Integer> f : results) {
			statuses.add(f.get(30, TimeUnit.SECONDS));
		}
		pool.shutdown();
		assertThat(statuses).containsExactlyInAnyOrder(200, 409);
		assertThat(find(id).daysChanged()).isEqualTo(2);
	}

	@Test
	void releasingAPersonInARoomChecksThemOutAndTheRoomAwaitsDisinfection() {
		Outcome zone = zones.create(office, "Z" + tag, "隔离区" + tag, ZoneKind.HEALTH_OBSERVATION, "C1", null);
		assertThat(rooms.addBuilding(office, zone.id(), "C1", new BuildingPattern("B" + tag, "隔离楼" + tag, PlaceUsage.ISOLATION, 1, 1, 1, 1,
				2, 1), new IsolationRooms.Attributes(1, true, false, null)).saved()).isTrue();
		long room = rooms.all(office, new IsolationRooms.Filter(zone.id(), null, null, null, null, null)).get(0).id();
		long p = person("R");
		long id = open(p, ControlCategory.CLOSE_CONTACT, today.minusDays(3));
		assertThat(allocations.allocate(office, List.of(p), room, false, id).saved()).isTrue();
		assertThat(rooms.find(office, room).orElseThrow().state()).isEqualTo(RoomState.OCCUPIED);
		CaseResult released = actions.act(office, id, new CaseActions.Request(CaseActions.Kind.RELEASE, find(id).version(), "核酸阴性，解除",
				null, null, null));
		assertThat(released.saved()).isTrue();
		assertThat(find(id).status()).isEqualTo(ControlCases.Status.RELEASED);
		assertThat(allocations.openStayOf(office, p)).isEmpty();
		assertThat(rooms.find(office, room).orElseThrow().state()).isEqualTo(RoomState.AWAITING_DISINFECTION);
		assertThat(cases.events(id).get(0).detail()).contains("checked out");
		assertThat(actions.act(office, id, new CaseActions.Request(CaseActions.Kind.EXTEND, find(id).version(), "x", 1, null, null)).problems())
			.extracting(pr -> pr.code()).containsExactly("control.closed");
		// a new case of the category may open once the old one is closed
		open(p, ControlCategory.CLOSE_CONTACT, today);
	}

	@Test
	void aNewPolicyVersionLeavesOpenCasesAloneUntilReappliedWithAPreviewOfEveryDate() {
		long profile = profile();
		ControlPolicies.Version v1 = policies.current(schoolId, profile, ControlCategory.CLOSE_CONTACT);
		long a = person("V1");
		long id = opening.open(office, new CaseOpening.Opening(a, ControlCategory.CLOSE_CONTACT, profile, today.minusDays(2), null, null, null))
			.id();
		LocalDate before = find(id).releaseOn();
		CaseResult saved = policies.edit(office, profile, ControlCategory.CLOSE_CONTACT, v1.version(), new ControlPolicies.Form(
				ControlPolicy.StartReference.LAST_EXPOSURE, List.of(new ControlPolicy.Phase(Measure.CENTRALIZED_ISOLATION, 5),
						new ControlPolicy.Phase(Measure.HOME_HEALTH_MONITORING, 3)), "1,3,5", 1, 3, "第5天阴性"));
		assertThat(saved.saved()).isTrue();
		// the edit started from version 1 a second time: someone saved first
		assertThat(policies.edit(office, profile, ControlCategory.CLOSE_CONTACT, v1.version(), new ControlPolicies.Form(
				ControlPolicy.StartReference.LAST_EXPOSURE, List.of(new ControlPolicy.Phase(Measure.HOME_ISOLATION, 5)), "", 0, 0, null)).conflict())
			.isTrue();
		assertThat(find(id).releaseOn()).isEqualTo(before);
		assertThat(find(id).policyVersion()).isEqualTo(1);
		ControlPolicies.Version v2 = policies.current(schoolId, profile, ControlCategory.CLOSE_CONTACT);
		assertThat(v2.version()).isEqualTo(2);
		CaseActions.Preview preview = actions.preview(office, v2.id()).orElseThrow();
		assertThat(preview.changes()).singleElement().satisfies(ch -> {
			assertThat(ch.caseId()).isEqualTo(id);
			assertThat(ch.releaseBefore()).isEqualTo(before);
			assertThat(ch.releaseAfter()).isEqualTo(before.minusDays(2));
		});
		assertThat(actions.reapply(office, v2.id(), 5).conflict()).as("the preview showed another number").isTrue();
		CaseResult moved = actions.reapply(office, v2.id(), 1);
		assertThat(moved.count()).isEqualTo(1);
		assertThat(find(id).releaseOn()).isEqualTo(before.minusDays(2));
		assertThat(find(id).policyVersion()).isEqualTo(2);
		assertThat(actions.preview(office, v2.id()).orElseThrow().changes()).isEmpty();
		assertThat(policies.edit(office, profile, ControlCategory.CLOSE_CONTACT, 2, new ControlPolicies.Form(null, List.of(), "x", 99, 0, null))
			.problems()).extracting(p -> p.field()).containsExactly("startFrom", "phases", "testDays", "daysAddedPerMissedFollowUp");
	}

	@Test
	void missedFollowUpsAreFlaggedAndExtendTheCaseOnceHoweverOftenTheJobRuns() {
		long p = person("F");
		long id = open(p, ControlCategory.CLOSE_CONTACT, today.minusDays(4));
		// opened four days ago: the days since then count
		jdbc.sql("update control_case set opened_at = ? where id = ?").params(java.sql.Timestamp.from(Instant.now().minusSeconds(4 * 86_400)), id)
			.update();
		long policy = jdbc.sql("insert into check_policy (school_id, code, name, profile_id) values (?, ?, ?, (select id from disease_profile"
				+ " where school_id is null order by id limit 1)) returning id").params(schoolId, "CT" + tag, "测试打卡" + tag).query(Long.class).single();
		// three check-ins on each day but one (yesterday has one): days -4, -3, -2 complete, -1 missed
		for (int d = 2; d <= 4; d++) {
			for (String slot : List.of("morning", "noon", "evening")) {
				checkIn(p, today.minusDays(d), slot, policy);
			}
		}
		checkIn(p, today.minusDays(1), "morning", policy);
		LocalDate release = find(id).releaseOn();
		assertThat(followUp.run(schoolId, today)).isGreaterThanOrEqualTo(1);
		ControlCases.Case c = find(id);
		assertThat(c.missedFollowUps()).isEqualTo(1);
		assertThat(c.releaseOn()).isEqualTo(release.plusDays(1));
		followUp.run(schoolId, today);
		assertThat(find(id).missedFollowUps()).isEqualTo(1);
		assertThat(find(id).releaseOn()).isEqualTo(release.plusDays(1));
		assertThat(cases.events(id)).extracting(ControlCases.Event::action).containsOnlyOnce(ControlCases.Action.FOLLOW_UP_MISSED);
		assertThat(cases.search(office, new ControlCases.Filter(null, null, null, null, null, null, tag + "F", true), new PageQuery(0, 10, "release",
				false)).items()).extracting(ControlCases.Case::id).containsExactly(id);
	}

	void checkIn(long person, LocalDate day, String slot, long policy) {
		jdbc.sql("""
				insert into check_in (school_id, person_id, check_date, slot_code, policy_id, temperature, on_campus, measured_at, submitted_at,
				  late, fever, abnormal, source) values (?, ?, ?, ?, ?, 36.5, true, now(), now(), false, false, false, 'API')""")
			.params(schoolId, person, day, slot, policy).update();
	}

	@Test
	void theListFiltersDueForReleaseTodayAndTomorrowByMeasureAndPhase() throws Exception {
		long due = open(person("D1"), ControlCategory.CLOSE_CONTACT, today.minusDays(10));
		long tomorrow = open(person("D2"), ControlCategory.CLOSE_CONTACT, today.minusDays(9));
		long monitoring = open(person("D3"), ControlCategory.CLOSE_CONTACT, today.minusDays(8));
		ControlCases.Filter byTag = new ControlCases.Filter(null, null, null, null, ControlCases.Due.TODAY, null, tag + "D", null);
		assertThat(cases.search(office, byTag, new PageQuery(0, 50, "release", false)).items()).extracting(ControlCases.Case::id)
			.containsExactly(due);
		assertThat(cases.search(office, new ControlCases.Filter(null, null, null, null, ControlCases.Due.TOMORROW, null, tag + "D", null),
				new PageQuery(0, 50, "release", false)).items()).extracting(ControlCases.Case::id).containsExactly(tomorrow);
		assertThat(cases.search(office, new ControlCases.Filter(null, null, Measure.HOME_HEALTH_MONITORING, null, null, null, tag + "D", null),
				new PageQuery(0, 50, "release", false)).items()).extracting(ControlCases.Case::id).containsExactly(tomorrow, monitoring);
		assertThat(cases.search(office, new ControlCases.Filter(null, null, null, ControlCases.Phase.DUE_FOR_RELEASE, null, null, tag + "D", null),
				new PageQuery(0, 50, "release", false)).items()).extracting(ControlCases.Case::id).containsExactly(due);
		mvc.perform(get("/api/v1/control/cases").param("q", tag + "D").param("due", "TODAY").with(user(office)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.items[0].id").value(due)).andExpect(jsonPath("$.items[0].dueToday").value(true))
			.andExpect(jsonPath("$.items[0].phase").value("DUE_FOR_RELEASE")).andExpect(jsonPath("$.total").value(1));
		String page = mvc.perform(get("/control/cases").param("due", "TODAY").param("q", tag + "D").with(user(office)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("管控D1").doesNotContain("管控D2");
		String board = mvc.perform(get("/control/dashboard").with(user(office))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(board).contains("measure-chart");
	}

	@Test
	void theApiOpensACaseFromAListAndRefusesABadOneByRow() throws Exception {
		person("J1");
		mvc.perform(post("/api/v1/control/cases/bulk").with(user(office)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"category\":\"CLOSE_CONTACT\",\"date\":\"" + today.minusDays(1) + "\",\"lines\":[\"" + tag + "J1\",\"" + tag + "J9\"]}"))
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.problems[0].row").value(2))
			.andExpect(jsonPath("$.problems[0].field").value("number"));
		mvc.perform(post("/api/v1/control/cases/bulk").with(user(office)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"category\":\"CLOSE_CONTACT\",\"date\":\"" + today.minusDays(1) + "\",\"lines\":[\"" + tag + "J1\"]}"))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.count").value(1));
		long p = person("J2");
		mvc.perform(post("/api/v1/control/cases").with(user(office)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"personId\":" + p + ",\"category\":\"RISK_AREA_RETURNEE\"}"))
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.problems[0].field").value("arrivalOn"));
		mvc.perform(post("/api/v1/control/cases").with(user(office)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"personId\":" + p + ",\"category\":\"RISK_AREA_RETURNEE\",\"arrivalOn\":\"" + today + "\"}"))
			.andExpect(status().isCreated());
		mvc.perform(get("/api/v1/control/policies").with(user(office))).andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(ControlCategory.values().length));
		CurrentUser outsider = new CurrentUser(-2, schoolId, "control-outsider", "Outsider", null, EnumSet.of(Permission.CONTROL_READ), Set.of(),
				new DataScope(false, Set.of(), Set.of(), Set.of()), true, false, null);
		long id = cases.openOf(office, p).get(0).id();
		mvc.perform(get("/api/v1/control/cases/" + id).with(user(outsider))).andExpect(status().isNotFound());
		mvc.perform(get("/control/cases/" + id).with(user(outsider))).andExpect(status().isNotFound());
		mvc.perform(put("/api/v1/control/policies/" + policies.defaultProfile(schoolId) + "/CLOSE_CONTACT").with(user(outsider)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content("{\"version\":1}")).andExpect(status().isForbidden());
	}

	@Test
	void theNoticeAndTheCertificateArePdfsWithTheirChineseText() throws Exception {
		long id = open(person("P"), ControlCategory.CLOSE_CONTACT, today.minusDays(1));
		byte[] notice = mvc.perform(get("/control/cases/" + id + "/notice.pdf").with(user(office))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		String noticeText = text(notice);
		assertThat(noticeText).contains("隔离告知书").contains("管控P").contains("密切接触者").contains("集中隔离").contains("居家健康监测");
		byte[] certificate = mvc.perform(get("/control/cases/" + id + "/certificate.pdf").with(user(office))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(text(certificate)).contains("解除隔离证明").contains("管控P").contains(tag + "P").contains("特此证明");
	}

	static String text(byte[] pdf) throws Exception {
		assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		try (PDDocument doc = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
		}
	}
}
