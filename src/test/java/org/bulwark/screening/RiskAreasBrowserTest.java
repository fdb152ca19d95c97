package org.bulwark.screening;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import org.bulwark.BrowserTestSupport;
import org.bulwark.BulwarkIntegrationTest;
import org.junit.jupiter.api.Test;

/** The office finds a county, designates it medium risk from now, sees it in the list and on the region page, and lifts it. */
@BulwarkIntegrationTest
class RiskAreasBrowserTest extends BrowserTestSupport {

	@Test
	void officeDesignatesACountyMediumRiskAndLiftsIt() {
		String source = "浏览器测试通告" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
		login("office", "Demo@2026");
		page.locator("a.bw-nav-link", new Page.LocatorOptions().setHasText("行政区划")).click();
		assertThat(page.locator("h1")).hasText("行政区划");
		page.waitForLoadState(LoadState.LOAD);
		page.waitForResponse(r -> r.url().contains("/screening/regions?") && r.url().contains("q="),
				() -> page.locator("#q").fill("东城区"));
		Locator county = page.locator("[data-testid=region-row]:has(td:text-is('110101')) [data-testid=region-link]");
		assertThat(county).hasCount(1);
		county.click();
		assertThat(page.locator("[data-testid=region-name]")).hasText("东城区");
		assertThat(page.locator("[data-testid=region-risk]")).hasText("无");

		page.locator("[data-testid=designate]").click();
		assertThat(page.locator("#region-chosen")).isChecked();
		page.locator("#ra-level").selectOption("MEDIUM");
		page.locator("#ra-source").fill(source);
		page.locator("[data-testid=risk-area-save]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("已划定风险地区。");
		Locator row = page.locator("[data-testid=risk-area-row]").filter(new Locator.FilterOptions().setHasText(source));
		assertThat(row).hasCount(1);
		assertThat(row).containsText("北京市东城区");
		assertThat(row).containsText("中风险");
		assertThat(row.locator("[data-testid=risk-area-status]")).hasText("生效中");

		page.navigate(url("/screening/regions/110101"));
		assertThat(page.locator("[data-testid=region-risk]")).hasText("中风险");
		assertThat(page.locator("[data-testid=covering]")).containsText(source);
		assertThat(page.locator("[data-testid=region-row]").first()).containsText("中风险");

		page.navigate(url("/screening/risk-areas"));
		row = page.locator("[data-testid=risk-area-row]").filter(new Locator.FilterOptions().setHasText(source));
		row.locator("[data-testid=lift]").click();
		row.locator("[data-testid=lift-reason]").fill("区域内连续 7 天无新增");
		row.locator("[data-testid=lift-confirm]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("已解除风险地区。");
		row = page.locator("[data-testid=risk-area-row]").filter(new Locator.FilterOptions().setHasText(source));
		assertThat(row.locator("[data-testid=risk-area-status]")).hasText("已解除");
		assertThat(row).containsText("区域内连续 7 天无新增");

		page.navigate(url("/screening/regions/110101"));
		assertThat(page.locator("[data-testid=region-risk]")).hasText("无");
	}
}
