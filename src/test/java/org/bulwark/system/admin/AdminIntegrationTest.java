package org.bulwark.system.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.system.CurrentUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

@BulwarkIntegrationTest
class AdminIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	JdbcClient jdbc;

	private CurrentUser admin() {
		return (CurrentUser) users.loadUserByUsername("admin");
	}

	private static String tag() {
		return String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
	}

	@Test
	void createdUserSignsInWithTheGivenRoleAndTheChangeIsAudited() throws Exception {
		String name = "clerk" + tag();
		mvc.perform(post("/system/users").param("username", name).param("displayName", "Clerk").param("kind", "HUMAN")
			.param("password", "Long#Enough1").param("roles", "LEADER").param("scopes", "ALL").with(user(admin()))
			.with(csrf())).andExpect(status().is3xxRedirection());
		CurrentUser created = (CurrentUser) users.loadUserByUsername(name);
		assertThat(created.roles()).containsExactly("LEADER");
		assertThat(created.scope().all()).isTrue();
		mvc.perform(post("/login").param("username", name).param("password", "Long#Enough1").with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(r -> assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/"));
		String audit = page("/system/audit?actor=admin&action=CREATE&entityType=user");
		assertThat(audit).contains("created user " + name);
	}

	@Test
	void badInputNamesTheFieldsAndWritesNothing() throws Exception {
		String body = page(post("/system/users").param("username", "x").param("displayName", "").param("password", "short")
			.param("scopes", "EVERYTHING"));
		assertThat(body).contains("is-invalid").contains("3–64");
		assertThat(jdbc.sql("select count(*) from app_user where username = 'x'").query(Long.class).single()).isZero();
	}

	@Test
	void secondAdminEditingTheSameVersionGetsAConflict() throws Exception {
		String name = "twice" + tag();
		mvc.perform(post("/system/users").param("username", name).param("displayName", "Twice").param("password",
				"Long#Enough1").param("roles", "LEADER").param("scopes", "ALL").with(user(admin())).with(csrf()));
		long id = jdbc.sql("select id from app_user where username = ?").param(name).query(Long.class).single();
		int version = jdbc.sql("select version from app_user where id = ?").param(id).query(Integer.class).single();
		mvc.perform(post("/system/users/" + id).param("version", String.valueOf(version)).param("displayName", "First")
			.param("enabled", "true").param("roles", "LEADER").param("scopes", "ALL").with(user(admin())).with(csrf()))
			.andExpect(status().is3xxRedirection());
		String second = page(post("/system/users/" + id).param("version", String.valueOf(version))
			.param("displayName", "Second").param("enabled", "true").param("roles", "LEADER").param("scopes", "ALL"));
		assertThat(second).contains("alert-danger");
		assertThat(jdbc.sql("select display_name from app_user where id = ?").param(id).query(String.class).single())
			.isEqualTo("First");
	}

	@Test
	void rolePermissionChangeIsAudited() throws Exception {
		long roleId = jdbc.sql("select id from app_role where code = 'LEADER' order by id limit 1").query(Long.class).single();
		mvc.perform(post("/system/roles/" + roleId).param("permissions", "PEOPLE_READ", "PLACES_READ", "ORG_UNITS_READ",
				"AUDIT_READ").with(user(admin())).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select after_state from audit_event where entity_type = 'role' and entity_id = ? order by id desc limit 1")
			.param(String.valueOf(roleId)).query(String.class).single()).contains("AUDIT_READ");
		mvc.perform(post("/system/roles/" + roleId).param("permissions", "PEOPLE_READ", "PLACES_READ", "ORG_UNITS_READ")
			.with(user(admin())).with(csrf()));
	}

	@Test
	void integrationTokenWorksUntilRevoked() throws Exception {
		String gate = "gate" + tag();
		mvc.perform(post("/system/users").param("username", gate).param("displayName", "North gate")
			.param("kind", "INTEGRATION").param("roles", "SECURITY_GUARD").param("scopes", "ALL").with(user(admin()))
			.with(csrf())).andExpect(status().is3xxRedirection());
		String secret = (String) mvc.perform(post("/system/tokens").param("holder", gate).param("name", "barrier")
			.with(user(admin())).with(csrf())).andReturn().getFlashMap().get("secret");
		assertThat(secret).startsWith("blw_");
		mvc.perform(get("/api/v1/people").header("Authorization", "Bearer " + secret)).andExpect(status().isOk());
		mvc.perform(get("/api/v1/system/users").header("Authorization", "Bearer " + secret)).andExpect(status().isForbidden());
		mvc.perform(post("/login").param("username", gate).param("password", "").with(csrf()))
			.andExpect(r -> assertThat(r.getResponse().getRedirectedUrl()).contains("error"));
		long tokenId = jdbc.sql("select t.id from api_token t join app_user u on u.id = t.user_id where u.username = ?")
			.param(gate).query(Long.class).single();
		mvc.perform(post("/system/tokens/" + tokenId + "/revoke").with(user(admin())).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(get("/api/v1/people").header("Authorization", "Bearer " + secret)).andExpect(status().isUnauthorized());
	}

	@Test
	void usersWithoutTheRightsGetNothingFromAdminPagesAndApi() throws Exception {
		CurrentUser counselor = (CurrentUser) users.loadUserByUsername("counselor");
		for (String url : List.of("/system/audit", "/system/audit/export", "/system/users", "/system/users/new",
				"/system/users/1", "/system/roles", "/system/tokens")) {
			mvc.perform(get(url).with(user(counselor))).andExpect(status().isForbidden());
		}
		for (String url : List.of("/system/users", "/system/users/1", "/system/users/1/password", "/system/users/1/unlock",
				"/system/roles", "/system/roles/1", "/system/roles/1/delete", "/system/tokens", "/system/tokens/1/revoke")) {
			mvc.perform(post(url).param("x", "y").with(user(counselor)).with(csrf())).andExpect(status().isForbidden());
		}
		String counselorToken = (String) mvc.perform(post("/system/tokens").param("holder", "counselor")
			.param("name", "t").with(user(admin())).with(csrf())).andReturn().getFlashMap().get("secret");
		for (String url : List.of("/api/v1/system/audit", "/api/v1/system/users")) {
			mvc.perform(get(url).header("Authorization", "Bearer " + counselorToken)).andExpect(status().isForbidden());
		}
		mvc.perform(post("/api/v1/system/tokens").param("holder", "admin").param("name", "escalate")
			.header("Authorization", "Bearer " + counselorToken)).andExpect(status().isForbidden());
		mvc.perform(delete("/api/v1/system/tokens/1").header("Authorization", "Bearer " + counselorToken))
			.andExpect(status().isForbidden());
		assertThat(Set.of(counselorToken)).isNotEmpty();
	}

	private String page(String url) throws Exception {
		return mvc.perform(get(url).with(user(admin()))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private String page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(user(admin())).with(csrf())).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}
}
