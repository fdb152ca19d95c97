package org.bulwark.screening;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.directory.Population;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.TableExport;
import org.springframework.format.annotation.DateTimeFormat;
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

/** Travel reports for approvers and the office: the queue with bulk decisions, all reports, a report, chains and flags. */
@Controller
@PreAuthorize("hasAnyAuthority('PERM_TRAVEL_APPROVE', 'PERM_SCREENING_READ')")
class TravelReportsController {

	private final TravelReports reports;
	private final TravelResponses responses;
	private final AuditLog audit;

	TravelReportsController(TravelReports reports, TravelResponses responses, AuditLog audit) {
		this.reports = reports;
		this.responses = responses;
		this.audit = audit;
	}

	record Params(String view, TravelReports.Status status, String q,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on, String region, String sort, String dir,
			Integer page) {

		String viewOr(CurrentUser user) {
			return view != null ? view : user.can("TRAVEL_APPROVE") ? "queue" : "all";
		}

		TravelReports.Filter toFilter(CurrentUser user) {
			return new TravelReports.Filter(viewOr(user), status, q, on, region);
		}

		PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, 50, sort == null ? "leave" : sort,
					dir == null ? !"queue".equals(view) : "desc".equals(dir));
		}
	}

	@GetMapping("/screening/travel-reports")
	String list(Params params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		CurrentUser user = CurrentUser.get();
		model.addAttribute("params", params);
		model.addAttribute("view", params.viewOr(user));
		model.addAttribute("statuses", TravelReports.Status.values());
		model.addAttribute("result", reports.search(user, params.toFilter(user), params.toPage()));
		if (htmx != null && boosted == null) {
			return "screening/travel-reports :: results";
		}
		return "screening/travel-reports";
	}

	@GetMapping("/screening/travel-reports/export")
	void export(Params params, @RequestParam(defaultValue = "xlsx") String format, Locale locale,
			HttpServletResponse response) throws IOException {
		CurrentUser user = CurrentUser.get();
		TableExport.Format f = TableExport.Format.of(format);
		List<TravelReports.Report> rows = reports.all(user, params.toFilter(user));
		try (TableExport out = TableExport.download(response, f, "travel-reports-" + reports.today(),
				t("travel.title", locale))) {
			out.header(List.of(t("person.code", locale), t("travel.person", locale), t("travel.unit", locale),
					t("travel.destinations", locale), t("travel.leaveOn", locale), t("travel.returnOn", locale),
					t("travel.purpose", locale), t("travel.transport", locale), t("travel.statusLabel", locale),
					t("travel.returnedOn", locale), t("travel.flagged", locale)));
			for (TravelReports.Report r : rows) {
				List<Object> row = new ArrayList<>();
				row.add(r.personCode());
				row.add(r.personName());
				row.add(r.orgUnitName());
				row.add(r.destinationNames());
				row.add(r.leaveOn());
				row.add(r.returnOn());
				row.add(r.purpose());
				row.add(t("transport." + r.transport(), locale));
				row.add(t("travel.status." + r.status(), locale));
				row.add(r.returnedOn());
				row.add(r.flagged() ? t("travel.flagged", locale) : "");
				out.row(row);
			}
		}
		audit.record(AuditAction.EXPORT, "travel_report", null, rows.size() + " travel reports (" + f.extension() + ")");
	}

	@GetMapping("/screening/travel-reports/{id}")
	String report(@PathVariable long id, Model model) {
		model.addAttribute("report", reports.find(CurrentUser.get(), id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		model.addAttribute("zone", reports.zone());
		return "screening/travel-report";
	}

	/** Items come as {@code id:version} pairs, so a decision applies to the reports as they were shown. */
	@PostMapping("/screening/travel-reports/decisions")
	@PreAuthorize("hasAuthority('PERM_TRAVEL_APPROVE')")
	String decide(@RequestParam(name = "item", required = false) List<String> items,
			@RequestParam(required = false) TravelChain.Decision decision, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String back, Locale locale, RedirectAttributes redirect) {
		List<TravelReports.Item> parsed = new ArrayList<>();
		for (String item : items == null ? List.<String>of() : items) {
			String[] parts = item.split(":");
			parsed.add(new TravelReports.Item(Long.parseLong(parts[0]), Integer.parseInt(parts[1])));
		}
		TravelReports.Result result = reports.decide(CurrentUser.get(), parsed, decision, reason);
		if (result instanceof TravelReports.Done done) {
			redirect.addFlashAttribute("notice", decision == TravelChain.Decision.APPROVED ? "travel.notice.approved"
					: "travel.notice.rejected");
			redirect.addFlashAttribute("noticeArgs", new Object[] {done.count()});
		}
		else if (result instanceof TravelReports.NotFound) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		else {
			redirect.addFlashAttribute("error", responses.refusal(result, locale));
		}
		return "redirect:" + (back != null && back.startsWith("/screening/travel-reports") ? back
				: "/screening/travel-reports?view=queue");
	}

	@GetMapping("/screening/travel-chains")
	String chains(Model model) {
		model.addAttribute("chains", reports.chains(CurrentUser.get().schoolId()));
		model.addAttribute("choices", List.of("RESPONSIBLE,UNIT", "UNIT", "RESPONSIBLE", "UNIT,UNIT", "RESPONSIBLE,UNIT,UNIT"));
		return "screening/travel-chains";
	}

	@PostMapping("/screening/travel-chains")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	String saveChain(@RequestParam(required = false) Population population, @RequestParam(required = false) String steps,
			@RequestParam(defaultValue = "-1") int version, Locale locale, RedirectAttributes redirect) {
		TravelReports.Result result = reports.saveChain(CurrentUser.get(), population, steps, version);
		if (result instanceof TravelReports.Done) {
			redirect.addFlashAttribute("notice", "travel.notice.chainSaved");
		}
		else {
			redirect.addFlashAttribute("error", responses.refusal(result, locale));
		}
		return "redirect:/screening/travel-chains";
	}

	record FlagParams(String status, RiskLevel level, String q, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Integer page) {

		TravelReports.FlagFilter toFilter() {
			return new TravelReports.FlagFilter(status == null ? "OPEN" : status, level, q, from, to);
		}
	}

	@GetMapping("/screening/travel-flags")
	@PreAuthorize("hasAuthority('PERM_SCREENING_READ')")
	String flags(FlagParams params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		model.addAttribute("params", params);
		model.addAttribute("levels", RiskLevel.values());
		model.addAttribute("result", reports.flags(CurrentUser.get(), params.toFilter(),
				new PageQuery(params.page() == null ? 0 : params.page(), 50, null, true)));
		model.addAttribute("zone", reports.zone());
		if (htmx != null && boosted == null) {
			return "screening/travel-flags :: results";
		}
		return "screening/travel-flags";
	}

	@GetMapping("/screening/travel-flags/export")
	@PreAuthorize("hasAuthority('PERM_SCREENING_READ')")
	void exportFlags(FlagParams params, @RequestParam(defaultValue = "xlsx") String format, Locale locale,
			HttpServletResponse response) throws IOException {
		TableExport.Format f = TableExport.Format.of(format);
		List<TravelReports.FlagRow> rows = reports.allFlags(CurrentUser.get(), params.toFilter());
		try (TableExport out = TableExport.download(response, f, "travel-flags-" + reports.today(),
				t("travelFlags.title", locale))) {
			out.header(List.of(t("person.code", locale), t("travel.person", locale), t("travel.unit", locale),
					t("travelFlags.level", locale), t("travelFlags.regions", locale), t("travelFlags.reasons", locale),
					t("travelFlags.category", locale), t("travel.returnedOn", locale), t("travelFlags.flaggedAt", locale),
					t("travel.statusLabel", locale)));
			for (TravelReports.FlagRow r : rows) {
				out.row(List.of(nz(r.personCode()), r.personName(), nz(r.orgUnitName()),
						r.level() == null ? "" : t("riskLevel." + r.level(), locale), String.join("、", r.regionNames()),
						String.join("、", r.reasons().stream().map(x -> t("travelFlags.reason." + x, locale)).toList()),
						t("proposedCategory." + r.category(), locale), r.returnedOn() == null ? "" : r.returnedOn(),
						r.flaggedAt().atZone(reports.zone()).toLocalDateTime(), t("travelFlags.status." + r.status(), locale)));
			}
		}
		audit.record(AuditAction.EXPORT, "travel_flag", null, rows.size() + " flagged returnees (" + f.extension() + ")");
	}

	@PostMapping("/screening/travel-flags/{id}/clear")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	String clear(@PathVariable long id, @RequestParam int version, @RequestParam(required = false) String note, Locale locale,
			RedirectAttributes redirect) {
		TravelReports.Result result = reports.clearFlag(CurrentUser.get(), id, version, note);
		if (result instanceof TravelReports.Done) {
			redirect.addFlashAttribute("notice", "travel.notice.flagCleared");
		}
		else {
			redirect.addFlashAttribute("error", responses.refusal(result, locale));
		}
		return "redirect:/screening/travel-flags";
	}

	private static Object nz(Object v) {
		return v == null ? "" : v;
	}

	private String t(String key, Locale locale) {
		return responses.text(key, locale);
	}
}
