package org.bulwark.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class LanguagesUnitTest {

	@Test
	void theShippedLanguagesAreChineseFirstThenEnglish() {
		assertThat(new Languages(List.of("messages/system", "messages/links")).all()).extracting(Languages.Language::tag)
			.containsExactly("zh-CN", "en");
	}

	@Test
	void aLanguageIsAddedByAddingItsMessageFilesAndIsNamedInItself() {
		List<Languages.Language> all = new Languages(List.of("messages/links", "messages/languages-test")).all();
		assertThat(all).extracting(Languages.Language::tag).containsExactly("zh-CN", "en", "fr");
		assertThat(all).extracting(Languages.Language::name).containsExactly("中文 (中国)", "English", "français");
	}
}
