package org.bulwark.directory;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import org.bulwark.BrowserTestSupport;
import org.bulwark.BulwarkIntegrationTest;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The import in a real browser: a GBK csv from WPS with a title row and a wrong ID number, corrected
 * on the review page and committed; then an xlsx with a merged title row; the people are then found.
 */
@BulwarkIntegrationTest
class ImportBrowserTest extends BrowserTestSupport {

	@Autowired
	JdbcClient jdbc;

	private static String name() {
		String chars = "春夏秋冬梅兰竹菊松柏云海";
		var r = ThreadLocalRandom.current();
		return "欧阳" + chars.charAt(r.nextInt(chars.length())) + chars.charAt(r.nextInt(chars.length()))
				+ chars.charAt(r.nextInt(chars.length()));
	}

	@Test
	void importsAGbkCsvAndAnXlsxCorrectingARowAndFindsThePeople() throws Exception {
		long schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		String classCode = jdbc.sql("select code from org_unit where id = ?")
			.param(ImportIntegrationTest.newClass(jdbc, schoolId)).query(String.class).single();
		String good = ImportIntegrationTest.randomId();
		String meant = ImportIntegrationTest.randomId();
		String typo = meant.substring(0, 17) + (meant.charAt(17) == '1' ? "2" : "1");
		String first = name();
		String second = name() + "二";
		byte[] csv = ImportIntegrationTest.gbkCsv(List.of(new String[] {first, good, "13912340001", classCode},
				new String[] {second, typo, "13912340002", classCode}));

		login("admin", "Demo@2026");
		page.navigate(url("/people"));
		page.locator("[data-testid=import-people]").click();
		page.locator("[data-testid=import-file]").setInputFiles(new FilePayload("新生名单.csv", "text/csv", csv));
		page.locator("[data-testid=import-population]").selectOption("UNDERGRADUATE");
		page.locator("[data-testid=import-upload]").click();

		assertThat(page.locator("[data-testid=import-encoding]")).hasText("GBK/GB18030");
		assertThat(page.locator("[data-testid=count-total]")).hasText("2");
		assertThat(page.locator("[data-testid=count-invalid]")).hasText("1");
		assertThat(page.locator("[data-testid=problem-row]")).hasCount(1);
		assertThat(page.locator("[data-testid=problem-row]")).containsText("第 4 行");
		assertThat(page.locator("[data-testid=problem-message]")).containsText("校验位");
		assertThat(page.locator("[data-testid=commit-all]")).isDisabled();

		// htmx (loaded with defer) must have wired the page before its buttons do anything
		page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
		page.locator("[data-testid=correct-row]").click();
		page.locator("[data-testid=row-editor]").waitFor();
		page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target", "screenshots",
				"ImportBrowserTest-review.png")).setFullPage(true));
		page.locator("[data-testid=cell-ID_NUMBER]").fill(meant);
		page.locator("[data-testid=save-row]").click();
		assertThat(page.locator("[data-testid=import-message]")).isVisible();
		assertThat(page.locator("[data-testid=count-invalid]")).hasText("0");
		assertThat(page.locator("[data-testid=no-problems]")).isVisible();

		page.locator("[data-testid=commit-all]").click();
		assertThat(page.locator("[data-testid=import-done]")).containsText("新增 2 人");

		byte[] xlsx = xlsxWithTitle(name() + "三", ImportIntegrationTest.randomId(), classCode);
		page.navigate(url("/imports"));
		page.locator("[data-testid=import-file]").setInputFiles(new FilePayload("教职工.xlsx",
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx));
		page.locator("[data-testid=import-population]").selectOption("FACULTY");
		page.locator("[data-testid=import-upload]").click();
		assertThat(page.locator("[data-testid=count-valid]")).hasText("1");
		page.locator("[data-testid=commit-all]").click();
		assertThat(page.locator("[data-testid=import-done]")).containsText("新增 1 人");

		// a file the importer cannot use is refused on the upload page, naming what is wrong
		page.navigate(url("/imports"));
		page.locator("[data-testid=import-file]").setInputFiles(new FilePayload("无表头.csv", "text/csv",
				"a,b\r\n1,2\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		page.locator("[data-testid=import-upload]").click();
		assertThat(page.locator("[data-testid=file-error]")).containsText("找不到表头");

		page.navigate(url("/people"));
		page.waitForResponse(r -> r.url().contains("/people?") && r.url().contains("q="),
				() -> page.locator("[data-testid=people-search]").fill(second));
		page.locator("[data-testid=person-link]", new Page.LocatorOptions().setHasText(second)).first().click();
		assertThat(page.locator("[data-testid=person-name]")).hasText(second);
		assertThat(jdbc.sql("select count(*) from person where id_number = ?").param(meant).query(Integer.class).single())
			.isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from person where id_number = ?").param(typo).query(Integer.class).single())
			.isZero();
	}

	private static byte[] xlsxWithTitle(String name, String id, String classCode) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (Workbook wb = new Workbook(out, "WPS", "1.0")) {
			Worksheet ws = wb.newWorksheet("Sheet1");
			ws.value(0, 0, "2026 年教职工花名册");
			ws.range(0, 0, 0, 4).merge();
			String[] header = {"工号", "姓名", "身份证号", "手机号码", "所属单位"};
			for (int i = 0; i < header.length; i++) {
				ws.value(1, i, header[i]);
			}
			ws.value(2, 0, "T" + ThreadLocalRandom.current().nextInt(100000, 999999));
			ws.value(2, 1, name);
			ws.value(2, 2, id);
			ws.value(2, 3, "13912340003");
			ws.value(2, 4, classCode);
		}
		return out.toByteArray();
	}
}
