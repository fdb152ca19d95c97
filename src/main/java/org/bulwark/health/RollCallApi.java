package org.bulwark.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.Groups;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Roll-call checks and canteen staff checks over REST, for class-attendance apps and kiosks. A group
 * or unit outside the caller's scope is "not found", exactly like one that does not exist.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Roll-call", description = "Roll-call checks (晨午检) of a group and the morning check of canteen staff")
class RollCallApi {

	private static final Pattern ROW = Pattern.compile("^(marks|items)\\[(\\d+)]\\.(.+)$");

	private final RollCalls rollCalls;
	private final CanteenChecks canteen;
	private final CheckIns checkIns;
	private final MessageSource messages;

	RollCallApi(RollCalls rollCalls, CanteenChecks canteen, CheckIns checkIns, MessageSource messages) {
		this.rollCalls = rollCalls;
		this.canteen = canteen;
		this.checkIns = checkIns;
		this.messages = messages;
	}

	/** @param status PRESENT, ABNORMAL or ABSENT; @param absenceKind SICK, PERSONAL or OTHER for an absent mark */
	record MarkRequest(Long personId, String status, BigDecimal temperature, List<String> symptoms, String absenceKind,
			String note) {
	}

	/**
	 * @param version the version the caller loaded (0 or absent for a new roll-call)
	 * @param allPresent everyone not in marks is present and well
	 */
	record RollCallRequest(Groups.Kind groupKind, Long groupId, LocalDate date, String slotCode, Integer version,
			Boolean allPresent, List<MarkRequest> marks) {
	}

	/** @param row the index of the mark or item the problem is about, null for the request itself */
	record Problem(Integer row, String field, String code, String message) {
	}

	record Problems(String error, List<Problem> problems) {
	}

	record Saved(long id, int version, boolean replayed) {
	}

	record Conflict(String error, int version, String recordedBy, Instant recordedAt, String message) {
	}

	record MemberView(long personId, String code, String name, String orgUnit, boolean away, RollCallRules.Status status,
			BigDecimal temperature, List<String> symptoms, AbsenceKind absenceKind, String note) {
	}

	record ChangeView(long personId, String name, RollCallRules.Status before, RollCallRules.Status status,
			BigDecimal temperature, List<String> symptoms, AbsenceKind absenceKind, String note) {
	}

	record RevisionView(int version, String recordedBy, Instant recordedAt, List<ChangeView> changes) {
	}

	/** @param version 0 while nothing is stored */
	record RollCallView(Groups.Kind groupKind, long groupId, String groupName, LocalDate date, String slotCode,
			int version, String recordedBy, Instant recordedAt, int expected, int present, int abnormal, int absent,
			int away, List<MemberView> members, List<RevisionView> history) {
	}

	@PostMapping("/roll-calls")
	@Operation(summary = "Submit a roll-call result", description = """
			The result of a roll-call check of a group (ORG_UNIT, PLACE or GRID) for a date (today or yesterday) and a \
			slot of the group's check policy: with allPresent=true everyone expected and not listed in marks is present \
			and well, and marks lists the exceptions (ABNORMAL with a temperature at or above the fever threshold or \
			symptoms of the profile; ABSENT with absenceKind). People away that day are not expected and cannot be \
			marked. An abnormal mark with a temperature is recorded as the person's check-in for the slot (source \
			ROLL_CALL), an absent mark registers an absence. 201 for the first save, 200 for a later one (the version \
			sent must be the one stored, else 409 names who saved in between) or a replay of the same Idempotency-Key; \
			422 lists every problem by row (the index in marks) and field, and nothing is stored; 404 when the group \
			does not exist or is outside the caller's scope.""")
	ResponseEntity<?> submit(@RequestBody RollCallRequest request,
			@Parameter(description = "a key per intended save; a retry sends the same key")
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Locale locale) {
		if (request == null || request.groupKind() == null || request.groupId() == null) {
			return notFound();
		}
		List<RollCallRules.Input> marks = request.marks() == null ? List.of() : request.marks().stream()
			.map(m -> m == null ? null : new RollCallRules.Input(m.personId(), m.status(), m.temperature(), m.symptoms(),
					m.absenceKind(), m.note()))
			.toList();
		RollCalls.Outcome outcome = rollCalls.save(CurrentUser.get(), new RollCalls.Save(request.groupKind(),
				request.groupId(), request.date(), request.slotCode(), request.version(),
				!Boolean.FALSE.equals(request.allPresent()), marks, idempotencyKey), Instant.now());
		if (outcome instanceof RollCalls.Saved s) {
			return ResponseEntity.status(s.version() == 1 && !s.replayed() ? HttpStatus.CREATED : HttpStatus.OK)
				.body(new Saved(s.id(), s.version(), s.replayed()));
		}
		if (outcome instanceof RollCalls.Rejected r) {
			return invalid(r.problems(), locale);
		}
		if (outcome instanceof RollCalls.Conflict c) {
			return ResponseEntity.status(HttpStatus.CONFLICT).body(new Conflict("conflict", c.version(), c.recordedByName(),
					c.recordedAt(), messages.getMessage("rollCall.conflict", new Object[] {c.recordedByName()},
							"rollCall.conflict", locale)));
		}
		return notFound();
	}

	@GetMapping("/roll-calls")
	@Operation(summary = "Read a roll-call", description = """
			The members of the group with their marks for the date and slot (the slot asked for now when slotCode is \
			absent), who is away, the stored version and every earlier save with what it changed. version 0 means no \
			roll-call is stored yet. 404 when the group does not exist or is outside the caller's scope.""")
	ResponseEntity<?> read(@RequestParam Groups.Kind groupKind, @RequestParam long groupId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(required = false) String slotCode) {
		Instant now = Instant.now();
		LocalDate day = date == null ? now.atZone(checkIns.zone()).toLocalDate() : date;
		CurrentUser user = CurrentUser.get();
		return rollCalls.sheet(user, groupKind, groupId, day, slotCode, now)
			.filter(s -> s.slot() != null)
			.<ResponseEntity<?>>map(s -> ResponseEntity.ok(view(user, s)))
			.orElseGet(RollCallApi::notFound);
	}

	private RollCallView view(CurrentUser user, RollCalls.Sheet s) {
		RollCalls.Current c = s.current();
		List<MemberView> members = s.rows().stream().map(r -> {
			RollCallRules.Mark m = r.stored() == null ? null : r.stored().mark();
			return new MemberView(r.member().personId(), r.member().code(), r.member().name(), r.member().orgUnitName(),
					r.away(), m == null ? null : m.status(), m == null ? null : m.temperature(),
					m == null ? List.of() : m.symptoms(), m == null ? null : m.absenceKind(), m == null ? null : m.note());
		}).toList();
		List<RevisionView> history = c == null ? List.of() : rollCalls.history(user, c.id()).stream()
			.map(h -> new RevisionView(h.version(), h.recordedByName(), h.recordedAt(), h.changes().stream()
				.map(x -> new ChangeView(x.personId(), x.personName(), x.before(), x.after().status(), x.after().temperature(),
						x.after().symptoms(), x.after().absenceKind(), x.after().note()))
				.toList()))
			.toList();
		return new RollCallView(s.group().kind(), s.group().id(), s.group().name(), s.date(), s.slot().code(),
				c == null ? 0 : c.version(), c == null ? null : c.recordedByName(), c == null ? null : c.recordedAt(),
				c == null ? s.expected().size() : c.expected(), c == null ? 0 : c.present(), c == null ? 0 : c.abnormal(),
				c == null ? 0 : c.absent(), s.away().size(), members, history);
	}

	/** @param symptoms DIARRHOEA, VOMITING, SORE_THROAT, HAND_WOUND, SKIN_INFECTION, JAUNDICE, COUGH, FATIGUE */
	record CanteenItem(Long personId, BigDecimal temperature, List<String> symptoms, Boolean fit, String reason) {
	}

	record CanteenRequest(Long unitId, LocalDate date, List<CanteenItem> items) {
	}

	record CanteenSaved(int saved, boolean replayed) {
	}

	record WorkerView(long personId, String code, String name, boolean away, boolean checked, BigDecimal temperature,
			List<FitForDuty.Symptom> symptoms, Boolean fit, String reason, List<String> forcedBy, String checkedBy,
			Instant checkedAt, Integer version) {
	}

	record CanteenView(long unitId, String unitName, LocalDate date, BigDecimal feverThreshold, long unchecked,
			long notFit, List<WorkerView> workers) {
	}

	record UnfitView(long personId, String name, long unitId, String unitName, BigDecimal temperature,
			List<FitForDuty.Symptom> symptoms, String reason, List<String> forcedBy, String checkedBy, Instant checkedAt) {
	}

	@PostMapping("/canteen-checks")
	@Operation(summary = "Submit canteen staff morning checks", description = """
			The morning checks of workers of a food-service unit for a date (today when absent, or yesterday): \
			temperature, symptoms, fit for duty and the reason. fit may be omitted: a normal temperature without \
			symptoms is fit; a fever (the profile's threshold) or a disqualifying symptom (all but COUGH and FATIGUE) \
			is not fit and cannot be declared fit; not fit otherwise needs a reason. A worker checked again that day \
			is updated and the earlier version kept. All items are stored or none: 422 lists every problem by row \
			(the index in items) and field. 200 also for a replay of the same Idempotency-Key. 404 when the unit is \
			not a food-service unit the caller may see.""")
	ResponseEntity<?> submitCanteen(@RequestBody CanteenRequest request,
			@Parameter(description = "a key per intended save (at most 40 characters); a retry sends the same key")
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Locale locale) {
		if (request == null || request.unitId() == null) {
			return notFound();
		}
		List<CanteenChecks.Item> items = request.items() == null ? List.of() : request.items().stream()
			.map(i -> i == null ? null : new CanteenChecks.Item(i.personId(), i.temperature(), i.symptoms(), i.fit(), i.reason()))
			.toList();
		CanteenChecks.Outcome outcome = canteen.save(CurrentUser.get(), request.unitId(), request.date(), items,
				idempotencyKey, Instant.now());
		if (outcome instanceof CanteenChecks.Saved s) {
			return ResponseEntity.ok(new CanteenSaved(s.saved(), s.replayed()));
		}
		if (outcome instanceof CanteenChecks.Rejected r) {
			return invalid(r.problems(), locale);
		}
		return notFound();
	}

	@GetMapping("/canteen-checks")
	@Operation(summary = "Read a unit's canteen checks", description = """
			Every worker of the food-service unit with their check for the date (today when absent): checked or not, \
			fit or not and why, who is away. 404 when the unit is not a food-service unit the caller may see.""")
	ResponseEntity<?> readCanteen(@RequestParam long unitId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
		LocalDate day = date == null ? Instant.now().atZone(checkIns.zone()).toLocalDate() : date;
		return canteen.sheet(CurrentUser.get(), unitId, day)
			.<ResponseEntity<?>>map(s -> ResponseEntity.ok(new CanteenView(s.unit().id(), s.unit().name(), s.date(),
					s.feverThreshold(), s.unchecked(), s.unfit(), s.rows().stream().map(r -> {
						CanteenChecks.Check c = r.check();
						return new WorkerView(r.member().personId(), r.member().code(), r.member().name(), r.away(), c != null,
								c == null ? null : c.temperature(), c == null ? List.of() : c.symptoms(),
								c == null ? null : c.fit(), c == null ? null : c.reason(), c == null ? List.of() : c.forcedBy(),
								c == null ? null : c.checkedByName(), c == null ? null : c.checkedAt(),
								c == null ? null : c.version());
					}).toList())))
			.orElseGet(RollCallApi::notFound);
	}

	@GetMapping("/canteen-checks/unfit")
	@Operation(summary = "Who must not work", description = """
			Workers of the food-service units within the caller's scope whose check for the date (today when absent) \
			says not fit for duty, with the reason and what forced it.""")
	List<UnfitView> unfit(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
		LocalDate day = date == null ? Instant.now().atZone(checkIns.zone()).toLocalDate() : date;
		return canteen.unfit(CurrentUser.get(), day).stream()
			.map(u -> new UnfitView(u.personId(), u.name(), u.unitId(), u.unitName(), u.check().temperature(),
					u.check().symptoms(), u.check().reason(), u.check().forcedBy(), u.check().checkedByName(),
					u.check().checkedAt()))
			.toList();
	}

	private ResponseEntity<?> invalid(List<FieldProblem> problems, Locale locale) {
		return ResponseEntity.unprocessableContent().body(new Problems("invalid", problems.stream().map(p -> {
			Matcher m = ROW.matcher(p.field());
			String message = messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale);
			return m.matches() ? new Problem(Integer.valueOf(m.group(2)), m.group(3), p.code(), message)
					: new Problem(null, p.field(), p.code(), message);
		}).toList()));
	}

	private static ResponseEntity<?> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Problems("notFound", List.of()));
	}
}
