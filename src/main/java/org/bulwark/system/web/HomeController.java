package org.bulwark.system.web;

import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

	@GetMapping("/login")
	String login() {
		return CurrentUser.find().isPresent() ? "redirect:/" : "system/login";
	}

	/** People who only serve themselves land on their own page; everybody else on the overview. */
	@GetMapping("/")
	String home() {
		CurrentUser user = CurrentUser.get();
		if (user.permissions().size() == 1 && user.can(Permission.SELF_SERVICE)) {
			return "redirect:/me";
		}
		return "system/home";
	}
}
