package org.bulwark.health;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.LoadState;
import org.bulwark.BrowserTestSupport;
import org.bulwark.BulwarkIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo counselor does the roll-call of a class from the keyboard on a desktop screen. */
@BulwarkIntegrationTest
class RollCallBrowserTest extends BrowserTestSupport {

	private static final String PASSWORD = "Demo@2026";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Profiles profiles;

	@Autowired
	CheckIns checkIns;

	long classId;
	String className;
	List<Long> members;
	LocalDate today;

	@BeforeEach
	void theCounselorsFirstClassWithAnAllDaySlot() {
		long schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		long counselor = jdbc.sql("select person_id from app_user where username = 'counselor'").query(Long.class).single();
		classId = jdbc.sql("""
				select target_id from responsibility where responsible_person_id = ? and role = 'COUNSELOR'
				and target_kind = 'ORG_UNIT' order by target_id limit 1""").param(counselor).query(Long.class).single();
		className = jdbc.sql("select name from org_unit where id = ?").param(classId).query(String.class).single();
		AllDayPolicy.ensure(jdbc, schoolId, classId, profiles.defaultId());
		members = jdbc.sql("select id from person where org_unit_id = ? and active = true order by name, id").param(classId)
			.query(Long.class).list();
		today = Instant.now().atZone(checkIns.zone()).toLocalDate();
		RollCallIntegrationTest.clean(jdbc, classId, today);
	}

	private String code(long person) {
		return jdbc.sql("select code from person where id = ?").param(person).query(String.class).single();
	}

	@Test
	void counselorMarksAllPresentThenOneAbnormalAndOneAbsentFromTheKeyboard() {
		login("counselor", PASSWORD);
		page.navigate(url("/health/roll-call"));
		page.locator("[data-testid=group-choice]", new com.microsoft.playwright.Page.LocatorOptions().setHasText(className))
			.first().click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=group-name]")).hasText(className);
		assertThat(page.locator("[data-testid=roll-call-counts]")).containsText("应到 " + members.size() + " 人");

		page.locator("[data-testid=all-present]").click();
		Locator fever = page.locator("[data-testid=rc-row-" + code(members.get(0)) + "]");
		Locator sick = page.locator("[data-testid=rc-row-" + code(members.get(1)) + "]");
		// the first row has the focus after "all present"; 2 marks it abnormal and moves to its temperature
		fever.locator("select.rc-mark").focus();
		page.keyboard().press("2");
		assertThat(fever.locator(".rc-temperature")).isFocused();
		page.keyboard().type("38.6");
		page.keyboard().press("ArrowDown");
		assertThat(sick.locator("select.rc-mark")).isFocused();
		page.keyboard().press("3");
		assertThat(sick.locator("select.rc-mark")).hasValue("SICK");
		page.keyboard().press("Control+Enter");
		page.waitForLoadState(LoadState.LOAD);

		assertThat(page.locator("[data-testid=roll-call-saved]")).containsText("异常 1 人");
		assertThat(page.locator("[data-testid=roll-call-saved]")).containsText("缺勤 1 人");
		assertThat(page.locator("[data-testid=rc-row-" + code(members.get(0)) + "] select.rc-mark")).hasValue("ABNORMAL");
		assertThat(page.locator("[data-testid=rc-row-" + code(members.get(1)) + "] select.rc-mark")).hasValue("SICK");
		assertThat(page.locator("[data-testid=roll-call-history]")).containsText("第 1 版");
		assertThat(jdbc.sql("select source from check_in where person_id = ? and check_date = ?")
			.params(members.get(0), today).query(String.class).single()).isEqualTo("ROLL_CALL");
		assertThat(jdbc.sql("select kind from absence where person_id = ? and status = 'OPEN'").param(members.get(1))
			.query(String.class).single()).isEqualTo("SICK");

		page.navigate(url("/health/roll-calls"));
		assertThat(page.locator("[data-testid=roll-call-row]", new com.microsoft.playwright.Page.LocatorOptions()
			.setHasText(className))).containsText("1");
	}

	@Test
	void aRowThatCannotBeSavedIsMarkedAndNothingIsStored() {
		login("counselor", PASSWORD);
		page.navigate(url("/health/roll-call?kind=ORG_UNIT&group=" + classId));
		page.locator("[data-testid=all-present]").click();
		Locator row = page.locator("[data-testid=rc-row-" + code(members.get(0)) + "]");
		row.locator("select.rc-mark").focus();
		page.keyboard().press("2");
		page.keyboard().type("36.5");
		page.locator("[data-testid=roll-call-save]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=roll-call-fix]")).isVisible();
		assertThat(page.locator("[data-testid=rc-row-" + code(members.get(0)) + "]")).containsText("37.3");
		assertThat(jdbc.sql("select count(*) from roll_call where group_kind = 'ORG_UNIT' and group_id = ?").param(classId)
			.query(Long.class).single()).isZero();
	}
}
