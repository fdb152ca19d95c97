package org.bulwark.screening;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.microsoft.playwright.Locator;

import org.bulwark.BrowserTestSupport;
import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.shared.IdNumber;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** On a desktop: the office opens a term's filing for a class, three people file, the office approves the ready ones at once. */
@BulwarkIntegrationTest
class ReturnFilingBrowserTest extends BrowserTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ReturnFilings filings;

	@Test
	void officeApprovesTheReadyFilingsOfAClassInBulk() {
		long school = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		String tag = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
		long unit = insert("insert into org_unit (school_id, kind, code, name, path) values (?, 'CLASS', ?, ?, 'x')", school,
				"RF" + tag, "返校班" + tag);
		jdbc.sql("update org_unit set path = ? where id = ?").params("/" + unit + "/", unit).update();
		var today = filings.today();

		login("office", "Demo@2026");
		page.navigate(url("/screening/return-campaigns"));
		if (page.locator("[data-testid=campaign-form]").isHidden()) {
			page.locator("[data-testid=campaign-new]").click();
		}
		page.locator("[data-testid=campaign-term]").fill("B" + tag);
		page.locator("#name").fill("返校备案 " + tag);
		page.locator("[data-testid=campaign-from]").fill(today.toString());
		page.locator("[data-testid=campaign-to]").fill(today.plusDays(7).toString());
		page.locator("[data-testid=campaign-days]").fill("0");
		page.locator("#testRequired").check();
		page.locator("#orgUnit").fill("RF" + tag);
		page.locator("[data-testid=campaign-save]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("返校备案已开启。");
		long campaign = Long.parseLong(page.url().replaceAll(".*/return-campaigns/(\\d+).*", "$1"));

		for (int i = 0; i < 3; i++) {
			String body = tag + "20000101" + String.format("%03d", i);
			long person = insert("""
					insert into person (school_id, code, name, population, id_type, id_number, org_unit_id)
					values (?, ?, ?, 'UNDERGRADUATE', 'RESIDENT_ID', ?, ?)""", school, "RF" + tag + i, "返校" + "甲乙丙".charAt(i) + tag,
					body + IdNumber.checkCharacter(body), unit);
			{
				CurrentUser self = new CurrentUser(-30 - i, school, "rf" + i, "rf", person, Set.of(Permission.SELF_SERVICE),
						Set.of(), DataScope.nothing(), true, false, null);
				// the third took no test: it cannot be approved and stays to review
				var result = filings.file(self, campaign, new ReturnFilings.FilingForm(today.plusDays(1).toString(),
						Transport.TRAIN, "G" + i, "4201", null, i < 2 ? ReturnRules.TestResult.NEGATIVE : null,
						i < 2 ? today.toString() : null), null);
				if (i == 2) {
					org.assertj.core.api.Assertions.assertThat(result).isInstanceOf(ReturnFilings.Rejected.class);
				}
			}
		}
		page.navigate(url("/screening/return-campaigns/" + campaign + "?view=FILED"));
		assertThat(page.locator("[data-testid=filing-row]")).hasCount(2);
		page.locator("[data-testid=select-ready]").check();
		page.locator("[data-testid=filing-approve]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("已通过 2 份返校备案。");
		page.navigate(url("/screening/return-campaigns/" + campaign + "?view=APPROVED"));
		assertThat(page.locator("[data-testid=filing-status]")).hasText(new String[] {"已通过", "已通过"});
		assertThat(page.locator("[data-testid=completeness-totals]")).hasText("应备案 3 人，已备案 2 人，已通过 2 人，未备案 1 人");
		page.locator("[data-testid=filing-view-MISSING]").click();
		assertThat(page.locator("[data-testid=filing-person]")).hasText("返校丙" + tag);
		filings.closeCampaign(new CurrentUser(-40, school, "rf-office", "office", null, Set.of(Permission.SCREENING_MANAGE),
				Set.of(), DataScope.everything(), true, false, null), campaign,
				filings.campaign(school, campaign).orElseThrow().version());
	}

	private long insert(String sql, Object... params) {
		var key = new GeneratedKeyHolder();
		jdbc.sql(sql).params(params).update(key, "id");
		return key.getKey().longValue();
	}
}
