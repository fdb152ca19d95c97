package org.bulwark.control;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.bulwark.BrowserTestSupport;
import org.bulwark.BulwarkIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The prevention office opens a close contact's case by hand, sees its dates, extends it, prints the
 * release certificate and the isolation notice, releases the person and finds the case closed in the list.
 */
@BulwarkIntegrationTest
class ControlCasesBrowserTest extends BrowserTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	void theOfficeOpensACaseExtendsItPrintsTheCertificateAndReleasesThePerson() {
		String tag = "CB" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
		long school = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		jdbc.sql("insert into person (school_id, code, name, population, id_type, gender) values (?, ?, ?, 'STAFF', 'OTHER', 'MALE')")
			.params(school, tag, "密接测试" + tag).update();
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		LocalDate exposed = today.minusDays(2);

		login("office", "Demo@2026");
		page.locator("a.bw-nav-link", new Page.LocatorOptions().setHasText("管控人员")).click();
		assertThat(page.locator("h1")).hasText("管控人员");
		page.locator("[data-testid=open-case]").click();
		page.locator("#pick-q").fill(tag);
		Locator pick = page.locator("[data-testid=pick]").filter(new Locator.FilterOptions().setHasText("密接测试" + tag));
		pick.locator("input[type=radio]").check();
		page.locator("#o-category").selectOption("CLOSE_CONTACT");
		page.locator("#o-exposure").fill(exposed.toString());
		page.locator("[data-testid=open-submit]").click();

		assertThat(page.locator("[data-testid=notice]")).hasText("已登记管控。");
		assertThat(page.locator("[data-testid=case-person]")).hasText("密接测试" + tag);
		assertThat(page.locator("[data-testid=case-start]")).hasText(exposed.toString());
		assertThat(page.locator("[data-testid=case-release]")).hasText(exposed.plusDays(10).toString());
		assertThat(page.locator("[data-testid=case-phase]")).containsText("集中隔离");
		assertThat(page.locator("[data-testid=phase-row]")).hasCount(2);
		assertThat(page.locator("[data-testid=allocate-room]")).isVisible();

		page.locator("#a-kind").selectOption("EXTEND");
		page.locator("#a-days").fill("2");
		page.locator("#a-reason").fill("第7天核酸待复核");
		page.locator("[data-testid=action-submit]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("已延长管控期。");
		assertThat(page.locator("[data-testid=case-release]")).hasText(exposed.plusDays(12).toString());
		assertThat(page.locator("[data-testid=timeline]")).containsText("第7天核酸待复核");

		APIResponse certificate = page.request().get(url(page.locator("[data-testid=certificate-pdf]").getAttribute("href")));
		assertThat(certificate.status()).isEqualTo(200);
		assertThat(certificate.headers().get("content-type")).startsWith("application/pdf");
		assertThat(new String(certificate.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		APIResponse notice = page.request().get(url(page.locator("[data-testid=notice-pdf]").getAttribute("href")));
		assertThat(notice.headers().get("content-type")).startsWith("application/pdf");

		page.locator("#a-kind").selectOption("RELEASE");
		page.locator("#a-reason").fill("核酸阴性，解除隔离");
		page.locator("[data-testid=action-submit]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("已解除管控。");
		assertThat(page.locator("[data-testid=case-status]")).hasText("已解除");
		assertThat(page.locator("[data-testid=actions]")).hasCount(0);

		page.navigate(url("/control/cases?view=CLOSED&q=" + tag));
		assertThat(page.locator("[data-testid=case-row]")).hasCount(1);
		page.navigate(url("/control/dashboard"));
		assertThat(page.locator("h1")).hasText("管控看板");
	}
}
