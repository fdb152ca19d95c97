package org.bulwark.control;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.microsoft.playwright.Locator;
import org.bulwark.BrowserTestSupport;
import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.directory.BuildingPattern;
import org.bulwark.directory.PlaceUsage;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Logistics staff on a phone mark their zone's rounds done (a temperature round, a whole floor's
 * breakfast, a round someone else did a moment earlier); the site manager then sees what is still
 * overdue in the list and on the isolation dashboard.
 */
@BulwarkIntegrationTest
class IsolationServicesBrowserTest extends BrowserTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IsolationZones zones;

	@Autowired
	IsolationRooms rooms;

	@Autowired
	Allocations allocations;

	@Autowired
	ServiceTasks tasks;

	@Test
	void staffMarkRoundsDoneOnAPhoneAndTheManagerSeesWhatIsOverdue() {
		String tag = "SB" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
		long school = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		CurrentUser setup = new CurrentUser(-1, school, "setup", "Setup", null,
				EnumSet.of(Permission.ISOLATION_READ, Permission.ISOLATION_MANAGE, Permission.ISOLATION_SERVICE, Permission.PLACES_WRITE),
				Set.of(), new DataScope(true, Set.of(), Set.of(), Set.of()), true, false, null);
		long zone = zones.create(setup, "Z" + tag, "观察区" + tag, ZoneKind.HEALTH_OBSERVATION, "C1", null).id();
		rooms.addBuilding(setup, zone, "C1", new BuildingPattern("B" + tag, "楼" + tag, PlaceUsage.ISOLATION, 1, 1, 1, 3, 2, 1),
				new IsolationRooms.Attributes(1, true, false, null));
		List<IsolationRooms.Room> all = rooms.all(setup, new IsolationRooms.Filter(zone, null, null, null, null, null));
		for (int i = 0; i < all.size(); i++) {
			long person = jdbc.sql("insert into person (school_id, code, name, population, id_type, gender) values (?, ?, ?, 'STAFF', 'OTHER', 'MALE') returning id")
				.params(school, tag + i, "隔离者" + i + tag).query(Long.class).single();
			long stay = allocations.allocate(setup, List.of(person), all.get(i).id(), false, null).stayIds().get(0);
			allocations.checkIn(setup, stay, null);
			OffsetDateTime back = OffsetDateTime.now(ZoneOffset.UTC).minusDays(3);
			jdbc.sql("update isolation_stay set allocated_at = ?, checked_in_at = ? where id = ?").params(back, back, stay).update();
		}
		LocalDate yesterday = tasks.today(Instant.now()).minusDays(1);
		assertThat(tasks.generate(school, yesterday, null, zone)).isEqualTo(33);
		String first = all.get(0).name();

		login("logistics", "Demo@2026");
		page.setViewportSize(390, 844);
		page.navigate(url("/isolation/services?zone=" + zone));
		assertThat(page.locator("h1")).hasText("隔离服务任务");
		assertThat(page.locator("[data-testid=overdue-count]")).isVisible();

		// a temperature round of the first room: a typo is refused on the phone, then it is recorded
		Locator medical = page.locator("[data-testid=task][data-room='" + first + "'][data-service=MEDICAL]").first();
		medical.locator("[data-testid=temperature]").fill("45.5");
		medical.locator("[data-testid=mark-done]").click();
		assertThat(medical.locator("[data-testid=temperature]").evaluate("e => e.validity.valid")).as("the phone refuses it").isEqualTo(false);
		assertThat(page.locator("[data-testid=notice]")).hasCount(0);
		String medicalId = medical.getAttribute("data-task-id");
		medical.locator("[data-testid=temperature]").fill("37.9");
		medical.locator("[data-testid=mark-done]").click();
		assertThat(page.locator("[data-testid=notice]")).containsText("已记录");
		assertThat(page.locator("[data-testid=task][data-task-id='" + medicalId + "']")).hasCount(0);

		// the whole floor's breakfast at once
		Locator breakfast = page.locator("[data-testid=batch-done]").filter(new Locator.FilterOptions().setHasText("早餐")).first();
		assertThat(breakfast).containsText("3");
		breakfast.click();
		assertThat(page.locator("[data-testid=notice]")).hasText("已记录 3 项服务。");

		// someone else records a round a moment before this phone taps it: recorded once, and the phone is told
		Locator garbage = page.locator("[data-testid=task][data-room='" + first + "'][data-service=GARBAGE]").first();
		long garbageId = Long.parseLong(garbage.getAttribute("data-task-id"));
		CurrentUser colleague = new CurrentUser(-2, school, "colleague", "Colleague", null, EnumSet.of(Permission.ISOLATION_SERVICE), Set.of(),
				new DataScope(true, Set.of(), Set.of(), Set.of()), true, false, null);
		assertThat(tasks.markDone(colleague, garbageId, null, null, Instant.now()).saved()).isTrue();
		garbage.locator("[data-testid=mark-done]").click();
		assertThat(page.locator("[data-testid=error]")).containsText("已由 colleague");
		assertThat(jdbc.sql("select done_by from isolation_service_task where id = ?").param(garbageId).query(String.class).single())
			.isEqualTo("colleague");

		page.locator("[data-testid=tab-done]").click();
		assertThat(page.locator("[data-testid=task-readings]")).hasCount(0);

		// the site manager at a desk
		String overdue = "select count(*) from isolation_service_task where zone_id = ? and status = 'PENDING' and overdue_at < current_timestamp";
		long open = jdbc.sql(overdue).param(zone).query(Long.class).single();
		long openMedical = jdbc.sql(overdue + " and service = 'MEDICAL'").param(zone).query(Long.class).single();
		assertThat(open).isGreaterThanOrEqualTo(28);
		page.setViewportSize(1280, 900);
		page.navigate(url("/isolation/services/tasks?zone=" + zone));
		assertThat(page.locator("[data-testid=task-row]")).hasCount((int) Math.min(open, 50));
		assertThat(page.locator("[data-testid=row-overdue]").first()).isVisible();
		page.locator("#service").selectOption("MEDICAL");
		assertThat(page.locator("[data-testid=task-row]")).hasCount((int) openMedical);
		page.locator("#view").selectOption("all");
		assertThat(page.locator("[data-testid=task-row]")).hasCount(jdbc.sql("select count(*) from isolation_service_task where zone_id = ?"
				+ " and service = 'MEDICAL'").param(zone).query(Integer.class).single());

		page.navigate(url("/isolation/dashboard?zone=" + zone));
		assertThat(page.locator("h1")).hasText("隔离工作看板");
		assertThat(page.locator("[data-testid=dash-occupied]")).hasText("3");
		assertThat(page.locator("[data-testid=dash-overdue]")).hasText(String.valueOf(jdbc.sql(overdue).param(zone).query(Long.class).single()));
		assertThat(page.locator("[data-testid=chart-overdue] canvas")).hasCount(1);
		assertThat(page.locator("[data-testid=chart-occupancy] canvas")).hasCount(1);
	}
}
