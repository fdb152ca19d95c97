package org.bulwark.health;

import org.bulwark.system.NavigationItem;
import org.bulwark.system.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class RollCallNavigation {

	@Bean
	NavigationItem navRollCall() {
		return new NavigationItem("nav.group.health", "nav.rollCall", "/health/roll-call", Permission.CHECK_IN_RECORD, 230);
	}

	@Bean
	NavigationItem navRollCalls() {
		return new NavigationItem("nav.group.health", "nav.rollCalls", "/health/roll-calls", Permission.HEALTH_READ, 231);
	}

	@Bean
	NavigationItem navCanteen() {
		return new NavigationItem("nav.group.health", "nav.canteen", "/health/canteen", Permission.CANTEEN_CHECK, 240);
	}
}
