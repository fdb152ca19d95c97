package org.bulwark.notify;

import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The school's channels, for the prevention office: email, SMS, and the group robot's address. */
@Controller
@PreAuthorize("hasAuthority('PERM_HEALTH_POLICY_MANAGE')")
class NotifySettingsController {

	private final NotifySettings settings;
	private final MessageSource messages;

	NotifySettingsController(NotifySettings settings, MessageSource messages) {
		this.settings = settings;
		this.messages = messages;
	}

	@GetMapping("/notify/settings")
	String page(Model model) {
		if (!model.containsAttribute("settings")) {
			model.addAttribute("settings", settings.of(CurrentUser.get().schoolId()));
		}
		model.addAttribute("kinds", NotifySettings.WebhookKind.values());
		return "notify/settings";
	}

	@PostMapping("/notify/settings")
	String save(NotifySettings.Form form, Locale locale, RedirectAttributes redirect) {
		NotifySettings.Outcome outcome = settings.save(CurrentUser.get(), form, Instant.now());
		if (outcome instanceof NotifySettings.Rejected rejected) {
			redirect.addFlashAttribute("error", rejected.problems().stream()
				.map(p -> messages.getMessage("field." + p.field(), null, p.field(), locale) + ": "
						+ messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale))
				.collect(Collectors.joining(" ")));
		}
		else {
			redirect.addFlashAttribute("notice", "notify.settings.saved");
		}
		return "redirect:/notify/settings";
	}
}
