package org.bulwark.health;

import java.time.Instant;
import java.util.Locale;

import org.bulwark.system.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A signed-in household head or proxy reports for their dependants on one screen. */
@Controller
@PreAuthorize("hasAuthority('PERM_SELF_SERVICE')")
class ProxyController {

	private final ProxyScreen screen;

	ProxyController(ProxyScreen screen) {
		this.screen = screen;
	}

	@GetMapping("/me/proxy")
	String page(Model model, Locale locale) {
		CurrentUser user = CurrentUser.get();
		if (user.personId().isEmpty()) {
			model.addAttribute("noPerson", true);
			return "health/proxy";
		}
		return screen.show(model, user.schoolId(), user.personId().get(), "/me/proxy", "/me/check-in", Instant.now(),
				locale);
	}

	@PostMapping("/me/proxy")
	String submit(@RequestParam MultiValueMap<String, String> form, Model model, Locale locale) {
		CurrentUser user = CurrentUser.get();
		if (user.personId().isEmpty()) {
			model.addAttribute("noPerson", true);
			return "health/proxy";
		}
		return screen.submit(model, user.schoolId(), user.personId().get(), user.id(), null, "/me/proxy",
				"/me/check-in", form, Instant.now(), locale);
	}
}
