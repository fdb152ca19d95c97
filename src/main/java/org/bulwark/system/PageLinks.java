package org.bulwark.system;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Links of a list page that keep the current search and filters: the next page, another sort.
 * The layout puts one in every page's model as {@code links}.
 */
public final class PageLinks {

	private final String path;
	private final Map<String, String> params;

	public PageLinks(String path, Map<String, String[]> requestParams) {
		this.path = path;
		this.params = new LinkedHashMap<>();
		requestParams.forEach((k, v) -> {
			if (v.length > 0 && !v[0].isEmpty() && !"_csrf".equals(k) && !"lang".equals(k)) {
				params.put(k, v[0]);
			}
		});
	}

	/** The current page with one parameter set. */
	public String with(String name, Object value) {
		Map<String, String> copy = new LinkedHashMap<>(params);
		copy.put(name, String.valueOf(value));
		return build(copy);
	}

	/** Sorted by a column: ascending first, descending when already ascending; back to page one. */
	public String sort(String key) {
		Map<String, String> copy = new LinkedHashMap<>(params);
		boolean ascending = key.equals(params.get("sort")) && !"desc".equals(params.get("dir"));
		copy.put("sort", key);
		copy.put("dir", ascending ? "desc" : "asc");
		copy.remove("page");
		return build(copy);
	}

	public boolean sortedBy(String key, String defaultKey) {
		return key.equals(Objects.requireNonNullElse(params.get("sort"), defaultKey));
	}

	public boolean descending() {
		return "desc".equals(params.get("dir"));
	}

	/** The current page as an export in the given format. */
	public String export(String exportPath, String format) {
		Map<String, String> copy = new LinkedHashMap<>(params);
		copy.remove("page");
		copy.remove("size");
		copy.put("format", format);
		return build(exportPath, copy);
	}

	private String build(Map<String, String> p) {
		return build(path, p);
	}

	private static String build(String path, Map<String, String> p) {
		if (p.isEmpty()) {
			return path;
		}
		return path + "?" + p.entrySet().stream()
			.map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
			.collect(Collectors.joining("&"));
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
