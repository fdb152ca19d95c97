package org.bulwark.health;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
 * The demo student reports a fever; the demo doctor finds the triage task, sees where the student
 * lives and who answers for them, sends them home with a sick absence, follows up its cause and
 * checks the return certificate.
 */
@BulwarkIntegrationTest
class ClinicBrowserTest extends BrowserTestSupport {

	private static final String PASSWORD = "Demo@2026";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Profiles profiles;

	long student;
	String studentName;
	LocalDate today;

	@BeforeEach
	void theStudentHasNoCheckInTaskOrAbsenceToday() {
		var row = jdbc.sql("""
				select p.id, p.school_id, p.org_unit_id, p.name from app_user u join person p on p.id = u.person_id
				where u.username = 'student'""")
			.query((rs, i) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)}).single();
		student = (long) row[0];
		studentName = (String) row[3];
		today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		AllDayPolicy.ensure(jdbc, (long) row[1], (long) row[2], profiles.defaultId());
		jdbc.sql("delete from check_in_revision where check_in_id in (select id from check_in where person_id = ? and check_date = ?)")
			.params(student, today).update();
		jdbc.sql("delete from check_in where person_id = ? and check_date = ?").params(student, today).update();
		jdbc.sql("delete from triage_signal where task_id in (select id from triage_task where person_id = ?)").param(student)
			.update();
		jdbc.sql("delete from triage_task where person_id = ?").param(student).update();
		jdbc.sql("delete from absence where person_id = ?").param(student).update();
	}

	private long openTasks() {
		return jdbc.sql("select count(*) from triage_task where person_id = ? and open_person_id is not null").param(student)
			.query(Long.class).single();
	}

	@Test
	void aFeverBecomesATriageTaskThenASickAbsenceThatEndsWithTheCertificate() {
		login("student", PASSWORD);
		page.navigate(url("/me/check-in"));
		page.locator("#temperature").fill("38.6");
		page.locator("label[for=symptom-cough]").click();
		page.locator("label[for=onCampus-yes]").click();
		page.locator("[data-testid=check-in-submit]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=result-abnormal]")).isVisible();
		page.locator("[data-testid=logout]").click();
		await().atMost(Duration.ofSeconds(20)).until(() -> openTasks() == 1);

		login("doctor", PASSWORD);
		page.navigate(url("/health/triage"));
		page.locator("[data-testid=triage-search]").fill(studentName);
		assertThat(page.locator("[data-testid=triage-row]")).hasCount(1);
		assertThat(page.locator("[data-testid=triage-row]")).containsText("38.6");
		page.locator("[data-testid=triage-open]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=triage-residence]")).not().containsText("未登记住处");
		assertThat(page.locator("[data-testid=triage-responsible]")).containsText("辅导员");
		assertThat(page.locator("[data-testid=triage-phone]")).containsText("****");
		assertThat(page.locator("[data-testid=triage-signal]")).hasCount(1);
		assertThat(page.locator("[data-testid=triage-signal]")).containsText("咳嗽");

		page.locator("[data-testid=reveal-phone]").click();
		assertThat(page.locator("[data-testid=triage-phone]")).not().containsText("****");
		page.locator("[data-testid=task-start]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=task-status]")).containsText("处理中");
		page.locator("label[for=outcome-HOME_OBSERVATION]").click();
		page.locator("#note").fill("体温 38.6，居家观察");
		page.locator("label[for=registerAbsence]").click();
		page.locator("[data-testid=conclude]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=notice]")).containsText("结论已记录");
		assertThat(page.locator("[data-testid=task-outcome]")).containsText("居家观察");
		assertThat(page.locator("[data-testid=conclusion-form]")).hasCount(0);

		page.locator("[data-testid=task-absence]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=absence-stage]")).containsText("待追踪病因");
		page.locator("#cause").selectOption("INFECTIOUS_SUSPECTED");
		page.locator("[data-testid=follow-up-save]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=error]")).containsText("疾病名称");
		page.locator("#cause").selectOption("INFECTIOUS_SUSPECTED");
		page.locator("#disease").fill("流行性感冒");
		page.locator("#fu-note").fill("已电话联系，在宿舍休息");
		page.locator("[data-testid=follow-up-save]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=notice]")).containsText("病因追踪已保存");
		assertThat(page.locator("[data-testid=absence-stage]")).containsText("待查验复课证明");
		assertThat(page.locator("[data-testid=absence-cause]")).containsText("流行性感冒");

		page.locator("[data-testid=return-save]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=error]")).containsText("请先查验复课证明");
		page.locator("label[for=certificateChecked]").click();
		page.locator("#certificateNote").fill("校医院复诊，体温正常");
		page.locator("[data-testid=return-save]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=notice]")).containsText("已返校");
		assertThat(page.locator("[data-testid=absence-stage]")).containsText("已返校");
		assertThat(page.locator("[data-testid=absence-returned]")).containsText(today.toString());

		page.navigate(url("/health/absences?view=RETURNED&q=" + studentName));
		assertThat(page.locator("[data-testid=absence-row]")).hasCount(1);
		assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'person' and action = 'REVEAL'"
				+ " and entity_id = ?").param(String.valueOf(student)).query(Long.class).single()).isPositive();
		assertThat(openTasks()).isZero();
	}
}
