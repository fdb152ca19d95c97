package org.bulwark.control;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.bulwark.BrowserTestSupport;
import org.bulwark.BulwarkIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Logistics sets up a zone with a new isolation building, allocates a room to a person, sees the
 * board, checks the person in and out, records the terminal disinfection and sees the room vacant again.
 */
@BulwarkIntegrationTest
class IsolationBrowserTest extends BrowserTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	void logisticsSetsUpAZoneAllocatesARoomChecksOutAndDisinfectsIt() {
		String tag = "BT" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
		long school = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		jdbc.sql("insert into person (school_id, code, name, population, id_type, gender) values (?, ?, ?, 'STAFF', 'OTHER', 'FEMALE')")
			.params(school, tag, "隔离测试" + tag).update();

		login("logistics", "Demo@2026");
		page.locator("a.bw-nav-link", new Page.LocatorOptions().setHasText("隔离区与房间")).click();
		assertThat(page.locator("h1")).hasText("隔离区与房间");
		page.locator("[data-testid=new-zone]").click();
		page.locator("#z-code").fill("Z" + tag);
		page.locator("#z-name").fill("观察区" + tag);
		page.locator("#z-kind").selectOption("HEALTH_OBSERVATION");
		page.locator("#z-site").fill("C1");
		page.locator("[data-testid=zone-save]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("已建立隔离区。");
		assertThat(page.locator("[data-testid=zone-name]")).hasText("观察区" + tag);

		page.locator("[data-testid=add-building]").click();
		page.locator("#b-parent").fill("C1");
		page.locator("#b-code").fill("B" + tag);
		page.locator("#b-name").fill("隔离楼" + tag);
		page.locator("#b-lf").fill("1");
		page.locator("#b-lr").fill("3");
		page.locator("#b-acc").check();
		page.locator("form[action$='/building'] button[type=submit]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("已将 3 间房加入隔离区。");
		assertThat(page.locator("[data-testid=room-row]")).hasCount(3);

		page.locator("[data-testid=room-link]").first().click();
		assertThat(page.locator("[data-testid=room-state]")).hasText("空闲");
		page.locator("#numbers").fill(tag);
		page.locator("[data-testid=allocate]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("已分配房间。");
		assertThat(page.locator("[data-testid=room-state]")).hasText("已入住");
		assertThat(page.locator("[data-testid=stay-person]")).hasText("隔离测试" + tag);
		String roomUrl = page.url();

		page.navigate(url("/isolation"));
		Locator zoneRow = page.locator("[data-testid=board-zone]").filter(new Locator.FilterOptions().setHasText("观察区" + tag));
		assertThat(zoneRow.locator("[data-testid=zone-occupied]")).hasText("1");
		assertThat(zoneRow.locator("[data-testid=zone-free]")).hasText("2");
		assertThat(page.locator("#occupancy-chart canvas")).hasCount(1);

		page.navigate(roomUrl);
		page.locator("[data-testid=check-in]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("已登记入住。");
		page.locator("[data-testid=check-out]").click();
		page.locator("[data-testid=check-out-reason]").fill("解除隔离");
		page.locator("[data-testid=check-out-confirm]").click();
		assertThat(page.locator("[data-testid=room-state]")).hasText("待终末消毒");
		assertThat(page.locator("[data-testid=nobody]")).isVisible();
		assertThat(page.locator("[data-testid=allocate-form]")).hasCount(0);

		page.navigate(url("/isolation"));
		zoneRow = page.locator("[data-testid=board-zone]").filter(new Locator.FilterOptions().setHasText("观察区" + tag));
		assertThat(zoneRow.locator("[data-testid=zone-awaiting]")).hasText("1");

		page.navigate(roomUrl);
		page.locator("#d-method").fill("含氯消毒剂擦拭");
		page.locator("[data-testid=disinfect]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("已记录终末消毒，房间恢复空闲。");
		assertThat(page.locator("[data-testid=room-state]")).hasText("空闲");
		assertThat(page.locator("[data-testid=room-history]")).containsText("含氯消毒剂擦拭");
		assertThat(page.locator("[data-testid=allocate-form]")).hasCount(1);

		page.navigate(url("/isolation"));
		zoneRow = page.locator("[data-testid=board-zone]").filter(new Locator.FilterOptions().setHasText("观察区" + tag));
		assertThat(zoneRow.locator("[data-testid=zone-awaiting]")).hasText("0");
		assertThat(zoneRow.locator("[data-testid=zone-free]")).hasText("3");
	}
}
