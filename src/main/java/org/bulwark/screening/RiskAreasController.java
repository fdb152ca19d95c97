package org.bulwark.screening;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.directory.FieldProblem;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.TableExport;
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

/** The school's risk areas: in force now or the whole history, designating and lifting, export. */
@Controller
@PreAuthorize("hasAuthority('PERM_SCREENING_READ')")
class RiskAreasController {

	private final RiskAreas riskAreas;
	private final Regions regions;
	private final MessageSource messages;
	private final AuditLog audit;

	RiskAreasController(RiskAreas riskAreas, Regions regions, MessageSource messages, AuditLog audit) {
		this.riskAreas = riskAreas;
		this.regions = regions;
		this.messages = messages;
		this.audit = audit;
	}

	@GetMapping("/screening/risk-areas")
	String list(Params params, @RequestParam(required = false) String region,
			@RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		model.addAttribute("params", params);
		model.addAttribute("levels", RiskLevel.values());
		model.addAttribute("result", riskAreas.search(CurrentUser.get(), params.toFilter(), params.toPage()));
		if (htmx != null && boosted == null) {
			return "screening/risk-areas :: results";
		}
		model.addAttribute("chosen", region == null ? null : regions.find(region).orElse(null));
		model.addAttribute("defaultFrom", LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES).toString());
		return "screening/risk-areas";
	}

	@PostMapping("/screening/risk-areas")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	String create(RiskAreaForm form, Locale locale, RedirectAttributes redirect) {
		RiskAreas.Result result = riskAreas.create(CurrentUser.get(), form);
		if (result instanceof RiskAreas.Rejected rejected) {
			redirect.addFlashAttribute("error", describe(rejected.problems(), locale));
			redirect.addFlashAttribute("form", form);
			return form.region() == null || form.region().isBlank() ? "redirect:/screening/risk-areas"
					: "redirect:/screening/risk-areas?region=" + form.region().strip();
		}
		redirect.addFlashAttribute("notice", "riskAreas.notice.created");
		return "redirect:/screening/risk-areas";
	}

	@PostMapping("/screening/risk-areas/{id}/lift")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	String lift(@PathVariable long id, @RequestParam(required = false) String reason, Locale locale,
			RedirectAttributes redirect) {
		RiskAreas.Result result = riskAreas.lift(CurrentUser.get(), id, reason);
		if (result instanceof RiskAreas.Rejected rejected) {
			redirect.addFlashAttribute("error", describe(rejected.problems(), locale));
		}
		else {
			redirect.addFlashAttribute("notice", "riskAreas.notice.lifted");
		}
		return "redirect:/screening/risk-areas?view=all";
	}

	@GetMapping("/screening/risk-areas/export")
	void export(Params params, @RequestParam(defaultValue = "xlsx") String format, Locale locale,
			HttpServletResponse response) throws IOException {
		CurrentUser user = CurrentUser.get();
		TableExport.Format f = TableExport.Format.of(format);
		List<RiskArea> rows = riskAreas.all(user, params.toFilter());
		ZoneId zone = ZoneId.systemDefault();
		try (TableExport out = TableExport.download(response, f, "risk-areas-" + LocalDate.now(),
				msg("riskAreas.title", locale))) {
			out.header(List.of(msg("region.code", locale), msg("riskAreas.region", locale), msg("riskAreas.level", locale),
					msg("riskAreas.from", locale), msg("riskAreas.to", locale), msg("riskAreas.status", locale),
					msg("riskAreas.source", locale), msg("riskAreas.notes", locale), msg("riskAreas.lifted", locale),
					msg("field.reason", locale)));
			for (RiskArea a : rows) {
				List<Object> row = new ArrayList<>(10);
				row.add(a.regionCode());
				row.add(a.regionName());
				row.add(msg("riskLevel." + a.level(), locale));
				row.add(LocalDateTime.ofInstant(a.validFrom(), zone).toString());
				row.add(a.validTo() == null ? "" : LocalDateTime.ofInstant(a.validTo(), zone).toString());
				row.add(msg("riskStatus." + a.status(), locale));
				row.add(a.source());
				row.add(a.notes());
				row.add(a.liftedAt() == null ? "" : LocalDateTime.ofInstant(a.liftedAt(), zone).toString());
				row.add(a.liftReason());
				out.row(row);
			}
		}
		audit.record(AuditAction.EXPORT, "risk_area", null, rows.size() + " risk areas as " + f.extension());
	}

	private String describe(List<FieldProblem> problems, Locale locale) {
		return problems.stream()
			.map(p -> messages.getMessage("field." + p.field(), null, p.field(), locale) + ": "
					+ messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale))
			.collect(Collectors.joining(" "));
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	/** view: "all" for the whole history, otherwise those in force now. */
	public record Params(String q, RiskLevel level, String view, String sort, String dir, Integer page, Integer size) {

		public boolean all() {
			return "all".equals(view);
		}

		public RiskAreas.Filter toFilter() {
			return new RiskAreas.Filter(q, level, all(), null);
		}

		public PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, size == null ? 50 : size, sort == null ? "from" : sort,
					dir == null ? sort == null : "desc".equals(dir));
		}
	}
}
