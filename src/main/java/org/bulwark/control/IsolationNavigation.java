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

	@Bean
	NavigationItem navIsolationDashboard() {
		return new NavigationItem("nav.group.control", "nav.isolationDashboard", "/isolation/dashboard", Permission.ISOLATION_READ, 305);
	}

	@Bean
	NavigationItem navIsolationServices() {
		return new NavigationItem("nav.group.control", "nav.isolationServices", "/isolation/services", Permission.ISOLATION_SERVICE, 330);
	}

	@Bean
	NavigationItem navIsolationServiceTasks() {
		return new NavigationItem("nav.group.control", "nav.isolationServiceTasks", "/isolation/services/tasks", Permission.ISOLATION_READ, 340);
	}

	@Bean
	NavigationItem navIsolationServiceSettings() {
		return new NavigationItem("nav.group.control", "nav.isolationServiceSettings", "/isolation/services/settings", Permission.ISOLATION_READ,
				350);
	}
}
