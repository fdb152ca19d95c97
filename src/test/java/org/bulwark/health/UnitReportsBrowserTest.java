package org.bulwark.health;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import org.bulwark.BrowserTestSupport;
import org.bulwark.BulwarkIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo unit admin submits a zero report for a class in one click; the demo office sees the
 * report in the completeness figures and today's dashboard with its charts drawn.
 */
@BulwarkIntegrationTest
class UnitReportsBrowserTest extends BrowserTestSupport {

	private static final String PASSWORD = "Demo@2026";

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void noReportsYet() {
		long schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		jdbc.sql("delete from unit_report_revision where school_id = ?").param(schoolId).update();
		jdbc.sql("delete from unit_report where school_id = ?").param(schoolId).update();
		jdbc.sql("delete from unit_report_setting where school_id = ?").param(schoolId).update();
	}

	@Test
	void unitAdminSubmitsAZeroReportAndTheOfficeSeesCompletenessAndTheDashboard() {
		login("unitadmin", PASSWORD);
		page.navigate(url("/health/unit-reports"));
		assertThat(page.locator("[data-testid=day-summary]")).containsText("已报告 0 /");
		Locator row = page.locator("[data-testid=unit-row]").filter(new Locator.FilterOptions()
			.setHas(page.locator("[data-testid=zero-report]"))).nth(1);
		String unit = row.getAttribute("data-unit");
		row.locator("[data-testid=zero-report]").click();
		assertThat(page.locator("[data-testid=notice]")).isVisible();
		Locator reported = page.locator("[data-testid=unit-row][data-unit='" + unit + "']");
		assertThat(reported.locator("[data-testid=state-zero]")).isVisible();
		assertThat(reported.locator("[data-testid=zero-report]")).hasCount(0);
		assertThat(page.locator("[data-testid=day-summary]")).containsText("已报告 1 /");
		page.locator("[data-testid=logout]").click();

		login("office", PASSWORD);
		page.navigate(url("/health/unit-reports/completeness"));
		assertThat(page.locator("[data-testid=completeness-total]")).not().hasText("0%");
		assertThat(page.locator("[data-testid=completeness-table]")).isVisible();
		assertThat(page.locator("[data-testid=missing]")).not().containsText(unit);
		page.locator("[data-testid=range]").selectOption("week");
		assertThat(page.locator("[data-testid=completeness-table]")).isVisible();

		page.navigate(url("/health/dashboard"));
		assertThat(page.locator("[data-testid=slot-card]").first()).isVisible();
		assertThat(page.locator("[data-testid=chart-slots] canvas")).isVisible();
		assertThat(page.locator("[data-testid=chart-units] canvas")).isVisible();
		assertThat(page.locator("[data-testid=chart-trend] canvas")).isVisible();
		assertThat(page.locator("[data-testid=dashboard-row]").first()).isVisible();
		// drill down from a college to its majors
		page.locator("[data-testid=dashboard-row] a").first().click();
		assertThat(page.locator("[data-testid=dashboard-row]").first()).isVisible();
		assertThat(page.locator("[data-testid=chart-units] canvas")).isVisible();
	}
}
