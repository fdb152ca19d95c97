package org.bulwark.directory;

import org.bulwark.system.NavigationItem;
import org.bulwark.system.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class DirectoryNavigation {

	@Bean
	NavigationItem navPeople() {
		return new NavigationItem("nav.group.directory", "nav.people", "/people", Permission.PEOPLE_READ, 100);
	}

	@Bean
	NavigationItem navPlaces() {
		return new NavigationItem("nav.group.directory", "nav.places", "/places", Permission.PLACES_READ, 110);
	}

	@Bean
	NavigationItem navOrgUnits() {
		return new NavigationItem("nav.group.directory", "nav.orgUnits", "/org-units", Permission.ORG_UNITS_READ, 120);
	}

	@Bean
	NavigationItem navCoverage() {
		return new NavigationItem("nav.group.directory", "nav.coverage", "/coverage", Permission.COVERAGE_READ, 125);
	}

	@Bean
	NavigationItem navMe() {
		return new NavigationItem("nav.group.directory", "nav.me", "/me", Permission.SELF_SERVICE, 130);
	}
}
