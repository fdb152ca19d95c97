package org.bulwark.health;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;

import com.microsoft.playwright.options.LoadState;
import org.bulwark.BrowserTestSupport;
import org.bulwark.BulwarkIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo counselor opens who has not reported, reminds the whole list in one click and sees the
 * reminders recorded; the demo student, one of them, finds the reminder at /me.
 */
@BulwarkIntegrationTest
class NonReportingBrowserTest extends BrowserTestSupport {

	private static final String PASSWORD = "Demo@2026";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Profiles profiles;

	long student;
	long studentClass;
	String studentName;
	LocalDate today;

	/** The student's class checks all day (the test runs at any hour), nobody has reported or been reminded yet. */
	@BeforeEach
	void studentsClassHasNotReportedToday() {
		var row = jdbc.sql("""
				select p.id, p.school_id, p.org_unit_id, p.name from app_user u join person p on p.id = u.person_id
				where u.username = 'student'""")
			.query((rs, i) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)}).single();
		student = (long) row[0];
		studentClass = (long) row[2];
		studentName = (String) row[3];
		today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		AllDayPolicy.ensure(jdbc, (long) row[1], studentClass, profiles.defaultId());
		jdbc.sql("delete from check_in_revision where check_in_id in (select c.id from check_in c join person p on p.id = c.person_id"
				+ " where p.org_unit_id = ? and c.check_date = ?)").params(studentClass, today).update();
		jdbc.sql("delete from check_in where check_date = ? and person_id in (select id from person where org_unit_id = ?)")
			.params(today, studentClass).update();
		jdbc.sql("delete from reminder where check_date = ? and slot_code = ? and person_id in"
				+ " (select id from person where org_unit_id = ?)").params(today, AllDayPolicy.SLOT, studentClass).update();
		jdbc.sql("update notification set read_at = current_timestamp where recipient_person_id = ?").param(student).update();
	}

	@Test
	void counselorRemindsTheWholeListInOneClickAndTheStudentSeesIt() {
		login("counselor", PASSWORD);
		page.navigate(url("/health/non-reporting?slot=" + AllDayPolicy.SLOT));
		assertThat(page.locator("[data-testid=phase]")).containsText("进行中");
		assertThat(page.locator("[data-testid=line-name]").filter(new com.microsoft.playwright.Locator.FilterOptions()
			.setHasText(studentName)).first()).isVisible();
		long onList = jdbc.sql("select count(*) from person where org_unit_id = ? and active = true").param(studentClass)
			.query(Long.class).single();

		page.locator("[data-testid=remind-all]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=notice]")).containsText("已提醒 " + onList + " 人");
		assertThat(page.locator("[data-testid=count-reminded]")).containsText(String.valueOf(onList));
		assertThat(page.locator("[data-testid=line-reminder]").first()).containsText("已提醒（counselor）");
		assertThat(page.locator("[data-testid=delivery]").first()).containsText("站内 已发送");
		assertThat(jdbc.sql("select count(*) from reminder where check_date = ? and slot_code = ? and person_id = ?")
			.params(today, AllDayPolicy.SLOT, student).query(Long.class).single()).isEqualTo(1);

		// a second click reminds nobody twice
		assertThat(page.locator("[data-testid=remind-all]")).hasCount(1);
		page.locator("[data-testid=remind-all]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=notice]")).containsText("已提醒 0 人");

		page.locator("#group").selectOption("unit");
		page.waitForLoadState(LoadState.NETWORKIDLE);
		assertThat(page.locator("[data-testid=group]").first()).containsText(String.valueOf(onList));

		context.clearCookies();
		login("student", PASSWORD);
		page.setViewportSize(390, 844);
		page.navigate(url("/me"));
		assertThat(page.locator("[data-testid=me-inbox-unread]")).containsText("1 条未读");
		page.locator("[data-testid=me-inbox]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=inbox-subject]").first()).containsText("全天");
		assertThat(page.locator("[data-testid=inbox-body]").first()).containsText(studentName);
		page.locator("[data-testid=inbox-mark-read]").first().click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=inbox-unread]")).hasCount(0);
	}
}
