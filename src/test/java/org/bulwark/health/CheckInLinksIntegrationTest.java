package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.directory.Registry;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.UserAccounts;
import org.bulwark.system.security.ApiTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Personal links and proxy reports on PostgreSQL, through the services, the pages and the API. */
@BulwarkIntegrationTest
class CheckInLinksIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Profiles profiles;

	@Autowired
	CheckInLinks links;

	@Autowired
	Proxies proxies;

	@Autowired
	ProxyReports reports;

	@Autowired
	UserDetailsService users;

	@Autowired
	UserAccounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	LinkThrottle throttle;

	LinkFixtures f;
	CurrentUser office;
	long holder;

	@BeforeEach
	void setUp() {
		f = new LinkFixtures(jdbc, profiles);
		office = (CurrentUser) users.loadUserByUsername("office");
		holder = LinkFixtures.retiree(jdbc, f.schoolId, 0);
		f.allDay(jdbc, profiles, holder);
		f.clearToday(jdbc, List.of(holder));
		f.clearToday(jdbc, f.dependants);
	}

	/** Each test comes from its own address, so the per-address brake of one test leaves the others alone. */
	private static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	private static String someAddress() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
	}

	private String issue(long person, Instant expiresAt) {
		CheckInLinks.IssuedAll issued = (CheckInLinks.IssuedAll) links.issue(office, person, expiresAt, Instant.now());
		return issued.links().get(0).token();
	}

	private MockHttpServletResponse open(String token, String address) throws Exception {
		return mvc.perform(get("/link/" + token).with(from(address))).andReturn().getResponse();
	}

	/** A page's body without what differs from one request to the next (the CSRF token). */
	private static String neutral(MockHttpServletResponse response) throws Exception {
		return response.getContentAsString().replaceAll("content=\"[^\"]*\"", "").replaceAll("value=\"[^\"]*\"", "");
	}

	private long checkIns(long person) {
		return jdbc.sql("select count(*) from check_in where person_id = ? and check_date = ?").params(person, f.today)
			.query(Long.class).single();
	}

	private String personName(long person) {
		return jdbc.sql("select name from person where id = ?").param(person).query(String.class).single();
	}

	@Test
	void aPersonalLinkChecksInForItsHolderWithoutSigningIn() throws Exception {
		String address = someAddress();
		String token = issue(holder, null);
		long linkId = jdbc.sql("select id from check_in_link where token_hash = ?").param(LinkTokens.hash(token))
			.query(Long.class).single();
		assertThat(jdbc.sql("select count(*) from check_in_link where token_hash = ? or token_hash = ?")
			.params(token, token.substring(1)).query(Long.class).single()).as("the secret itself is never stored").isZero();

		MockHttpServletResponse page = open(token, address);
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("check-in-form").contains(CheckInForms.maskedName(personName(holder)))
			.contains("data-testid=\"language-picker\"");

		mvc.perform(post("/link/" + token).param("slotCode", AllDayPolicy.SLOT).param("temperature", "36.6")
			.param("onCampus", "true").param("requestId", "link-" + token).with(from(address)))
			.andExpect(status().isForbidden());
		assertThat(checkIns(holder)).as("no CSRF token, nothing stored").isZero();

		mvc.perform(post("/link/" + token).param("slotCode", AllDayPolicy.SLOT).param("temperature", "36.6")
			.param("onCampus", "true").param("requestId", "link-" + token).with(csrf()).with(from(address)))
			.andExpect(status().is3xxRedirection());
		mvc.perform(post("/link/" + token).param("slotCode", AllDayPolicy.SLOT).param("temperature", "36.6")
			.param("onCampus", "true").param("requestId", "link-" + token).with(csrf()).with(from(address)))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("""
				select c.source || ' ' || coalesce(cast(c.submitted_by as varchar), '-') || ' ' || cast(c.submitted_by_person_id as varchar)
				  || ' ' || cast(r.link_id as varchar) || ' ' || cast(c.revision as varchar)
				from check_in c join check_in_revision r on r.check_in_id = c.id where c.person_id = ? and c.check_date = ?""")
			.params(holder, f.today).query(String.class).list())
			.as("a retry of the same form stores one check-in")
			.containsExactly("LINK - " + holder + " " + linkId + " 1");
		assertThat(jdbc.sql("select last_used_at from check_in_link where id = ?").param(linkId).query(Object.class).single())
			.isNotNull();

		MockHttpServletResponse bad = mvc.perform(post("/link/" + token).param("slotCode", AllDayPolicy.SLOT)
			.param("temperature", "44").param("onCampus", "false").with(csrf()).with(from(address))).andReturn().getResponse();
		assertThat(bad.getStatus()).isEqualTo(200);
		assertThat(bad.getContentAsString()).contains("34.0").contains("is-invalid");
		assertThat(jdbc.sql("select revision from check_in where person_id = ? and check_date = ?").params(holder, f.today)
			.query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void unknownRevokedAndExpiredLinksAreAnsweredAlikeAndNameNobody() throws Exception {
		String address = someAddress();
		String revoked = issue(holder, null);
		String current = issue(holder, null);
		long other = LinkFixtures.retiree(jdbc, f.schoolId, 1);
		String expired = issue(other, Instant.now().plus(Duration.ofDays(1)));
		jdbc.sql("update check_in_link set expires_at = ? where token_hash = ?")
			.params(java.time.OffsetDateTime.now().minusMinutes(1), LinkTokens.hash(expired)).update();
		String unknown = LinkTokens.generate(new SecureRandom());

		assertThat(open(current, address).getStatus()).as("re-issuing keeps the new link working").isEqualTo(200);
		MockHttpServletResponse a = open(unknown, address);
		MockHttpServletResponse b = open(revoked, address);
		MockHttpServletResponse c = open(expired, address);
		MockHttpServletResponse d = open("not-even-a-token", address);
		for (MockHttpServletResponse r : List.of(a, b, c, d)) {
			assertThat(r.getStatus()).isEqualTo(404);
			assertThat(neutral(r)).isEqualTo(neutral(a)).contains("link-invalid")
				.doesNotContain(personName(holder)).doesNotContain(CheckInForms.maskedName(personName(holder)))
				.doesNotContain(CheckInForms.maskedName(personName(other)));
		}
		mvc.perform(post("/link/" + revoked).param("slotCode", AllDayPolicy.SLOT).param("temperature", "36.6")
			.param("onCampus", "true").with(csrf()).with(from(address))).andExpect(status().isNotFound());
		mvc.perform(post("/link/" + expired + "/proxy").param("requestId", "x").with(csrf()).with(from(address)))
			.andExpect(status().isNotFound());
		assertThat(checkIns(holder)).isZero();
		assertThat(checkIns(other)).isZero();

		long linkId = jdbc.sql("select id from check_in_link where token_hash = ?").param(LinkTokens.hash(current))
			.query(Long.class).single();
		assertThat(links.revoke(office, linkId, Instant.now())).isTrue();
		assertThat(links.revoke(office, linkId, Instant.now())).as("only once").isFalse();
		assertThat(open(current, address).getStatus()).isEqualTo(404);
		assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'check_in_link' and entity_id = ? and action = 'DELETE'")
			.param(String.valueOf(linkId)).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void aTokenAndAnAddressAreRateLimited() throws Exception {
		String address = someAddress();
		String token = issue(holder, null);
		for (int i = 0; i < throttle.perTokenLimit(); i++) {
			assertThat(open(token, address).getStatus()).isEqualTo(200);
		}
		MockHttpServletResponse limited = open(token, address);
		assertThat(limited.getStatus()).isEqualTo(429);
		assertThat(limited.getContentAsString()).doesNotContain(CheckInForms.maskedName(personName(holder)));
		assertThat(open(token, someAddress()).getStatus()).as("per token, from anywhere").isEqualTo(429);

		String guesser = someAddress();
		SecureRandom random = new SecureRandom();
		for (int i = 0; i < throttle.perAddressLimit(); i++) {
			assertThat(open(LinkTokens.generate(random), guesser).getStatus()).isEqualTo(404);
		}
		assertThat(open(LinkTokens.generate(random), guesser).getStatus()).isEqualTo(429);
		String fresh = issue(LinkFixtures.retiree(jdbc, f.schoolId, 2), null);
		assertThat(open(fresh, guesser).getStatus()).as("a valid link from a flooding address waits too").isEqualTo(429);
		assertThat(open(fresh, someAddress()).getStatus()).isEqualTo(200);
	}

	@Test
	void aHouseholdHeadReportsForTheHouseholdThroughTheirOwnLink() throws Exception {
		String address = someAddress();
		String token = issue(f.head, null);
		long linkId = jdbc.sql("select id from check_in_link where token_hash = ?").param(LinkTokens.hash(token))
			.query(Long.class).single();
		assertThat(open(token, address).getContentAsString()).contains("data-testid=\"open-proxy\"");
		String screen = mvc.perform(get("/link/" + token + "/proxy").with(from(address))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		long first = f.dependants.get(0);
		long second = f.dependants.get(1);
		assertThat(screen).contains(personName(first)).contains(personName(second)).contains("name=\"t-" + first + "\"");
		mvc.perform(post("/link/" + token + "/proxy").param("requestId", "via-link-" + token)
			.param("person", String.valueOf(first), String.valueOf(second))
			.param("slot-" + first, AllDayPolicy.SLOT).param("t-" + first, "36,4").param("c-" + first, "true")
			.param("slot-" + second, AllDayPolicy.SLOT).param("t-" + second, "").param("c-" + second, "")
			.with(csrf()).with(from(address))).andExpect(status().isOk());
		assertThat(jdbc.sql("""
				select c.source || ' ' || coalesce(cast(c.submitted_by as varchar), '-') || ' '
				  || cast(c.submitted_by_person_id as varchar) || ' ' || cast(r.link_id as varchar) || ' ' || cast(c.temperature as varchar)
				from check_in c join check_in_revision r on r.check_in_id = c.id where c.person_id = ? and c.check_date = ?""")
			.params(first, f.today).query(String.class).list()).containsExactly("PROXY - " + f.head + " " + linkId + " 36.4");
		assertThat(checkIns(second)).as("a block left empty is not sent").isZero();
	}

	private ProxyReports.Item item(long person, String temperature, Boolean onCampus, String city) {
		return new ProxyReports.Item(person, AllDayPolicy.SLOT, temperature == null ? null : new BigDecimal(temperature),
				List.of(), onCampus, city);
	}

	@Test
	void aProxyBatchSavesTheValidItemsAndNamesTheBadOneByPersonAndField() {
		long first = f.dependants.get(0);
		long second = f.dependants.get(1);
		String requestId = "proxy-" + System.nanoTime();
		ProxyReports.Done done = (ProxyReports.Done) reports.submit(f.schoolId, f.head, null, null,
				List.of(item(first, "36.6", true, null), item(second, "45.0", null, null)), requestId, Instant.now());
		assertThat(done.items()).extracting(ProxyReports.ItemResult::status)
			.containsExactly(ProxyReports.Status.SAVED, ProxyReports.Status.INVALID);
		ProxyReports.ItemResult bad = done.items().get(1);
		assertThat(bad.name()).isEqualTo(personName(second));
		assertThat(bad.problems()).extracting(p -> p.field()).containsExactlyInAnyOrder("temperature", "onCampus");
		assertThat(checkIns(first)).isEqualTo(1);
		assertThat(checkIns(second)).as("nothing half-written for the bad item").isZero();
		assertThat(jdbc.sql("select source || ' ' || cast(submitted_by_person_id as varchar) from check_in where person_id = ? and check_date = ?")
			.params(first, f.today).query(String.class).single()).isEqualTo("PROXY " + f.head);

		// the retry of the corrected screen: the saved one is answered from before, the corrected one stored once
		ProxyReports.Done retry = (ProxyReports.Done) reports.submit(f.schoolId, f.head, null, null,
				List.of(item(first, "36.6", true, null), item(second, "36.8", false, "苏州")), requestId, Instant.now());
		assertThat(retry.items()).extracting(ProxyReports.ItemResult::status)
			.containsExactly(ProxyReports.Status.REPLAYED, ProxyReports.Status.SAVED);
		ProxyReports.Done again = (ProxyReports.Done) reports.submit(f.schoolId, f.head, null, null,
				List.of(item(first, "36.6", true, null), item(second, "36.8", false, "苏州")), requestId, Instant.now());
		assertThat(again.items()).extracting(ProxyReports.ItemResult::status)
			.containsExactly(ProxyReports.Status.REPLAYED, ProxyReports.Status.REPLAYED);
		assertThat(jdbc.sql("""
				select count(*) from check_in_revision r join check_in c on c.id = r.check_in_id
				where c.person_id in (?, ?) and c.check_date = ?""").params(first, second, f.today).query(Long.class).single())
			.isEqualTo(2);
	}

	@Test
	void aProxyReportsOnlyForTheirHouseholdOrWhomTheyWereNamedFor() {
		long stranger = LinkFixtures.retiree(jdbc, f.schoolId, 3);
		f.allDay(jdbc, profiles, stranger);
		f.clearToday(jdbc, List.of(stranger));
		ProxyReports.Done refused = (ProxyReports.Done) reports.submit(f.schoolId, f.head, null, null,
				List.of(item(stranger, "36.6", true, null)), null, Instant.now());
		assertThat(refused.items().get(0).status()).isEqualTo(ProxyReports.Status.NOT_FOUND);
		assertThat(refused.items().get(0).name()).as("nothing revealed about other people").isNull();
		assertThat(checkIns(stranger)).isZero();

		jdbc.sql("delete from check_in_proxy where proxy_person_id = ? and dependant_person_id = ?").params(f.head, stranger)
			.update();
		Proxies.Named named = (Proxies.Named) proxies.name(office, f.head, stranger);
		assertThat(proxies.name(office, f.head, stranger)).isInstanceOf(Proxies.Rejected.class);
		assertThat(proxies.name(office, f.head, f.head)).isInstanceOf(Proxies.Rejected.class);
		assertThat(proxies.dependants(f.schoolId, f.head)).extracting(d -> d.person().personId() + ":" + d.basis())
			.contains(stranger + ":NAMED", f.dependants.get(0) + ":HOUSEHOLD");
		ProxyReports.Done allowed = (ProxyReports.Done) reports.submit(f.schoolId, f.head, null, null,
				List.of(item(stranger, "36.6", true, null)), null, Instant.now());
		assertThat(allowed.items().get(0).status()).isEqualTo(ProxyReports.Status.SAVED);

		assertThat(proxies.remove(office, named.id())).isTrue();
		ProxyReports.Done removed = (ProxyReports.Done) reports.submit(f.schoolId, f.head, null, null,
				List.of(item(stranger, "36.7", true, null)), null, Instant.now());
		assertThat(removed.items().get(0).status()).isEqualTo(ProxyReports.Status.NOT_FOUND);

		assertThat(reports.submit(f.schoolId, f.head, null, null,
				List.of(item(f.dependants.get(0), "36.6", true, null), item(f.dependants.get(0), "36.6", true, null)), null,
				Instant.now())).isInstanceOf(ProxyReports.Rejected.class);
	}

	@Test
	void managersIssueAndSeeLinksOnlyWithinTheirScope() {
		CurrentUser unitAdmin = (CurrentUser) users.loadUserByUsername("unitadmin");
		long outside = jdbc.sql("select id from person where school_id = ? and population = 'RETIREE' and active = true order by id")
			.param(f.schoolId).query(Long.class).list().stream().filter(id -> jdbc.sql("""
					select count(*) from person p join org_unit o on o.id = p.org_unit_id where p.id = ?""").param(id)
				.query(Long.class).single() > 0).findFirst().orElseThrow();
		Registry.GroupKind unit = Registry.GroupKind.ORG_UNIT;
		String retireeUnit = jdbc.sql("select o.code from person p join org_unit o on o.id = p.org_unit_id where p.id = ?")
			.param(outside).query(String.class).single();
		assertThat(links.issue(unitAdmin, outside, null, Instant.now())).isInstanceOf(CheckInLinks.NotFound.class);
		assertThat(links.issueGroup(unitAdmin, unit, retireeUnit, null, Instant.now()))
			.isInstanceOf(CheckInLinks.NotFound.class);
		assertThat(links.issueGroup(office, unit, "no-such-unit", null, Instant.now()))
			.isInstanceOf(CheckInLinks.NotFound.class);
		assertThat(links.issue(office, outside, Instant.now().minusSeconds(1), Instant.now()))
			.isInstanceOf(CheckInLinks.Rejected.class);

		issue(outside, null);
		long linkId = jdbc.sql("select id from check_in_link where person_id = ? and revoked_at is null").param(outside)
			.query(Long.class).single();
		assertThat(links.search(unitAdmin, new CheckInLinks.Filter(null, null), new PageQuery(0, 200, null, false),
				Instant.now()).items()).extracting(CheckInLinks.LinkRow::personId).doesNotContain(outside);
		assertThat(links.search(office, new CheckInLinks.Filter(personName(outside), CheckInLinks.Status.ACTIVE),
				new PageQuery(0, 20, null, false), Instant.now()).items()).extracting(CheckInLinks.LinkRow::id).contains(linkId);
		assertThat(links.revoke(unitAdmin, linkId, Instant.now())).isFalse();
		assertThat(proxies.name(unitAdmin, f.head, outside)).isInstanceOf(Proxies.Rejected.class);

		CheckInLinks.IssuedAll all = (CheckInLinks.IssuedAll) links.issueGroup(office, unit, retireeUnit, null, Instant.now());
		long members = jdbc.sql("""
				select count(*) from person p where p.active = true and p.org_unit_id in (select o.id from org_unit o
				  where o.path like (select concat(path, '%') from org_unit where code = ? and school_id = ?))""")
			.params(retireeUnit, f.schoolId).query(Long.class).single();
		assertThat(all.links()).hasSize((int) Math.min(members, CheckInLinks.MAX_GROUP));
		assertThat(all.links()).extracting(CheckInLinks.Issued::token).doesNotHaveDuplicates();
		assertThat(jdbc.sql("select count(*) from check_in_link where person_id = ? and revoked_at is null").param(outside)
			.query(Long.class).single()).as("one link in force per person").isEqualTo(1);
	}

	@Test
	void theSheetPrintsQrCodesAndTheExportMasksNames() throws Exception {
		long before = jdbc.sql("select count(*) from audit_event where entity_type = 'check_in_link' and action = 'EXPORT'")
			.query(Long.class).single();
		String personCode = jdbc.sql("select code from person where id = ?").param(holder).query(String.class).single();
		String sheet = mvc.perform(post("/health/links/issue").param("personCode", personCode).with(user(office))
			.with(csrf())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(sheet).contains("data-testid=\"link-card\"").contains("data:image/svg+xml;base64,")
			.contains("/link/k").contains(personName(holder));
		String csv = mvc.perform(get("/health/links/export").param("format", "csv").param("q", personCode)
			.with(user(office))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(csv).contains(personCode).contains(CheckInForms.maskedName(personName(holder)))
			.doesNotContain(personName(holder)).doesNotContain("/link/");
		assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'check_in_link' and action = 'EXPORT'")
			.query(Long.class).single()).as("printing and exporting are audited").isEqualTo(before + 2);
		mvc.perform(get("/health/links").with(user(office))).andExpect(status().isOk());
		mvc.perform(get("/health/proxies").with(user(office))).andExpect(status().isOk());
		CurrentUser student = (CurrentUser) users.loadUserByUsername("student");
		mvc.perform(get("/health/links").with(user(student))).andExpect(status().isForbidden());
	}

	private MockHttpServletRequestBuilder api(MockHttpServletRequestBuilder request, String token) {
		return request.header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON);
	}

	@Test
	void theApiIssuesListsAndRevokesLinksAndTakesAProxyBatch() throws Exception {
		long adminId = accounts.findId("office").orElseThrow();
		String officeToken = tokens.issue(f.schoolId, adminId, "links api test", null).secret();
		String body = mvc.perform(api(post("/api/v1/health/check-in-links"), officeToken)
			.content("{\"personId\": " + holder + "}")).andExpect(status().isCreated()).andReturn().getResponse()
			.getContentAsString();
		String token = body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
		assertThat(LinkTokens.wellFormed(token)).as(body).isTrue();
		long id = Long.parseLong(body.replaceAll(".*\"id\":(\\d+).*", "$1"));
		mvc.perform(api(post("/api/v1/health/check-in-links"), officeToken).content("{\"personId\": 999999999}"))
			.andExpect(status().isNotFound());
		mvc.perform(api(post("/api/v1/health/check-in-links"), officeToken)
			.content("{\"personId\": " + holder + ", \"expiresAt\": \"2001-01-01T00:00:00Z\"}"))
			.andExpect(status().isUnprocessableContent());
		assertThat(mvc.perform(api(get("/api/v1/health/check-in-links").param("q", personName(holder)), officeToken))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).contains("\"id\":" + id)
			.doesNotContain(token);
		mvc.perform(api(post("/api/v1/health/check-in-links/" + id + "/revoke"), officeToken))
			.andExpect(status().isNoContent());
		mvc.perform(api(post("/api/v1/health/check-in-links/" + id + "/revoke"), officeToken))
			.andExpect(status().isNotFound());

		long headUser = f.headAccount(accounts);
		String headToken = tokens.issue(f.schoolId, headUser, "links api head", null).secret();
		mvc.perform(api(post("/api/v1/health/check-in-links"), headToken).content("{\"personId\": " + holder + "}"))
			.andExpect(status().isForbidden());
		String batch = "{\"items\": [{\"personId\": " + f.dependants.get(0) + ", \"slotCode\": \"allday\", \"temperature\": 36.5,"
				+ " \"onCampus\": true}, {\"personId\": " + f.dependants.get(1) + ", \"slotCode\": \"allday\", \"temperature\": 30,"
				+ " \"onCampus\": true}]}";
		String key = "api-" + System.nanoTime();
		String result = mvc.perform(api(post("/api/v1/health/proxy-reports"), headToken).header("Idempotency-Key", key)
			.content(batch)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(result).contains("\"status\":\"SAVED\"").contains("\"status\":\"INVALID\"").contains("\"field\":\"temperature\"");
		assertThat(mvc.perform(api(post("/api/v1/health/proxy-reports"), headToken).header("Idempotency-Key", key)
			.content(batch)).andReturn().getResponse().getContentAsString()).contains("\"status\":\"REPLAYED\"");
		assertThat(jdbc.sql("select submitted_by from check_in where person_id = ? and check_date = ?")
			.params(f.dependants.get(0), f.today).query(Long.class).single()).isEqualTo(headUser);
		mvc.perform(api(post("/api/v1/health/proxy-reports"), headToken).content("{\"items\": []}"))
			.andExpect(status().isUnprocessableContent());

		String docs = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(docs).contains("/api/v1/health/check-in-links").contains("/api/v1/health/check-in-links/{id}/revoke")
			.contains("/api/v1/health/check-in-links/groups").contains("/api/v1/health/proxy-reports");
	}
}
