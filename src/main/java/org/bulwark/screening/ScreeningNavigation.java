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
}
