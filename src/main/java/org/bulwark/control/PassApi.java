package org.bulwark.control;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Campus pass status over REST, for the gates: one person by id, one by number (student/staff number
 * or ID number, in the body so that it stays out of access logs), a batch of up to 1,000. Computed at
 * the moment of the request. A person outside the caller's scope is "not found", exactly like a
 * person who does not exist; a batch simply leaves both out and lists the ids it did not find.
 */
@RestController
@RequestMapping("/api/v1/pass")
@Tag(name = "Pass status", description = "Campus pass status (通行状态): green / yellow / red with the reasons")
class PassApi {

	static final int MAX_BATCH = 1000;

	private final PassStatuses passes;
	private final MessageSource messages;

	PassApi(PassStatuses passes, MessageSource messages) {
		this.passes = passes;
		this.messages = messages;
	}

	record Reason(PassReason code, PassColour colour, String message) {
	}

	record PassView(long personId, String code, String name, PassColour colour, List<Reason> reasons, LocalDate date) {
	}

	record Lookup(String number) {
	}

	record Batch(List<Long> personIds) {
	}

	record BatchView(List<PassView> passes, List<Long> notFound) {
	}

	record Problem(String error, String message) {
	}

	@GetMapping("/{personId}")
	@PreAuthorize("hasAuthority('PERM_PASS_READ')")
	@Operation(summary = "A person's pass status now",
			description = "colour GREEN, YELLOW or RED and every reason that holds (most severe first; a reason whose colour is GREEN is a"
					+ " note, e.g. AWAY). 404 for a person outside the caller's data scope as for one who does not exist")
	ResponseEntity<?> get(@PathVariable long personId, Locale locale) {
		return passes.of(CurrentUser.get(), personId, Instant.now()).<ResponseEntity<?>>map(s -> ResponseEntity.ok(view(s, locale)))
			.orElseGet(PassApi::notFound);
	}

	@PostMapping("/lookup")
	@PreAuthorize("hasAuthority('PERM_PASS_READ')")
	@Operation(summary = "A person's pass status by student/staff number or ID number, as a gate scans it",
			description = "body {\"number\": \"…\"}; 404 when nobody in the caller's scope has the number (or two people do)")
	ResponseEntity<?> lookup(@RequestBody Lookup body, Locale locale) {
		return passes.byNumber(CurrentUser.get(), body == null ? null : body.number(), Instant.now())
			.<ResponseEntity<?>>map(s -> ResponseEntity.ok(view(s, locale))).orElseGet(PassApi::notFound);
	}

	@PostMapping("/batch")
	@PreAuthorize("hasAuthority('PERM_PASS_READ')")
	@Operation(summary = "The pass status of up to 1,000 people at once",
			description = "body {\"personIds\": [..]}; the passes found in the caller's scope in the order asked, and the ids not found"
					+ " (nonexistent or outside the scope alike); 422 for more than 1,000 ids")
	ResponseEntity<?> batch(@RequestBody Batch body, Locale locale) {
		List<Long> ids = body == null || body.personIds() == null ? List.of() : body.personIds().stream().filter(java.util.Objects::nonNull)
			.distinct().toList();
		if (ids.size() > MAX_BATCH) {
			return ResponseEntity.unprocessableContent().body(new Problem("tooMany",
					messages.getMessage("pass.api.tooMany", new Object[] {MAX_BATCH}, locale)));
		}
		List<PassStatuses.Status> found = passes.batch(CurrentUser.get(), ids, Instant.now());
		java.util.Set<Long> seen = new java.util.HashSet<>(found.stream().map(PassStatuses.Status::personId).toList());
		return ResponseEntity.ok(new BatchView(found.stream().map(s -> view(s, locale)).toList(),
				ids.stream().filter(id -> !seen.contains(id)).toList()));
	}

	private PassView view(PassStatuses.Status s, Locale locale) {
		return new PassView(s.personId(), s.code(), s.name(), s.colour(), s.reasons().stream()
			.map(r -> new Reason(r.reason(), r.colour(), messages.getMessage("pass.reason." + r.reason(), null, locale))).toList(), s.date());
	}

	private static ResponseEntity<?> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Problem("notFound", null));
	}
}
