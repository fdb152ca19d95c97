package org.bulwark.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bulwark.directory.FieldProblem;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Naming proxies (a grid worker, a parent) who report for a dependant, and the list of them. */
@Controller
@PreAuthorize("hasAuthority('PERM_CHECK_IN_LINKS_MANAGE')")
class ProxiesController {

	private final Proxies proxies;
	private final CheckIns checkIns;
	private final MessageSource messages;

	ProxiesController(Proxies proxies, CheckIns checkIns, MessageSource messages) {
		this.proxies = proxies;
		this.checkIns = checkIns;
		this.messages = messages;
	}

	@GetMapping("/health/proxies")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			@RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		model.addAttribute("q", q);
		model.addAttribute("zone", checkIns.zone());
		model.addAttribute("result", proxies.search(CurrentUser.get(), q, new PageQuery(page == null ? 0 : page, 20, null,
				false)));
		if (htmx != null && boosted == null) {
			return "health/proxies :: results";
		}
		return "health/proxies";
	}

	@PostMapping("/health/proxies")
	String name(@RequestParam(required = false) String proxyCode, @RequestParam(required = false) String dependantCode,
			Locale locale, RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		Proxies.Outcome outcome = proxies.name(user, proxies.byCode(user, proxyCode).orElse(null),
				proxies.byCode(user, dependantCode).orElse(null));
		if (outcome instanceof Proxies.Rejected rejected) {
			List<String> errors = new ArrayList<>();
			for (FieldProblem p : rejected.problems()) {
				errors.add(messages.getMessage("proxy.field." + p.field(), null, p.field(), locale) + ": "
						+ CheckInForms.message(p, messages, locale));
			}
			redirect.addFlashAttribute("error", errors);
			redirect.addFlashAttribute("proxyCode", proxyCode);
			redirect.addFlashAttribute("dependantCode", dependantCode);
			return "redirect:/health/proxies";
		}
		redirect.addFlashAttribute("notice", "proxy.notice.named");
		return "redirect:/health/proxies";
	}

	@PostMapping("/health/proxies/{id}/remove")
	String remove(@PathVariable long id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice", proxies.remove(CurrentUser.get(), id) ? "proxy.notice.removed"
				: "proxy.notice.notRemoved");
		return "redirect:/health/proxies";
	}
}
