package org.bulwark.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.directory.FieldProblem;
import org.bulwark.health.NonReporting.Status;
import org.bulwark.notify.Notifications;
import org.bulwark.shared.Masks;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who has not reported, and reminders, over REST: the line list of a slot of a day (within the
 * caller's data scope), its groups, sending reminders and a person's reminder history.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Non-reporting", description = "Line lists of who has not reported for a check slot, and reminders")
class RemindersApi {

	private final LineLists lists;
	private final Reminders reminders;
	private final MessageSource messages;

	RemindersApi(LineLists lists, Reminders reminders, MessageSource messages) {
		this.lists = lists;
		this.reminders = reminders;
		this.messages = messages;
	}

	record LineView(long personId, String code, String name, Long unitId, String unitName, String phone,
			NonReporting.State state, boolean neverReported, Instant submittedAt, Instant remindedAt) {

		static LineView of(LineLists.Line l) {
			return new LineView(l.personId(), l.code(), l.name(), l.unitId(), l.unitName(), Masks.phone(l.phone()), l.state(),
					l.never(), l.submittedAt(), l.remindedAt());
		}
	}

	record ListView(LocalDate date, String slotCode, NonReporting.Phase phase, Status status, Map<String, Long> summary,
			int page, int size, long total, List<LineView> items) {
	}

	record GroupView(Long id, String name, String detail, long count) {
	}

	/** @param personIds who to remind; leave out (with all=true) to remind everyone the list shows */
	record RemindRequest(LocalDate date, String slotCode, String status, List<Long> personIds, Boolean all, String q,
			Long unitId, Long responsibleId) {
	}

	record RemindResult(int sent, int skipped) {
	}

	record DeliveryView(Notifications.Channel channel, Notifications.Status status, String failure, Instant sentAt) {
	}

	record ReminderView(long id, LocalDate date, String slotCode, Reminders.Kind kind, String sentBy, Instant sentAt,
			List<DeliveryView> deliveries) {
	}

	record Problems(String error, List<Problem> problems) {

		record Problem(String field, String code, String message) {
		}
	}

	@GetMapping("/health/non-reporting")
	@PreAuthorize("hasAuthority('PERM_HEALTH_READ')")
	@Operation(summary = "Who has not reported for a slot", description = """
			The people within the caller's data scope expected for the slot of the day (each under their own check \
			policy) with the given status: MISSING (not yet + overdue, the default), NOT_YET (open, before deadline + \
			grace), OVERDUE (past it, nothing submitted), NEVER (no check-in ever since enrolled), LATE (submitted after \
			the deadline). People away that day are left out and counted in summary.away. date defaults to today in the \
			school's time zone, slotCode to the slot open now. Phones are masked. 422 for an unknown slot or status.""")
	ResponseEntity<?> list(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(required = false) String slotCode, @RequestParam(required = false) String status,
			@RequestParam(required = false) String q, @RequestParam(required = false) Long unitId,
			@Parameter(description = "only people this person answers for; 0 for those nobody answers for")
			@RequestParam(required = false) Long responsibleId,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size, Locale locale) {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		LocalDate day = date == null ? now.atZone(lists.zone()).toLocalDate() : date;
		Optional<Status> st = Optional.ofNullable(Status.parse(status));
		Optional<LineLists.SlotView> slot = lists.slot(user.schoolId(), day, slotCode, now);
		List<FieldProblem> problems = new ArrayList<>();
		if (st.isEmpty()) {
			problems.add(FieldProblem.of("status", "reminders.status.unknown", String.valueOf(status)));
		}
		if (slot.isEmpty()) {
			problems.add(FieldProblem.of("slotCode", "health.slot.unknown", String.valueOf(slotCode)));
		}
		if (!problems.isEmpty()) {
			return invalid(problems, locale);
		}
		String code = slot.get().slot().code();
		LineLists.Query query = new LineLists.Query(day, code, st.get(), q, unitId, responsibleId);
		LineLists.Summary summary = lists.summary(user, day, code, now);
		var result = lists.page(user, query, page, size, now, LineLists.totalFrom(summary, query));
		return ResponseEntity.ok(new ListView(day, code, slot.get().phase(), st.get(),
				LineLists.figures(summary), result.page(), result.size(), result.total(),
				result.items().stream().map(LineView::of).toList()));
	}

	@GetMapping("/health/non-reporting/groups")
	@PreAuthorize("hasAuthority('PERM_HEALTH_READ')")
	@Operation(summary = "The line list by unit or by responsible person", description = """
			by=unit (default) or by=responsible: how many of the list each org unit has, or each person who answers \
			for them (id 0: nobody), most first, at most 200 groups.""")
	ResponseEntity<?> groups(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(required = false) String slotCode, @RequestParam(required = false) String status,
			@RequestParam(defaultValue = "unit") String by, Locale locale) {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		LocalDate day = date == null ? now.atZone(lists.zone()).toLocalDate() : date;
		Optional<Status> st = Optional.ofNullable(Status.parse(status));
		Optional<LineLists.SlotView> slot = lists.slot(user.schoolId(), day, slotCode, now);
		List<FieldProblem> problems = new ArrayList<>();
		if (st.isEmpty()) {
			problems.add(FieldProblem.of("status", "reminders.status.unknown", String.valueOf(status)));
		}
		if (slot.isEmpty()) {
			problems.add(FieldProblem.of("slotCode", "health.slot.unknown", String.valueOf(slotCode)));
		}
		if (!"unit".equals(by) && !"responsible".equals(by)) {
			problems.add(FieldProblem.of("by", "reminders.groupBy.unknown", by));
		}
		if (!problems.isEmpty()) {
			return invalid(problems, locale);
		}
		LineLists.Query query = new LineLists.Query(day, slot.get().slot().code(), st.get(), null, null, null);
		List<LineLists.Group> groups = "unit".equals(by) ? lists.byUnit(user, query, now)
				: lists.byResponsible(user, query, now);
		return ResponseEntity.ok(groups.stream().map(g -> new GroupView(g.id(), g.name(), g.detail(), g.count())).toList());
	}

	@PostMapping("/health/reminders")
	@PreAuthorize("hasAuthority('PERM_REMINDERS_SEND')")
	@Operation(summary = "Send reminders for a slot of today", description = """
			Reminds the people given (personIds) or, with all=true, everyone on the list of the status (MISSING by \
			default; with q, unitId, responsibleId as on the list). Only people not yet reported or overdue are \
			reminded, never people away or who reported; each at most once per slot: sending again, or twice at once, \
			reminds nobody twice (skipped counts them). Delivered in-app and through the school's channels. 422 for a \
			date other than today, an unknown slot, or no one chosen.""")
	ResponseEntity<?> remind(@RequestBody RemindRequest request, Locale locale) {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		if (request == null) {
			return invalid(List.of(FieldProblem.of("slotCode", "health.slot.unknown", "null")), locale);
		}
		Status status = Status.parse(request.status());
		if (status == null) {
			return invalid(List.of(FieldProblem.of("status", "reminders.status.unknown", request.status())), locale);
		}
		LocalDate day = request.date() == null ? now.atZone(lists.zone()).toLocalDate() : request.date();
		boolean all = Boolean.TRUE.equals(request.all());
		Reminders.Outcome outcome = reminders.remind(user, new LineLists.Query(day, request.slotCode(), status, request.q(),
				request.unitId(), request.responsibleId()), all ? null : (request.personIds() == null ? List.of()
						: request.personIds()), Reminders.Kind.MANUAL, now);
		if (outcome instanceof Reminders.Rejected rejected) {
			return invalid(rejected.problems(), locale);
		}
		Reminders.Sent sent = (Reminders.Sent) outcome;
		return ResponseEntity.ok(new RemindResult(sent.sent(), sent.skipped()));
	}

	@GetMapping("/people/{id}/reminders")
	@Operation(summary = "A person's reminders", description = """
			The reminders sent to a person, newest first, each with its deliveries (channel, SENT / PENDING / FAILED \
			with the reason). The person themselves, or HEALTH_READ within the data scope; 404 otherwise, as for a \
			person who does not exist.""")
	ResponseEntity<?> history(@PathVariable long id, @RequestParam(defaultValue = "50") int limit) {
		return reminders.history(CurrentUser.get(), id, limit)
			.<ResponseEntity<?>>map(list -> ResponseEntity.ok(list.stream().map(r -> new ReminderView(r.id(), r.date(),
					r.slotCode(), r.kind(), r.sentBy(), r.sentAt(), r.deliveries().stream()
						.map(d -> new DeliveryView(d.channel(), d.status(), d.failure(), d.sentAt())).toList()))
				.toList()))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Problems("notFound", List.of())));
	}

	private ResponseEntity<?> invalid(List<FieldProblem> problems, Locale locale) {
		return ResponseEntity.unprocessableContent().body(new Problems("invalid", problems.stream()
			.map(p -> new Problems.Problem(p.field(), p.code(),
					messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale)))
			.toList()));
	}
}
