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

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.Groups;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The roll-call screen (晨午检): choose a group, day and slot; everyone present and well in one
 * action, then the exceptions row by row from the keyboard. Each form carries a fresh request id (a double click saves once) and the version it was
 * loaded at (a save over someone else's is refused, not merged silently).
 */
@Controller
@PreAuthorize("hasAuthority('PERM_CHECK_IN_RECORD')")
class RollCallController {

	private final RollCalls rollCalls;
	private final Groups groups;
	private final CheckIns checkIns;
	private final MessageSource messages;

	RollCallController(RollCalls rollCalls, Groups groups, CheckIns checkIns, MessageSource messages) {
		this.rollCalls = rollCalls;
		this.groups = groups;
		this.checkIns = checkIns;
		this.messages = messages;
	}

	/** What was typed on one row, shown again when the save was refused. */
	record Entered(String mark, String temperature, List<String> symptoms, String note) {
	}

	@GetMapping("/health/roll-call")
	String screen(@RequestParam(required = false) Groups.Kind kind, @RequestParam(required = false) Long group,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(required = false) String slot, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer saved,
			@RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		LocalDate day = date == null ? today(now) : date;
		Groups.Kind k = kind == null ? Groups.Kind.ORG_UNIT : kind;
		model.addAttribute("kind", k);
		model.addAttribute("kinds", Groups.Kind.values());
		model.addAttribute("date", day);
		model.addAttribute("today", today(now));
		model.addAttribute("q", q);
		if (group == null) {
			model.addAttribute("choices", q == null || q.isBlank() ? groups.expected(user).stream().limit(100).toList()
					: groups.search(user, k, q, 50));
			if (htmx != null && boosted == null) {
				return "health/roll-call :: choices";
			}
			return "health/roll-call";
		}
		RollCalls.Sheet sheet = rollCalls.sheet(user, k, group, day, slot, now).orElse(null);
		if (sheet == null) {
			throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
		}
		model.addAttribute("saved", saved);
		return show(model, user, sheet, Map.of(), Map.of(), null, null);
	}

	@PostMapping("/health/roll-call")
	String save(@RequestParam Groups.Kind kind, @RequestParam long group,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, @RequestParam String slot,
			@RequestParam(required = false) Integer version, @RequestParam(required = false) String requestId,
			@RequestParam MultiValueMap<String, String> form, Model model, Locale locale) {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		RollCalls.Sheet sheet = rollCalls.sheet(user, kind, group, date, slot, now).orElse(null);
		if (sheet == null) {
			throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
		}
		Map<Long, Entered> entered = new LinkedHashMap<>();
		List<RollCallRules.Input> inputs = new ArrayList<>();
		Map<Integer, Long> rowPerson = new LinkedHashMap<>();
		Map<String, List<String>> errors = new LinkedHashMap<>();
		for (RollCalls.Row row : sheet.rows()) {
			if (row.away()) {
				continue;
			}
			long id = row.member().personId();
			String mark = form.getFirst("mark_" + id);
			String temperature = form.getFirst("temperature_" + id);
			List<String> symptoms = form.getOrDefault("symptoms_" + id, List.of());
			String note = form.getFirst("note_" + id);
			entered.put(id, new Entered(mark, temperature, symptoms, note));
			if (mark == null || mark.isBlank()) {
				continue;
			}
			BigDecimal t = parse(temperature);
			if (t == null && temperature != null && !temperature.isBlank()) {
				errors.computeIfAbsent(id + ".temperature", x -> new ArrayList<>())
					.add(message(FieldProblem.of("temperature", "health.temperature.number"), locale));
				continue;
			}
			boolean absent = mark.equals("SICK") || mark.equals("PERSONAL") || mark.equals("OTHER");
			rowPerson.put(inputs.size(), id);
			inputs.add(new RollCallRules.Input(id, absent ? "ABSENT" : mark, absent ? null : t, absent ? List.of() : symptoms,
					absent ? mark : null, note));
		}
		if (errors.isEmpty()) {
			RollCalls.Outcome outcome = rollCalls.save(user, new RollCalls.Save(kind, group, date, slot, version, false, inputs,
					requestId), now);
			if (outcome instanceof RollCalls.Saved saved) {
				return "redirect:/health/roll-call?kind=" + kind + "&group=" + group + "&date=" + date + "&slot=" + slot
						+ "&saved=" + saved.version();
			}
			if (outcome instanceof RollCalls.Conflict conflict) {
				return show(model, user, sheet, entered, Map.of(), conflict, version);
			}
			if (outcome instanceof RollCalls.Rejected rejected) {
				for (FieldProblem p : rejected.problems()) {
					String key = p.field();
					java.util.regex.Matcher m = java.util.regex.Pattern.compile("^marks\\[(\\d+)]\\.(.+)$").matcher(key);
					if (m.matches() && rowPerson.containsKey(Integer.valueOf(m.group(1)))) {
						key = rowPerson.get(Integer.valueOf(m.group(1))) + "." + m.group(2);
					}
					errors.computeIfAbsent(key, x -> new ArrayList<>()).add(message(p, locale));
				}
			}
			else {
				throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
			}
		}
		return show(model, user, sheet, entered, errors, null, version);
	}

	private String show(Model model, CurrentUser user, RollCalls.Sheet sheet, Map<Long, Entered> entered,
			Map<String, List<String>> errors, RollCalls.Conflict conflict, Integer version) {
		model.addAttribute("sheet", sheet);
		model.addAttribute("zone", checkIns.zone());
		model.addAttribute("kind", sheet.group().kind());
		model.addAttribute("date", sheet.date());
		model.addAttribute("today", today(Instant.now()));
		model.addAttribute("entered", entered);
		model.addAttribute("errors", errors);
		model.addAttribute("conflict", conflict);
		model.addAttribute("version", version != null ? version : sheet.current() == null ? 0 : sheet.current().version());
		model.addAttribute("requestId", UUID.randomUUID().toString());
		model.addAttribute("history", sheet.current() == null ? List.of() : rollCalls.history(user, sheet.current().id()));
		model.addAttribute("minTemperature", CheckIns.MIN_TEMPERATURE);
		model.addAttribute("maxTemperature", CheckIns.MAX_TEMPERATURE);
		return "health/roll-call";
	}

	private LocalDate today(Instant now) {
		return now.atZone(checkIns.zone()).toLocalDate();
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
