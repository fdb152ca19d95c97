package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.system.CurrentUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** The clinic's pages as the demo doctor, counselor and guard: fragments, exports, conflicts, rights. */
@BulwarkIntegrationTest
class ClinicPagesIntegrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService users;

	@Autowired
	Triage triage;

	CurrentUser doctor;
	CurrentUser counselor;
	CurrentUser guard;
	long schoolId;
	long person;
	String code;
	String name;

	@BeforeEach
	void aStudentOfTheCounselorsClasses() {
		doctor = (CurrentUser) users.loadUserByUsername("doctor");
		counselor = (CurrentUser) users.loadUserByUsername("counselor");
		guard = (CurrentUser) users.loadUserByUsername("guard");
		schoolId = doctor.schoolId();
		var row = jdbc.sql("""
				select p.id, p.code, p.name from person p where p.active = true and p.org_unit_id in (
				  select r.target_id from responsibility r where r.responsible_person_id = ? and r.role = 'COUNSELOR')
				and p.id not in (select person_id from app_user where person_id is not null)
				order by p.id offset 6 limit 1""").param(counselor.personId().orElseThrow())
			.query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}).single();
		person = (long) row[0];
		code = (String) row[1];
		name = (String) row[2];
		jdbc.sql("delete from triage_signal where task_id in (select id from triage_task where person_id = ?)").param(person)
			.update();
		jdbc.sql("delete from triage_task where person_id = ?").param(person).update();
		jdbc.sql("delete from absence where person_id = ?").param(person).update();
	}

	private long task() {
		return triage.receive(new CheckInAbnormal(schoolId, person, System.nanoTime(), LocalDate.now(ZoneId.of("Asia/Shanghai")),
				"morning", new BigDecimal("38.8"), List.of("cough"), List.of("FEVER"), true, Instant.now().minusSeconds(120)),
				Instant.now());
	}

	@Test
	void theQueueAnswersHtmxWithItsFragmentAndExportsWhatItShows() throws Exception {
		long id = task();
		String fragment = mvc.perform(get("/health/triage").param("q", code).header("HX-Request", "true").with(user(doctor)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(fragment).doesNotContain("<html").contains("/health/triage/" + id).contains(name);
		String csv = mvc.perform(get("/health/triage/export").param("q", code).param("format", "csv").with(user(doctor)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(csv.lines().count()).isEqualTo(2);
		assertThat(csv).contains(name).contains("38.8").contains("发热");
		assertThat(jdbc.sql("select count(*) from audit_event where entity_type = 'triage_task' and action = 'EXPORT'")
			.query(Long.class).single()).isPositive();
		mvc.perform(get("/health/triage").with(user(counselor))).andExpect(status().isForbidden());
		mvc.perform(get("/health/triage/" + id).with(user(counselor))).andExpect(status().isForbidden());
	}

	@Test
	void aStaleConclusionIsRefusedWithWhoConcludedFirst() throws Exception {
		long id = task();
		int version = triage.find(doctor, id).orElseThrow().version();
		mvc.perform(post("/health/triage/" + id + "/conclusion").param("version", String.valueOf(version))
			.param("outcome", "WELL").with(user(doctor)).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "triage.notice.concluded"));
		mvc.perform(post("/health/triage/" + id + "/conclusion").param("version", String.valueOf(version))
			.param("outcome", "ISOLATION").with(user(doctor)).with(csrf()))
			.andExpect(status().is3xxRedirection()).andExpect(flash().attribute("error", containsString("无异常")));
		assertThat(jdbc.sql("select outcome from triage_task where id = ?").param(id).query(String.class).single())
			.isEqualTo("WELL");
	}

	@Test
	void theCounselorRegistersAndFollowsUpButOnlyTheClinicLetsASickStudentBack() throws Exception {
		String location = mvc.perform(post("/health/absences").param("personCode", code).param("kind", "SICK")
			.param("startsOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString()).param("symptoms", "fever")
			.with(user(counselor)).with(csrf())).andExpect(status().is3xxRedirection()).andReturn().getResponse()
			.getRedirectedUrl();
		assertThat(location).startsWith("/health/absences/");
		long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
		mvc.perform(post("/health/absences").param("personCode", "no-such-person").param("kind", "SICK")
			.param("startsOn", "2026-03-01").with(user(counselor)).with(csrf()))
			.andExpect(flash().attribute("error", containsString("找不到该人员")));
		String page = mvc.perform(get(location).with(user(counselor))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("follow-up-form").doesNotContain("return-form");
		mvc.perform(post(location + "/return").param("version", "0").param("returnedOn", LocalDate.now().toString())
			.param("certificateChecked", "true").with(user(counselor)).with(csrf()))
			.andExpect(flash().attribute("error", containsString("校医院")));
		assertThat(jdbc.sql("select status from absence where id = ?").param(id).query(String.class).single())
			.isEqualTo("OPEN");
		String list = mvc.perform(get("/health/absences").param("view", "OPEN").param("q", code).with(user(counselor)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(list).contains(location);
		mvc.perform(get("/health/absences").with(user(guard))).andExpect(status().isForbidden());
		mvc.perform(get(location).with(user(guard))).andExpect(status().isForbidden());
	}
}
