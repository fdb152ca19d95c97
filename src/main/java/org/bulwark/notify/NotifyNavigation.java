package org.bulwark.notify;

import org.bulwark.system.NavigationItem;
import org.bulwark.system.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class NotifyNavigation {

	@Bean
	NavigationItem navInbox() {
		return new NavigationItem("nav.group.health", "nav.inbox", "/me/inbox", null, 205);
	}

	@Bean
	NavigationItem navNotifySettings() {
		return new NavigationItem("nav.group.health", "nav.notifySettings", "/notify/settings",
				Permission.HEALTH_POLICY_MANAGE, 240);
	}
}
