package org.bulwark.directory;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bulwark.BrowserTestSupport;
import org.bulwark.BulwarkIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The main path in a real browser: sign in, switch language, find a person, sign out; and a counselor's scope. */
@BulwarkIntegrationTest
class PeopleBrowserTest extends BrowserTestSupport {

	private static final String PASSWORD = "Demo@2026";

	@Autowired
	JdbcClient jdbc;

	@Test
	void adminSwitchesLanguageFindsAPersonAndSignsOut() {
		login("admin", PASSWORD);
		assertThat(page.locator(".bw-sidebar")).containsText("人员台账");
		page.locator("[data-testid=lang-en]").click();
		assertThat(page.locator(".bw-sidebar")).containsText("Registry");
		assertThat(page.locator("[data-testid=logout]")).hasText("Sign out");
		page.locator("a.bw-nav-link[href=\"/people\"]").click();
		assertThat(page.locator("h1")).hasText("People");
		assertThat(page.locator("[data-testid=person-row]").first()).isVisible();

		String name = jdbc.sql("select name from person where population = 'POSTGRADUATE' order by id limit 1")
			.query(String.class).single();
		// htmx (loaded with defer) must have wired the search box before typing does anything
		page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
		page.waitForResponse(r -> r.url().contains("/people?") && r.url().contains("q="),
				() -> page.locator("[data-testid=people-search]").fill(name));
		page.locator("[data-testid=person-link]", new com.microsoft.playwright.Page.LocatorOptions().setHasText(name))
			.first().waitFor();
		assertThat(page.locator("[data-testid=person-row]")).not().hasCount(0);
		page.locator("[data-testid=person-link]", new com.microsoft.playwright.Page.LocatorOptions().setHasText(name))
			.first().click();
		assertThat(page.locator("[data-testid=person-name]")).hasText(name);
		assertThat(page.locator("[data-testid=person-id-number]")).containsText("********");

		page.locator("[data-testid=logout]").click();
		assertThat(page.locator("[data-testid=login-submit]")).isVisible();
		page.navigate(url("/people"));
		assertThat(page.locator("[data-testid=login-submit]")).isVisible();
	}

	@Test
	void counselorSeesOnlyTheirOwnPeople() {
		long counselorPerson = jdbc.sql("select person_id from app_user where username = 'counselor'").query(Long.class)
			.single();
		List<String> own = jdbc.sql("""
				select p.name from person p where p.org_unit_id in (
				  select r.target_id from responsibility r where r.responsible_person_id = ? and r.role = 'COUNSELOR')
				and p.active = true""").param(counselorPerson).query(String.class).list();
		assertThat(own).hasSizeGreaterThan(10);
		String stranger = jdbc.sql("""
				select p.name from person p where p.population = 'UNDERGRADUATE' and p.org_unit_id not in (
				  select r.target_id from responsibility r where r.responsible_person_id = ? and r.role = 'COUNSELOR')
				  and p.name not in (select q.name from person q where q.org_unit_id in (
				  select r.target_id from responsibility r where r.responsible_person_id = ? and r.role = 'COUNSELOR'))
				order by p.id desc limit 1""").params(counselorPerson, counselorPerson).query(String.class).single();

		login("counselor", PASSWORD);
		page.navigate(url("/people?size=200"));
		List<String> shown = page.locator("[data-testid=person-link]").allTextContents();
		assertThat(shown).hasSize(own.size()).allMatch(own::contains);
		assertThat(page.locator("[data-testid=result-count]")).containsText(String.valueOf(own.size()));

		page.locator("[data-testid=people-search]").fill(stranger);
		page.locator("[data-testid=empty-state]").waitFor();
		assertThat(page.locator("[data-testid=person-row]")).hasCount(0);
	}
}
