package org.bulwark.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No text in templates outside message keys, and every key in both languages: a page a Chinese
 * user sees must not suddenly speak English, nor the other way round.
 */
class TemplateTextUnitTest {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");
	private static final Path MESSAGES = Path.of("src/main/resources/messages");
	private static final Pattern WORDS = Pattern.compile("[\\p{L}]");
	private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][\\w:-]*)([^>]*)>([^<]*)");
	private static final Pattern STATIC_ATTR = Pattern.compile("(?<![\\w:-])(placeholder|title|alt|aria-label)=\"([^\"]*)\"");
	private static final Pattern KEY = Pattern.compile("#\\{'?([\\w.]+)'?[}(]");
	private static final Set<String> TEXT_ATTRS = Set.of("th:text", "th:utext", "th:replace", "th:insert");

	/** Literal text a user would read, found in one template. */
	static List<String> literalText(String html) {
		String s = html.replaceAll("(?s)<!--.*?-->", "").replaceAll("(?s)<script.*?</script>", "<script>")
			.replaceAll("(?s)<style.*?</style>", "<style>");
		List<String> found = new ArrayList<>();
		Matcher m = TAG.matcher(s);
		while (m.find()) {
			boolean closing = !m.group(1).isEmpty();
			String attrs = m.group(3);
			String text = m.group(4).replaceAll("&#?\\w+;", "").strip();
			boolean replaced = !closing && TEXT_ATTRS.stream().anyMatch(a -> attrs.contains(a + "="));
			if (!replaced && WORDS.matcher(text.replaceAll("\\[\\[.*?]]", "")).find()) {
				found.add(text);
			}
			Matcher a = STATIC_ATTR.matcher(attrs);
			while (a.find()) {
				if (WORDS.matcher(a.group(2)).find()) {
					found.add(a.group(1) + "=\"" + a.group(2) + "\"");
				}
			}
		}
		return found;
	}

	@Test
	void checkerFindsLiteralText() {
		assertThat(literalText("<p>Hello</p><span th:text=\"#{a}\">placeholder</span><b>—</b>")).containsExactly("Hello");
		assertThat(literalText("<input placeholder=\"姓名\"><input th:placeholder=\"#{x}\">"))
			.containsExactly("placeholder=\"姓名\"");
		assertThat(literalText("<div>\n  <span th:text=\"${x}\">x</span> 人\n</div>")).containsExactly("人");
	}

	@Test
	void templatesHoldNoLiteralText() throws IOException {
		List<String> problems = new ArrayList<>();
		for (Path template : templates()) {
			literalText(Files.readString(template)).forEach(t -> problems.add(TEMPLATES.relativize(template) + ": " + t));
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyKeyUsedExistsInBothLanguages() throws IOException {
		Properties zh = new Properties();
		Properties en = new Properties();
		try (Stream<Path> files = Files.list(MESSAGES)) {
			for (Path f : files.toList()) {
				try (InputStream in = Files.newInputStream(f)) {
					(f.getFileName().toString().endsWith("_en.properties") ? en : zh)
						.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
				}
			}
		}
		assertThat(zh).isNotEmpty();
		assertThat(new TreeSet<>(zh.stringPropertyNames())).isEqualTo(new TreeSet<>(en.stringPropertyNames()));
		Set<String> missing = new TreeSet<>();
		for (Path template : templates()) {
			Matcher m = KEY.matcher(Files.readString(template));
			while (m.find()) {
				String key = m.group(1);
				if (!key.endsWith(".") && !zh.containsKey(key)) {
					missing.add(TEMPLATES.relativize(template) + ": " + key);
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	private static List<Path> templates() throws IOException {
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			return files.filter(p -> p.toString().endsWith(".html")).toList();
		}
	}
}
