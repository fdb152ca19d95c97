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

/** The demo student checks in on a phone: a fever, then a corrected answer for the same slot. */
@BulwarkIntegrationTest
class CheckInBrowserTest extends BrowserTestSupport {

	private static final String PASSWORD = "Demo@2026";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Profiles profiles;

	long student;
	LocalDate today;

	/**
	 * The student's class gets a policy with one slot open all day, so the test does not depend on
	 * the hour it runs at; the default policy's slots stay as they are for everyone else.
	 */
	@BeforeEach
	void allDayPolicyForTheStudentsClass() {
		var row = jdbc.sql("""
				select p.id, p.school_id, p.org_unit_id from app_user u join person p on p.id = u.person_id
				where u.username = 'student'""")
			.query((rs, i) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
		student = (long) row[0];
		long schoolId = (long) row[1];
		today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		AllDayPolicy.ensure(jdbc, schoolId, (long) row[2], profiles.defaultId());
		jdbc.sql("delete from check_in_revision where check_in_id in (select id from check_in where person_id = ? and check_date = ?)")
			.params(student, today).update();
		jdbc.sql("delete from check_in where person_id = ? and check_date = ?").params(student, today).update();
	}

	@Test
	void studentReportsAFeverThenCorrectsTheSameSlotOnAPhone() {
		login("student", PASSWORD);
		page.setViewportSize(390, 844);
		page.navigate(url("/me"));
		page.locator("[data-testid=me-check-in]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=slot-allday]")).containsText("待填报");

		page.locator("#temperature").fill("38.2");
		page.locator("label[for=symptom-cough]").click();
		page.locator("label[for=onCampus-yes]").click();
		page.locator("[data-testid=check-in-submit]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=check-in-result]")).containsText("全天已记录");
		assertThat(page.locator("[data-testid=result-abnormal]")).containsText("已通知校医院");
		assertThat(page.locator("[data-testid=slot-allday]")).containsText("38.2");
		// Nothing is prefilled from the answer just given.
		assertThat(page.locator("#temperature")).hasValue("");
		assertThat(page.locator("#symptom-cough")).not().isChecked();

		page.locator("#temperature").fill("44");
		page.locator("label[for=onCampus-no]").click();
		page.locator("[data-testid=check-in-submit]").click();
		assertThat(page.locator("#temperature + .input-group-text + .invalid-feedback")).containsText("34.0");
		assertThat(page.locator("#city + .invalid-feedback")).isVisible();

		page.locator("#temperature").fill("36.6");
		page.locator("#city").fill("南京");
		page.locator("[data-testid=check-in-submit]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=check-in-result]")).containsText("全天已记录");
		assertThat(page.locator("[data-testid=result-abnormal]")).hasCount(0);
		assertThat(page.locator("[data-testid=slot-allday]")).containsText("36.6");

		assertThat(jdbc.sql("select count(*) from check_in where person_id = ? and check_date = ?")
			.params(student, today).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("""
				select count(*) from check_in_revision r join check_in c on c.id = r.check_in_id
				where c.person_id = ? and c.check_date = ?""").params(student, today).query(Long.class).single())
			.isEqualTo(2);
		assertThat(jdbc.sql("select city from check_in where person_id = ? and check_date = ?").params(student, today)
			.query(String.class).single()).isEqualTo("南京");
	}
}
