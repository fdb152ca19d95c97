package org.bulwark.control;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.directory.Registry;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.TableExport;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pass status pages: the list with its colour tiles, filters and export, the school's colour per
 * reason, the badge on a person's page; and the person's own pass on their phone.
 */
@Controller
class PassController {

	private final PassStatuses passes;
	private final PassSettings settings;
	private final Registry registry;
	private final MessageSource messages;
	private final AuditLog audit;

	PassController(PassStatuses passes, PassSettings settings, Registry registry, MessageSource messages, AuditLog audit) {
		this.passes = passes;
		this.settings = settings;
		this.registry = registry;
		this.messages = messages;
		this.audit = audit;
	}

	record ListParams(PassColour colour, Long unit, String q, Integer page, Integer size) {

		PassStatuses.Filter toFilter() {
			return new PassStatuses.Filter(colour, unit, q);
		}

		PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, size == null ? 50 : size, "name", false);
		}
	}

	@GetMapping("/control/pass")
	@PreAuthorize("hasAuthority('PERM_PASS_READ')")
	String list(ListParams params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		PassStatuses.ListPage listed = passes.page(user, params.toFilter(), params.toPage(), now);
		model.addAttribute("params", params);
		model.addAttribute("counts", listed.counts());
		model.addAttribute("result", listed.result());
		if (htmx != null && boosted == null) {
			return "control/pass :: results";
		}
		model.addAttribute("colours", PassColour.values());
		model.addAttribute("units", registry.orgUnitsInScope(user));
		return "control/pass";
	}

	@GetMapping("/control/pass/export")
	@PreAuthorize("hasAuthority('PERM_PASS_READ')")
	void export(ListParams params, @RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response)
			throws IOException {
		TableExport.Format f = TableExport.Format.of(format);
		long[] n = {0};
		try (TableExport out = TableExport.download(response, f, "pass-status-" + LocalDate.now(),
				msg("pass.title", locale))) {
			out.header(List.of(msg("pass.code", locale), msg("pass.name", locale), msg("control.unit", locale), msg("pass.colour", locale),
					msg("pass.reasons", locale)));
			passes.stream(CurrentUser.get(), params.toFilter(), Instant.now(), s -> {
				n[0]++;
				out.row(List.of(s.code() == null ? "" : s.code(), s.name(), s.orgUnitName() == null ? "" : s.orgUnitName(),
						msg("pass.colour." + s.colour(), locale),
						s.reasons().stream().map(r -> msg("pass.reason." + r.reason(), locale)).collect(Collectors.joining("; "))));
			});
		}
		audit.record(AuditAction.EXPORT, "pass_status", null, n[0] + " pass statuses as " + format);
	}

	@GetMapping("/control/pass/settings")
	@PreAuthorize("hasAuthority('PERM_PASS_READ')")
	String settings(Model model) {
		model.addAttribute("rules", settings.rules(CurrentUser.get().schoolId()));
		model.addAttribute("reasons", PassReason.values());
		model.addAttribute("colours", PassColour.values());
		return "control/pass-settings";
	}

	@PostMapping("/control/pass/settings")
	@PreAuthorize("hasAuthority('PERM_CONTROL_POLICY_MANAGE')")
	String saveSettings(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
		Map<PassReason, PassColour> colours = new EnumMap<>(PassReason.class);
		for (PassReason r : PassReason.values()) {
			String v = form.get("colour." + r.name());
			if (v != null) {
				try {
					colours.put(r, PassColour.valueOf(v));
				}
				catch (IllegalArgumentException e) {
					throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
				}
			}
		}
		settings.save(CurrentUser.get(), colours, Instant.now());
		redirect.addFlashAttribute("notice", "pass.settings.saved");
		return "redirect:/control/pass/settings";
	}

	/** The badge on a person's page (loaded by htmx); 404 outside the scope, as the page itself. */
	@GetMapping("/people/{id}/pass")
	@PreAuthorize("hasAuthority('PERM_PASS_READ')")
	String badge(@PathVariable long id, Model model) {
		model.addAttribute("pass", passes.of(CurrentUser.get(), id, Instant.now())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		return "control/_pass-badge :: badge";
	}

	@GetMapping("/me/pass")
	@PreAuthorize("hasAuthority('PERM_SELF_SERVICE')")
	String mine(Model model) {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		user.personId().flatMap(p -> passes.own(user.schoolId(), p, now)).ifPresent(s -> model.addAttribute("pass", s));
		model.addAttribute("asOf", now.atZone(passes.zone()).toLocalDateTime());
		return "control/my-pass";
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
