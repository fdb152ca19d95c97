package org.bulwark.system;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Something a module adds to the model of every rendered page (not to API answers or redirects),
 * as a bean: the layout's inbox badge, for example.
 */
public interface PageModel {

	/** Adds this contributor's attributes to {@code model} for a page rendered for {@code request}. */
	void contribute(HttpServletRequest request, Map<String, Object> model);
}
