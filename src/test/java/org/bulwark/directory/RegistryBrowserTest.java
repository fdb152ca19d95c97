package org.bulwark.directory;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.microsoft.playwright.Page;
import org.bulwark.BrowserTestSupport;
import org.bulwark.BulwarkIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The office moves someone into a dorm bed from the room's page; a counselor's "my people" shows exactly their people. */
@BulwarkIntegrationTest
class RegistryBrowserTest extends BrowserTestSupport {

	private static final String PASSWORD = "Demo@2026";

	@Autowired
	JdbcClient jdbc;

	@Test
	void officeMovesAPersonIntoABedFromThePlacePage() {
		long room = jdbc.sql("""
				select x.id from place x where x.kind = 'ROOM' and x.usage = 'DORMITORY' and x.capacity > 0
				and (select count(*) from residence r where r.place_id = x.id and r.moved_out is null) < x.capacity
				order by x.id limit 1""").query(Long.class).single();
		var person = jdbc.sql("""
				select code, name from person where residence_place_id is null and active = true and code is not null
				and population = 'STAFF' order by id limit 1""").query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
			.single();

		login("office", PASSWORD);
		page.navigate(url("/places/" + room));
		page.locator("[data-testid=move-in-person]").fill(person[0]);
		page.locator("[data-testid=move-in-submit]").click();
		assertThat(page.locator("[data-testid=notice]")).isVisible();
		assertThat(page.locator("[data-testid=resident-link]", new Page.LocatorOptions().setHasText(person[1])))
			.isVisible();
		page.locator("[data-testid=resident-link]", new Page.LocatorOptions().setHasText(person[1])).click();
		assertThat(page.locator("[data-testid=person-name]")).hasText(person[1]);
		assertThat(page.locator("[data-testid=timeline-kind]").first()).hasText("入住");
		assertThat(jdbc.sql("select residence_place_id from person where code = ?").param(person[0]).query(Long.class)
			.single()).isEqualTo(room);
	}

	@Test
	void counselorsMyPeopleShowsExactlyTheirPeople() {
		long counselor = jdbc.sql("select person_id from app_user where username = 'counselor'").query(Long.class).single();
		List<String> own = jdbc.sql("""
				select p.name from person p where p.active = true and p.org_unit_id in (
				  select r.target_id from responsibility r where r.responsible_person_id = ? and r.role = 'COUNSELOR')""")
			.param(counselor).query(String.class).list();
		assertThat(own).hasSizeGreaterThan(10);

		login("counselor", PASSWORD);
		page.locator("a.bw-nav-link", new Page.LocatorOptions().setHasText("我的包保对象")).click();
		page.navigate(url("/my-people?size=200"));
		List<String> shown = page.locator("[data-testid=my-person-link]").allTextContents();
		assertThat(shown).hasSize(own.size()).allMatch(own::contains);
		page.waitForResponse(r -> r.url().contains("/my-people?") && r.url().contains("q="),
				() -> page.locator("[data-testid=my-people-search]").fill("不存在的人"));
		page.locator("[data-testid=empty-state]").waitFor();
	}
}
