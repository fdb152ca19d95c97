package org.bulwark.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bulwark.shared.PageQuery;
import org.bulwark.system.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A person's own travel reports and return filings on their phone: applying before leaving,
 * leaving, the return with the three histories, and the term's return filing.
 */
@Controller
@PreAuthorize("hasAuthority('PERM_SELF_SERVICE')")
class MeTravelController {

	private final TravelReports reports;
	private final ReturnFilings filings;
	private final Regions regions;
	private final TravelResponses responses;

	MeTravelController(TravelReports reports, ReturnFilings filings, Regions regions, TravelResponses responses) {
		this.reports = reports;
		this.filings = filings;
		this.regions = regions;
		this.responses = responses;
	}

	@GetMapping("/me/travel")
	String travel(Model model) {
		CurrentUser user = CurrentUser.get();
		model.addAttribute("hasPerson", user.personId().isPresent());
		model.addAttribute("reports", reports.mine(user));
		model.addAttribute("transports", Transport.values());
		model.addAttribute("today", reports.today());
		return "screening/me-travel";
	}

	/** Regions to pick from as the person types; {@code name} and {@code type} say what the inputs submit as. */
	@GetMapping("/me/travel/regions")
	String pick(@RequestParam(required = false) String q, @RequestParam(defaultValue = "destinations") String name,
			@RequestParam(defaultValue = "checkbox") String type, Model model) {
		model.addAttribute("choices", q == null || q.strip().isEmpty() ? List.of()
				: regions.search(q, null, new PageQuery(0, 12, "code", false)).items());
		model.addAttribute("inputName", name.matches("[\\w.\\[\\]]{1,40}") ? name : "destinations");
		model.addAttribute("inputType", "radio".equals(type) ? "radio" : "checkbox");
		return "screening/_travel-parts :: choices";
	}

	@PostMapping("/me/travel")
	String apply(@RequestParam(name = "destinations", required = false) List<String> destinations,
			@RequestParam(required = false) String leaveOn, @RequestParam(required = false) String returnOn,
			@RequestParam(required = false) String purpose, @RequestParam(required = false) Transport transport,
			@RequestParam(required = false) String transportDetail, Locale locale, RedirectAttributes redirect) {
		TravelReports.Result result = reports.apply(CurrentUser.get(), new TravelReports.Application(destinations, leaveOn,
				returnOn, purpose, transport, transportDetail));
		return done(result, "travel.notice.applied", locale, redirect);
	}

	@PostMapping("/me/travel/{id}/cancel")
	String cancel(@PathVariable long id, @RequestParam int version, Locale locale, RedirectAttributes redirect) {
		return done(reports.cancel(CurrentUser.get(), id, version), "travel.notice.cancelled", locale, redirect);
	}

	@PostMapping("/me/travel/{id}/depart")
	String depart(@PathVariable long id, @RequestParam int version, Locale locale, RedirectAttributes redirect) {
		return done(reports.depart(CurrentUser.get(), id, version), "travel.notice.departed", locale, redirect);
	}

	@GetMapping("/me/travel/{id}/return")
	String returnForm(@PathVariable long id, Model model) {
		TravelReports.Report report = reports.own(CurrentUser.get(), id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("report", report);
		model.addAttribute("today", reports.today());
		model.addAttribute("until", report.returnOn().isAfter(reports.today()) ? reports.today() : report.returnOn());
		return "screening/me-travel-return";
	}

	/**
	 * The return: {@code stays[i].region/from/to} for each planned destination (and one more place),
	 * the residence region with its address, the contact answer.
	 */
	@PostMapping("/me/travel/{id}/return")
	String registerReturn(@PathVariable long id, @RequestParam Map<String, String> form, Locale locale,
			RedirectAttributes redirect) {
		List<TravelReports.StayForm> stays = new ArrayList<>();
		for (int i = 0; i < TravelReports.MAX_STAYS; i++) {
			String region = form.get("stays[" + i + "].region");
			if (region != null && !region.isBlank()) {
				stays.add(new TravelReports.StayForm(TravelReports.StayKind.TRAVEL, region, form.get("stays[" + i + "].from"),
						form.get("stays[" + i + "].to")));
			}
		}
		String residence = form.get("residenceRegion");
		if (residence != null && !residence.isBlank()) {
			stays.add(new TravelReports.StayForm(TravelReports.StayKind.RESIDENCE, residence, form.get("residenceFrom"),
					form.get("residenceTo")));
		}
		String contact = form.get("contactRisk");
		int version = Integer.parseInt(form.getOrDefault("version", "-1"));
		TravelReports.Result result = reports.registerReturn(CurrentUser.get(), id, version, new TravelReports.ReturnForm(
				form.get("returnedOn"), stays, contact == null ? null : Boolean.valueOf(contact), form.get("contactHistory"),
				form.get("residenceAddress")));
		if (result instanceof TravelReports.Done done) {
			redirect.addFlashAttribute("notice", done.count() > 0 ? "travel.notice.returnedFlagged" : "travel.notice.returned");
			return "redirect:/me/travel";
		}
		redirect.addFlashAttribute("error", responses.refusal(result, locale));
		return "redirect:/me/travel/" + id + "/return";
	}

	@GetMapping("/me/return")
	String returnFiling(Model model) {
		CurrentUser user = CurrentUser.get();
		model.addAttribute("hasPerson", user.personId().isPresent());
		model.addAttribute("campaigns", filings.mine(user));
		model.addAttribute("transports", Transport.values());
		model.addAttribute("results", ReturnRules.TestResult.values());
		model.addAttribute("today", filings.today());
		return "screening/me-return";
	}

	@PostMapping("/me/return/{campaignId}")
	String file(@PathVariable long campaignId, @RequestParam(required = false) String arriveOn,
			@RequestParam(required = false) Transport transport, @RequestParam(required = false) String transportDetail,
			@RequestParam(required = false) String fromRegion, @RequestParam(required = false) String fromAddress,
			@RequestParam(required = false) ReturnRules.TestResult testResult, @RequestParam(required = false) String testDate,
			@RequestParam(required = false) Integer version, Locale locale, RedirectAttributes redirect) {
		ReturnFilings.Result result = filings.file(CurrentUser.get(), campaignId, new ReturnFilings.FilingForm(arriveOn,
				transport, transportDetail, fromRegion, fromAddress, testResult, testDate), version);
		if (result instanceof ReturnFilings.Done) {
			redirect.addFlashAttribute("notice", "returnFiling.notice.filed");
		}
		else {
			redirect.addFlashAttribute("error", responses.refusal(result, locale));
		}
		return "redirect:/me/return";
	}

	private String done(TravelReports.Result result, String notice, Locale locale, RedirectAttributes redirect) {
		if (result instanceof TravelReports.Done) {
			redirect.addFlashAttribute("notice", notice);
		}
		else {
			redirect.addFlashAttribute("error", responses.refusal(result, locale));
		}
		return "redirect:/me/travel";
	}
}
