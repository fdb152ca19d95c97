package org.bulwark.screening;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;

import com.microsoft.playwright.Locator;

import org.bulwark.BrowserTestSupport;
import org.bulwark.BulwarkIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On a phone: the demo student applies for travel to a district of Ürümqi, the counselor and the
 * office approve, the student leaves, comes back and registers the three histories, and the office
 * finds the student among the flagged returnees.
 */
@BulwarkIntegrationTest
class TravelBrowserTest extends BrowserTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TravelReports reports;

	@Test
	void studentAppliesCounselorApprovesReturnWithThreeHistoriesFlagsTheStudent() {
		long school = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		long student = jdbc.sql("select person_id from app_user where username = 'student'").query(Long.class).single();
		String name = jdbc.sql("select name from person where id = ?").param(student).query(String.class).single();
		// a trip left open by an earlier run would overlap today's
		jdbc.sql("update travel_report set status = 'CANCELLED' where person_id = ? and status in ('PENDING', 'APPROVED', 'DEPARTED')")
			.param(student).update();
		ZoneId zone = reports.zone();
		LocalDate today = reports.today();
		jdbc.sql("""
				insert into risk_area (school_id, region_code, level, valid_from, valid_to, source, created_at, created_by)
				values (?, '6501', 'HIGH', ?, ?, 'browser test', current_timestamp, 0)""")
			.params(school, Timestamp.from(today.minusDays(1).atStartOfDay(zone).toInstant()),
					Timestamp.from(today.plusDays(2).atStartOfDay(zone).toInstant()))
			.update();

		login("student", "Demo@2026");
		page.setViewportSize(390, 844);
		page.navigate(url("/me"));
		page.locator("[data-testid=me-travel]").click();
		if (page.locator("[data-testid=travel-form]").isHidden()) {
			page.locator("[data-testid=travel-new]").click();
		}
		page.locator("[data-testid=destination]").fill("天山区");
		Locator choice = page.locator("#destination-choices [data-testid=region-choice]").filter(new Locator.FilterOptions()
			.setHasText("乌鲁木齐市天山区"));
		choice.first().click();
		assertThat(page.locator("[data-testid=destination-chosen]")).containsText("天山区");
		page.locator("[data-testid=leave-on]").fill(today.toString());
		page.locator("[data-testid=return-on]").fill(today.toString());
		page.locator("[data-testid=purpose]").fill("探亲");
		page.locator("[data-testid=transport]").selectOption("FLIGHT");
		page.locator("[data-testid=travel-submit]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("出行报备已提交，等待审批。");
		Locator mine = page.locator("[data-testid=my-travel]").first();
		assertThat(mine.locator("[data-testid=travel-status]")).hasText("审批中");
		assertThat(mine.locator("[data-testid=my-travel-waiting]")).containsText("负责人");
		page.locator("[data-testid=logout]").click();
		page.setViewportSize(1280, 900);

		login("counselor", "Demo@2026");
		page.navigate(url("/screening/travel-reports?view=queue&q=" + name));
		Locator row = page.locator("[data-testid=travel-row]").filter(new Locator.FilterOptions().setHasText("天山区"));
		assertThat(row).hasCount(1);
		row.locator("[data-testid=travel-select]").check();
		page.locator("[data-testid=approve-selected]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("已批准 1 份出行报备。");
		page.locator("[data-testid=logout]").click();
		page.setViewportSize(1280, 900);

		login("office", "Demo@2026");
		page.navigate(url("/screening/travel-reports?view=queue&q=" + name));
		row = page.locator("[data-testid=travel-row]").filter(new Locator.FilterOptions().setHasText("天山区"));
		row.locator("[data-testid=travel-open]").click();
		page.locator("[data-testid=approve-one]").click();
		assertThat(page.locator("[data-testid=travel-status]")).hasText("已批准");
		assertThat(page.locator("[data-testid=travel-decision]")).hasCount(2);
		page.locator("[data-testid=logout]").click();
		page.setViewportSize(1280, 900);

		login("student", "Demo@2026");
		page.setViewportSize(390, 844);
		page.navigate(url("/me/travel"));
		mine = page.locator("[data-testid=my-travel]").first();
		mine.locator("[data-testid=travel-depart]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("已记录离校。");
		page.locator("[data-testid=my-travel]").first().locator("[data-testid=travel-return]").click();
		assertThat(page.locator("[data-testid=stay-row]")).containsText("天山区");
		page.locator("[data-testid=contact-no]").click();
		page.locator("[data-testid=residence]").fill("天山区");
		page.locator("#residence-choices [data-testid=region-choice]").first().click();
		page.locator("[data-testid=residence-address]").fill("亲戚家");
		page.locator("[data-testid=return-submit]").click();
		assertThat(page.locator("[data-testid=notice]")).containsText("防控办将与您联系");
		assertThat(page.locator("[data-testid=my-travel]").first().locator("[data-testid=my-travel-flagged]")).isVisible();
		page.locator("[data-testid=logout]").click();
		page.setViewportSize(1280, 900);

		login("office", "Demo@2026");
		page.navigate(url("/screening/travel-flags?q=" + name));
		Locator flag = page.locator("[data-testid=flag-row]").first();
		assertThat(flag.locator("[data-testid=flag-regions]")).containsText("天山区");
		assertThat(flag.locator("[data-testid=flag-category]")).hasText("中高风险地区返回人员");
	}
}
