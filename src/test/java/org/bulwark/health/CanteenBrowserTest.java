package org.bulwark.health;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.LoadState;
import org.bulwark.BrowserTestSupport;
import org.bulwark.BulwarkIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo logistics account checks the canteen operator's workers and sees who must not work. */
@BulwarkIntegrationTest
class CanteenBrowserTest extends BrowserTestSupport {

	private static final String PASSWORD = "Demo@2026";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CheckIns checkIns;

	long unitId;
	List<Long> workers;
	LocalDate today;

	@BeforeEach
	void theDemoCanteenWithNobodyCheckedToday() {
		unitId = jdbc.sql("select org_unit_id from canteen_unit order by org_unit_id limit 1").query(Long.class).single();
		workers = jdbc.sql("select id from person where org_unit_id = ? and active = true order by name, id").param(unitId)
			.query(Long.class).list();
		today = Instant.now().atZone(checkIns.zone()).toLocalDate();
		jdbc.sql("delete from canteen_check_revision where check_id in (select id from canteen_check where org_unit_id = ?)")
			.param(unitId).update();
		jdbc.sql("delete from canteen_check where org_unit_id = ?").param(unitId).update();
		jdbc.sql("delete from absence where person_id in (select id from person where org_unit_id = ?)").param(unitId).update();
	}

	private Locator row(long person) {
		String code = jdbc.sql("select code from person where id = ?").param(person).query(String.class).single();
		return page.locator("[data-testid=cc-row-" + code + "]");
	}

	private String name(long person) {
		return jdbc.sql("select name from person where id = ?").param(person).query(String.class).single();
	}

	@Test
	void managerRecordsTheMorningCheckAndSeesWhoMustNotWork() {
		login("logistics", PASSWORD);
		page.navigate(url("/health/canteen"));
		page.locator("[data-testid=canteen-open]").first().click();
		page.waitForLoadState(LoadState.LOAD);

		row(workers.get(0)).locator(".cc-temperature").fill("36.5");
		row(workers.get(1)).locator(".cc-temperature").fill("38.2");
		Locator third = row(workers.get(2));
		third.locator(".cc-temperature").fill("36.6");
		third.locator("select.cc-fit").focus();
		page.keyboard().press("n");
		assertThat(third.locator(".cc-reason")).isFocused();
		page.keyboard().press("Control+Enter");
		page.waitForLoadState(LoadState.LOAD);
		// kept off duty without a fever or symptom: the reason is required and nothing is stored
		assertThat(page.locator("[data-testid=canteen-fix]")).isVisible();
		assertThat(row(workers.get(2))).containsText("不得上岗请填写原因");
		assertThat(jdbc.sql("select count(*) from canteen_check where org_unit_id = ? and check_date = ?")
			.params(unitId, today).query(Long.class).single()).isZero();

		row(workers.get(2)).locator(".cc-reason").fill("家中有发热病人，居家观察");
		page.locator("[data-testid=canteen-save]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=canteen-saved]")).containsText("3");
		assertThat(row(workers.get(0)).locator("[data-testid=cc-state]")).hasText("可上岗");
		assertThat(row(workers.get(1)).locator("[data-testid=cc-state]")).hasText("不得上岗");
		assertThat(row(workers.get(3)).locator("[data-testid=cc-state]")).hasText("未检查");

		page.navigate(url("/health/canteen"));
		assertThat(page.locator("[data-testid=unfit-row]")).hasCount(2);
		assertThat(page.locator("[data-testid=unfit-list]")).containsText(name(workers.get(1)));
		assertThat(page.locator("[data-testid=unfit-list]")).containsText("发热");
		assertThat(page.locator("[data-testid=unfit-list]")).containsText("居家观察");
	}
}
