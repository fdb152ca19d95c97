package org.bulwark.health;

import org.bulwark.system.NavigationItem;
import org.bulwark.system.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ReminderNavigation {

	@Bean
	NavigationItem navNonReporting() {
		return new NavigationItem("nav.group.health", "nav.nonReporting", "/health/non-reporting", Permission.HEALTH_READ,
				230);
	}
}
