package org.bulwark.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The languages the pages can be shown in: the default (zh-CN, the message files without a suffix)
 * and every language that has message files ({@code messages/<name>_<lang>.properties}). Adding a
 * language for international students is adding its files; pickers list it from here, each language
 * named in itself.
 */
@Component
public class Languages {

	public static final Locale DEFAULT = Locale.SIMPLIFIED_CHINESE;

	/** @param tag the value of the {@code lang} parameter that switches to it */
	public record Language(String tag, String name) {
	}

	private final List<Language> all;

	Languages(@Value("${spring.messages.basename}") List<String> basenames) {
		Map<String, Language> found = new LinkedHashMap<>();
		found.put(DEFAULT.toLanguageTag(), new Language(DEFAULT.toLanguageTag(), DEFAULT.getDisplayName(DEFAULT)));
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		List<String> tags = new ArrayList<>();
		for (String basename : basenames) {
			String base = basename.strip();
			String prefix = base.substring(base.lastIndexOf('/') + 1) + "_";
			try {
				for (Resource r : resolver.getResources("classpath*:" + base + "_*.properties")) {
					String file = r.getFilename();
					if (file != null && file.startsWith(prefix)) {
						tags.add(file.substring(prefix.length(), file.length() - ".properties".length()).replace('_', '-'));
					}
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		tags.stream().sorted().forEach(tag -> {
			Locale locale = Locale.forLanguageTag(tag);
			if (!locale.getLanguage().isEmpty() && !found.containsKey(locale.toLanguageTag())) {
				found.put(locale.toLanguageTag(), new Language(locale.toLanguageTag(), locale.getDisplayName(locale)));
			}
		});
		this.all = List.copyOf(found.values());
	}

	public List<Language> all() {
		return all;
	}
}
