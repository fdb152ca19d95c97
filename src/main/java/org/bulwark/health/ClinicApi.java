package org.bulwark.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.Registry;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The clinic over REST: triage tasks and absences. A task or absence of someone outside the
 * caller's scope is "not found", exactly like one that does not exist; a change made on a stale
 * version is refused with 409 and the record as it is now.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Clinic", description = "Triage tasks (预检分诊) and sick absences (因病缺勤) with their follow-up and return")
class ClinicApi {

	private final Triage triage;
	private final Absences absences;
	private final Registry registry;
	private final MessageSource messages;

	ClinicApi(Triage triage, Absences absences, Registry registry, MessageSource messages) {
		this.triage = triage;
		this.absences = absences;
		this.registry = registry;
		this.messages = messages;
	}

	record Problems(String error, List<Problem> problems) {

		record Problem(String field, String code, String message) {
		}
	}

	record Page<T>(List<T> items, int page, int size, long total, boolean totalCapped) {

		static <S, T> Page<T> of(PageResult<S> r, java.util.function.Function<S, T> f) {
			return new Page<>(r.items().stream().map(f).toList(), r.page(), r.size(), r.total(), r.totalCapped());
		}
	}

	record TaskView(long id, long personId, String personCode, String personName, String orgUnit, String residence,
			TriageRules.Status status, Instant openedAt, Instant lastSignalAt, int signals, BigDecimal maxTemperature,
			List<String> symptoms, List<String> rules, TriageOutcome outcome, String note, Instant concludedAt,
			String concludedBy, Long absenceId, int version) {

		static TaskView of(Triage.Task t) {
			return new TaskView(t.id(), t.personId(), t.personCode(), t.personName(), t.orgUnitName(), t.residence(),
					t.status(), t.openedAt(), t.lastSignalAt(), t.signals(), t.maxTemperature(), t.symptoms(), t.rules(),
					t.outcome(), t.note(), t.concludedAt(), t.concludedBy(), t.absenceId(), t.version());
		}
	}

	/** A task with its check-ins and who answers for the person; the phone is masked. */
	record TaskDetail(TaskView task, List<Triage.Signal> checkIns, Registry.Whereabouts whereabouts) {
	}

	/** @param version the task's version as read; a stale one is refused with 409 */
	record Conclusion(Integer version, TriageOutcome outcome, String note, Boolean registerAbsence) {
	}

	record AbsenceView(long id, long personId, String personCode, String personName, String orgUnit, AbsenceKind kind,
			LocalDate startsOn, LocalDate endsOn, String reason, List<String> symptoms, String diagnosis,
			AbsenceRules.Status status, AbsenceRules.Stage stage, Instant followUpDue, Instant followedUpAt,
			AbsenceCause cause, String disease, String followUpNote, LocalDate returnedOn, Instant certificateCheckedAt,
			String certificateCheckedBy, String cancelReason, int version) {

		static AbsenceView of(Absences.Absence a) {
			return new AbsenceView(a.id(), a.personId(), a.personCode(), a.personName(), a.orgUnitName(), a.kind(),
					a.startsOn(), a.endsOn(), a.reason(), a.symptoms(), a.diagnosis(), a.status(), a.stage(),
					a.followUpDue(), a.followedUpAt(), a.cause(), a.disease(), a.followUpNote(), a.returnedOn(),
					a.certificateCheckedAt(), a.certificateCheckedBy(), a.cancelReason(), a.version());
		}
	}

	record AbsenceRequest(Long personId, AbsenceKind kind, LocalDate startsOn, LocalDate endsOn, String reason,
			List<String> symptoms, String diagnosis) {
	}

	record FollowUp(Integer version, AbsenceCause cause, String disease, String note) {
	}

	/** @param certificateChecked for a sick absence: the clinic has checked the return certificate (复课证明) */
	record Return(Integer version, LocalDate returnedOn, Boolean certificateChecked, String certificateNote) {
	}

	record Cancellation(Integer version, String reason) {
	}

	@GetMapping("/triage-tasks")
	@Operation(summary = "Triage tasks", description = """
			The caller's queue (TRIAGE_MANAGE, within scope), oldest first: view ACTIVE (default: open or in progress), \
			OPEN, IN_PROGRESS, DONE or ALL; from/to on the day the task was created; outcome; unit (an org unit's code, \
			with its sub-units); q (name or number prefix). Totals above 1000 are capped.""")
	ResponseEntity<?> tasks(@RequestParam(required = false) Triage.View view,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) TriageOutcome outcome, @RequestParam(required = false) String unit,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		CurrentUser user = CurrentUser.get();
		if (!user.can(Permission.TRIAGE_MANAGE)) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new Problems("forbidden", List.of()));
		}
		PageResult<Triage.Task> result = triage.search(user, new Triage.Filter(view, from, to, outcome, unit(user, unit), q),
				new PageQuery(page, size, "opened", false));
		return ResponseEntity.ok(Page.of(result, TaskView::of));
	}

	@GetMapping("/triage-tasks/{id}")
	@Operation(summary = "One triage task", description = """
			The task, the abnormal check-ins behind it (temperature, symptoms, rules that fired), where the person lives \
			and who is responsible for them; the phone is masked. 404 when the task does not exist or is outside the \
			caller's scope.""")
	ResponseEntity<?> task(@PathVariable long id) {
		CurrentUser user = CurrentUser.get();
		return triage.find(user, id)
			.<ResponseEntity<?>>map(t -> ResponseEntity.ok(new TaskDetail(TaskView.of(t), triage.signals(id),
					registry.whereabouts(user, t.personId()).orElse(null))))
			.orElseGet(ClinicApi::notFound);
	}

	@PostMapping("/triage-tasks/{id}/conclusion")
	@Operation(summary = "Conclude a triage task", description = """
			Records the outcome (WELL, HOME_OBSERVATION, HOSPITAL_REFERRAL, ISOLATION) with a note, once; \
			registerAbsence=true (home observation or hospital only) also registers a sick absence from today. \
			Publishes health.TriageConcluded. 200 with the task; 422 by field; 409 with the task as it is when the \
			version is stale or the task was already concluded (two doctors at once: one wins); 404 out of scope.""")
	ResponseEntity<?> conclude(@PathVariable long id, @RequestBody Conclusion body, Locale locale) {
		if (body == null || body.version() == null) {
			return invalid(List.of(FieldProblem.of("version", "api.version.required")), locale);
		}
		Triage.Outcome outcome = triage.conclude(CurrentUser.get(), id, body.version(), body.outcome(), body.note(),
				Boolean.TRUE.equals(body.registerAbsence()), Instant.now());
		if (outcome instanceof Triage.Done done) {
			return ResponseEntity.ok(TaskView.of(done.task()));
		}
		if (outcome instanceof Triage.Rejected rejected) {
			return invalid(rejected.problems(), locale);
		}
		if (outcome instanceof Triage.Conflict conflict) {
			return ResponseEntity.status(HttpStatus.CONFLICT).body(new ConflictBody("conflict",
					message(conflict.current().open() ? "triage.conflict.changed" : "triage.conflict.concluded.api", locale),
					TaskView.of(conflict.current())));
		}
		return notFound();
	}

	record ConflictBody(String error, String message, Object current) {
	}

	@GetMapping("/absences")
	@Operation(summary = "Absences", description = """
			Absences of people within the caller's scope (ABSENCE_RECORD or TRIAGE_MANAGE), newest first: view OPEN \
			(default), FOLLOW_UP_OVERDUE, AWAITING_CERTIFICATE, RETURNED, CANCELLED or ALL; kind; on (absences \
			covering that day); unit (an org unit's code); q (name or number prefix).""")
	ResponseEntity<?> absences(@RequestParam(required = false) Absences.View view,
			@RequestParam(required = false) AbsenceKind kind,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
			@RequestParam(required = false) String unit, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		CurrentUser user = CurrentUser.get();
		return ResponseEntity.ok(Page.of(absences.search(user, new Absences.Filter(view, kind, on, unit(user, unit), q),
				new PageQuery(page, size, "recorded", true), Instant.now()), AbsenceView::of));
	}

	@GetMapping("/absences/overdue-follow-ups")
	@Operation(summary = "Sick absences whose cause is overdue for follow-up", description = """
			Open sick absences within scope whose cause was not followed up by its due time, the most overdue first.""")
	ResponseEntity<?> overdue(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		CurrentUser user = CurrentUser.get();
		return ResponseEntity.ok(Page.of(absences.search(user, new Absences.Filter(Absences.View.FOLLOW_UP_OVERDUE, null,
				null, null, null), new PageQuery(page, size, "due", false), Instant.now()), AbsenceView::of));
	}

	@GetMapping("/absences/{id}")
	@Operation(summary = "One absence", description = "404 when it does not exist or is outside the caller's scope.")
	ResponseEntity<?> absence(@PathVariable long id) {
		return absences.find(CurrentUser.get(), id, Instant.now())
			.<ResponseEntity<?>>map(a -> ResponseEntity.ok(AbsenceView.of(a))).orElseGet(ClinicApi::notFound);
	}

	@PostMapping("/absences")
	@Operation(summary = "Register an absence", description = """
			ABSENCE_RECORD within scope. 201 with the absence; 200 with it when an absence of the same kind already \
			covers the first day (nothing is registered twice); 422 by field; 404 when the person does not exist or \
			is outside the caller's scope. A sick absence is due for the follow-up of its cause the same day.""")
	ResponseEntity<?> register(@RequestBody AbsenceRequest body, Locale locale) {
		if (body == null || body.personId() == null) {
			return invalid(List.of(FieldProblem.of("personId", "health.person.required")), locale);
		}
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		Absences.Outcome outcome = absences.register(user, new Absences.Registration(body.personId(), body.kind(),
				body.startsOn(), body.endsOn(), body.reason(), body.symptoms(), body.diagnosis(), Absences.Source.API), now);
		if (outcome instanceof Absences.Registered r) {
			return absences.find(user, r.absenceId(), now)
				.<ResponseEntity<?>>map(a -> ResponseEntity.status(r.existing() ? HttpStatus.OK : HttpStatus.CREATED)
					.body(AbsenceView.of(a)))
				.orElseGet(ClinicApi::notFound);
		}
		if (outcome instanceof Absences.Rejected rejected) {
			return invalid(rejected.problems(), locale);
		}
		return notFound();
	}

	@PostMapping("/absences/{id}/follow-up")
	@Operation(summary = "Follow up the cause of a sick absence", description = """
			cause INFECTIOUS_SUSPECTED or INFECTIOUS_CONFIRMED (with disease), NON_INFECTIOUS, INJURY or UNKNOWN, \
			and a note; may be recorded again while the absence is open. 409 on a stale version.""")
	ResponseEntity<?> followUp(@PathVariable long id, @RequestBody FollowUp body, Locale locale) {
		if (body == null || body.version() == null) {
			return invalid(List.of(FieldProblem.of("version", "api.version.required")), locale);
		}
		return answer(absences.followUp(CurrentUser.get(), id, body.version(), body.cause(), body.disease(), body.note(),
				Instant.now()), locale);
	}

	@PostMapping("/absences/{id}/return")
	@Operation(summary = "Back to class", description = """
			Ends the absence on returnedOn. A sick absence needs certificateChecked=true by a caller with \
			TRIAGE_MANAGE (the clinic checks the return certificate); otherwise 422 on certificateChecked.""")
	ResponseEntity<?> returnToClass(@PathVariable long id, @RequestBody Return body, Locale locale) {
		if (body == null || body.version() == null) {
			return invalid(List.of(FieldProblem.of("version", "api.version.required")), locale);
		}
		return answer(absences.returnToClass(CurrentUser.get(), id, body.version(), body.returnedOn(),
				Boolean.TRUE.equals(body.certificateChecked()), body.certificateNote(), Instant.now()), locale);
	}

	@PostMapping("/absences/{id}/cancellation")
	@Operation(summary = "Cancel a mistaken registration", description = "With a reason; only while the absence is open.")
	ResponseEntity<?> cancel(@PathVariable long id, @RequestBody Cancellation body, Locale locale) {
		if (body == null || body.version() == null) {
			return invalid(List.of(FieldProblem.of("version", "api.version.required")), locale);
		}
		return answer(absences.cancel(CurrentUser.get(), id, body.version(), body.reason(), Instant.now()), locale);
	}

	private ResponseEntity<?> answer(Absences.Outcome outcome, Locale locale) {
		if (outcome instanceof Absences.Changed changed) {
			return ResponseEntity.ok(AbsenceView.of(changed.absence()));
		}
		if (outcome instanceof Absences.Rejected rejected) {
			return invalid(rejected.problems(), locale);
		}
		if (outcome instanceof Absences.Conflict conflict) {
			return ResponseEntity.status(HttpStatus.CONFLICT).body(new ConflictBody("conflict",
					message("absence.conflict", locale), AbsenceView.of(conflict.current())));
		}
		return notFound();
	}

	private Long unit(CurrentUser user, String code) {
		if (code == null || code.isBlank()) {
			return null;
		}
		return registry.orgUnitsByCode(user, List.of(code.strip())).stream().findFirst().map(Registry.OrgUnitRef::id)
			.orElse(-1L);
	}

	private ResponseEntity<?> invalid(List<FieldProblem> problems, Locale locale) {
		return ResponseEntity.unprocessableContent().body(new Problems("invalid", problems.stream()
			.map(p -> new Problems.Problem(p.field(), p.code(),
					messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale)))
			.toList()));
	}

	private String message(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	private static ResponseEntity<?> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Problems("notFound", List.of()));
	}
}
