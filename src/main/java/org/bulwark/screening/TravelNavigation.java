package org.bulwark.screening;

import org.bulwark.system.NavigationItem;
import org.bulwark.system.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class TravelNavigation {

	@Bean
	NavigationItem navMyTravel() {
		return new NavigationItem("nav.group.screening", "me.travel", "/me/travel", Permission.SELF_SERVICE, 290);
	}

	@Bean
	NavigationItem navMyReturn() {
		return new NavigationItem("nav.group.screening", "me.return", "/me/return", Permission.SELF_SERVICE, 291);
	}

	@Bean
	NavigationItem navTravelReports() {
		return new NavigationItem("nav.group.screening", "nav.travelReports", "/screening/travel-reports",
				Permission.TRAVEL_APPROVE, 350);
	}

	@Bean
	NavigationItem navTravelFlags() {
		return new NavigationItem("nav.group.screening", "nav.travelFlags", "/screening/travel-flags", Permission.SCREENING_READ,
				355);
	}

	@Bean
	NavigationItem navReturnCampaigns() {
		return new NavigationItem("nav.group.screening", "nav.returnCampaigns", "/screening/return-campaigns",
				Permission.TRAVEL_APPROVE, 360);
	}

	@Bean
	NavigationItem navTravelChains() {
		return new NavigationItem("nav.group.screening", "nav.travelChains", "/screening/travel-chains",
				Permission.SCREENING_MANAGE, 365);
	}
}
