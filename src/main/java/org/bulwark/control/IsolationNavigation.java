package org.bulwark.control;

import org.bulwark.system.NavigationItem;
import org.bulwark.system.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class IsolationNavigation {

	@Bean
	NavigationItem navIsolationBoard() {
		return new NavigationItem("nav.group.control", "nav.isolationBoard", "/isolation", Permission.ISOLATION_READ, 300);
	}

	@Bean
	NavigationItem navIsolationZones() {
		return new NavigationItem("nav.group.control", "nav.isolationZones", "/isolation/zones", Permission.ISOLATION_READ, 310);
	}

	@Bean
	NavigationItem navIsolationBulk() {
		return new NavigationItem("nav.group.control", "nav.isolationBulk", "/isolation/bulk", Permission.ISOLATION_MANAGE, 320);
	}
}
