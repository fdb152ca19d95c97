package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.system.CurrentUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** The unit report pages: the counselor reports and corrects, the office reads and exports, the leader only reads. */
@BulwarkIntegrationTest
class UnitReportPagesIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService users;

	long schoolId;
	long clazz;
	String classCode;
	LocalDate today;

	@BeforeEach
	void aClassOfTheCounselorWithoutReports() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		long counselor = jdbc.sql("select person_id from app_user where username = 'counselor'").query(Long.class).single();
		var row = jdbc.sql("""
				select o.id, o.code from responsibility r join org_unit o on o.id = r.target_id
				where r.responsible_person_id = ? and r.role = 'COUNSELOR' and r.target_kind = 'ORG_UNIT' and o.kind = 'CLASS'
				order by o.id limit 1""").param(counselor).query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)})
			.single();
		clazz = (long) row[0];
		classCode = (String) row[1];
		jdbc.sql("delete from unit_report_revision where school_id = ?").param(schoolId).update();
		jdbc.sql("delete from unit_report where school_id = ?").param(schoolId).update();
		jdbc.sql("delete from unit_report_setting where school_id = ?").param(schoolId).update();
		today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		// AdminIntegrationTest rewrites the leader role's rights in the shared database; the built-in ones are these
		jdbc.sql("""
				insert into role_permission (role_id, permission) select r.id, 'HEALTH_READ' from app_role r
				where r.school_id = ? and r.code = 'LEADER' and not exists (
				  select 1 from role_permission x where x.role_id = r.id and x.permission = 'HEALTH_READ')""")
			.param(schoolId).update();
	}

	private CurrentUser as(String username) {
		return (CurrentUser) users.loadUserByUsername(username);
	}

	private String page(String username, String path) throws Exception {
		return mvc.perform(get(path).with(user(as(username)))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private long revisions() {
		return jdbc.sql("select count(*) from unit_report_revision v join unit_report r on r.id = v.report_id where r.org_unit_id = ?")
			.param(clazz).query(Long.class).single();
	}

	@Test
	void theCounselorReportsCorrectsAndCannotOverwriteANewerVersion() throws Exception {
		assertThat(page("counselor", "/health/unit-reports")).contains(classCode).contains("data-testid=\"zero-report\"");
		assertThat(page("counselor", "/health/unit-reports/" + clazz)).contains("data-testid=\"known\"");
		mvc.perform(post("/health/unit-reports/" + clazz).param("date", today.toString()).param("fever", "1")
			.param("symptoms", "0").param("sickAbsences", "2").param("other", "0").param("baseRevision", "0")
			.param("requestId", "page-test-1").with(user(as("counselor"))).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("notice"));
		// the same form sent twice (a double click) stores once
		mvc.perform(post("/health/unit-reports/" + clazz).param("date", today.toString()).param("fever", "1")
			.param("symptoms", "0").param("sickAbsences", "2").param("other", "0").param("baseRevision", "0")
			.param("requestId", "page-test-1").with(user(as("counselor"))).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("notice"));
		assertThat(revisions()).isEqualTo(1);
		// a second form opened before the first was sent still says revision 0
		mvc.perform(post("/health/unit-reports/" + clazz).param("date", today.toString()).param("zero", "true")
			.param("baseRevision", "0").param("requestId", "page-test-2").with(user(as("counselor"))).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("error"));
		assertThat(revisions()).isEqualTo(1);
		mvc.perform(post("/health/unit-reports/" + clazz).param("date", today.toString()).param("fever", "-1")
			.param("symptoms", "0").param("sickAbsences", "0").param("other", "0").param("baseRevision", "1")
			.with(user(as("counselor"))).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attribute("error",
					org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.containsString("发热"),
							org.hamcrest.Matchers.containsString("Fever"))));
		String unitPage = page("counselor", "/health/unit-reports/" + clazz);
		assertThat(unitPage).contains("data-testid=\"history-row\"").contains("data-testid=\"state-abnormal\"");
	}

	@Test
	void theOfficeSeesCompletenessAndExportsItAndTheLeaderOnlyReads() throws Exception {
		mvc.perform(post("/health/unit-reports/" + clazz).param("date", today.toString()).param("zero", "true")
			.param("baseRevision", "0").with(user(as("office"))).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(page("office", "/health/unit-reports/completeness?range=week")).contains("data-testid=\"completeness-table\"");
		String csv = mvc.perform(get("/health/unit-reports/completeness/export?format=csv&range=today").with(user(as("office"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(csv).contains(classCode).contains("已报告");
		assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'unit_report' and action = 'EXPORT'")
			.query(Long.class).single()).isPositive();

		assertThat(page("leader", "/health/dashboard")).contains("data-testid=\"slot-card\"");
		assertThat(page("leader", "/health/unit-reports/completeness")).contains("data-testid=\"completeness-total\"");
		mvc.perform(post("/health/unit-reports/" + clazz).param("date", today.toString()).param("zero", "true")
			.param("baseRevision", "1").with(user(as("leader"))).with(csrf())).andExpect(status().isForbidden());
		mvc.perform(get("/health/unit-reports/settings").with(user(as("counselor")))).andExpect(status().isForbidden());
		assertThat(revisions()).isEqualTo(1);
	}

	@Test
	void theOfficeChangesWhichKindsReportAndTheDeadline() throws Exception {
		assertThat(page("office", "/health/unit-reports/settings")).contains("name=\"deadline\"");
		mvc.perform(post("/health/unit-reports/settings").param("kinds", "CLASS", "EMPLOYER").param("deadline", "15:30")
			.param("version", "0").with(user(as("office"))).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("notice"));
		assertThat(jdbc.sql("select kinds || ' ' || cast(deadline as varchar) from unit_report_setting where school_id = ?")
			.param(schoolId).query(String.class).single()).isEqualTo("CLASS,EMPLOYER 15:30:00");
		mvc.perform(post("/health/unit-reports/settings").param("kinds", "CLASS").param("deadline", "16:00")
			.param("version", "0").with(user(as("office"))).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("error"));
	}
}
