package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.system.CurrentUser;
import org.bulwark.BulwarkIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** The office adds a policy and edits its slots and populations; every change is audited; a student may not. */
@BulwarkIntegrationTest
class PolicyPagesIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService users;

	CurrentUser office;
	String code;

	@BeforeEach
	void office() {
		office = (CurrentUser) users.loadUserByUsername("office");
		code = "test-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
	}

	private long created() throws Exception {
		String location = mvc.perform(post("/health/policies").param("code", code).param("name", "宿舍楼 " + code)
			.with(user(office)).with(csrf())).andExpect(status().is3xxRedirection()).andReturn().getResponse()
			.getRedirectedUrl();
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	private long audits(long policyId) {
		return jdbc.sql("select count(*) from audit_event where entity_type = 'check_policy' and entity_id = ?")
			.param(String.valueOf(policyId)).query(Long.class).single();
	}

	@Test
	void officeAddsAPolicyAndChangesItsSlotsAndPopulations() throws Exception {
		long id = created();
		assertThat(jdbc.sql("select count(*) from check_slot where policy_id = ?").param(id).query(Long.class).single())
			.isEqualTo(3);
		mvc.perform(post("/health/policies/" + id + "/slots")
			.param("code", "morning", "late", "")
			.param("nameZh", "晨检", "夜检", "").param("nameEn", "Morning", "Late", "")
			.param("start", "06:30", "22:00", "").param("end", "09:00", "23:00", "")
			.param("deadline", "08:30", "22:30", "").param("grace", "10", "0", "0")
			.with(user(office)).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select code || ' ' || cast(starts_at as varchar) || ' ' || cast(grace_minutes as varchar) from check_slot where policy_id = ? order by position")
			.param(id).query(String.class).list()).containsExactly("morning 06:30:00 10", "late 22:00:00 0");
		long profile = jdbc.sql("select profile_id from check_policy where id = ?").param(id).query(Long.class).single();
		mvc.perform(post("/health/policies/" + id).param("name", "留学生 " + code).param("profileId", String.valueOf(profile))
			.param("populations", "INTERNATIONAL_STUDENT").with(user(office)).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select population from check_policy_population where policy_id = ?").param(id)
			.query(String.class).list()).containsExactly("INTERNATIONAL_STUDENT");
		assertThat(audits(id)).isEqualTo(3);

		// international students of a department: nobody, so other tests' people keep their policies
		var department = jdbc.sql("select id, code from org_unit where kind = 'DEPARTMENT' order by id limit 1")
			.query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).single();
		mvc.perform(post("/health/policies/" + id).param("name", "留学生 " + code).param("profileId", String.valueOf(profile))
			.param("populations", "INTERNATIONAL_STUDENT").param("orgUnits", department[1] + ", nosuchunit" + code)
			.with(user(office)).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select count(*) from check_policy_org_unit where policy_id = ?").param(id).query(Long.class)
			.single()).isZero();
		mvc.perform(post("/health/policies/" + id).param("name", "留学生 " + code).param("profileId", String.valueOf(profile))
			.param("populations", "INTERNATIONAL_STUDENT").param("orgUnits", (String) department[1])
			.with(user(office)).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select org_unit_id from check_policy_org_unit where policy_id = ?").param(id)
			.query(Long.class).list()).containsExactly((Long) department[0]);
		assertThat(mvc.perform(get("/health/policies/" + id).with(user(office))).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains((String) department[1]);
		assertThat(audits(id)).isEqualTo(4);

		String page = mvc.perform(get("/health/policies").with(user(office))).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("留学生 " + code).contains("夜检");
		String profiles = mvc.perform(get("/health/profiles").with(user(office))).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(profiles).contains("腮腺肿大").contains("体温达到 37.3 ℃").contains("全身症状 2 个及以上");
	}

	@Test
	void badSlotsChangeNothing() throws Exception {
		long id = created();
		mvc.perform(post("/health/policies/" + id + "/slots").param("code", "noon").param("nameZh", "午检")
			.param("nameEn", "Noon").param("start", "14:00").param("end", "11:30").param("deadline", "14:00")
			.param("grace", "0").with(user(office)).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select count(*) from check_slot where policy_id = ?").param(id).query(Long.class).single())
			.isEqualTo(3);
		assertThat(audits(id)).isEqualTo(1);
	}

	@Test
	void onlyTheOfficeConfiguresPolicies() throws Exception {
		CurrentUser student = (CurrentUser) users.loadUserByUsername("student");
		mvc.perform(get("/health/policies").with(user(student))).andExpect(status().isForbidden());
		mvc.perform(post("/health/policies").param("code", code).param("name", "x").with(user(student)).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(get("/health/policies/" + Long.MAX_VALUE).with(user(office))).andExpect(status().isNotFound());
	}
}
