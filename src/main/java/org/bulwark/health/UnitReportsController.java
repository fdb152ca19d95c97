package org.bulwark.health;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.OrgUnitKind;
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

/**
 * Unit daily reports: the day's reporting units of the user's scope with a one-click zero report,
 * a unit's report form with what the registry knows and its history, completeness and timeliness
 * rolled up the tree with its export, and the school's settings.
 */
@Controller
@PreAuthorize("hasAnyAuthority('PERM_UNIT_REPORT_SUBMIT', 'PERM_HEALTH_READ')")
class UnitReportsController {

	/** Units per page of the day's list. */
	static final int PAGE_SIZE = 50;

	private final UnitReports reports;
	private final MessageSource messages;
	private final AuditLog audit;

	UnitReportsController(UnitReports reports, MessageSource messages, AuditLog audit) {
		this.reports = reports;
		this.messages = messages;
		this.audit = audit;
	}

	@GetMapping("/health/unit-reports")
	String day(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(required = false) String q, @RequestParam(required = false) String state,
			@RequestParam(defaultValue = "0") int page, Model model) {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		LocalDate today = reports.today(now);
		LocalDate day = date == null || date.isAfter(today) ? today : date;
		List<UnitReports.DayLine> lines = reports.day(user, day, now);
		String query = q == null ? "" : q.strip();
		if (!query.isEmpty()) {
			lines = lines.stream().filter(l -> l.unit().name().contains(query) || l.unit().code().contains(query)).toList();
		}
		long reported = lines.stream().filter(l -> l.report() != null).count();
		int units = lines.size();
		if ("missing".equals(state)) {
			lines = lines.stream().filter(l -> l.report() == null).toList();
		}
		int pages = Math.max(1, (lines.size() + PAGE_SIZE - 1) / PAGE_SIZE);
		int current = Math.max(0, Math.min(page, pages - 1));
		model.addAttribute("date", day);
		model.addAttribute("today", today);
		model.addAttribute("q", query);
		model.addAttribute("state", "missing".equals(state) ? "missing" : "");
		model.addAttribute("lines", lines.subList(current * PAGE_SIZE, Math.min(lines.size(), (current + 1) * PAGE_SIZE)));
		model.addAttribute("page", current);
		model.addAttribute("pages", pages);
		model.addAttribute("reported", reported);
		model.addAttribute("units", units);
		model.addAttribute("settings", reports.settings(user.schoolId()));
		model.addAttribute("requestId", UUID.randomUUID().toString());
		model.addAttribute("zone", reports.zone());
		return "health/unit-reports";
	}

	@GetMapping("/health/unit-reports/{unitId}")
	String unit(@PathVariable long unitId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, Model model) {
		CurrentUser user = CurrentUser.get();
		LocalDate today = reports.today(Instant.now());
		LocalDate day = date == null || date.isAfter(today) ? today : date;
		UnitReports.UnitDay unitDay = reports.unitDay(user, unitId, day)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("day", unitDay);
		model.addAttribute("today", today);
		model.addAttribute("requestId", UUID.randomUUID().toString());
		model.addAttribute("zone", reports.zone());
		if (!model.containsAttribute("form")) {
			UnitReportRules.Counts c = unitDay.report() != null ? unitDay.report().counts() : unitDay.known();
			model.addAttribute("form", new Form(c.fever(), c.symptoms(), c.sickAbsences(), c.other(),
					unitDay.report() == null ? null : unitDay.report().note()));
		}
		return "health/unit-report";
	}

	/** What the form shows again after a refusal. */
	record Form(Integer fever, Integer symptoms, Integer sickAbsences, Integer other, String note)
			implements java.io.Serializable {
	}

	@PostMapping("/health/unit-reports/{unitId}")
	@PreAuthorize("hasAuthority('PERM_UNIT_REPORT_SUBMIT')")
	String submit(@PathVariable long unitId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(required = false) Integer fever, @RequestParam(required = false) Integer symptoms,
			@RequestParam(required = false) Integer sickAbsences, @RequestParam(required = false) Integer other,
			@RequestParam(defaultValue = "false") boolean zero, @RequestParam(required = false) String note,
			@RequestParam(required = false) Integer baseRevision, @RequestParam(required = false) String requestId,
			@RequestParam(required = false) String back, Locale locale, RedirectAttributes redirect) {
		UnitReports.Outcome outcome = reports.submit(CurrentUser.get(), new UnitReports.Submission(unitId, date, fever,
				symptoms, sickAbsences, other, zero, note, baseRevision == null ? 0 : baseRevision, requestId), Instant.now());
		String target = "list".equals(back) ? "redirect:/health/unit-reports" + (date == null ? "" : "?date=" + date)
				: "redirect:/health/unit-reports/" + unitId + (date == null ? "" : "?date=" + date);
		if (outcome instanceof UnitReports.Saved saved) {
			redirect.addFlashAttribute("notice", saved.report().late() ? "unitReports.notice.savedLate" : "unitReports.notice.saved");
		}
		else if (outcome instanceof UnitReports.Rejected rejected) {
			redirect.addFlashAttribute("error", describe(rejected.problems(), locale));
			redirect.addFlashAttribute("form", new Form(fever, symptoms, sickAbsences, other, note));
		}
		else if (outcome instanceof UnitReports.Conflict) {
			redirect.addFlashAttribute("error", msg("unitReports.conflict", locale));
			redirect.addFlashAttribute("form", new Form(fever, symptoms, sickAbsences, other, note));
		}
		else {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return target;
	}

	/** A range of days: today, the last 7 days, this month, or from–to. */
	record Range(String range, LocalDate from, LocalDate to) {

		LocalDate start(LocalDate today) {
			return switch (key()) {
				case "week" -> today.minusDays(6);
				case "month" -> today.withDayOfMonth(1);
				case "custom" -> from == null ? today : from;
				default -> today;
			};
		}

		LocalDate end(LocalDate today) {
			return "custom".equals(key()) && to != null ? to : today;
		}

		String key() {
			return range == null || range.isBlank() ? "today" : range;
		}
	}

	@GetMapping("/health/unit-reports/completeness")
	String completeness(@RequestParam(required = false) String range,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Long unit, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model, Locale locale) {
		Instant now = Instant.now();
		LocalDate today = reports.today(now);
		Range r = new Range(range, from, to);
		LocalDate start = r.start(today);
		LocalDate end = r.end(today);
		if (end.isBefore(start)) {
			model.addAttribute("error", msg("unitReports.range.invalid", locale));
			end = start;
		}
		UnitReports.CompletenessView view = reports.completeness(CurrentUser.get(), unit, start, end, now)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("view", view);
		model.addAttribute("range", r.key());
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		model.addAttribute("unitId", unit);
		model.addAttribute("today", today);
		model.addAttribute("zone", reports.zone());
		return htmx != null && boosted == null ? "health/unit-report-completeness :: results"
				: "health/unit-report-completeness";
	}

	@GetMapping("/health/unit-reports/completeness/export")
	void export(@RequestParam(required = false) String range,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Long unit, @RequestParam(defaultValue = "xlsx") String format, Locale locale,
			HttpServletResponse response) throws IOException {
		Instant now = Instant.now();
		LocalDate today = reports.today(now);
		Range r = new Range(range, from, to);
		LocalDate start = r.start(today);
		LocalDate end = r.end(today).isBefore(start) ? start : r.end(today);
		UnitReports.CompletenessView view = reports.completeness(CurrentUser.get(), unit, start, end, now)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		TableExport.Format f = TableExport.Format.of(format);
		try (TableExport out = TableExport.download(response, f, "unit-report-completeness-" + start + "-" + view.to(),
				msg("unitReports.completeness.title", locale))) {
			out.header(List.of(msg("unitReports.unitCode", locale), msg("unitReports.unit", locale),
					msg("unitReports.kind", locale), msg("unitReports.from", locale), msg("unitReports.to", locale),
					msg("unitReports.expected", locale), msg("unitReports.actual", locale), msg("unitReports.timely", locale),
					msg("unitReports.completeness", locale), msg("unitReports.timeliness", locale),
					msg("unitReports.reportedOn", locale)));
			Set<Long> missing = view.missing().stream().map(m -> m.unit().id()).collect(Collectors.toSet());
			for (UnitReports.Line l : view.all()) {
				List<Object> row = new ArrayList<>(11);
				row.add(l.unit().code());
				row.add(l.unit().name());
				row.add(msg("orgUnitKind." + l.unit().kind(), locale));
				row.add(start.toString());
				row.add(view.to().toString());
				row.add(l.tally().expected());
				row.add(l.tally().actual());
				row.add(l.tally().timely());
				row.add(l.tally().completeness() == null ? "" : l.tally().completeness());
				row.add(l.tally().timeliness() == null ? "" : l.tally().timeliness());
				row.add(!l.reports() ? "" : missing.contains(l.unit().id()) ? msg("unitReports.state.missing", locale)
						: msg("unitReports.state.reported", locale));
				out.row(row);
			}
		}
		audit.record(AuditAction.EXPORT, "unit_report", null,
				view.all().size() + " units' completeness " + start + ".." + view.to() + " as " + f.extension());
	}

	@GetMapping("/health/unit-reports/settings")
	@PreAuthorize("hasAuthority('PERM_HEALTH_POLICY_MANAGE')")
	String settings(Model model) {
		model.addAttribute("settings", reports.settings(CurrentUser.get().schoolId()));
		model.addAttribute("kinds", OrgUnitKind.values());
		return "health/unit-report-settings";
	}

	@PostMapping("/health/unit-reports/settings")
	@PreAuthorize("hasAuthority('PERM_HEALTH_POLICY_MANAGE')")
	String saveSettings(@RequestParam(required = false) List<OrgUnitKind> kinds,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.TIME) LocalTime deadline,
			@RequestParam(defaultValue = "0") int version, Locale locale, RedirectAttributes redirect) {
		Set<OrgUnitKind> chosen = kinds == null || kinds.isEmpty() ? EnumSet.noneOf(OrgUnitKind.class) : EnumSet.copyOf(kinds);
		UnitReports.SettingsOutcome outcome = reports.saveSettings(CurrentUser.get(), chosen, deadline, version);
		if (outcome instanceof UnitReports.SettingsRejected rejected) {
			redirect.addFlashAttribute("error", describe(rejected.problems(), locale));
		}
		else {
			redirect.addFlashAttribute("notice", "unitReports.settings.saved");
		}
		return "redirect:/health/unit-reports/settings";
	}

	private String describe(List<FieldProblem> problems, Locale locale) {
		return problems.stream()
			.map(p -> messages.getMessage("unitReports.field." + p.field(), null, p.field(), locale) + ": "
					+ messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale))
			.collect(Collectors.joining(" "));
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
