package org.bulwark.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.directory.FieldProblem;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Check-ins over REST, for apps, kiosks and thermometers at the gate. A caller records for
 * themselves, or for people within their data scope with CHECK_IN_RECORD; anyone else is "not
 * found", exactly like a person who does not exist.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Health", description = "Daily health check-ins and a person's checks for a day")
class HealthApi {

	/** At most this many items in one batch. */
	static final int MAX_BATCH = 1000;

	private final CheckIns checkIns;
	private final MessageSource messages;

	HealthApi(CheckIns checkIns, MessageSource messages) {
		this.checkIns = checkIns;
		this.messages = messages;
	}

	/**
	 * @param measuredAt when the temperature was taken (now when absent); decides the day
	 * @param requestId only in a batch: the item's idempotency key
	 */
	record CheckInRequest(Long personId, String slotCode, BigDecimal temperature, List<String> symptoms,
			Boolean onCampus, String city, OffsetDateTime measuredAt, String requestId) {
	}

	record CheckInView(long id, long personId, LocalDate date, String slotCode, int revision, BigDecimal temperature,
			List<String> symptoms, boolean onCampus, String city, Instant measuredAt, Instant submittedAt, boolean late,
			boolean fever, boolean abnormal) {

		static CheckInView of(CheckIns.Recorded r) {
			return new CheckInView(r.id(), r.personId(), r.date(), r.slotCode(), r.revision(), r.temperature(), r.symptoms(),
					r.onCampus(), r.city(), r.measuredAt(), r.submittedAt(), r.late(), r.fever(), r.abnormal());
		}
	}

	/** @param replayed a retry of an earlier request with the same key: nothing new was stored */
	record Accepted(CheckInView checkIn, boolean replayed) {
	}

	record Problems(String error, List<Problem> problems) {

		record Problem(String field, String code, String message) {
		}
	}

	/** @param status created, replayed, invalid or notFound */
	record BatchResult(int index, String status, CheckInView checkIn, List<Problems.Problem> problems) {
	}

	record BatchRequest(List<CheckInRequest> items) {
	}

	record SlotView(String code, String name, LocalTime start, LocalTime end, LocalTime deadline, int graceMinutes,
			CheckIns.State state, boolean abnormal, CheckInView checkIn) {
	}

	record DayView(long personId, LocalDate date, String policy, List<SlotView> slots) {
	}

	@PostMapping("/check-ins")
	@Operation(summary = "Submit a check-in", description = """
			201 with the stored check-in (200 with replayed=true when the Idempotency-Key was seen before: nothing is \
			stored twice); 422 with every problem by field (temperature outside 34.0-43.0 °C, measuredAt in the future, \
			unknown slot or symptom, city missing when not on campus); 404 when the person does not exist or the caller \
			may not record for them. The same slot submitted again updates the check-in and keeps the earlier version; \
			after the deadline it is accepted and marked late.""")
	ResponseEntity<?> submit(@RequestBody CheckInRequest request,
			@Parameter(description = "a key per intended submission; a retry sends the same key")
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Locale locale) {
		CheckIns.Outcome outcome = submit(CurrentUser.get(), request, idempotencyKey, Instant.now());
		if (outcome instanceof CheckIns.Saved saved) {
			return ResponseEntity.status(saved.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
				.body(new Accepted(CheckInView.of(saved.recorded()), saved.replayed()));
		}
		if (outcome instanceof CheckIns.Rejected rejected) {
			return ResponseEntity.unprocessableContent().body(new Problems("invalid", problems(rejected.problems(), locale)));
		}
		return notFound();
	}

	@PostMapping("/check-ins/batch")
	@Operation(summary = "Submit several check-ins", description = """
			Each item is judged on its own, like a single submission, with its requestId as its idempotency key; the \
			answer lists every item's outcome by its index: created, replayed, invalid (with its problems) or notFound. \
			At most 1000 items.""")
	ResponseEntity<?> batch(@RequestBody BatchRequest request, Locale locale) {
		List<CheckInRequest> items = request == null || request.items() == null ? List.of() : request.items();
		if (items.isEmpty() || items.size() > MAX_BATCH) {
			return ResponseEntity.unprocessableContent().body(new Problems("invalid", List.of(new Problems.Problem("items",
					"health.batch.size", message(FieldProblem.of("items", "health.batch.size", String.valueOf(MAX_BATCH)), locale)))));
		}
		CurrentUser user = CurrentUser.get();
		List<BatchResult> results = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			CheckInRequest item = items.get(i);
			CheckIns.Outcome outcome = item == null ? new CheckIns.Rejected(List.of(FieldProblem.of("personId",
					"health.person.required"))) : submit(user, item, item.requestId(), Instant.now());
			if (outcome instanceof CheckIns.Saved saved) {
				results.add(new BatchResult(i, saved.replayed() ? "replayed" : "created", CheckInView.of(saved.recorded()),
						List.of()));
			}
			else if (outcome instanceof CheckIns.Rejected rejected) {
				results.add(new BatchResult(i, "invalid", null, problems(rejected.problems(), locale)));
			}
			else {
				results.add(new BatchResult(i, "notFound", null, List.of()));
			}
		}
		return ResponseEntity.ok(results);
	}

	@GetMapping("/people/{id}/check-ins")
	@Operation(summary = "A person's checks for a day", description = """
			Each slot of the person's policy: NOT_OPEN, DUE (open, nothing yet), ON_TIME, LATE, or MISSING (past the \
			deadline and grace without a check-in), with the check-in when there is one. date defaults to today in the \
			school's time zone. 404 when the person does not exist or is outside the caller's scope.""")
	ResponseEntity<?> day(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, Locale locale) {
		Instant now = Instant.now();
		LocalDate day = date == null ? now.atZone(checkIns.zone()).toLocalDate() : date;
		return checkIns.day(CurrentUser.get(), id, day, now)
			.<ResponseEntity<?>>map(d -> ResponseEntity.ok(new DayView(id, d.date(),
					d.policy() == null ? null : d.policy().code(),
					d.slots().stream().map(s -> new SlotView(s.slot().code(), s.slot().name(locale), s.slot().start(),
							s.slot().end(), s.slot().deadline(), s.slot().graceMinutes(), s.state(), s.abnormal(),
							s.recorded() == null ? null : CheckInView.of(s.recorded()))).toList())))
			.orElseGet(HealthApi::notFound);
	}

	private CheckIns.Outcome submit(CurrentUser user, CheckInRequest r, String requestId, Instant now) {
		if (r.personId() == null) {
			return new CheckIns.Rejected(List.of(FieldProblem.of("personId", "health.person.required")));
		}
		return checkIns.submit(user, new CheckIns.Submission(r.personId(), r.slotCode(), r.temperature(), r.symptoms(),
				r.onCampus(), r.city(), r.measuredAt() == null ? null : r.measuredAt().toInstant(), requestId,
				CheckIns.Source.API), now);
	}

	private static ResponseEntity<?> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Problems("notFound", List.of()));
	}

	private List<Problems.Problem> problems(List<FieldProblem> problems, Locale locale) {
		return problems.stream().map(p -> new Problems.Problem(p.field(), p.code(), message(p, locale))).toList();
	}

	private String message(FieldProblem p, Locale locale) {
		return messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale);
	}
}
