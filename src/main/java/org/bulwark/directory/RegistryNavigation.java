package org.bulwark.directory;

import org.bulwark.system.NavigationItem;
import org.bulwark.system.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Navigation entries of residence and responsibility. */
@Configuration
class RegistryNavigation {

	@Bean
	NavigationItem navMyPeople() {
		return new NavigationItem("nav.group.directory", "nav.myPeople", "/my-people", Permission.PEOPLE_READ, 105);
	}

	@Bean
	NavigationItem navGrids() {
		return new NavigationItem("nav.group.directory", "nav.grids", "/grids", Permission.PEOPLE_READ, 125);
	}

	@Bean
	NavigationItem navResponsibilities() {
		return new NavigationItem("nav.group.directory", "nav.responsibilities", "/responsibilities",
				Permission.PEOPLE_READ, 126);
	}
}
