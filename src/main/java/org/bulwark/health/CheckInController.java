package org.bulwark.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.bulwark.directory.FieldProblem;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Languages;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The self check-in on a phone: today's slots and the form for the slot asked for now. Nothing is
 * prefilled from earlier answers (scripts that resubmit yesterday's form are the known abuse);
 * each form carries a fresh request id so a double tap or a retried post stores one check-in.
 */
@Controller
@PreAuthorize("hasAuthority('PERM_SELF_SERVICE')")
class CheckInController {

	private final CheckIns checkIns;
	private final MessageSource messages;
	private final SymptomNames symptomNames;
	private final Proxies proxies;
	private final Languages languages;

	CheckInController(CheckIns checkIns, MessageSource messages, SymptomNames symptomNames, Proxies proxies,
			Languages languages) {
		this.checkIns = checkIns;
		this.messages = messages;
		this.symptomNames = symptomNames;
		this.proxies = proxies;
		this.languages = languages;
	}

	/** What the person typed, shown again only when it was rejected. */
	record Entered(String temperature, List<String> symptoms, String onCampus, String city) {

		static final Entered EMPTY = new Entered("", List.of(), "", "");
	}

	@GetMapping("/me/check-in")
	String page(@RequestParam(required = false) String saved, Model model, Locale locale) {
		model.addAttribute("saved", saved);
		return show(model, Entered.EMPTY, Map.of(), Instant.now(), locale);
	}

	@PostMapping("/me/check-in")
	String submit(@RequestParam(required = false) String slotCode, @RequestParam(required = false) String temperature,
			@RequestParam(required = false) List<String> symptoms, @RequestParam(required = false) String onCampus,
			@RequestParam(required = false) String city, @RequestParam(required = false) String requestId, Model model,
			Locale locale) {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		Entered entered = new Entered(temperature, symptoms == null ? List.of() : symptoms, onCampus, city);
		if (user.personId().isEmpty()) {
			return show(model, entered, Map.of(), now, locale);
		}
		BigDecimal value = CheckInForms.temperature(temperature);
		if (CheckInForms.notANumber(temperature)) {
			return show(model, entered, CheckInForms.errors(List.of(FieldProblem.of("temperature",
					"health.temperature.number")), messages, locale), now, locale);
		}
		Boolean campus = onCampus == null || onCampus.isBlank() ? null : Boolean.valueOf(onCampus);
		CheckIns.Outcome outcome = checkIns.submit(user, new CheckIns.Submission(user.personId().get(), slotCode, value,
				entered.symptoms(), campus, city, now, requestId, CheckIns.Source.SELF), now);
		if (outcome instanceof CheckIns.Saved saved) {
			return "redirect:/me/check-in?saved=" + saved.recorded().slotCode();
		}
		if (outcome instanceof CheckIns.Rejected rejected) {
			return show(model, entered, CheckInForms.errors(rejected.problems(), messages, locale), now, locale);
		}
		return show(model, entered, Map.of(), now, locale);
	}

	private String show(Model model, Entered entered, Map<String, List<String>> errors, Instant now, Locale locale) {
		CurrentUser user = CurrentUser.get();
		CheckIns.Day day = checkIns.today(user, now).orElse(null);
		model.addAttribute("day", day);
		model.addAttribute("symptomNames", symptomNames.names(day == null ? null : day.profile(), locale));
		model.addAttribute("hasDependants", user.personId()
			.map(id -> !proxies.dependants(user.schoolId(), id).isEmpty()).orElse(false));
		model.addAttribute("languages", languages.all());
		model.addAttribute("entered", entered);
		model.addAttribute("errors", errors);
		model.addAttribute("requestId", UUID.randomUUID().toString());
		model.addAttribute("minTemperature", CheckIns.MIN_TEMPERATURE);
		model.addAttribute("maxTemperature", CheckIns.MAX_TEMPERATURE);
		return "health/check-in";
	}
}
