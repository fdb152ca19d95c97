package org.bulwark.control;

import org.bulwark.system.NavigationItem;
import org.bulwark.system.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ControlNavigation {

	@Bean
	NavigationItem navControlCases() {
		return new NavigationItem("nav.group.control", "nav.controlCases", "/control/cases", Permission.CONTROL_READ, 280);
	}

	@Bean
	NavigationItem navControlDashboard() {
		return new NavigationItem("nav.group.control", "nav.controlDashboard", "/control/dashboard", Permission.CONTROL_READ, 285);
	}

	@Bean
	NavigationItem navPass() {
		return new NavigationItem("nav.group.control", "nav.pass", "/control/pass", Permission.PASS_READ, 287);
	}

	@Bean
	NavigationItem navControlPolicies() {
		return new NavigationItem("nav.group.control", "nav.controlPolicies", "/control/policies", Permission.CONTROL_READ, 290);
	}
}
