package org.bulwark.directory;

import org.bulwark.system.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A person's own page on their phone: their details as the school holds them, where they live and
 * whom to contact. Identifiers are masked here too: a borrowed phone must not show them.
 */
@Controller
@PreAuthorize("hasAuthority('PERM_SELF_SERVICE')")
class MeController {

	private final PersonProfiles profiles;

	MeController(PersonProfiles profiles) {
		this.profiles = profiles;
	}

	@GetMapping("/me")
	String me(Model model) {
		CurrentUser user = CurrentUser.get();
		user.personId().flatMap(profiles::findOwn).ifPresent(profile -> {
			model.addAttribute("profile", profile);
			model.addAttribute("person", profile.person().masked());
		});
		return "directory/me";
	}
}
