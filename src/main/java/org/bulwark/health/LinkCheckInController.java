package org.bulwark.health;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.Registry;
import org.bulwark.directory.Registry.Subject;
import org.bulwark.system.Languages;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The check-in through a personal link, without signing in: the same form and rules as
 * {@code /me/check-in}, and the proxy screen when the holder reports for dependants. A token that is
 * unknown, revoked or expired gets one neutral page, the same for all three, which names nobody; so
 * does a token or an address that has used up its rate.
 */
@Controller
class LinkCheckInController {

	private final CheckInLinks links;
	private final CheckIns checkIns;
	private final Registry registry;
	private final Proxies proxies;
	private final ProxyScreen proxyScreen;
	private final LinkThrottle throttle;
	private final SymptomNames symptomNames;
	private final MessageSource messages;
	private final Languages languages;

	LinkCheckInController(CheckInLinks links, CheckIns checkIns, Registry registry, Proxies proxies,
			ProxyScreen proxyScreen, LinkThrottle throttle, SymptomNames symptomNames, MessageSource messages,
			Languages languages) {
		this.links = links;
		this.checkIns = checkIns;
		this.registry = registry;
		this.proxies = proxies;
		this.proxyScreen = proxyScreen;
		this.throttle = throttle;
		this.symptomNames = symptomNames;
		this.messages = messages;
		this.languages = languages;
	}

	/** The holder of a link in force and who they are, or the neutral answer already prepared. */
	private record Opened(CheckInLinks.Holder holder, Subject person) {
	}

	private Optional<Opened> open(String token, HttpServletRequest request, HttpServletResponse response, Model model,
			Instant now) {
		model.addAttribute("languages", languages.all());
		if (!throttle.allow(token, request.getRemoteAddr(), now)) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			model.addAttribute("reason", "tooMany");
			return Optional.empty();
		}
		Optional<Opened> opened = links.open(token, now)
			.flatMap(h -> registry.findInSchool(h.schoolId(), h.personId()).map(p -> new Opened(h, p)));
		if (opened.isEmpty()) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			model.addAttribute("reason", "invalid");
		}
		return opened;
	}

	@GetMapping("/link/{token}")
	String page(@PathVariable String token, @RequestParam(required = false) String saved, HttpServletRequest request,
			HttpServletResponse response, Model model, Locale locale) {
		Instant now = Instant.now();
		Optional<Opened> opened = open(token, request, response, model, now);
		if (opened.isEmpty()) {
			return "health/link-invalid";
		}
		model.addAttribute("saved", saved);
		return show(model, token, opened.get(), CheckInController.Entered.EMPTY, Map.of(), now, locale);
	}

	@PostMapping("/link/{token}")
	String submit(@PathVariable String token, @RequestParam(required = false) String slotCode,
			@RequestParam(required = false) String temperature, @RequestParam(required = false) List<String> symptoms,
			@RequestParam(required = false) String onCampus, @RequestParam(required = false) String city,
			@RequestParam(required = false) String requestId, HttpServletRequest request, HttpServletResponse response,
			Model model, Locale locale) {
		Instant now = Instant.now();
		Optional<Opened> opened = open(token, request, response, model, now);
		if (opened.isEmpty()) {
			return "health/link-invalid";
		}
		CheckInController.Entered entered = new CheckInController.Entered(temperature,
				symptoms == null ? List.of() : symptoms, onCampus, city);
		if (CheckInForms.notANumber(temperature)) {
			return show(model, token, opened.get(), entered, CheckInForms.errors(List.of(FieldProblem.of("temperature",
					"health.temperature.number")), messages, locale), now, locale);
		}
		Boolean campus = onCampus == null || onCampus.isBlank() ? null : Boolean.valueOf(onCampus);
		Opened o = opened.get();
		CheckIns.Outcome outcome = checkIns.submit(o.holder().schoolId(), Optional.of(o.person()),
				new CheckIns.Submission(o.person().personId(), slotCode, CheckInForms.temperature(temperature),
						entered.symptoms(), campus, city, now, requestId, CheckIns.Source.LINK),
				new CheckIns.Submitter(null, o.person().personId(), o.holder().linkId()), now);
		if (outcome instanceof CheckIns.Saved saved) {
			return "redirect:/link/" + token + "?saved=" + saved.recorded().slotCode();
		}
		if (outcome instanceof CheckIns.Rejected rejected) {
			return show(model, token, o, entered, CheckInForms.errors(rejected.problems(), messages, locale), now, locale);
		}
		return show(model, token, o, entered, Map.of(), now, locale);
	}

	@GetMapping("/link/{token}/proxy")
	String proxy(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model,
			Locale locale) {
		Instant now = Instant.now();
		Optional<Opened> opened = open(token, request, response, model, now);
		if (opened.isEmpty()) {
			return "health/link-invalid";
		}
		model.addAttribute("holderName", CheckInForms.maskedName(opened.get().person().name()));
		return proxyScreen.show(model, opened.get().holder().schoolId(), opened.get().person().personId(),
				"/link/" + token + "/proxy", "/link/" + token, now, locale);
	}

	@PostMapping("/link/{token}/proxy")
	String proxySubmit(@PathVariable String token, @RequestParam MultiValueMap<String, String> form,
			HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
		Instant now = Instant.now();
		Optional<Opened> opened = open(token, request, response, model, now);
		if (opened.isEmpty()) {
			return "health/link-invalid";
		}
		Opened o = opened.get();
		model.addAttribute("holderName", CheckInForms.maskedName(o.person().name()));
		return proxyScreen.submit(model, o.holder().schoolId(), o.person().personId(), null, o.holder().linkId(),
				"/link/" + token + "/proxy", "/link/" + token, form, now, locale);
	}

	private String show(Model model, String token, Opened o, CheckInController.Entered entered,
			Map<String, List<String>> errors, Instant now, Locale locale) {
		CheckIns.Day day = checkIns.today(o.holder().schoolId(), o.person(), now);
		model.addAttribute("day", day);
		model.addAttribute("symptomNames", symptomNames.names(day.profile(), locale));
		model.addAttribute("holderName", CheckInForms.maskedName(o.person().name()));
		model.addAttribute("token", token);
		model.addAttribute("hasDependants", !proxies.dependants(o.holder().schoolId(), o.person().personId()).isEmpty());
		model.addAttribute("entered", entered);
		model.addAttribute("errors", errors);
		model.addAttribute("requestId", UUID.randomUUID().toString());
		model.addAttribute("minTemperature", CheckIns.MIN_TEMPERATURE);
		model.addAttribute("maxTemperature", CheckIns.MAX_TEMPERATURE);
		return "health/link-check-in";
	}
}
