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
import org.bulwark.system.Permission;
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

/**
 * Absences (因病缺勤): registering one, the list with its overdue follow-ups, and the absence page
 * where the cause is followed up, the return certificate checked, or a mistake cancelled.
 */
@Controller
@PreAuthorize("hasAnyAuthority('PERM_ABSENCE_RECORD', 'PERM_TRIAGE_MANAGE')")
class AbsencesController {

	private final Absences absences;
	private final Registry registry;
	private final ClinicLabels labels;
	private final MessageSource messages;
	private final AuditLog audit;

	AbsencesController(Absences absences, Registry registry, ClinicLabels labels, MessageSource messages,
			AuditLog audit) {
		this.absences = absences;
		this.registry = registry;
		this.labels = labels;
		this.messages = messages;
		this.audit = audit;
	}

	/** unit: an org unit's code, its subtree is shown; on: absences covering that day. */
	record Params(Absences.View view, AbsenceKind kind, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
			String unit, String q, String sort, String dir, Integer page, Integer size) {

		Absences.Filter toFilter(CurrentUser user, Registry registry) {
			Long unitId = null;
			if (unit != null && !unit.isBlank()) {
				unitId = registry.orgUnitsByCode(user, List.of(unit.strip())).stream().findFirst()
					.map(Registry.OrgUnitRef::id).orElse(-1L);
			}
			return new Absences.Filter(view, kind, on, unitId, q);
		}

		PageQuery toPage() {
			boolean overdue = view == Absences.View.FOLLOW_UP_OVERDUE;
			return new PageQuery(page == null ? 0 : page, size == null ? 50 : size,
					sort == null ? (overdue ? "due" : "recorded") : sort, dir == null ? !overdue : "desc".equals(dir));
		}
	}

	/**
	 * What was typed into the registration form, shown again when it was refused; a flash attribute,
	 * so it travels in the session, which is stored in the database.
	 */
	record Entered(String personCode, AbsenceKind kind, String startsOn, String endsOn, List<String> symptoms,
			String diagnosis, String reason) implements java.io.Serializable {

		Entered {
			symptoms = symptoms == null ? List.of() : List.copyOf(symptoms);
		}
	}

	@GetMapping("/health/absences")
	String list(Params params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Locale locale, Model model) {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		model.addAttribute("params", params);
		model.addAttribute("views", Absences.View.values());
		model.addAttribute("kinds", AbsenceKind.values());
		model.addAttribute("result", absences.search(user, params.toFilter(user, registry), params.toPage(), now));
		model.addAttribute("labels", labels.of(user.schoolId(), locale));
		model.addAttribute("zone", absences.zone());
		if (htmx != null && boosted == null) {
			return "health/absences :: results";
		}
		model.addAttribute("symptoms", labels.symptoms(user.schoolId()));
		model.addAttribute("today", LocalDate.now(absences.zone()));
		if (!model.containsAttribute("entered")) {
			model.addAttribute("entered", new Entered("", AbsenceKind.SICK, "", "", List.of(), "", ""));
		}
		return "health/absences";
	}

	@PostMapping("/health/absences")
	@PreAuthorize("hasAuthority('PERM_ABSENCE_RECORD')")
	String register(@RequestParam(required = false) String personCode, @RequestParam(required = false) AbsenceKind kind,
			@RequestParam(required = false) String startsOn, @RequestParam(required = false) String endsOn,
			@RequestParam(required = false) List<String> symptoms, @RequestParam(required = false) String diagnosis,
			@RequestParam(required = false) String reason, Locale locale, RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		Entered entered = new Entered(personCode, kind, startsOn, endsOn, symptoms == null ? List.of() : symptoms,
				diagnosis, reason);
		List<FieldProblem> problems = new ArrayList<>();
		LocalDate first = date(startsOn, "startsOn", problems);
		LocalDate last = date(endsOn, "endsOn", problems);
		var person = registry.findByCode(user, personCode);
		if (person.isEmpty()) {
			problems.add(FieldProblem.of("personCode", personCode == null || personCode.isBlank()
					? "absence.person.required" : "absence.person.unknown"));
		}
		if (problems.isEmpty()) {
			Absences.Outcome outcome = absences.register(user, new Absences.Registration(person.get().personId(), kind,
					first, last, reason, entered.symptoms(), diagnosis, user.can(Permission.TRIAGE_MANAGE)
							? Absences.Source.CLINIC : Absences.Source.UNIT), Instant.now());
			if (outcome instanceof Absences.Registered registered) {
				redirect.addFlashAttribute("notice", registered.existing() ? "absence.notice.existing"
						: "absence.notice.registered");
				return "redirect:/health/absences/" + registered.absenceId();
			}
			if (outcome instanceof Absences.Rejected rejected) {
				problems.addAll(rejected.problems());
			}
			else {
				problems.add(FieldProblem.of("personCode", "absence.person.unknown"));
			}
		}
		redirect.addFlashAttribute("error", describe(problems, locale));
		redirect.addFlashAttribute("entered", entered);
		return "redirect:/health/absences";
	}

	@GetMapping("/health/absences/export")
	void export(Params params, @RequestParam(defaultValue = "xlsx") String format, Locale locale,
			HttpServletResponse response) throws IOException {
		CurrentUser user = CurrentUser.get();
		TableExport.Format f = TableExport.Format.of(format);
		ClinicLabels.Labels names = labels.of(user.schoolId(), locale);
		long[] count = {0};
		try (TableExport out = TableExport.download(response, f, "absences-" + LocalDate.now(absences.zone()),
				msg("absence.title", locale))) {
			out.header(List.of(msg("absence.person.code", locale), msg("absence.person", locale),
					msg("absence.unit", locale), msg("absence.kind", locale), msg("absence.startsOn", locale),
					msg("absence.endsOn", locale), msg("absence.symptoms", locale), msg("absence.diagnosis", locale),
					msg("absence.stage", locale), msg("absence.followUpDue", locale), msg("absence.cause", locale),
					msg("absence.disease", locale), msg("absence.followUpNote", locale), msg("absence.returnedOn", locale),
					msg("absence.certificateCheckedBy", locale), msg("absence.cancelReason", locale)));
			absences.stream(user, params.toFilter(user, registry), Instant.now(), a -> {
				count[0]++;
				List<Object> row = new ArrayList<>(16);
				row.add(a.personCode());
				row.add(a.personName());
				row.add(a.orgUnitName());
				row.add(msg("absence.kind." + a.kind(), locale));
				row.add(a.startsOn().toString());
				row.add(a.endsOn() == null ? "" : a.endsOn().toString());
				row.add(names.symptoms(a.symptoms()));
				row.add(a.diagnosis());
				row.add(msg("absence.stage." + a.stage(), locale));
				row.add(local(a.followUpDue()));
				row.add(a.cause() == null ? "" : msg("absence.cause." + a.cause(), locale));
				row.add(a.disease());
				row.add(a.followUpNote());
				row.add(a.returnedOn() == null ? "" : a.returnedOn().toString());
				row.add(a.certificateCheckedBy());
				row.add(a.cancelReason());
				out.row(row);
			});
		}
		audit.record(AuditAction.EXPORT, "absence", null, count[0] + " absences as " + f.extension());
	}

	@GetMapping("/health/absences/{id}")
	String absence(@PathVariable long id, Locale locale, Model model) {
		CurrentUser user = CurrentUser.get();
		Absences.Absence absence = absences.find(user, id, Instant.now())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("absence", absence);
		model.addAttribute("whereabouts", registry.whereabouts(user, absence.personId()).orElse(null));
		model.addAttribute("causes", AbsenceCause.values());
		model.addAttribute("labels", labels.of(user.schoolId(), locale));
		model.addAttribute("zone", absences.zone());
		model.addAttribute("today", LocalDate.now(absences.zone()));
		return "health/absence";
	}

	@PostMapping("/health/absences/{id}/follow-up")
	@PreAuthorize("hasAuthority('PERM_ABSENCE_RECORD')")
	String followUp(@PathVariable long id, @RequestParam int version, @RequestParam(required = false) AbsenceCause cause,
			@RequestParam(required = false) String disease, @RequestParam(required = false) String note, Locale locale,
			RedirectAttributes redirect) {
		report(absences.followUp(CurrentUser.get(), id, version, cause, disease, note, Instant.now()),
				"absence.notice.followedUp", locale, redirect);
		return "redirect:/health/absences/" + id;
	}

	@PostMapping("/health/absences/{id}/return")
	String returnToClass(@PathVariable long id, @RequestParam int version,
			@RequestParam(required = false) String returnedOn,
			@RequestParam(defaultValue = "false") boolean certificateChecked,
			@RequestParam(required = false) String certificateNote, Locale locale, RedirectAttributes redirect) {
		List<FieldProblem> problems = new ArrayList<>();
		LocalDate day = date(returnedOn, "returnedOn", problems);
		if (!problems.isEmpty()) {
			redirect.addFlashAttribute("error", describe(problems, locale));
			return "redirect:/health/absences/" + id;
		}
		report(absences.returnToClass(CurrentUser.get(), id, version, day, certificateChecked, certificateNote,
				Instant.now()), "absence.notice.returned", locale, redirect);
		return "redirect:/health/absences/" + id;
	}

	@PostMapping("/health/absences/{id}/cancel")
	@PreAuthorize("hasAuthority('PERM_ABSENCE_RECORD')")
	String cancel(@PathVariable long id, @RequestParam int version, @RequestParam(required = false) String reason,
			Locale locale, RedirectAttributes redirect) {
		report(absences.cancel(CurrentUser.get(), id, version, reason, Instant.now()), "absence.notice.cancelled", locale,
				redirect);
		return "redirect:/health/absences/" + id;
	}

	private void report(Absences.Outcome outcome, String notice, Locale locale, RedirectAttributes redirect) {
		if (outcome instanceof Absences.Changed) {
			redirect.addFlashAttribute("notice", notice);
		}
		else if (outcome instanceof Absences.Rejected rejected) {
			redirect.addFlashAttribute("error", describe(rejected.problems(), locale));
		}
		else if (outcome instanceof Absences.Conflict) {
			redirect.addFlashAttribute("error", msg("absence.conflict", locale));
		}
		else {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

	private static LocalDate date(String value, String field, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (java.time.format.DateTimeParseException e) {
			problems.add(FieldProblem.of(field, "absence.date.invalid"));
			return null;
		}
	}

	private String local(Instant at) {
		return at == null ? "" : LocalDateTime.ofInstant(at, absences.zone()).withNano(0).toString().replace('T', ' ');
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
