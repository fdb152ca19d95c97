package org.bulwark.system;

import java.util.Map;

/**
 * Something a module adds to the model of every rendered page (not to API answers or redirects),
 * as a bean: the layout's inbox badge, for example.
 */
public interface PageModel {

	/** Adds this contributor's attributes to the model of a page about to be rendered. */
	void contribute(Map<String, Object> model);
}
