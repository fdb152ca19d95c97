package org.bulwark.screening;

import org.bulwark.system.NavigationItem;
import org.bulwark.system.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ScreeningNavigation {

	@Bean
	NavigationItem navRiskAreas() {
		return new NavigationItem("nav.group.screening", "nav.riskAreas", "/screening/risk-areas",
				Permission.SCREENING_READ, 300);
	}

	@Bean
	NavigationItem navRegions() {
		return new NavigationItem("nav.group.screening", "nav.regions", "/screening/regions", Permission.SCREENING_READ, 310);
	}

	@Bean
	NavigationItem navPushLists() {
		return new NavigationItem("nav.group.screening", "nav.pushLists", "/screening/push-lists", Permission.SCREENING_READ,
				320);
	}

	@Bean
	NavigationItem navPushTasks() {
		return new NavigationItem("nav.group.screening", "nav.pushTasks", "/screening/push-tasks", Permission.SCREENING_VERIFY,
				330);
	}

	@Bean
	NavigationItem navPushFunnel() {
		return new NavigationItem("nav.group.screening", "nav.pushFunnel", "/screening/push-funnel", Permission.SCREENING_READ,
				340);
	}
}
