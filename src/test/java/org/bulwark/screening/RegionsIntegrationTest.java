package org.bulwark.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The shipped dataset is loaded once at first start, with its hierarchy, and searchable. */
@BulwarkIntegrationTest
class RegionsIntegrationTest {

	@Autowired
	Regions regions;

	@Autowired
	RegionLoading loading;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Test
	void datasetIsLoadedWithEveryLevel() {
		assertThat(regions.count(1)).isEqualTo(31);
		assertThat(regions.count(2)).isEqualTo(342);
		assertThat(regions.count(3)).isEqualTo(2978);
		assertThat(regions.count(4)).isEqualTo(41352);
		assertThat(jdbc.sql("select count(*) from region_dataset where version = '2.7.0' and row_count = 44703")
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from region r where r.parent_code is not null "
				+ "and not exists (select 1 from region p where p.code = r.parent_code)").query(Long.class).single())
			.as("every parent exists").isZero();
	}

	@Test
	void aKnownCountySitsUnderItsCityAndProvince() {
		Region dongcheng = regions.find("110101").orElseThrow();
		assertThat(dongcheng.name()).isEqualTo("东城区");
		assertThat(dongcheng.level()).isEqualTo(3);
		assertThat(dongcheng.parentCode()).isEqualTo("1101");
		assertThat(dongcheng.fullName()).isEqualTo("北京市东城区");
		assertThat(regions.ancestors("110101")).extracting(Region::code).containsExactly("11", "1101");
		assertThat(regions.find("1101").orElseThrow().parentCode()).isEqualTo("11");
		assertThat(regions.search(null, "110101", new PageQuery(0, 50, "code", false)).items())
			.extracting(Region::name).contains("东华门街道");
	}

	@Test
	void loadingAgainLeavesAFullTableAlone() {
		long regionsBefore = jdbc.sql("select count(*) from region").query(Long.class).single();
		long loadsBefore = jdbc.sql("select count(*) from region_dataset").query(Long.class).single();
		loading.run(null);
		assertThat(jdbc.sql("select count(*) from region").query(Long.class).single()).isEqualTo(regionsBefore);
		assertThat(jdbc.sql("select count(*) from region_dataset").query(Long.class).single()).isEqualTo(loadsBefore);
		assertThat(jdbc.sql("select count(*) from region_dataset where version = '2.7.0'").query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void searchFindsByNameFullNameAndCode() {
		var page = new PageQuery(0, 20, "code", false);
		assertThat(regions.search("东城区", null, page).items()).extracting(Region::code).contains("110101");
		assertThat(regions.search("北京市东城", null, page).items()).extracting(Region::code).startsWith("110101");
		assertThat(regions.search("110101", null, page).items()).extracting(Region::code).startsWith("110101");
		assertThat(regions.search(null, null, page).total()).isEqualTo(31);
		assertThat(regions.findByName("北京市东城区")).map(Region::code).contains("110101");
	}

	@Test
	void apiAnswersWithAncestorsAndNeedsTheReadRight() throws Exception {
		long schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		var reader = new CurrentUser(-1, schoolId, "screening-reader", "Reader", null, Set.of(Permission.SCREENING_READ),
				Set.of(), new DataScope(true, Set.of(), Set.of(), Set.of()), true, false, null);
		mvc.perform(get("/api/v1/regions/110101").with(user(reader))).andExpect(status().isOk())
			.andExpect(jsonPath("$.region.name").value("东城区"))
			.andExpect(jsonPath("$.ancestors[0].code").value("11"))
			.andExpect(jsonPath("$.ancestors[1].code").value("1101"));
		mvc.perform(get("/api/v1/regions").param("q", "东城区").with(user(reader))).andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].code").exists());
		mvc.perform(get("/api/v1/regions/999999").with(user(reader))).andExpect(status().isNotFound());
		var stranger = new CurrentUser(-1, schoolId, "no-screening", "None", null, Set.of(Permission.PEOPLE_READ),
				Set.of(), new DataScope(true, Set.of(), Set.of(), Set.of()), true, false, null);
		mvc.perform(get("/api/v1/regions/110101").with(user(stranger))).andExpect(status().isForbidden());
	}
}
