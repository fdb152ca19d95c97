package org.bulwark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bulwark.directory.Registry;
import org.bulwark.health.AllDayPolicy;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The run command's path: the demo profile on an embedded H2 file database. Starts, signs in over
 * real HTTP and opens the people list.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"bulwark.demo.people=300",
		// the check-in test writes its all-day policy in SQL, as another node would, and checks in at once
		"bulwark.health.policy-recheck=PT0S"})
@ActiveProfiles("demo")
class EmbeddedH2SmokeTest {

	@TempDir
	static Path data;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void embeddedDatabase(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + data.resolve("bulwark")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
		registry.add("spring.datasource.username", () -> "sa");
		registry.add("spring.datasource.password", () -> "");
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Registry registry;

	@Autowired
	org.bulwark.system.security.ApiTokens tokens;

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Test
	void startsSignsInAndOpensThePeopleList() throws Exception {
		HttpClient http = signIn("admin");
		String base = "http://localhost:" + port;
		HttpResponse<String> people = http.send(HttpRequest.newBuilder(URI.create(base + "/people")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(people.statusCode()).isEqualTo(200);
		assertThat(people.body()).contains("data-testid=\"person-row\"").contains("共 300 条");
	}

	/** The pass status statement (every reason as a subquery, the colour over them) in H2's dialect. */
	@Test
	void thePassListAndTheStudentsOwnPassOpen() throws Exception {
		HttpClient admin = signIn("admin");
		String list = get(admin, "/control/pass");
		assertThat(list).contains("data-testid=\"pass-row\"").contains("data-testid=\"count-GREEN\"");
		assertThat(get(admin, "/control/pass?colour=RED")).contains("data-testid=\"pass-tiles\"");
		String mine = get(signIn("student"), "/me/pass");
		assertThat(mine).contains("data-testid=\"my-pass\"");
	}

	/** The check-in's write (insert unless the slot has a row, else lock and update) in H2's dialect. */
	@Test
	void studentChecksInAndCorrectsTheSlot() throws Exception {
		var row = jdbc.sql("select p.id, p.school_id, p.org_unit_id from app_user u join person p on p.id = u.person_id"
				+ " where u.username = 'student'").query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
			.single();
		long profile = jdbc.sql("select id from disease_profile where school_id is null and code = 'WST772'")
			.query(Long.class).single();
		AllDayPolicy.ensure(jdbc, row[1], row[2], profile);
		HttpClient http = signIn("student");
		for (String[] answer : new String[][] {{"38.1", "first"}, {"36.6", "second"}, {"36.6", "second"}}) {
			String page = get(http, "/me/check-in");
			Matcher csrf = CSRF.matcher(page);
			assertThat(csrf.find()).isTrue();
			String form = "_csrf=" + csrf.group(1) + "&slotCode=" + AllDayPolicy.SLOT + "&temperature=" + answer[0]
					+ "&onCampus=true&requestId=h2-" + answer[1];
			HttpResponse<String> saved = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/me/check-in"))
				.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(saved.statusCode()).isEqualTo(200);
		}
		assertThat(jdbc.sql("select revision, temperature from check_in where person_id = ? and slot_code = ?")
			.params(row[0], AllDayPolicy.SLOT).query((rs, i) -> rs.getInt(1) + " " + rs.getBigDecimal(2)).single())
			.isEqualTo("2 36.6");
		assertThat(jdbc.sql("select count(*) from check_in_revision where person_id = ?").param(row[0]).query(Long.class)
			.single()).isEqualTo(2);
	}

	/**
	 * The coverage report and its list of people nobody answers for, in H2's dialect (the covered sets
	 * as constant lists): the same people as the person page's resolution of responsible staff.
	 */
	@Test
	void theCoverageReportCountsWhomNobodyAnswersFor() throws Exception {
		long school = jdbc.sql("select school_id from app_user where username = 'office'").query(Long.class).single();
		List<Long> people = jdbc.sql("select id from person where school_id = ? and active = true and merged_into_id is null")
			.param(school).query(Long.class).list();
		CurrentUser everything = new CurrentUser(0, school, "h2", "h2", null, Set.of(), Set.of(), DataScope.everything(), true,
				false, null);
		Map<Long, List<Registry.ResponsibleStaff>> staff = registry.responsibleStaffOf(everything, people);
		long uncovered = people.stream().filter(id -> staff.getOrDefault(id, List.of()).isEmpty()).count();
		assertThat(uncovered).isPositive();

		HttpClient office = signIn("office");
		Matcher count = Pattern.compile("data-testid=\"count-NO_RESPONSIBLE\">(\\d+)<").matcher(get(office, "/coverage"));
		assertThat(count.find()).isTrue();
		assertThat(Long.parseLong(count.group(1))).isEqualTo(uncovered);
		String list = get(office, "/coverage/people?problem=NO_RESPONSIBLE&size=100");
		assertThat(list).contains("data-testid=\"coverage-row\"");
		assertThat(list.split("data-testid=\"coverage-row\"", -1)).hasSize((int) Math.min(uncovered, 100) + 1);
	}

	/** An integration's token (its account read in one statement, in H2's dialect) opens the API. */
	@Test
	void anApiTokenActsAsItsAccount() throws Exception {
		long[] admin = jdbc.sql("select id, school_id from app_user where username = 'admin'")
			.query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
		var token = tokens.issue(admin[1], admin[0], "h2 smoke", null);
		HttpResponse<String> people = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
				URI.create("http://localhost:" + port + "/api/v1/people?size=1")).header("Authorization", "Bearer " + token.secret())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(people.statusCode()).isEqualTo(200);
		tokens.writeLastUsed();
		assertThat(jdbc.sql("select count(*) from api_token where id = ? and last_used_at is not null").param(token.id())
			.query(Long.class).single()).isEqualTo(1);
	}

	private HttpClient signIn(String username) throws Exception {
		HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NORMAL).build();
		Matcher csrf = CSRF.matcher(get(http, "/login"));
		assertThat(csrf.find()).isTrue();
		String form = "username=" + username + "&password=" + URLEncoder.encode("Demo@2026", StandardCharsets.UTF_8)
				+ "&_csrf=" + csrf.group(1);
		HttpResponse<String> home = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("data-testid=\"current-user\"");
		return http;
	}

	private String get(HttpClient http, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}
}
