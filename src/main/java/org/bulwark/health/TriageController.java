package org.bulwark.health;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.Registry;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.TableExport;
import org.springframework.context.MessageSource;
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

/** The clinic's triage queue and the task page where the outcome is recorded. */
@Controller
@PreAuthorize("hasAuthority('PERM_TRIAGE_MANAGE')")
class TriageController {

	private final Triage triage;
	private final Registry registry;
	private final ClinicLabels labels;
	private final MessageSource messages;
	private final AuditLog audit;

	TriageController(Triage triage, Registry registry, ClinicLabels labels, MessageSource messages, AuditLog audit) {
		this.triage = triage;
		this.registry = registry;
		this.labels = labels;
		this.messages = messages;
		this.audit = audit;
	}

	/** unit: an org unit's code, its subtree is shown. */
	record Params(Triage.View view, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, TriageOutcome outcome, String unit, String q,
			String sort, String dir, Integer page, Integer size) {

		Triage.Filter toFilter(CurrentUser user, Registry registry) {
			Long unitId = null;
			if (unit != null && !unit.isBlank()) {
				unitId = registry.orgUnitsByCode(user, List.of(unit.strip())).stream().findFirst()
					.map(Registry.OrgUnitRef::id).orElse(-1L);
			}
			return new Triage.Filter(view, from, to, outcome, unitId, q);
		}

		PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, size == null ? 50 : size, sort == null ? "opened" : sort,
					"desc".equals(dir));
		}
	}

	@GetMapping("/health/triage")
	String list(Params params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Locale locale, Model model) {
		CurrentUser user = CurrentUser.get();
		model.addAttribute("params", params);
		model.addAttribute("views", Triage.View.values());
		model.addAttribute("outcomes", TriageOutcome.values());
		model.addAttribute("result", triage.search(user, params.toFilter(user, registry), params.toPage()));
		model.addAttribute("labels", labels.of(user.schoolId(), locale));
		model.addAttribute("zone", triage.zone());
		if (htmx != null && boosted == null) {
			return "health/triage :: results";
		}
		return "health/triage";
	}

	@GetMapping("/health/triage/export")
	void export(Params params, @RequestParam(defaultValue = "xlsx") String format, Locale locale,
			HttpServletResponse response) throws IOException {
		CurrentUser user = CurrentUser.get();
		TableExport.Format f = TableExport.Format.of(format);
		ClinicLabels.Labels names = labels.of(user.schoolId(), locale);
		long[] count = {0};
		try (TableExport out = TableExport.download(response, f, "triage-" + LocalDate.now(triage.zone()),
				msg("triage.title", locale))) {
			out.header(List.of(msg("triage.person.code", locale), msg("triage.person", locale), msg("triage.unit", locale),
					msg("triage.residence", locale), msg("triage.status", locale), msg("triage.openedAt", locale),
					msg("triage.signals", locale), msg("triage.temperature", locale), msg("triage.symptoms", locale),
					msg("triage.rules", locale), msg("triage.outcome", locale), msg("triage.note", locale),
					msg("triage.concludedAt", locale), msg("triage.concludedBy", locale)));
			triage.stream(user, params.toFilter(user, registry), t -> {
				count[0]++;
				List<Object> row = new ArrayList<>(14);
				row.add(t.personCode());
				row.add(t.personName());
				row.add(t.orgUnitName());
				row.add(t.residence());
				row.add(msg("triage.status." + t.status(), locale));
				row.add(local(t.openedAt()));
				row.add(t.signals());
				row.add(t.maxTemperature() == null ? "" : t.maxTemperature().toPlainString());
				row.add(names.symptoms(t.symptoms()));
				row.add(names.rules(t.rules()));
				row.add(t.outcome() == null ? "" : msg("triage.outcome." + t.outcome(), locale));
				row.add(t.note());
				row.add(t.concludedAt() == null ? "" : local(t.concludedAt()));
				row.add(t.concludedBy());
				out.row(row);
			});
		}
		audit.record(AuditAction.EXPORT, "triage_task", null, count[0] + " triage tasks as " + f.extension());
	}

	@GetMapping("/health/triage/{id}")
	String task(@PathVariable long id, Locale locale, Model model) {
		CurrentUser user = CurrentUser.get();
		Triage.Task task = triage.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("task", task);
		model.addAttribute("signals", triage.signals(id));
		model.addAttribute("whereabouts", registry.whereabouts(user, task.personId()).orElse(null));
		model.addAttribute("outcomes", TriageOutcome.values());
		model.addAttribute("labels", labels.of(user.schoolId(), locale));
		model.addAttribute("zone", triage.zone());
		return "health/triage-task";
	}

	/** The full phone number of the task's person; the reveal is audited by the directory. */
	@PostMapping("/health/triage/{id}/phone")
	@PreAuthorize("hasAuthority('PERM_TRIAGE_MANAGE') and hasAuthority('PERM_PEOPLE_REVEAL')")
	String phone(@PathVariable long id, Model model) {
		CurrentUser user = CurrentUser.get();
		Triage.Task task = triage.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		String phone = registry.revealPhone(user, task.personId(), "triage task " + id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("task", task);
		model.addAttribute("phone", phone);
		model.addAttribute("revealed", true);
		return "health/triage-task :: phone";
	}

	@PostMapping("/health/triage/{id}/start")
	String start(@PathVariable long id, @RequestParam int version, Locale locale, RedirectAttributes redirect) {
		Triage.Outcome outcome = triage.start(CurrentUser.get(), id, version, Instant.now());
		report(outcome, "triage.notice.started", locale, redirect);
		return "redirect:/health/triage/" + id;
	}

	@PostMapping("/health/triage/{id}/conclusion")
	String conclude(@PathVariable long id, @RequestParam int version, @RequestParam(required = false) TriageOutcome outcome,
			@RequestParam(required = false) String note, @RequestParam(defaultValue = "false") boolean registerAbsence,
			Locale locale, RedirectAttributes redirect) {
		Triage.Outcome result = triage.conclude(CurrentUser.get(), id, version, outcome, note, registerAbsence,
				Instant.now());
		if (result instanceof Triage.Rejected) {
			redirect.addFlashAttribute("note", note);
		}
		report(result, "triage.notice.concluded", locale, redirect);
		return "redirect:/health/triage/" + id;
	}

	private void report(Triage.Outcome outcome, String notice, Locale locale, RedirectAttributes redirect) {
		if (outcome instanceof Triage.Done) {
			redirect.addFlashAttribute("notice", notice);
		}
		else if (outcome instanceof Triage.Rejected rejected) {
			redirect.addFlashAttribute("error", describe(rejected.problems(), locale));
		}
		else if (outcome instanceof Triage.Conflict conflict) {
			Triage.Task current = conflict.current();
			redirect.addFlashAttribute("error", current.open() ? msg("triage.conflict.changed", locale)
					: messages.getMessage("triage.conflict.concluded", new Object[] {current.concludedBy(),
							local(current.concludedAt()), msg("triage.outcome." + current.outcome(), locale)}, locale));
		}
		else {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

	private String local(Instant at) {
		return at == null ? "" : LocalDateTime.ofInstant(at, triage.zone()).withNano(0).toString().replace('T', ' ');
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
}
