package org.bulwark.screening;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.charset.Charset;
import java.util.concurrent.ThreadLocalRandom;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.FilePayload;

import org.bulwark.BrowserTestSupport;
import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.shared.IdNumber;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The office imports a GBK list of a new source, maps its columns, reviews a match, records the call, classifies the person and finds the control case opened. */
@BulwarkIntegrationTest
class PushListBrowserTest extends BrowserTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	void officeImportsMapsReviewsCallsAndClassifies() {
		String tag = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
		long school = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		StringBuilder given = new StringBuilder();
		for (char d : tag.toCharArray()) {
			given.append("零一二三四五六七八九".charAt(d - '0'));
		}
		String body = tag + "19990101" + "001";
		String idNumber = body + IdNumber.checkCharacter(body);
		String phone = "197" + tag + "00";
		jdbc.sql("""
				insert into person (school_id, name, population, id_type, id_number, phone, birth_date)
				values (?, ?, 'UNDERGRADUATE', 'RESIDENT_ID', ?, ?, date '1999-01-01')""")
			.params(school, "王晓" + given, idNumber, phone).update();
		// pushed with a name of the same sound and the phone with +86: a match to review
		String csv = "区卫健委推送\n对象,证照,号码\n王小" + given + ",,+86 " + phone + "\n";
		login("office", "Demo@2026");
		page.navigate(url("/screening/push-lists"));
		page.locator("#pl-source").fill("区卫健委" + tag);
		page.locator("#pl-file").setInputFiles(new FilePayload("push.csv", "text/csv", csv.getBytes(Charset.forName("GBK"))));
		page.locator("[data-testid=push-upload-submit]").click();
		assertThat(page.locator("[data-testid=columns-missing]")).isVisible();
		page.locator("[data-testid=map-0]").selectOption("NAME");
		page.locator("[data-testid=map-1]").selectOption("ID_NUMBER");
		page.locator("[data-testid=map-2]").selectOption("PHONE");
		page.locator("[data-testid=mapping-save]").click();
		assertThat(page.locator("[data-testid=notice]")).containsText("列对应已保存");
		assertThat(page.locator("[data-testid=preview-row]")).containsText(phone);
		page.locator("[data-testid=push-confirm]").click();
		assertThat(page.locator("[data-testid=notice]")).containsText("1 人待复核");

		page.navigate(url("/screening/push-review?q=" + "王小" + given));
		Locator row = page.locator("[data-testid=review-row]").filter(new Locator.FilterOptions().setHasText("区卫健委" + tag));
		assertThat(row).containsText("姓名同音");
		assertThat(row).containsText("手机号一致");
		row.locator("[data-testid=review-accept]").click();
		assertThat(page.locator("[data-testid=notice]")).containsText("已确认匹配");

		page.navigate(url("/screening/push-tasks?all=1&view=open&q=王晓" + given));
		Locator card = page.locator("[data-testid=task-card]");
		assertThat(card).hasCount(1);
		assertThat(card.locator("[data-testid=task-phone]")).hasAttribute("href", "tel:" + phone);
		card.locator("[data-testid=outcome-LIVES_ON_CAMPUS]").click();
		card.locator("[data-testid=call-notes]").fill("住 3 号楼");
		card.locator("[data-testid=call-save]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("核实结果已保存。");

		page.navigate(url("/screening/push-tasks?all=1&view=verified&q=王晓" + given));
		card = page.locator("[data-testid=task-card]");
		assertThat(card.locator("[data-testid=task-outcome]")).hasText("住在校内");
		// the hand-over in bulk: everyone of the page who can be handed over, at once
		page.locator("[data-testid=select-all]").check();
		assertThat(card.locator("[data-testid=task-select]")).isChecked();
		page.locator("[data-testid=classify-category]").selectOption("CLOSE_CONTACT");
		page.locator("[data-testid=classify-submit]").click();
		assertThat(page.locator("[data-testid=notice]")).hasText("已分类 1 人，并移交管控。");
		page.navigate(url("/screening/push-tasks?all=1&view=done&q=王晓" + given));
		assertThat(page.locator("[data-testid=task-category]")).hasText("密切接触者");

		// the hand-over opened a control case of that category (control listens after the commit)
		Locator caseRow = page.locator("[data-testid=case-row]");
		for (int i = 0; i < 20; i++) {
			page.navigate(url("/control/cases?q=王晓" + given));
			if (caseRow.count() > 0) {
				break;
			}
			page.waitForTimeout(500);
		}
		assertThat(caseRow).hasCount(1);
		assertThat(caseRow).containsText("密切接触者");
		caseRow.locator("[data-testid=case-link]").click();
		assertThat(page.locator("[data-testid=case-person]")).hasText("王晓" + given);
	}
}
