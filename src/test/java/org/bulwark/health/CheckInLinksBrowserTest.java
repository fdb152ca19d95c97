package org.bulwark.health;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.microsoft.playwright.options.LoadState;
import org.bulwark.BrowserTestSupport;
import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

/** On a phone: a resident checks in through a personal link; a household head reports for two dependants at once. */
@BulwarkIntegrationTest
class CheckInLinksBrowserTest extends BrowserTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Profiles profiles;

	@Autowired
	CheckInLinks links;

	@Autowired
	UserDetailsService users;

	@Autowired
	UserAccounts accounts;

	LinkFixtures f;

	@BeforeEach
	void setUp() {
		f = new LinkFixtures(jdbc, profiles);
		f.clearToday(jdbc, f.dependants);
	}

	private String name(long person) {
		return jdbc.sql("select name from person where id = ?").param(person).query(String.class).single();
	}

	@Test
	void aResidentChecksInThroughTheirPersonalLinkOnAPhone() {
		long resident = LinkFixtures.retiree(jdbc, f.schoolId, 4);
		f.allDay(jdbc, profiles, resident);
		f.clearToday(jdbc, List.of(resident));
		CurrentUser office = (CurrentUser) users.loadUserByUsername("office");
		String token = ((CheckInLinks.IssuedAll) links.issue(office, resident, null, Instant.now())).links().get(0).token();

		page.setViewportSize(390, 844);
		page.navigate(url("/link/" + token));
		assertThat(page.locator("[data-testid=link-holder]")).containsText(CheckInForms.maskedName(name(resident)));
		assertThat(page.locator("[data-testid=lang-en]")).hasText("English");
		page.locator("[data-testid=lang-en]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("h1")).hasText("Health check-in");
		assertThat(page.locator("label[for=symptom-cough]")).hasText("Cough");
		page.locator("[data-testid=lang-zh-CN]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("label[for=symptom-cough]")).hasText("咳嗽");
		assertThat(page.locator("[data-testid=slot-allday]")).containsText("待填报");

		page.locator("#temperature").fill("36.5");
		page.locator("label[for=onCampus-no]").click();
		page.locator("[data-testid=check-in-submit]").click();
		assertThat(page.locator("#city + .invalid-feedback")).isVisible();
		page.locator("#city").fill("无锡");
		page.locator("[data-testid=check-in-submit]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=check-in-result]")).containsText("全天已记录");
		assertThat(page.locator("[data-testid=slot-allday]")).containsText("36.5");
		assertThat(page.locator("#temperature")).hasValue("");

		assertThat(jdbc.sql("select source || ' ' || city from check_in where person_id = ? and check_date = ?")
			.params(resident, f.today).query(String.class).single()).isEqualTo("LINK 无锡");
		page.navigate(url("/link/k" + "x".repeat(24)));
		assertThat(page.locator("[data-testid=link-invalid]")).isVisible();
	}

	@Test
	void aHouseholdHeadReportsForTwoDependantsOnOneScreen() {
		f.headAccount(accounts);
		long first = f.dependants.get(0);
		long second = f.dependants.get(1);
		login(LinkFixtures.HEAD_USERNAME, LinkFixtures.HEAD_PASSWORD);
		page.setViewportSize(390, 844);
		page.navigate(url("/me"));
		page.locator("[data-testid=me-proxy]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=dependant-" + first + "] h2")).hasText(name(first));
		assertThat(page.locator("[data-testid=dependant-" + second + "] h2")).hasText(name(second));
		assertThat(page.locator("[data-testid=empty-state]")).hasCount(0);

		page.locator("#t-" + first).fill("36.6");
		page.locator("label[for=c-" + first + "-yes]").click();
		page.locator("#t-" + second).fill("38.4");
		page.locator("label[for=s-" + second + "-cough]").click();
		page.locator("[data-testid=proxy-submit]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=proxy-summary]")).containsText("已保存 1 人，1 人未保存");
		assertThat(page.locator("[data-testid=dependant-saved-" + first + "]")).containsText("36.6");
		assertThat(page.locator("[data-testid=dependant-error-" + second + "]")).containsText(name(second));
		assertThat(page.locator("[data-testid=error-onCampus-" + second + "]")).isVisible();
		// what was typed for the rejected person stays, to be corrected
		assertThat(page.locator("#t-" + second)).hasValue("38.4");
		assertThat(page.locator("#s-" + second + "-cough")).isChecked();

		page.locator("label[for=c-" + second + "-yes]").click();
		page.locator("[data-testid=proxy-submit]").click();
		page.waitForLoadState(LoadState.LOAD);
		assertThat(page.locator("[data-testid=proxy-summary]")).containsText("已保存 1 人");
		assertThat(page.locator("[data-testid=dependant-saved-" + second + "]")).containsText("38.4");
		assertThat(page.locator("[data-testid=dependant-saved-" + second + "]")).containsText("已通知校医院");

		assertThat(jdbc.sql("""
				select cast(person_id as varchar) || ' ' || source || ' ' || cast(submitted_by_person_id as varchar) || ' '
				  || cast(abnormal as varchar)
				from check_in where person_id in (?, ?) and check_date = ? order by person_id""")
			.params(first, second, f.today).query(String.class).list())
			.containsExactlyInAnyOrder(first + " PROXY " + f.head + " false", second + " PROXY " + f.head + " true");
	}
}
