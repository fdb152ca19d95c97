package org.bulwark.directory;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BrowserTestSupport;
import org.bulwark.BulwarkIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The office finds a person registered twice through the coverage page, merges the records and sees the count drop. */
@BulwarkIntegrationTest
class CoverageBrowserTest extends BrowserTestSupport {

	private static final String PASSWORD = "Demo@2026";

	@Autowired
	JdbcClient jdbc;

	@Test
	void officeOpensCoverageMergesADuplicateAndSeesTheCountDrop() {
		String tag = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
		String name = "复核" + tag;
		long schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		long college = jdbc.sql("select id from org_unit where kind = 'COLLEGE' order by id limit 1").query(Long.class).single();
		for (String phone : new String[] {"13700" + tag, null}) {
			jdbc.sql("""
					insert into person (school_id, name, population, id_type, phone, birth_date, org_unit_id)
					values (?, ?, 'STAFF', 'OTHER', ?, ?, ?)""").params(schoolId, name, phone, LocalDate.of(1980, 6, 6), college)
				.update();
		}

		login("office", PASSWORD);
		page.locator("a.bw-nav-link", new com.microsoft.playwright.Page.LocatorOptions().setHasText("底数核查")).click();
		assertThat(page.locator("h1")).hasText("底数核查");
		long before = Long.parseLong(page.locator("[data-testid=count-DUPLICATE]").textContent().strip());
		assertThat(before).isGreaterThanOrEqualTo(2);

		page.locator("[data-testid=open-duplicates]").click();
		assertThat(page.locator("h1")).hasText("疑似重复人员");
		page.waitForFunction("() => window.htmx !== undefined");
		page.waitForResponse(r -> r.url().contains("/duplicates?") && r.url().contains("q="),
				() -> page.locator("#q").fill(name));
		assertThat(page.locator("[data-testid=duplicate-row]")).hasCount(1);
		assertThat(page.locator("[data-testid=duplicate-row]")).containsText("姓名与出生日期相同");
		page.locator("[data-testid=merge-link]").click();
		assertThat(page.locator("[data-testid=result-PHONE]")).containsText("****");
		page.locator("[data-testid=merge-confirm]").click();
		assertThat(page.locator("[data-testid=notice]")).isVisible();
		assertThat(page.locator("[data-testid=person-name]")).hasText(name);

		page.navigate(url("/coverage"));
		long after = Long.parseLong(page.locator("[data-testid=count-DUPLICATE]").textContent().strip());
		assertThat(after).isEqualTo(before - 2);
		assertThat(jdbc.sql("select count(*) from person where name = ? and active = true").param(name).query(Long.class)
			.single()).isEqualTo(1);
	}
}
