package org.bulwark.control;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.LoadState;
import org.bulwark.BrowserTestSupport;
import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.directory.BuildingPattern;
import org.bulwark.directory.PlaceUsage;
import org.bulwark.health.AllDayPolicy;
import org.bulwark.health.HealthRecords;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 5 end to end, through the pages: the demo student reports a fever on their phone and sees a
 * red pass; the doctor concludes the triage "to isolation", which opens a control case; the office
 * finds the student red on the pass list, allocates a room from the case, checks the student in, marks
 * a service round done, releases the case (which checks the student out), sees the room await terminal
 * disinfection and records it; the room is vacant again and the student's pass green.
 */
@BulwarkIntegrationTest
class ControlJourneyBrowserTest extends BrowserTestSupport {

	private static final String PASSWORD = "Demo@2026";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HealthRecords health;

	@Autowired
	IsolationZones zones;

	@Autowired
	IsolationRooms rooms;

	@Autowired
	ServiceTasks tasks;

	long school;
	long student;
	String studentName;
	String tag;
	long zone;
	long room;

	@BeforeEach
	void theStudentIsWellAndAZoneHasOneVacantRoom() {
		var row = jdbc.sql("""
				select p.id, p.school_id, p.org_unit_id, p.name from app_user u join person p on p.id = u.person_id
				where u.username = 'student'""")
			.query((rs, i) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)}).single();
		student = (long) row[0];
		school = (long) row[1];
		studentName = (String) row[3];
		AllDayPolicy.ensure(jdbc, school, (long) row[2], health.defaultProfileId(school));
		LocalDate today = tasks.today(Instant.now());
		jdbc.sql("delete from check_in_revision where check_in_id in (select id from check_in where person_id = ? and check_date = ?)")
			.params(student, today).update();
		jdbc.sql("delete from check_in where person_id = ? and check_date = ?").params(student, today).update();
		jdbc.sql("delete from triage_signal where task_id in (select id from triage_task where person_id = ?)").param(student).update();
		jdbc.sql("delete from triage_task where person_id = ?").param(student).update();
		jdbc.sql("delete from absence where person_id = ?").param(student).update();
		// earlier runs' cases and stays of the student are closed, as a release would
		jdbc.sql("update control_case set status = 'RELEASED', open_person_id = null, closed_at = current_timestamp, closed_by = 'test',"
				+ " close_reason = 'test' where person_id = ? and status = 'OPEN'").param(student).update();
		jdbc.sql("update isolation_stay set checked_out_at = current_timestamp, checked_out_by = 'test', open_bed = null,"
				+ " open_person_id = null where person_id = ? and open_person_id is not null").param(student).update();

		tag = "JB" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
		CurrentUser setup = new CurrentUser(-1, school, "setup", "Setup", null,
				EnumSet.of(Permission.ISOLATION_READ, Permission.ISOLATION_MANAGE, Permission.PLACES_WRITE), Set.of(),
				new DataScope(true, Set.of(), Set.of(), Set.of()), true, false, null);
		zone = zones.create(setup, "Z" + tag, "观察区" + tag, ZoneKind.HEALTH_OBSERVATION, "C1", null).id();
		rooms.addBuilding(setup, zone, "C1", new BuildingPattern("B" + tag, "楼" + tag, PlaceUsage.ISOLATION, 1, 1, 1, 1, 1, 1),
				new IsolationRooms.Attributes(1, true, false, null));
		List<IsolationRooms.Room> all = rooms.all(setup, new IsolationRooms.Filter(zone, null, null, null, null, null));
		assertThat(all).hasSize(1);
		room = all.get(0).id();
	}

	private long openTasks() {
		return jdbc.sql("select count(*) from triage_task where person_id = ? and open_person_id is not null").param(student)
			.query(Long.class).single();
	}

	private Long openCase() {
		return jdbc.sql("select id from control_case where person_id = ? and status = 'OPEN'").param(student).query(Long.class)
			.optional().orElse(null);
	}

	private void myPassIs(String colour, String reason) {
		page.navigate(url("/me/pass"));
		assertThat(page.locator("[data-testid=my-pass]")).hasAttribute("data-colour", colour);
		if (reason != null) {
			assertThat(page.locator("[data-testid=my-pass-reason]").first()).containsText(reason);
		}
	}

	@Test
	void aFeverGoesToTriageIsolationARoomServicesReleaseAndDisinfectionWhileThePassTurnsRedAndGreenAgain() {
		// the student on a phone: well, then a fever
		// signed in at desk width (the signed-in name is in the navbar, collapsed on a phone), then on the phone
		login("student", PASSWORD);
		page.setViewportSize(390, 844);
		page.navigate(url("/me"));
		page.locator("[data-testid=me-pass]").click();
		assertThat(page.locator("[data-testid=my-pass]")).hasAttribute("data-colour", "GREEN");
		assertThat(page.locator("[data-testid=my-pass-colour]")).hasText("绿码");
		page.navigate(url("/me/check-in"));
		page.locator("#temperature").fill("38.7");
		page.locator("label[for=onCampus-yes]").click();
		page.locator("[data-testid=check-in-submit]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=result-abnormal]")).isVisible();
		myPassIs("RED", "发热");
		page.navigate(url("/me/pass?lang=en"));
		assertThat(page.locator("[data-testid=my-pass-colour]")).hasText("Red");
		assertThat(page.locator("[data-testid=my-pass-reason]").first()).containsText("Fever, awaiting triage");
		page.navigate(url("/me/pass?lang=zh-CN"));
		page.setViewportSize(1280, 900);
		page.locator("[data-testid=logout]").click();
		await().atMost(Duration.ofSeconds(20)).until(() -> openTasks() == 1);

		// the doctor sends the student to isolation
		login("doctor", PASSWORD);
		page.navigate(url("/health/triage"));
		page.locator("[data-testid=triage-search]").fill(studentName);
		assertThat(page.locator("[data-testid=triage-row]")).hasCount(1);
		page.locator("[data-testid=triage-open]").click();
		page.waitForLoadState(LoadState.LOAD);
		page.locator("[data-testid=task-start]").click();
		page.waitForLoadState(LoadState.LOAD);
		page.locator("label[for=outcome-ISOLATION]").click();
		page.locator("#note").fill("体温 38.7，转集中隔离");
		page.locator("[data-testid=conclude]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=notice]")).containsText("结论已记录");
		page.locator("[data-testid=logout]").click();
		await().atMost(Duration.ofSeconds(20)).until(() -> openCase() != null);
		long caseId = openCase();

		// the office: red on the pass list, a room from the case, checked in
		login("office", PASSWORD);
		page.navigate(url("/control/pass?q=" + studentName));
		Locator row = page.locator("[data-testid=pass-row][data-person='" + student + "']");
		assertThat(row.locator("[data-testid=pass-colour]")).hasText("红码");
		assertThat(row.locator("[data-testid=pass-reasons]")).containsText("集中隔离中");
		page.locator("[data-testid=tile-RED]").click();
		assertThat(page.locator("[data-testid=pass-row][data-person='" + student + "']")).hasCount(1);
		page.navigate(url("/people/" + student));
		assertThat(page.locator("[data-testid=person-pass]")).hasAttribute("data-colour", "RED");

		page.navigate(url("/control/cases/" + caseId));
		assertThat(page.locator("[data-testid=case-phase]")).containsText("集中隔离");
		page.locator("[data-testid=allocate-room]").click();
		page.locator("#zone").selectOption(String.valueOf(zone));
		page.waitForLoadState(LoadState.LOAD);
		page.locator("#roomId").selectOption(String.valueOf(room));
		page.locator("[data-testid=room-allocate]").click();
		assertThat(page.locator("[data-testid=notice]")).isVisible();
		assertThat(page.locator("[data-testid=case-stay]")).containsText("观察区" + tag);
		page.locator("[data-testid=case-stay] a").click();
		assertThat(page.locator("[data-testid=room-state]")).hasText("已入住");
		String roomUrl = page.url();
		page.locator("[data-testid=check-in]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("已登记入住。");

		// the day's rounds of the room: as if the student had arrived at midnight, so that rounds are due whatever the hour
		OffsetDateTime midnight = tasks.today(Instant.now()).atStartOfDay(tasks.zone()).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
		jdbc.sql("update isolation_stay set checked_in_at = ? where room_id = ? and open_person_id = ?").params(midnight, room, student).update();
		tasks.generate(school, tasks.today(Instant.now()), null, zone);
		page.navigate(url("/isolation/services?zone=" + zone + "&tab=now"));
		if (page.locator("[data-testid=task][data-service=GARBAGE]").count() == 0) {
			page.navigate(url("/isolation/services?zone=" + zone + "&tab=later"));
		}
		Locator round = page.locator("[data-testid=task][data-service=GARBAGE]").first();
		String roundId = round.getAttribute("data-task-id");
		round.locator("[data-testid=mark-done]").click();
		assertThat(page.locator("[data-testid=notice]")).containsText("已记录");
		assertThat(jdbc.sql("select status from isolation_service_task where id = ?").param(Long.parseLong(roundId)).query(String.class)
			.single()).isEqualTo("DONE");

		// release: the student leaves the room, which awaits terminal disinfection
		page.navigate(url("/control/cases/" + caseId));
		page.locator("#a-kind").selectOption("RELEASE");
		page.locator("#a-reason").fill("复查正常，解除隔离");
		page.locator("[data-testid=action-submit]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("已解除管控。");
		page.navigate(roomUrl);
		assertThat(page.locator("[data-testid=room-state]")).hasText("待终末消毒");
		assertThat(page.locator("[data-testid=nobody]")).isVisible();
		page.locator("#d-method").fill("过氧化氢喷雾");
		page.locator("[data-testid=disinfect]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("已记录终末消毒，房间恢复空闲。");
		assertThat(page.locator("[data-testid=room-state]")).hasText("空闲");

		page.navigate(url("/control/pass?q=" + studentName));
		assertThat(page.locator("[data-testid=pass-row][data-person='" + student + "'] [data-testid=pass-colour]")).hasText("绿码");
		page.locator("[data-testid=logout]").click();

		// and the student's own pass
		page.setViewportSize(1280, 900);
		login("student", PASSWORD);
		page.setViewportSize(390, 844);
		myPassIs("GREEN", null);
		assertThat(page.locator("[data-testid=my-pass-reason]")).hasCount(0);
	}
}
