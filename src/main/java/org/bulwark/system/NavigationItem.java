package org.bulwark.system;

/**
 * An entry of the main navigation that a module contributes as a bean: the layout shows it to
 * users who hold the permission (or to everyone signed in when it is null).
 *
 * @param group message key of the navigation group
 * @param label message key of the entry
 * @param href the page
 * @param permission what a user needs to see it, or null
 * @param order position, lower first
 */
public record NavigationItem(String group, String label, String href, Permission permission, int order) {

	public boolean visibleTo(CurrentUser user) {
		return permission == null || user.can(permission);
	}
}
