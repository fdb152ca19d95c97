package org.bulwark.system.web;

import org.bulwark.system.NavigationItem;
import org.bulwark.system.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class SystemNavigation {

	@Bean
	NavigationItem navHome() {
		return new NavigationItem("nav.group.overview", "nav.home", "/", null, 0);
	}

	@Bean
	NavigationItem navAudit() {
		return new NavigationItem("nav.group.system", "nav.audit", "/system/audit", Permission.AUDIT_READ, 900);
	}

	@Bean
	NavigationItem navUsers() {
		return new NavigationItem("nav.group.system", "nav.users", "/system/users", Permission.USERS_MANAGE, 910);
	}

	@Bean
	NavigationItem navRoles() {
		return new NavigationItem("nav.group.system", "nav.roles", "/system/roles", Permission.ROLES_MANAGE, 920);
	}

	@Bean
	NavigationItem navTokens() {
		return new NavigationItem("nav.group.system", "nav.tokens", "/system/tokens", Permission.TOKENS_MANAGE, 930);
	}
}
