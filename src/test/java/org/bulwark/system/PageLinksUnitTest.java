package org.bulwark.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PageLinksUnitTest {

	private final Map<String, String[]> params = new LinkedHashMap<>(Map.of("q", new String[] {"王 小"}));

	@Test
	void keepsFiltersWhenPaging() {
		assertThat(new PageLinks("/people", params).with("page", 2)).isEqualTo("/people?q=%E7%8E%8B+%E5%B0%8F&page=2");
	}

	@Test
	void togglesSortDirectionAndResetsPage() {
		params.put("page", new String[] {"3"});
		params.put("sort", new String[] {"name"});
		PageLinks links = new PageLinks("/people", params);
		assertThat(links.sort("name")).contains("dir=desc").doesNotContain("page=");
		assertThat(links.sort("code")).contains("sort=code").contains("dir=asc");
	}

	@Test
	void exportDropsPagingAndAddsFormat() {
		params.put("page", new String[] {"3"});
		assertThat(new PageLinks("/people", params).export("/people/export", "csv"))
			.isEqualTo("/people/export?q=%E7%8E%8B+%E5%B0%8F&format=csv");
	}
}
