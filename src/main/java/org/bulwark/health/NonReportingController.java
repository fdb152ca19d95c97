package org.bulwark.health;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.directory.FieldProblem;
import org.bulwark.health.NonReporting.Status;
import org.bulwark.notify.Notifications;
import org.bulwark.shared.Masks;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.TableExport;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Who has not reported: today's current slot by default, by status, grouped by unit or by the
 * person who answers for them, with reminders in one click (the chosen people or the whole list).
 */
@Controller
@PreAuthorize("hasAuthority('PERM_HEALTH_READ')")
class NonReportingController {

	private final LineLists lists;
	private final Reminders reminders;
	private final MessageSource messages;
	private final AuditLog audit;

	NonReportingController(LineLists lists, Reminders reminders, MessageSource messages, AuditLog audit) {
		this.lists = lists;
		this.reminders = reminders;
		this.messages = messages;
		this.audit = audit;
	}

	/** A line with what the page shows beside it: the phone masked, the reminder's deliveries. */
	record Row(LineLists.Line line, String maskedPhone, String submittedTime, List<Notifications.Delivery> deliveries) {

		public boolean remindable() {
			return NonReporting.remindable(line.state()) && line.remindedAt() == null;
		}
	}

	/** group: none, unit or responsible. */
	public record Params(LocalDate date, String slot, String status, String group, Long unit, Long responsible, String q,
			Integer page, Integer size) {

		LocalDate day(LineLists lists) {
			return date != null ? date : LocalDate.now(lists.zone());
		}

		String grouping() {
			return "unit".equals(group) || "responsible".equals(group) ? group : "none";
		}
	}

	@GetMapping("/health/non-reporting")
	String list(Params params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		LocalDate day = params.day(lists);
		Status status = Optional.ofNullable(Status.parse(params.status())).orElse(Status.MISSING);
		Optional<LineLists.SlotView> slot = lists.slot(user.schoolId(), day, params.slot(), now);
		model.addAttribute("params", params);
		model.addAttribute("day", day);
		model.addAttribute("today", day.equals(LocalDate.now(lists.zone())));
		model.addAttribute("status", status);
		model.addAttribute("statuses", Status.values());
		model.addAttribute("grouping", params.grouping());
		model.addAttribute("slotView", slot.orElse(null));
		if (slot.isPresent()) {
			String code = slot.get().slot().code();
			LineLists.Query query = new LineLists.Query(day, code, status, params.q(), params.unit(), params.responsible());
			LineLists.Summary summary = lists.summary(user, day, code, now);
			model.addAttribute("summary", summary);
			model.addAttribute("deadline", slot.get().slot().onTimeUntil(day, lists.zone()).toLocalDateTime()
				.format(DateTimeFormatter.ofPattern("HH:mm")));
			switch (params.grouping()) {
				case "unit" -> model.addAttribute("groups", lists.byUnit(user, query, now));
				case "responsible" -> model.addAttribute("groups", lists.byResponsible(user, query, now));
				default -> { }
			}
			PageResult<LineLists.Line> page = lists.page(user, query, params.page() == null ? 0 : params.page(),
					params.size() == null ? 50 : params.size(), now, LineLists.totalFrom(summary, query));
			Map<Long, List<Notifications.Delivery>> deliveries = reminders.deliveriesOf(user.schoolId(), day, code,
					page.items().stream().filter(l -> l.remindedAt() != null).map(LineLists.Line::personId).toList());
			model.addAttribute("result", page.map(l -> new Row(l, Masks.phone(l.phone()), l.submittedAt() == null ? null
					: LocalDateTime.ofInstant(l.submittedAt(), lists.zone()).format(DateTimeFormatter.ofPattern("HH:mm")),
					deliveries.getOrDefault(l.personId(), List.of()))));
		}
		if (htmx != null && boosted == null) {
			return "health/non-reporting :: results";
		}
		return "health/non-reporting";
	}

	@PostMapping("/health/non-reporting/remind")
	@PreAuthorize("hasAuthority('PERM_REMINDERS_SEND')")
	String remind(Params params, @RequestParam(required = false) List<Long> personIds,
			@RequestParam(defaultValue = "false") boolean all, Locale locale, RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		LocalDate day = params.day(lists);
		Status status = Optional.ofNullable(Status.parse(params.status())).orElse(Status.MISSING);
		String slot = lists.slot(user.schoolId(), day, params.slot(), now).map(v -> v.slot().code()).orElse(params.slot());
		LineLists.Query query = new LineLists.Query(day, slot, status, params.q(), params.unit(), params.responsible());
		Reminders.Outcome outcome = reminders.remind(user, query, all ? null : (personIds == null ? List.of() : personIds),
				Reminders.Kind.MANUAL, now);
		if (outcome instanceof Reminders.Rejected rejected) {
			redirect.addFlashAttribute("error", describe(rejected.problems(), locale));
		}
		else if (outcome instanceof Reminders.Sent sent) {
			redirect.addFlashAttribute("notice", "reminders.notice.sent");
			redirect.addFlashAttribute("noticeArgs", List.of(sent.sent(), sent.skipped()));
		}
		List<String> keep = new ArrayList<>();
		keep.add("date=" + day);
		if (slot != null) {
			keep.add("slot=" + enc(slot));
		}
		keep.add("status=" + status.name());
		if (params.group() != null) {
			keep.add("group=" + enc(params.grouping()));
		}
		if (params.unit() != null) {
			keep.add("unit=" + params.unit());
		}
		if (params.responsible() != null) {
			keep.add("responsible=" + params.responsible());
		}
		if (params.q() != null && !params.q().isBlank()) {
			keep.add("q=" + enc(params.q()));
		}
		return "redirect:/health/non-reporting?" + String.join("&", keep);
	}

	@GetMapping("/health/non-reporting/export")
	void export(Params params, @RequestParam(defaultValue = "xlsx") String format, Locale locale,
			HttpServletResponse response) throws IOException {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		LocalDate day = params.day(lists);
		Status status = Optional.ofNullable(Status.parse(params.status())).orElse(Status.MISSING);
		Optional<LineLists.SlotView> slot = lists.slot(user.schoolId(), day, params.slot(), now);
		TableExport.Format f = TableExport.Format.of(format);
		long[] rows = {0};
		String file = "non-reporting-" + day + "-" + slot.map(v -> v.slot().code()).orElse("none");
		try (TableExport out = TableExport.download(response, f, file, msg("nonReporting.title", locale))) {
			out.header(List.of(msg("person.code", locale), msg("person.name", locale), msg("nonReporting.unit", locale),
					msg("person.phone", locale), msg("nonReporting.state", locale), msg("nonReporting.never", locale),
					msg("nonReporting.submittedAt", locale), msg("nonReporting.remindedAt", locale)));
			if (slot.isPresent()) {
				LineLists.Query query = new LineLists.Query(day, slot.get().slot().code(), status, params.q(), params.unit(),
						params.responsible());
				lists.each(user, query, now, l -> {
					rows[0]++;
					out.row(java.util.Arrays.asList(l.code(), l.name(), l.unitName(), Masks.phone(l.phone()),
							msg("nonReporting.state." + l.state(), locale), l.never() ? msg("nonReporting.yes", locale) : "",
							local(l.submittedAt()), local(l.remindedAt())));
				});
			}
		}
		audit.record(AuditAction.EXPORT, "non_reporting", null, rows[0] + " people " + status + " for " + day + " "
				+ slot.map(v -> v.slot().code()).orElse("-") + " as " + f.extension());
	}

	private String local(Instant at) {
		return at == null ? "" : LocalDateTime.ofInstant(at, lists.zone()).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
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

	private static String enc(String s) {
		return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
	}
}
