package org.bulwark.health;

import org.bulwark.system.NavigationItem;
import org.bulwark.system.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class UnitReportsNavigation {

	@Bean
	NavigationItem navHealthDashboard() {
		return new NavigationItem("nav.group.health", "nav.healthDashboard", "/health/dashboard", Permission.HEALTH_READ, 190);
	}

	@Bean
	NavigationItem navUnitReports() {
		return new NavigationItem("nav.group.health", "nav.unitReports", "/health/unit-reports",
				Permission.UNIT_REPORT_SUBMIT, 230);
	}

	@Bean
	NavigationItem navUnitReportCompleteness() {
		return new NavigationItem("nav.group.health", "nav.unitReportCompleteness", "/health/unit-reports/completeness",
				Permission.HEALTH_READ, 240);
	}

	@Bean
	NavigationItem navUnitReportSettings() {
		return new NavigationItem("nav.group.health", "nav.unitReportSettings", "/health/unit-reports/settings",
				Permission.HEALTH_POLICY_MANAGE, 250);
	}
}
