package org.bulwark.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import jakarta.servlet.http.Cookie;

import org.springframework.test.web.servlet.MockMvc;

@BulwarkIntegrationTest
class SecurityIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void pagesNeedSignInAndTheApiNeedsAToken() throws Exception {
		mvc.perform(get("/people")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
		mvc.perform(get("/api/v1/people")).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/v1/people").header("Authorization", "Bearer blw_not-a-token"))
			.andExpect(status().isUnauthorized());
		mvc.perform(get("/actuator/health")).andExpect(status().isOk());
		mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
	}

	@Test
	void formPostsWithoutCsrfAreRefused() throws Exception {
		mvc.perform(post("/login").param("username", "admin").param("password", "Demo@2026"))
			.andExpect(status().isForbidden());
	}

	@Test
	void signInAuditedThenSignOut() throws Exception {
		String user = newUser();
		// sessions live in the database (Spring Session), so the session is the SESSION cookie
		Cookie session = mvc.perform(post("/login").param("username", user).param("password", "Correct#Horse1")
			.with(csrf())).andExpect(redirectedUrl("/")).andReturn().getResponse().getCookie("SESSION");
		assertThat(session).isNotNull();
		mvc.perform(get("/").cookie(session)).andExpect(status().isOk());
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'LOGIN' and actor = ?").param(user)
			.query(Long.class).single()).isEqualTo(1);
		mvc.perform(post("/logout").cookie(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));
		mvc.perform(get("/").cookie(session)).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'LOGOUT' and actor = ?").param(user)
			.query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void repeatedFailuresLockTheAccountEvenForTheRightPassword() throws Exception {
		String user = newUser();
		for (int i = 0; i < 4; i++) {
			mvc.perform(post("/login").param("username", user).param("password", "wrong").with(csrf()))
				.andExpect(redirectedUrl("/login?error=bad"));
		}
		mvc.perform(post("/login").param("username", user).param("password", "wrong").with(csrf()))
			.andExpect(redirectedUrl("/login?error=locked"));
		mvc.perform(post("/login").param("username", user).param("password", "Correct#Horse1").with(csrf()))
			.andExpect(redirectedUrl("/login?error=locked"));
		assertThat(jdbc.sql("select count(*) from audit_event where action = 'LOGIN_FAILED' and entity_id = ?").param(user)
			.query(Long.class).single()).isEqualTo(6);
	}

	@Test
	void securityHeadersAreSet() throws Exception {
		mvc.perform(get("/login")).andExpect(header().exists("Content-Security-Policy"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"));
	}

	private String newUser() {
		String username = "sec" + ThreadLocalRandom.current().nextInt(1_000_000);
		long schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		accounts.create(new UserAccounts.NewAccount(schoolId, username, username, "Correct#Horse1", null,
				List.of("LEADER"), List.of(new UserAccounts.ScopeGrant(DataScope.Kind.ALL, null))));
		return username;
	}
}
