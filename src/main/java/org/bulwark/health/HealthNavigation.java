package org.bulwark.health;

import org.bulwark.system.NavigationItem;
import org.bulwark.system.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class HealthNavigation {

	@Bean
	NavigationItem navCheckIn() {
		return new NavigationItem("nav.group.health", "nav.checkIn", "/me/check-in", Permission.SELF_SERVICE, 200);
	}

	@Bean
	NavigationItem navCheckPolicies() {
		return new NavigationItem("nav.group.health", "nav.checkPolicies", "/health/policies", Permission.HEALTH_POLICY_MANAGE,
				210);
	}

	@Bean
	NavigationItem navDiseaseProfiles() {
		return new NavigationItem("nav.group.health", "nav.diseaseProfiles", "/health/profiles",
				Permission.HEALTH_POLICY_MANAGE, 220);
	}
}
