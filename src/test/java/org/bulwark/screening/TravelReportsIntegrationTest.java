package org.bulwark.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.directory.Population;
import org.bulwark.screening.TravelChain.Decision;
import org.bulwark.screening.TravelChain.StepKind;
import org.bulwark.shared.IdNumber;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

/** Travel reports and return filings on PostgreSQL: the chain, bad input by field, concurrent approval, flags, admission. */
@BulwarkIntegrationTest
@RecordApplicationEvents
class TravelReportsIntegrationTest {

	@Autowired
	TravelReports reports;

	@Autowired
	ReturnFilings filings;

	@Autowired
	RiskAreas riskAreas;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationEvents events;

	long schoolId;
	String tag;
	long college;
	long klass;
	long otherCollege;
	long studentId;
	long counselorId;
	CurrentUser student;
	CurrentUser counselor;
	CurrentUser collegeAdmin;
	CurrentUser outsider;
	CurrentUser office;
	LocalDate today;
	int sequence;

	@BeforeEach
	void campus() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		tag = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
		today = reports.today();
		college = unit(null, "COLLEGE", "出行学院" + tag);
		klass = unit(college, "CLASS", "出行班" + tag);
		otherCollege = unit(null, "COLLEGE", "出行另一学院" + tag);
		studentId = person("学生" + tag, "UNDERGRADUATE", klass);
		counselorId = person("辅导员" + tag, "STAFF", college);
		insert("insert into responsibility (school_id, responsible_person_id, role, target_kind, target_id) values (?, ?, 'COUNSELOR', 'ORG_UNIT', ?)",
				schoolId, counselorId, klass);
		student = new CurrentUser(-11, schoolId, "travel-student", "学生", studentId, Set.of(Permission.SELF_SERVICE), Set.of(),
				DataScope.nothing(), true, false, null);
		counselor = new CurrentUser(-12, schoolId, "travel-counselor", "辅导员", counselorId,
				Set.of(Permission.TRAVEL_APPROVE, Permission.SCREENING_READ), Set.of(), scope(klass), true, false, null);
		collegeAdmin = new CurrentUser(-13, schoolId, "travel-college", "学院", null,
				Set.of(Permission.TRAVEL_APPROVE, Permission.SCREENING_READ), Set.of(), scope(college), true, false, null);
		outsider = new CurrentUser(-14, schoolId, "travel-outsider", "另一学院", null,
				Set.of(Permission.TRAVEL_APPROVE, Permission.SCREENING_READ), Set.of(), scope(otherCollege), true, false, null);
		office = new CurrentUser(-15, schoolId, "travel-office", "防控办", null,
				Set.of(Permission.TRAVEL_APPROVE, Permission.SCREENING_READ, Permission.SCREENING_MANAGE), Set.of(),
				DataScope.everything(), true, false, null);
	}

	static DataScope scope(long unit) {
		return new DataScope(false, Set.of(unit), Set.of(), Set.of());
	}

	@Test
	void badInputIsRefusedByFieldAndNothingIsWritten() throws Exception {
		long before = count();
		mvc.perform(post("/api/v1/travel-reports").with(user(student)).contentType(MediaType.APPLICATION_JSON).content("""
				{"destinations": ["4201", "999999"], "leaveOn": "%s", "returnOn": "%s", "purpose": " ", "transport": "TRAIN"}"""
			.formatted(today.plusDays(5), today.plusDays(2))))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.problems[?(@.field == 'destinations[1]')].code").value("regionUnknown"))
			.andExpect(jsonPath("$.problems[?(@.field == 'returnOn')].code").value("travel.returnBeforeLeave"))
			.andExpect(jsonPath("$.problems[?(@.field == 'purpose')].code").value("required"));
		mvc.perform(post("/api/v1/travel-reports").with(user(student)).contentType(MediaType.APPLICATION_JSON).content("""
				{"destinations": [], "leaveOn": "%s", "returnOn": "2099-13-01", "purpose": "探亲"}""".formatted(today.minusDays(1))))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.problems[?(@.field == 'destinations')].code").value("required"))
			.andExpect(jsonPath("$.problems[?(@.field == 'leaveOn')].code").value("travel.leaveInPast"))
			.andExpect(jsonPath("$.problems[?(@.field == 'returnOn')].code").value("badDate"))
			.andExpect(jsonPath("$.problems[?(@.field == 'transport')].code").value("required"));
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void aStudentGoesThroughCounselorThenCollegeAndNobodyElse() throws Exception {
		long id = apply(student, "420106", today.plusDays(1), today.plusDays(3));
		TravelReports.Report r = reports.find(student, id).orElseThrow();
		assertThat(r.steps()).containsExactly(StepKind.RESPONSIBLE, StepKind.UNIT);
		assertThat(r.destinationNames()).contains("武昌区");
		assertThat(ids(reports.search(counselor, new TravelReports.Filter("queue", null, null, null, null),
				new PageQuery(0, 50, null, false)))).contains(id);
		assertThat(ids(reports.search(collegeAdmin, new TravelReports.Filter("queue", null, null, null, null),
				new PageQuery(0, 50, null, false)))).as("the college waits for the counselor").doesNotContain(id);

		// the college tries the counselor's step: 422, not in the chain; another college cannot even see it
		decide(collegeAdmin, id, r.version(), "APPROVED").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.problems[0].field").value("items[0]"))
			.andExpect(jsonPath("$.problems[0].code").value("travel.notInChain"));
		decide(outsider, id, r.version(), "APPROVED").andExpect(status().isNotFound());
		decide(student, id, r.version(), "APPROVED").andExpect(status().isForbidden());

		decide(counselor, id, r.version(), "APPROVED").andExpect(status().isOk());
		r = reports.find(counselor, id).orElseThrow();
		assertThat(r.status()).isEqualTo(TravelReports.Status.PENDING);
		assertThat(r.stepKind()).isEqualTo(StepKind.UNIT);
		decide(counselor, id, r.version(), "APPROVED")
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.problems[0].code").value("travel.notInChain"));
		assertThat(ids(reports.search(collegeAdmin, new TravelReports.Filter("queue", null, null, null, null),
				new PageQuery(0, 50, null, false)))).contains(id);
		decide(collegeAdmin, id, r.version(), "APPROVED").andExpect(status().isOk());
		r = reports.find(student, id).orElseThrow();
		assertThat(r.status()).isEqualTo(TravelReports.Status.APPROVED);
		assertThat(r.approvals()).extracting(TravelReports.Approval::decidedBy).containsExactly("辅导员", "学院");
		assertThat(reports.cancel(student, id, r.version() - 1)).isInstanceOf(TravelReports.Conflict.class);
		assertThat(reports.depart(student, id, r.version())).isInstanceOf(TravelReports.Done.class);
	}

	@Test
	void aRejectionNeedsAReasonAndOverlappingTripsAreRefused() throws Exception {
		long id = apply(student, "4403", today.plusDays(10), today.plusDays(12));
		mvc.perform(post("/api/v1/travel-reports").with(user(student)).contentType(MediaType.APPLICATION_JSON).content("""
				{"destinations": ["4401"], "leaveOn": "%s", "returnOn": "%s", "purpose": "会议", "transport": "FLIGHT"}"""
			.formatted(today.plusDays(12), today.plusDays(14))))
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.problems[0].code").value("travel.overlap"));
		int version = reports.find(student, id).orElseThrow().version();
		decide(counselor, id, version, "REJECTED").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.problems[0].field").value("reason"));
		mvc.perform(post("/api/v1/travel-reports/{id}/decision", id).with(user(counselor)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"decision\": \"REJECTED\", \"reason\": \"疫情期间暂缓\", \"version\": " + version + "}"))
			.andExpect(status().isOk());
		assertThat(reports.find(student, id).orElseThrow().status()).isEqualTo(TravelReports.Status.REJECTED);
	}

	@Test
	void ofTwoApproversAtOnceOneWinsAndTheOtherGetsAConflict() throws Exception {
		long otherCounselorId = person("辅导员乙" + tag, "STAFF", college);
		insert("insert into responsibility (school_id, responsible_person_id, role, target_kind, target_id) values (?, ?, 'CLASS_TEACHER', 'ORG_UNIT', ?)",
				schoolId, otherCounselorId, klass);
		CurrentUser teacher = new CurrentUser(-16, schoolId, "travel-teacher", "班主任", otherCounselorId,
				Set.of(Permission.TRAVEL_APPROVE), Set.of(), scope(klass), true, false, null);
		long id = apply(student, "3301", today.plusDays(20), today.plusDays(21));
		int version = reports.find(student, id).orElseThrow().version();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Callable<Integer>> both = List.of(
					() -> decide(counselor, id, version, "APPROVED").andReturn().getResponse().getStatus(),
					() -> decide(teacher, id, version, "APPROVED").andReturn().getResponse().getStatus());
			List<Integer> statuses = pool.invokeAll(both).stream().map(TravelReportsIntegrationTest::done).sorted().toList();
			assertThat(statuses).containsExactly(200, 409);
		} finally {
			pool.shutdown();
		}
		assertThat(jdbc.sql("select count(*) from travel_approval where report_id = ?").param(id).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void aStayInARiskRegionInsideItsWindowFlagsTheReturneeAndPublishesTheEvent() throws Exception {
		ZoneId zone = reports.zone();
		Instant start = today.minusDays(1).atStartOfDay(zone).toInstant();
		// 乌鲁木齐 high risk until tomorrow; 克拉玛依's designation ended at midnight this morning
		riskAreas.create(office, new RiskAreaForm("6501", "HIGH", start.toString(),
				today.plusDays(1).atStartOfDay(zone).toInstant().toString(), "通告 " + tag, null));
		riskAreas.create(office, new RiskAreaForm("6502", "HIGH", start.toString(),
				today.atStartOfDay(zone).toInstant().toString(), "通告 " + tag, null));
		long safe = approvedTrip("6502");
		mvc.perform(post("/api/v1/travel-reports/{id}/return", safe).with(user(student)).contentType(MediaType.APPLICATION_JSON)
			.content(returnBody(reports.find(student, safe).orElseThrow().version(), "6502", false)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.count").value(0));
		assertThat(reports.find(student, safe).orElseThrow().flagged()).as("the designation ended before the stay").isFalse();

		long risky = approvedTrip("650102");
		int version = reports.find(student, risky).orElseThrow().version();
		mvc.perform(post("/api/v1/travel-reports/{id}/return", risky).with(user(student)).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"version": %d, "returnedOn": "%s", "stays": [{"kind": "TRAVEL", "region": "650102", "from": "%s", "to": "%s"},
					  {"kind": "TRAVEL", "region": "nowhere", "from": "%s", "to": "%s"}], "contactRisk": true}"""
				.formatted(version, today, today, today, today, today.minusDays(1))))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.problems[?(@.field == 'stays[1].region')].code").value("regionUnknown"))
			.andExpect(jsonPath("$.problems[?(@.field == 'stays[1].to')].code").value("travel.toBeforeFrom"))
			.andExpect(jsonPath("$.problems[?(@.field == 'contactHistory')].code").value("travel.contactDetailsRequired"));
		mvc.perform(post("/api/v1/travel-reports/{id}/return", risky).with(user(student)).contentType(MediaType.APPLICATION_JSON)
			.content(returnBody(version, "650102", false)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.count").value(1));
		mvc.perform(post("/api/v1/travel-reports/{id}/return", risky).with(user(student)).contentType(MediaType.APPLICATION_JSON)
			.content(returnBody(version, "650102", false)))
			.andExpect(status().isConflict());
		TravelFlagged event = events.stream(TravelFlagged.class).filter(e -> e.reportId() == risky).findFirst().orElseThrow();
		assertThat(event.personId()).isEqualTo(studentId);
		assertThat(event.proposedCategory()).isEqualTo("RISK_AREA_RETURNEE");
		assertThat(event.riskLevel()).isEqualTo("HIGH");
		assertThat(event.regionCodes()).containsExactly("650102");
		assertThat(events.stream(TravelFlagged.class).filter(e -> e.reportId() == safe)).isEmpty();
		var flags = reports.flags(collegeAdmin, new TravelReports.FlagFilter("OPEN", null, "学生" + tag, null, null),
				new PageQuery(0, 50, null, true));
		assertThat(flags.items()).hasSize(1);
		assertThat(flags.items().get(0).regionNames().get(0)).contains("天山区");
		assertThat(reports.flags(outsider, new TravelReports.FlagFilter("OPEN", null, "学生" + tag, null, null),
				new PageQuery(0, 50, null, true)).items()).isEmpty();
		var flag = flags.items().get(0);
		assertThat(reports.clearFlag(office, flag.id(), flag.version(), " ")).isInstanceOf(TravelReports.Rejected.class);
		assertThat(reports.clearFlag(office, flag.id(), flag.version(), "已转集中隔离")).isInstanceOf(TravelReports.Done.class);
		assertThat(reports.clearFlag(office, flag.id(), flag.version(), "again")).isInstanceOf(TravelReports.Conflict.class);
	}

	@Test
	void aPopulationsChainIsConfigurableAndReportsKeepTheirs() throws Exception {
		var current = reports.chains(schoolId).stream().filter(c -> c.population() == Population.RESIDENT).findFirst()
			.orElseThrow();
		mvc.perform(put("/api/v1/travel-reports/chains/RESIDENT").with(user(office)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"steps\": \"UNIT,DEAN\", \"version\": " + current.version() + "}"))
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.problems[0].field").value("steps"));
		String target = current.steps().equals(List.of(StepKind.UNIT, StepKind.UNIT)) ? "UNIT" : "UNIT,UNIT";
		mvc.perform(put("/api/v1/travel-reports/chains/RESIDENT").with(user(office)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"steps\": \"" + target + "\", \"version\": " + current.version() + "}")).andExpect(status().isOk());
		mvc.perform(put("/api/v1/travel-reports/chains/RESIDENT").with(user(office)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"steps\": \"UNIT\", \"version\": " + current.version() + "}"))
			.andExpect(status().isConflict());
		// the office's page shows every population's chain, the saved one selected in its form
		String page = mvc.perform(get("/screening/travel-chains").with(user(office))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		String select = page.substring(page.indexOf("data-testid=\"chain-RESIDENT\""));
		select = select.substring(0, select.indexOf("</select>"));
		assertThat(select).contains("<option value=\"" + target + "\" selected=\"selected\">");
		assertThat(select.split("selected=", -1)).hasSize(2);
		long resident = person("居民" + tag, "RESIDENT", college);
		CurrentUser self = new CurrentUser(-17, schoolId, "travel-resident", "居民", resident, Set.of(Permission.SELF_SERVICE),
				Set.of(), DataScope.nothing(), true, false, null);
		long id = apply(self, "11", today.plusDays(1), today.plusDays(1));
		assertThat(reports.find(self, id).orElseThrow().steps()).hasSize(target.split(",").length);
	}

	@Test
	void returnFilingCountsPreReturnCheckInsApprovesInBulkAndAdmitsAtTheGate() throws Exception {
		String created = mvc.perform(post("/api/v1/return-filings/campaigns").with(user(office)).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"term": "T%s", "name": "返校 %s", "arriveFrom": "%s", "arriveTo": "%s", "checkInDays": 3,
					 "testRequired": true, "testValidDays": 2, "orgUnit": "出行学院%s"}"""
				.formatted(tag, tag, today, today.plusDays(5), tag)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long campaign = Long.parseLong(created.replaceAll(".*\"id\":(\\d+).*", "$1"));
		mvc.perform(post("/api/v1/return-filings/campaigns").with(user(office)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"term\": \"T%s\", \"arriveFrom\": \"%s\", \"arriveTo\": \"%s\"}".formatted(tag, today, today.minusDays(1))))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.problems[?(@.field == 'term')].code").value("returnFiling.termTaken"))
			.andExpect(jsonPath("$.problems[?(@.field == 'arriveTo')].code").value("travel.toBeforeFrom"));
		assertThat(filings.admitted(schoolId, studentId, today).reason()).isEqualTo("NOT_FILED");

		long second = person("学生乙" + tag, "UNDERGRADUATE", klass);
		CurrentUser secondUser = new CurrentUser(-18, schoolId, "travel-student2", "学生乙", second,
				Set.of(Permission.SELF_SERVICE), Set.of(), DataScope.nothing(), true, false, null);
		// arriving tomorrow: the 3 days asked are the day before yesterday, yesterday and today (still to come)
		checkIn(studentId, today.minusDays(2));
		checkIn(studentId, today.minusDays(1));
		checkIn(second, today.minusDays(1));
		mvc.perform(post("/api/v1/return-filings/campaigns/{id}/filing", campaign).with(user(student)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"arriveOn\": \"%s\", \"transport\": \"TRAIN\", \"fromRegion\": \"nowhere\"}".formatted(today.plusDays(9))))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.problems[?(@.field == 'arriveOn')].code").value("returnFiling.outsideWindow"))
			.andExpect(jsonPath("$.problems[?(@.field == 'fromRegion')].code").value("regionUnknown"))
			.andExpect(jsonPath("$.problems[?(@.field == 'testResult')].code").value("required"));
		fileFor(student, campaign);
		fileFor(secondUser, campaign);
		mvc.perform(post("/api/v1/return-filings/campaigns/{id}/filing", campaign).with(user(outsider)).contentType(MediaType.APPLICATION_JSON)
			.content("{}")).andExpect(status().isForbidden());

		ReturnFilings.Campaign c = filings.campaign(schoolId, campaign).orElseThrow();
		var rows = filings.filings(collegeAdmin, c, new ReturnFilings.Filter(ReturnFilings.View.FILED, null, null),
				new PageQuery(0, 50, null, false)).items();
		ReturnFilings.Filing mine = rows.stream().filter(f -> f.personId() == studentId).findFirst().orElseThrow();
		ReturnFilings.Filing theirs = rows.stream().filter(f -> f.personId() == second).findFirst().orElseThrow();
		assertThat(mine.checkInsDone()).isEqualTo(2);
		assertThat(mine.shortfalls()).isEmpty();
		assertThat(theirs.shortfalls()).containsExactly(ReturnRules.Shortfall.CHECK_INS_MISSING);

		// all or none: the second is not ready, so neither is approved
		mvc.perform(post("/api/v1/return-filings/decisions").with(user(collegeAdmin)).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"campaign": %d, "decision": "APPROVED", "items": [{"id": %d, "version": %d}, {"id": %d, "version": %d}]}"""
				.formatted(campaign, mine.id(), mine.version(), theirs.id(), theirs.version())))
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.problems[0].field").value("items[1]"))
			.andExpect(jsonPath("$.problems[0].code").value("returnFiling.notReady"));
		mvc.perform(post("/api/v1/return-filings/decisions").with(user(outsider)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"campaign\": %d, \"decision\": \"APPROVED\", \"items\": [{\"id\": %d, \"version\": %d}]}"
				.formatted(campaign, mine.id(), mine.version()))).andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/return-filings/decisions").with(user(collegeAdmin)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"campaign\": %d, \"decision\": \"APPROVED\", \"items\": [{\"id\": %d, \"version\": %d}]}"
				.formatted(campaign, mine.id(), mine.version()))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/return-filings/decisions").with(user(collegeAdmin)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"campaign\": %d, \"decision\": \"APPROVED\", \"items\": [{\"id\": %d, \"version\": %d}]}"
				.formatted(campaign, mine.id(), mine.version()))).andExpect(status().isConflict());

		mvc.perform(get("/api/v1/return-filings/admission").param("person", String.valueOf(studentId))
			.param("date", today.plusDays(1).toString()).with(user(office)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.admitted").value(true)).andExpect(jsonPath("$.reason").value("APPROVED"));
		mvc.perform(get("/api/v1/return-filings/admission").param("person", String.valueOf(studentId)).param("date", today.toString())
			.with(user(office))).andExpect(jsonPath("$.admitted").value(false)).andExpect(jsonPath("$.reason").value("EARLY"));
		mvc.perform(get("/api/v1/return-filings/admission").param("person", String.valueOf(second)).param("date", today.plusDays(1).toString())
			.with(user(office))).andExpect(jsonPath("$.admitted").value(false)).andExpect(jsonPath("$.reason").value("PENDING"));
		mvc.perform(get("/api/v1/return-filings/admission").param("person", String.valueOf(studentId)).with(user(outsider)))
			.andExpect(status().isNotFound());
		assertThat(filings.admitted(schoolId, counselorId, today.plusDays(1)).admitted()).as("staff are expected too")
			.isFalse();
		long elsewhere = person("外院" + tag, "UNDERGRADUATE", otherCollege);
		assertThat(filings.admitted(schoolId, elsewhere, today.plusDays(1)).admitted()).isTrue();

		var lines = filings.completeness(office, c, college);
		var line = lines.stream().filter(l -> l.unitId() == klass).findFirst().orElseThrow();
		assertThat(line.expected()).isEqualTo(2);
		assertThat(line.filed()).isEqualTo(2);
		assertThat(line.approved()).isEqualTo(1);
		var top = filings.completeness(collegeAdmin, c, null);
		assertThat(top).extracting(ReturnFilings.UnitLine::unitId).containsExactly(college);
		assertThat(top.get(0).expected()).as("the counselor belongs to the college").isEqualTo(3);
		assertThat(top.get(0).missing()).isEqualTo(1);
		assertThat(filings.filings(collegeAdmin, c, new ReturnFilings.Filter(ReturnFilings.View.MISSING, null, null),
				new PageQuery(0, 50, null, false)).items()).extracting(ReturnFilings.Filing::personId).containsExactly(counselorId);
		filings.closeCampaign(office, campaign, c.version());
		assertThat(filings.admitted(schoolId, second, today.plusDays(1)).reason()).isNotEqualTo("PENDING");
	}

	private void fileFor(CurrentUser who, long campaign) throws Exception {
		mvc.perform(post("/api/v1/return-filings/campaigns/{id}/filing", campaign).with(user(who)).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"arriveOn": "%s", "transport": "TRAIN", "transportDetail": "G1", "fromRegion": "4201", "testResult": "NEGATIVE",
					 "testDate": "%s"}""".formatted(today.plusDays(1), today)))
			.andExpect(status().isOk());
	}

	private void checkIn(long person, LocalDate day) {
		long policy = jdbc.sql("select id from check_policy where school_id = ? order by id limit 1").param(schoolId)
			.query(Long.class).optional().orElseGet(() -> insert("""
					insert into check_policy (school_id, code, name, profile_id)
					select ?, ?, 'travel test', (select min(id) from disease_profile)""", schoolId, "travel-" + tag));
		jdbc.sql("""
				insert into check_in (school_id, person_id, check_date, slot_code, policy_id, temperature, on_campus, measured_at,
				  submitted_at, late, fever, abnormal, source)
				values (?, ?, ?, 'MORNING', ?, 36.5, false, current_timestamp, current_timestamp, false, false, false, 'SELF')""")
			.params(schoolId, person, java.sql.Date.valueOf(day), policy).update();
	}

	private long approvedTrip(String region) throws Exception {
		long id = apply(student, region, today, today);
		decide(counselor, id, reports.find(student, id).orElseThrow().version(), "APPROVED").andExpect(status().isOk());
		decide(collegeAdmin, id, reports.find(student, id).orElseThrow().version(), "APPROVED").andExpect(status().isOk());
		return id;
	}

	private String returnBody(int version, String region, boolean contact) {
		return """
				{"version": %d, "returnedOn": "%s", "stays": [{"kind": "TRAVEL", "region": "%s", "from": "%s", "to": "%s"}],
				 "contactRisk": %s, "residenceAddress": "亲戚家"}""".formatted(version, today, region, today, today, contact);
	}

	private org.springframework.test.web.servlet.ResultActions decide(CurrentUser who, long id, int version, String decision)
			throws Exception {
		return mvc.perform(post("/api/v1/travel-reports/{id}/decision", id).with(user(who)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"decision\": \"" + decision + "\", \"version\": " + version + "}"));
	}

	private long apply(CurrentUser who, String region, LocalDate leave, LocalDate back) throws Exception {
		String body = mvc.perform(post("/api/v1/travel-reports").with(user(who)).contentType(MediaType.APPLICATION_JSON).content("""
				{"destinations": ["%s"], "leaveOn": "%s", "returnOn": "%s", "purpose": "探亲", "transport": "TRAIN"}"""
			.formatted(region, leave, back))).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return Long.parseLong(body.replaceAll(".*\"id\":(\\d+).*", "$1"));
	}

	private static List<Long> ids(org.bulwark.shared.PageResult<TravelReports.Report> page) {
		return page.items().stream().map(TravelReports.Report::id).toList();
	}

	private static <T> T done(Future<T> f) {
		try {
			return f.get();
		} catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private long count() {
		return jdbc.sql("select count(*) from travel_report where person_id = ?").param(studentId).query(Long.class).single();
	}

	private long person(String name, String population, long orgUnit) {
		String body = tag + "19990101" + String.format("%03d", ++sequence);
		return insert("""
				insert into person (school_id, code, name, population, id_type, id_number, org_unit_id)
				values (?, ?, ?, ?, 'RESIDENT_ID', ?, ?)""", schoolId, "TR" + tag + sequence, name, population,
				body + IdNumber.checkCharacter(body), orgUnit);
	}

	private long unit(Long parent, String kind, String name) {
		String parentPath = parent == null ? "/"
				: jdbc.sql("select path from org_unit where id = ?").param(parent).query(String.class).single();
		long id = insert("insert into org_unit (school_id, parent_id, kind, code, name, path) values (?, ?, ?, ?, ?, 'x')",
				schoolId, parent, kind, name, name);
		jdbc.sql("update org_unit set path = ? where id = ?").params(parentPath + id + "/", id).update();
		return id;
	}

	private long insert(String sql, Object... params) {
		var key = new GeneratedKeyHolder();
		jdbc.sql(sql).params(params).update(key, "id");
		return key.getKey().longValue();
	}
}
