package org.bulwark.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.Registry.Subject;
import org.bulwark.system.Languages;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;

/**
 * The one screen on which a proxy reports for all their dependants, shared by {@code /me/proxy} and
 * the proxy's personal link. Each dependant is a block of the same fields as the self check-in, named
 * by person ({@code t-42}, {@code s-42}, …); a block left empty is not sent. After a submission the
 * saved people show their result and only the rejected ones keep their answers for correction, under
 * the same request id, so sending again stores nothing twice.
 */
@Component
class ProxyScreen {

	private final CheckIns checkIns;
	private final Proxies proxies;
	private final ProxyReports reports;
	private final SymptomNames symptomNames;
	private final MessageSource messages;
	private final Languages languages;

	ProxyScreen(CheckIns checkIns, Proxies proxies, ProxyReports reports, SymptomNames symptomNames,
			MessageSource messages, Languages languages) {
		this.checkIns = checkIns;
		this.proxies = proxies;
		this.reports = reports;
		this.symptomNames = symptomNames;
		this.messages = messages;
		this.languages = languages;
	}

	/** What was typed for one dependant. */
	record Entered(String temperature, List<String> symptoms, String onCampus, String city) {

		static final Entered EMPTY = new Entered("", List.of(), "", "");

		boolean blank() {
			return (temperature == null || temperature.isBlank()) && symptoms.isEmpty()
					&& (onCampus == null || onCampus.isBlank()) && (city == null || city.isBlank());
		}
	}

	/** One dependant's block: their day, what was typed, the problems and the result of the last submission. */
	record Row(Subject person, Proxies.Basis basis, CheckIns.Day day, Map<String, String> symptomNames, Entered entered,
			Map<String, List<String>> errors, ProxyReports.ItemResult result) {

		public boolean saved() {
			return result != null
					&& (result.status() == ProxyReports.Status.SAVED || result.status() == ProxyReports.Status.REPLAYED);
		}
	}

	String show(Model model, long schoolId, long proxyPersonId, String action, String backHref, Instant now,
			Locale locale) {
		return show(model, schoolId, proxyPersonId, action, backHref, Map.of(), Map.of(), List.of(),
				UUID.randomUUID().toString(), now, locale);
	}

	/** Handles a submission of the screen and shows it again with each person's result. */
	String submit(Model model, long schoolId, long proxyPersonId, Long userId, Long linkId, String action,
			String backHref, MultiValueMap<String, String> form, Instant now, Locale locale) {
		String requestId = form.getFirst("requestId");
		Map<Long, Entered> entered = new LinkedHashMap<>();
		List<ProxyReports.Item> items = new ArrayList<>();
		for (String value : form.getOrDefault("person", List.of())) {
			Long id = parseId(value);
			if (id == null || entered.containsKey(id)) {
				continue;
			}
			Entered e = new Entered(form.getFirst("t-" + id), form.getOrDefault("s-" + id, List.of()),
					form.getFirst("c-" + id), form.getFirst("city-" + id));
			entered.put(id, e);
			if (e.blank()) {
				continue;
			}
			List<FieldProblem> early = CheckInForms.notANumber(e.temperature())
					? List.of(FieldProblem.of("temperature", "health.temperature.number")) : List.of();
			Boolean campus = e.onCampus() == null || e.onCampus().isBlank() ? null : Boolean.valueOf(e.onCampus());
			items.add(new ProxyReports.Item(id, form.getFirst("slot-" + id), CheckInForms.temperature(e.temperature()),
					e.symptoms(), campus, e.city(), early));
		}
		ProxyReports.Outcome outcome = reports.submit(schoolId, proxyPersonId, userId, linkId, items,
				requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId, now);
		Map<Long, ProxyReports.ItemResult> results = new LinkedHashMap<>();
		List<String> general = new ArrayList<>();
		if (outcome instanceof ProxyReports.Done done) {
			done.items().forEach(r -> results.put(r.personId(), r));
			model.addAttribute("allSaved", done.allSaved());
			model.addAttribute("savedCount", done.items().stream().filter(r -> r.status() == ProxyReports.Status.SAVED
					|| r.status() == ProxyReports.Status.REPLAYED).count());
			model.addAttribute("failedCount", done.items().stream().filter(r -> r.status() == ProxyReports.Status.INVALID
					|| r.status() == ProxyReports.Status.NOT_FOUND).count());
		}
		else if (outcome instanceof ProxyReports.Rejected rejected) {
			rejected.problems().forEach(p -> general.add(CheckInForms.message(p, messages, locale)));
		}
		return show(model, schoolId, proxyPersonId, action, backHref, entered, results, general,
				requestId == null || requestId.isBlank() ? UUID.randomUUID().toString() : requestId, now, locale);
	}

	private String show(Model model, long schoolId, long proxyPersonId, String action, String backHref,
			Map<Long, Entered> entered, Map<Long, ProxyReports.ItemResult> results, List<String> general,
			String requestId, Instant now, Locale locale) {
		List<Row> rows = new ArrayList<>();
		for (Proxies.Dependant d : proxies.dependants(schoolId, proxyPersonId)) {
			CheckIns.Day day = checkIns.today(schoolId, d.person(), now);
			ProxyReports.ItemResult result = results.get(d.person().personId());
			boolean saved = result != null
					&& (result.status() == ProxyReports.Status.SAVED || result.status() == ProxyReports.Status.REPLAYED);
			Entered e = saved ? Entered.EMPTY : entered.getOrDefault(d.person().personId(), Entered.EMPTY);
			Map<String, List<String>> errors = result == null ? Map.of()
					: CheckInForms.errors(result.problems(), messages, locale);
			rows.add(new Row(d.person(), d.basis(), day, symptomNames.names(day.profile(), locale), e, errors, result));
		}
		model.addAttribute("rows", rows);
		model.addAttribute("general", general);
		model.addAttribute("action", action);
		model.addAttribute("backHref", backHref);
		// a fully saved screen starts a new submission; otherwise a retry must repeat the same id
		boolean fresh = Boolean.TRUE.equals(model.getAttribute("allSaved"));
		model.addAttribute("requestId", fresh ? UUID.randomUUID().toString() : requestId);
		model.addAttribute("languages", languages.all());
		model.addAttribute("minTemperature", CheckIns.MIN_TEMPERATURE);
		model.addAttribute("maxTemperature", CheckIns.MAX_TEMPERATURE);
		return "health/proxy";
	}

	private static Long parseId(String s) {
		try {
			return s == null ? null : Long.valueOf(s.strip());
		}
		catch (NumberFormatException e) {
			return null;
		}
	}
}
