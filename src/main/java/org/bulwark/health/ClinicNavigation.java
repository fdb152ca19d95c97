package org.bulwark.health;

import org.bulwark.system.NavigationItem;
import org.bulwark.system.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ClinicNavigation {

	@Bean
	NavigationItem navTriage() {
		return new NavigationItem("nav.group.health", "nav.triage", "/health/triage", Permission.TRIAGE_MANAGE, 260);
	}

	@Bean
	NavigationItem navAbsences() {
		return new NavigationItem("nav.group.health", "nav.absences", "/health/absences", Permission.ABSENCE_RECORD, 270);
	}

	@Bean
	NavigationItem navOverdueFollowUps() {
		return new NavigationItem("nav.group.health", "nav.absences.overdue", "/health/absences?view=FOLLOW_UP_OVERDUE",
				Permission.ABSENCE_RECORD, 271);
	}
}
