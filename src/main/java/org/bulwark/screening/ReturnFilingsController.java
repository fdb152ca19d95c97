package org.bulwark.screening;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.directory.Population;
import org.bulwark.directory.Registry;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.TableExport;
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

/** Return filing campaigns for the office and the units: opening one, the filings with bulk decisions, completeness. */
@Controller
@PreAuthorize("hasAnyAuthority('PERM_TRAVEL_APPROVE', 'PERM_SCREENING_READ')")
class ReturnFilingsController {

	private final ReturnFilings filings;
	private final Registry registry;
	private final TravelResponses responses;
	private final AuditLog audit;

	ReturnFilingsController(ReturnFilings filings, Registry registry, TravelResponses responses, AuditLog audit) {
		this.filings = filings;
		this.registry = registry;
		this.responses = responses;
		this.audit = audit;
	}

	@GetMapping("/screening/return-campaigns")
	String campaigns(Model model) {
		model.addAttribute("campaigns", filings.campaigns(CurrentUser.get().schoolId()));
		model.addAttribute("populations", Population.values());
		return "screening/return-campaigns";
	}

	@PostMapping("/screening/return-campaigns")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	String create(@RequestParam(required = false) String term, @RequestParam(required = false) String name,
			@RequestParam(required = false) String arriveFrom, @RequestParam(required = false) String arriveTo,
			@RequestParam(required = false) Integer checkInDays, @RequestParam(defaultValue = "false") boolean testRequired,
			@RequestParam(required = false) Integer testValidDays, @RequestParam(required = false) String orgUnit,
			@RequestParam(required = false) List<Population> populations, Locale locale, RedirectAttributes redirect) {
		ReturnFilings.Result result = filings.createCampaign(CurrentUser.get(), new ReturnFilings.CampaignForm(term, name,
				arriveFrom, arriveTo, checkInDays, testRequired, testValidDays, orgUnit, populations));
		if (result instanceof ReturnFilings.Done done) {
			redirect.addFlashAttribute("notice", "returnFiling.notice.campaignOpened");
			return "redirect:/screening/return-campaigns/" + done.id();
		}
		redirect.addFlashAttribute("error", responses.refusal(result, locale));
		return "redirect:/screening/return-campaigns";
	}

	@PostMapping("/screening/return-campaigns/{id}/close")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	String close(@PathVariable long id, @RequestParam int version, Locale locale, RedirectAttributes redirect) {
		ReturnFilings.Result result = filings.closeCampaign(CurrentUser.get(), id, version);
		if (result instanceof ReturnFilings.Done) {
			redirect.addFlashAttribute("notice", "returnFiling.notice.closed");
		}
		else {
			redirect.addFlashAttribute("error", responses.refusal(result, locale));
		}
		return "redirect:/screening/return-campaigns/" + id;
	}

	record Params(ReturnFilings.View view, String q, String unit, Integer page) {
	}

	@GetMapping("/screening/return-campaigns/{id}")
	String campaign(@PathVariable long id, Params params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		CurrentUser user = CurrentUser.get();
		ReturnFilings.Campaign c = campaign(user, id);
		Long unitId = unitId(user, params.unit());
		model.addAttribute("campaign", c);
		model.addAttribute("params", params);
		model.addAttribute("view", params.view() == null ? ReturnFilings.View.ALL : params.view());
		model.addAttribute("views", ReturnFilings.View.values());
		model.addAttribute("result", filings.filings(user, c, new ReturnFilings.Filter(params.view(), params.q(), unitId),
				new PageQuery(params.page() == null ? 0 : params.page(), 50, null, false)));
		if (htmx != null && boosted == null) {
			return "screening/return-campaign :: results";
		}
		List<ReturnFilings.UnitLine> lines = filings.completeness(user, c, unitId);
		model.addAttribute("lines", lines);
		model.addAttribute("totalExpected", lines.stream().mapToLong(ReturnFilings.UnitLine::expected).sum());
		model.addAttribute("totalFiled", lines.stream().mapToLong(ReturnFilings.UnitLine::filed).sum());
		model.addAttribute("totalApproved", lines.stream().mapToLong(ReturnFilings.UnitLine::approved).sum());
		return "screening/return-campaign";
	}

	@PostMapping("/screening/return-campaigns/{id}/decisions")
	@PreAuthorize("hasAuthority('PERM_TRAVEL_APPROVE')")
	String decide(@PathVariable long id, @RequestParam(name = "item", required = false) List<String> items,
			@RequestParam(required = false) TravelChain.Decision decision, @RequestParam(required = false) String reason,
			Locale locale, RedirectAttributes redirect) {
		List<ReturnFilings.Item> parsed = new ArrayList<>();
		for (String item : items == null ? List.<String>of() : items) {
			String[] parts = item.split(":");
			parsed.add(new ReturnFilings.Item(Long.parseLong(parts[0]), Integer.parseInt(parts[1])));
		}
		ReturnFilings.Result result = filings.decide(CurrentUser.get(), id, parsed, decision, reason);
		if (result instanceof ReturnFilings.Done done) {
			redirect.addFlashAttribute("notice", decision == TravelChain.Decision.APPROVED ? "returnFiling.notice.approved"
					: "returnFiling.notice.rejected");
			redirect.addFlashAttribute("noticeArgs", new Object[] {done.count()});
		}
		else {
			redirect.addFlashAttribute("error", responses.refusal(result, locale));
		}
		return "redirect:/screening/return-campaigns/" + id + "?view=FILED";
	}

	@GetMapping("/screening/return-campaigns/{id}/export")
	void export(@PathVariable long id, Params params, @RequestParam(defaultValue = "xlsx") String format, Locale locale,
			HttpServletResponse response) throws IOException {
		CurrentUser user = CurrentUser.get();
		ReturnFilings.Campaign c = campaign(user, id);
		List<ReturnFilings.Filing> rows = filings.allFilings(user, c,
				new ReturnFilings.Filter(params.view(), params.q(), unitId(user, params.unit())));
		TableExport.Format f = TableExport.Format.of(format);
		try (TableExport out = TableExport.download(response, f, "return-filings-" + c.id(),
				t("returnFiling.title", locale))) {
			out.header(List.of(t("person.code", locale), t("travel.person", locale), t("travel.unit", locale),
					t("travel.statusLabel", locale), t("returnFiling.arriveOn", locale), t("travel.transport", locale),
					t("returnFiling.fromRegion", locale), t("returnFiling.fromAddress", locale),
					t("returnFiling.testResult", locale), t("returnFiling.testDate", locale),
					t("returnFiling.checkInsLabel", locale), t("returnFiling.shortfalls", locale)));
			for (ReturnFilings.Filing r : rows) {
				List<Object> row = new ArrayList<>();
				row.add(r.personCode() == null ? "" : r.personCode());
				row.add(r.personName());
				row.add(r.orgUnitName() == null ? "" : r.orgUnitName());
				row.add(r.id() == null ? t("returnFiling.status.MISSING", locale) : t("returnFiling.status." + r.status(), locale));
				row.add(r.arriveOn() == null ? "" : r.arriveOn());
				row.add(r.transport() == null ? "" : t("transport." + r.transport(), locale));
				row.add(r.fromRegionName() == null ? "" : r.fromRegionName());
				row.add(r.fromAddress() == null ? "" : r.fromAddress());
				row.add(r.testResult() == null ? "" : t("returnFiling.test." + r.testResult(), locale));
				row.add(r.testDate() == null ? "" : r.testDate());
				row.add(r.id() == null ? "" : r.checkInsDone() + "/" + r.checkInsRequired());
				row.add(String.join("、", r.shortfalls().stream().map(x -> t("returnFiling.shortfall." + x, locale)).toList()));
				out.row(row);
			}
		}
		audit.record(AuditAction.EXPORT, "return_filing", c.id(), rows.size() + " rows of " + c.term() + " (" + f.extension() + ")");
	}

	@GetMapping("/screening/return-campaigns/{id}/completeness/export")
	void exportCompleteness(@PathVariable long id, @RequestParam(required = false) String unit,
			@RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response) throws IOException {
		CurrentUser user = CurrentUser.get();
		ReturnFilings.Campaign c = campaign(user, id);
		List<ReturnFilings.UnitLine> lines = filings.completeness(user, c, unitId(user, unit));
		TableExport.Format f = TableExport.Format.of(format);
		try (TableExport out = TableExport.download(response, f, "return-completeness-" + c.id(),
				t("returnFiling.completeness", locale))) {
			out.header(List.of(t("travel.unit", locale), t("returnFiling.expected", locale), t("returnFiling.filed", locale),
					t("returnFiling.approved", locale), t("returnFiling.missing", locale)));
			for (ReturnFilings.UnitLine l : lines) {
				out.row(List.of(l.name() == null ? t("returnFiling.noUnit", locale) : l.name(), l.expected(), l.filed(),
						l.approved(), l.missing()));
			}
		}
		audit.record(AuditAction.EXPORT, "return_campaign", c.id(), "completeness of " + c.term() + " (" + f.extension() + ")");
	}

	private ReturnFilings.Campaign campaign(CurrentUser user, long id) {
		return filings.campaign(user.schoolId(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private Long unitId(CurrentUser user, String unit) {
		if (unit == null || unit.isBlank()) {
			return null;
		}
		return registry.orgUnitsByCode(user, List.of(unit.strip())).stream().findFirst().map(Registry.OrgUnitRef::id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private String t(String key, Locale locale) {
		return responses.text(key, locale);
	}
}
