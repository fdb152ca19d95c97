package org.bulwark.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bulwark.directory.FieldProblem;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.bulwark.system.CurrentUser;

/**
 * The canteen manager's morning check of food staff: the food-service units with who must not work
 * today and who is not checked yet, and one keyboard-friendly sheet per unit.
 */
@Controller
@PreAuthorize("hasAuthority('PERM_CANTEEN_CHECK')")
class CanteenController {

	private static final Pattern ROW = Pattern.compile("^items\\[(\\d+)]\\.(.+)$");

	private final CanteenChecks canteen;
	private final CheckIns checkIns;
	private final MessageSource messages;

	CanteenController(CanteenChecks canteen, CheckIns checkIns, MessageSource messages) {
		this.canteen = canteen;
		this.checkIns = checkIns;
		this.messages = messages;
	}

	record Entered(String temperature, List<String> symptoms, String fit, String reason) {
	}

	@GetMapping("/health/canteen")
	String overview(@RequestParam(required = false) String q, Model model) {
		CurrentUser user = CurrentUser.get();
		LocalDate today = today();
		model.addAttribute("date", today);
		model.addAttribute("zone", checkIns.zone());
		model.addAttribute("units", canteen.units(user, today));
		model.addAttribute("unfit", canteen.unfit(user, today));
		model.addAttribute("q", q);
		model.addAttribute("candidates", canteen.candidates(user, q));
		return "health/canteen";
	}

	@PostMapping("/health/canteen/units")
	String addUnit(@RequestParam long unit, RedirectAttributes redirect) {
		if (!canteen.addUnit(CurrentUser.get(), unit)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("notice", "canteen.notice.unitAdded");
		return "redirect:/health/canteen/" + unit;
	}

	@GetMapping("/health/canteen/{unit}")
	String sheet(@PathVariable long unit,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(required = false) Integer saved, Model model) {
		LocalDate day = date == null ? today() : date;
		CanteenChecks.Sheet sheet = canteen.sheet(CurrentUser.get(), unit, day)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("saved", saved);
		return show(model, sheet, Map.of(), Map.of());
	}

	@PostMapping("/health/canteen/{unit}")
	String save(@PathVariable long unit, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(required = false) String requestId, @RequestParam MultiValueMap<String, String> form, Model model,
			Locale locale) {
		CurrentUser user = CurrentUser.get();
		CanteenChecks.Sheet sheet = canteen.sheet(user, unit, date)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Map<Long, Entered> entered = new LinkedHashMap<>();
		List<CanteenChecks.Item> items = new ArrayList<>();
		Map<Integer, Long> rowPerson = new LinkedHashMap<>();
		Map<String, List<String>> errors = new LinkedHashMap<>();
		for (CanteenChecks.Row row : sheet.rows()) {
			long id = row.member().personId();
			String temperature = form.getFirst("temperature_" + id);
			List<String> symptoms = form.getOrDefault("symptoms_" + id, List.of());
			String fit = form.getFirst("fit_" + id);
			String reason = form.getFirst("reason_" + id);
			if (row.away()) {
				continue;
			}
			entered.put(id, new Entered(temperature, symptoms, fit, reason));
			// a row left blank is not checked yet; it is not an error
			if ((temperature == null || temperature.isBlank()) && symptoms.isEmpty() && (reason == null || reason.isBlank())
					&& (fit == null || fit.isBlank())) {
				continue;
			}
			BigDecimal t = parse(temperature);
			if (t == null && temperature != null && !temperature.isBlank()) {
				errors.computeIfAbsent(id + ".temperature", x -> new ArrayList<>())
					.add(message(FieldProblem.of("temperature", "health.temperature.number"), locale));
				continue;
			}
			rowPerson.put(items.size(), id);
			items.add(new CanteenChecks.Item(id, t, symptoms, fit == null || fit.isBlank() ? null : Boolean.valueOf(fit),
					reason));
		}
		if (errors.isEmpty()) {
			CanteenChecks.Outcome outcome = canteen.save(user, unit, date, items, requestId, Instant.now());
			if (outcome instanceof CanteenChecks.Saved s) {
				return "redirect:/health/canteen/" + unit + "?date=" + date + "&saved=" + s.saved();
			}
			if (outcome instanceof CanteenChecks.Rejected r) {
				for (FieldProblem p : r.problems()) {
					Matcher m = ROW.matcher(p.field());
					String key = m.matches() && rowPerson.containsKey(Integer.valueOf(m.group(1)))
							? rowPerson.get(Integer.valueOf(m.group(1))) + "." + m.group(2) : p.field();
					errors.computeIfAbsent(key, x -> new ArrayList<>()).add(message(p, locale));
				}
			}
			else {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
		}
		return show(model, sheet, entered, errors);
	}

	private String show(Model model, CanteenChecks.Sheet sheet, Map<Long, Entered> entered,
			Map<String, List<String>> errors) {
		model.addAttribute("sheet", sheet);
		model.addAttribute("zone", checkIns.zone());
		model.addAttribute("today", today());
		model.addAttribute("symptoms", FitForDuty.Symptom.values());
		model.addAttribute("entered", entered);
		model.addAttribute("errors", errors);
		model.addAttribute("requestId", UUID.randomUUID().toString().replace("-", ""));
		return "health/canteen-sheet";
	}

	private LocalDate today() {
		return Instant.now().atZone(checkIns.zone()).toLocalDate();
	}

	private String message(FieldProblem p, Locale locale) {
		return messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale);
	}

	private static BigDecimal parse(String s) {
		if (s == null || s.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(s.strip().replace(',', '.'));
		}
		catch (NumberFormatException e) {
			return null;
		}
	}
}
