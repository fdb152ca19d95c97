package org.bulwark.health;

import org.bulwark.system.NavigationItem;
import org.bulwark.system.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class LinksNavigation {

	@Bean
	NavigationItem navProxy() {
		return new NavigationItem("nav.group.health", "nav.proxy", "/me/proxy", Permission.SELF_SERVICE, 205);
	}

	@Bean
	NavigationItem navCheckInLinks() {
		return new NavigationItem("nav.group.health", "nav.checkInLinks", "/health/links", Permission.CHECK_IN_LINKS_MANAGE,
				230);
	}

	@Bean
	NavigationItem navCheckInProxies() {
		return new NavigationItem("nav.group.health", "nav.checkInProxies", "/health/proxies",
				Permission.CHECK_IN_LINKS_MANAGE, 235);
	}
}
