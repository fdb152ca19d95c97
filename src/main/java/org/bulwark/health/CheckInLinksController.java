package org.bulwark.health;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.Registry;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.bulwark.system.TableExport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Managing personal check-in links: the list (search, status, paging, export), issuing for one
 * person or a whole unit, place or grid, revoking. Issuing answers with the printable sheet at once:
 * the secrets exist only in that answer, so printing again means issuing again.
 */
@Controller
@PreAuthorize("hasAuthority('PERM_CHECK_IN_LINKS_MANAGE')")
class CheckInLinksController {

	private final CheckInLinks links;
	private final Proxies proxies;
	private final CheckIns checkIns;
	private final AuditLog audit;
	private final MessageSource messages;
	private final String baseUrl;

	CheckInLinksController(CheckInLinks links, Proxies proxies, CheckIns checkIns, AuditLog audit,
			MessageSource messages, @Value("${bulwark.health.links.base-url:}") String baseUrl) {
		this.links = links;
		this.proxies = proxies;
		this.checkIns = checkIns;
		this.audit = audit;
		this.messages = messages;
		this.baseUrl = baseUrl;
	}

	/** The list's request parameters. */
	record Params(String q, String status, Integer page, Integer size, String sort, String dir) {

		CheckInLinks.Filter toFilter() {
			CheckInLinks.Status s = null;
			if (status == null) {
				s = CheckInLinks.Status.ACTIVE;
			}
			else if (!status.isBlank() && !"ALL".equals(status)) {
				try {
					s = CheckInLinks.Status.valueOf(status);
				}
				catch (IllegalArgumentException e) {
					s = null;
				}
			}
			return new CheckInLinks.Filter(q, s);
		}

		PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, size == null ? 20 : size, sort, "desc".equals(dir));
		}

		public String statusOrDefault() {
			return status == null ? "ACTIVE" : status;
		}
	}

	@GetMapping("/health/links")
	String list(Params params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		model.addAttribute("params", params);
		model.addAttribute("zone", checkIns.zone());
		model.addAttribute("statuses", CheckInLinks.Status.values());
		model.addAttribute("kinds", Registry.GroupKind.values());
		model.addAttribute("result", links.search(CurrentUser.get(), params.toFilter(), params.toPage(), Instant.now()));
		if (htmx != null && boosted == null) {
			return "health/links :: results";
		}
		return "health/links";
	}

	@PostMapping("/health/links/issue")
	String issue(@RequestParam(required = false) String personCode, @RequestParam(required = false) Long personId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiresOn, Model model,
			Locale locale, RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		Long id = personId != null ? personId : proxies.byCode(user, personCode).orElse(null);
		if (id == null) {
			redirect.addFlashAttribute("error", List.of(messages.getMessage("validation.links.person.notFound", null, locale)));
			return "redirect:/health/links";
		}
		return sheet(links.issue(user, id, expiry(expiresOn), Instant.now()), model, locale, redirect);
	}

	@PostMapping("/health/links/issue-group")
	String issueGroup(@RequestParam(required = false) Registry.GroupKind kind, @RequestParam(required = false) String code,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiresOn, Model model,
			Locale locale, RedirectAttributes redirect) {
		return sheet(links.issueGroup(CurrentUser.get(), kind, code, expiry(expiresOn), Instant.now()), model, locale,
				redirect);
	}

	@PostMapping("/health/links/{id}/revoke")
	String revoke(@PathVariable long id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice", links.revoke(CurrentUser.get(), id, Instant.now()) ? "links.notice.revoked"
				: "links.notice.notRevoked");
		return "redirect:/health/links";
	}

	@GetMapping("/health/links/export")
	void export(Params params, @RequestParam(required = false) String format, @RequestParam(required = false) boolean reveal,
			Locale locale, HttpServletResponse response) throws IOException {
		CurrentUser user = CurrentUser.get();
		boolean unmasked = reveal && user.can(Permission.PEOPLE_REVEAL);
		TableExport.Format f = TableExport.Format.of(format);
		DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(checkIns.zone());
		long count;
		try (TableExport out = TableExport.download(response, f, "check-in-links-" + LocalDate.now(checkIns.zone()),
				msg("links.title", locale))) {
			out.header(List.of(msg("links.col.code", locale), msg("links.col.name", locale), msg("links.col.unit", locale),
					msg("links.col.status", locale), msg("links.col.created", locale), msg("links.col.createdBy", locale),
					msg("links.col.expires", locale), msg("links.col.used", locale), msg("links.col.revoked", locale)));
			Instant now = Instant.now();
			links.stream(user, params.toFilter(), now, row -> out.row(List.of(row.personCode(),
					unmasked ? row.personName() : CheckInForms.maskedName(row.personName()), nz(row.orgUnitName()),
					msg("links.status." + row.status(), locale), time.format(row.createdAt()), nz(row.createdBy()),
					row.expiresAt() == null ? "" : time.format(row.expiresAt()),
					row.lastUsedAt() == null ? "" : time.format(row.lastUsedAt()),
					row.revokedAt() == null ? "" : time.format(row.revokedAt()))));
			count = out.rowsWritten();
		}
		audit.record(AuditAction.EXPORT, "check_in_link", null, count + " check-in links as " + f.extension()
				+ (unmasked ? ", names revealed" : ", names masked") + "; filter " + params.toFilter());
	}

	/** One card of the printed sheet. */
	record Card(CheckInLinks.Issued link, String url, String qr) {
	}

	private String sheet(CheckInLinks.Outcome outcome, Model model, Locale locale, RedirectAttributes redirect) {
		if (outcome instanceof CheckInLinks.IssuedAll issued) {
			String base = baseUrl == null || baseUrl.isBlank()
					? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString() : baseUrl.replaceAll("/+$", "");
			List<Card> cards = new ArrayList<>();
			for (CheckInLinks.Issued l : issued.links()) {
				String url = base + "/link/" + l.token();
				cards.add(new Card(l, url, QrCodes.dataUri(url)));
			}
			audit.record(AuditAction.EXPORT, "check_in_link", null, "printed sheet of " + cards.size()
					+ " check-in links for " + issued.groupName());
			model.addAttribute("cards", cards);
			model.addAttribute("zone", checkIns.zone());
			model.addAttribute("groupName", issued.groupName());
			model.addAttribute("truncated", issued.truncated());
			model.addAttribute("maxGroup", CheckInLinks.MAX_GROUP);
			return "health/link-sheet";
		}
		if (outcome instanceof CheckInLinks.Rejected rejected) {
			redirect.addFlashAttribute("error", rejected.problems().stream()
				.map(p -> CheckInForms.message(p, messages, locale)).toList());
			return "redirect:/health/links";
		}
		redirect.addFlashAttribute("error", List.of(CheckInForms.message(FieldProblem.of("person", "links.person.notFound"),
				messages, locale)));
		return "redirect:/health/links";
	}

	/** A link chosen to expire on a day is valid through that day, in the school's time zone. */
	private Instant expiry(LocalDate expiresOn) {
		ZoneId zone = checkIns.zone();
		return expiresOn == null ? null : expiresOn.plusDays(1).atStartOfDay(zone).toInstant();
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}
}
