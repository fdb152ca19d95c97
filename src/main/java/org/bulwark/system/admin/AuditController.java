package org.bulwark.system.admin;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.TableExport;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The audit trail page, its export, and its API. */
@Controller
@PreAuthorize("hasAuthority('PERM_AUDIT_READ')")
@Tag(name = "Audit", description = "The audit trail of the caller's school")
class AuditController {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final AuditSearch search;
	private final AuditLog audit;
	private final MessageSource messages;

	AuditController(AuditSearch search, AuditLog audit, MessageSource messages) {
		this.search = search;
		this.audit = audit;
		this.messages = messages;
	}

	public record Params(String actor, AuditAction action, String entityType, String entityId, String q,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, String dir, Integer page, Integer size) {

		public AuditSearch.Filter toFilter() {
			return new AuditSearch.Filter(actor, action, entityType, entityId, q, from, to);
		}

		public PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, size == null ? 50 : size, "time", "asc".equals(dir));
		}
	}

	@GetMapping("/system/audit")
	String page(Params params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		model.addAttribute("params", params);
		model.addAttribute("actions", AuditAction.values());
		model.addAttribute("result", search.search(CurrentUser.get().schoolId(), params.toFilter(), params.toPage()));
		return htmx != null && boosted == null ? "system/audit :: results" : "system/audit";
	}

	@GetMapping("/system/audit/export")
	void export(Params params, @RequestParam(defaultValue = "xlsx") String format, Locale locale,
			HttpServletResponse response) throws IOException {
		TableExport.Format f = TableExport.Format.of(format);
		long rows;
		try (TableExport out = TableExport.download(response, f, "audit-" + LocalDate.now(),
				msg("nav.audit", locale))) {
			out.header(Arrays.asList(msg("audit.time", locale), msg("audit.actor", locale), msg("audit.action", locale),
					msg("audit.entity", locale), msg("audit.entityId", locale), msg("audit.summary", locale),
					msg("history.before", locale), msg("history.after", locale), msg("audit.address", locale)));
			search.stream(CurrentUser.get().schoolId(), params.toFilter(), r -> out.row(Arrays.asList(
					TIME.format(r.occurredAt().atZoneSameInstant(java.time.ZoneId.systemDefault())), r.actor(),
					msg("audit.action." + r.action(), locale), r.entityType(), r.entityId(), r.summary(), r.before(),
					r.after(), r.remoteAddr())));
			rows = out.rowsWritten();
		}
		audit.record(AuditAction.EXPORT, "audit_event", null, rows + " audit entries as " + f.extension());
	}

	@GetMapping("/api/v1/system/audit")
	@ResponseBody
	@Operation(summary = "Search the audit trail", description = "newest first; from/to are ISO dates")
	PageResult<AuditSearch.Row> api(Params params) {
		return search.search(CurrentUser.get().schoolId(), params.toFilter(), params.toPage());
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	static List<AuditAction> actions() {
		return List.of(AuditAction.values());
	}
}
