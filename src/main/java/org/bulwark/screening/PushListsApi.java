package org.bulwark.screening;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.directory.FieldProblem;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/** Pushed lists over REST: upload, preview, mapping, confirmation, rows, review, verification tasks and the funnel. */
@RestController
@RequestMapping("/api/v1/push-lists")
@Tag(name = "Pushed lists", description = "Lists of people pushed by the authorities, matched against the registry and verified by phone")
class PushListsApi {

	private final PushLists lists;
	private final MessageSource messages;

	PushListsApi(PushLists lists, MessageSource messages) {
		this.lists = lists;
		this.messages = messages;
	}

	/** A preview row: normalised values, problems and whether it will be matched. */
	record PreviewRow(int row, String name, String idNumber, String idFlag, String phone, LocalDate birthDate,
			List<String> problems, String status, Integer duplicateOf) {
	}

	record PreviewBody(PushLists.PushList list, String encoding, List<String> header, Map<Integer, String> mapping,
			boolean columnsMissing, long valid, long invalid, long duplicates, long flagged, List<PreviewRow> rows) {
	}

	record Review(boolean accept, Long personId, int version) {
	}

	record Call(CallOutcome outcome, String notes, int version) {
	}

	record Classify(List<Long> taskIds, ProposedCategory category, String notes) {
	}

	record Problems(String error, List<Problem> problems) {

		record Problem(String field, String code, String message) {
		}
	}

	@GetMapping
	@PreAuthorize("hasAuthority('PERM_SCREENING_READ')")
	@Operation(summary = "Search pushed lists", description = "q: part of the source or file name; status PREVIEW or CONFIRMED")
	PageResult<PushLists.PushList> search(@RequestParam(required = false) String q, @RequestParam(required = false) Long source,
			@RequestParam(required = false) String status,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return lists.search(CurrentUser.get(), new PushLists.Filter(q, source, status, from, to),
				new PageQuery(page, size, "pushed", true));
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	@Operation(summary = "Upload a pushed list for preview", description = "xlsx or csv (UTF-8 or GBK). Nothing enters the "
			+ "queue until the list is confirmed; 422 names the unreadable file or missing source")
	ResponseEntity<?> upload(@RequestParam String source,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate pushedOn,
			@RequestPart MultipartFile file, Locale locale) throws IOException {
		return respond(lists.upload(CurrentUser.get(), source, pushedOn, file.getOriginalFilename(), file.getBytes()), locale,
				HttpStatus.CREATED);
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('PERM_SCREENING_READ')")
	@Operation(summary = "One pushed list with its counts")
	PushLists.PushList list(@PathVariable long id) {
		return lists.find(CurrentUser.get(), id).orElseThrow(PushListsController::notFound);
	}

	@GetMapping("/{id}/preview")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	@Operation(summary = "The preview of an unconfirmed list: columns, mapping and every row's problems")
	PreviewBody preview(@PathVariable long id) {
		PushLists.Preview p = lists.preview(CurrentUser.get(), id).orElseThrow(PushListsController::notFound);
		var r = p.reading();
		Map<Integer, String> mapping = new java.util.LinkedHashMap<>();
		r.mapping().forEach((k, v) -> mapping.put(k, v.name()));
		return new PreviewBody(p.list(), p.encoding(), r.header(), mapping, r.missing(),
				r.count(PushListReading.RowStatus.VALID), r.count(PushListReading.RowStatus.INVALID),
				r.count(PushListReading.RowStatus.DUPLICATE), r.flagged(),
				r.rows().stream().map(x -> new PreviewRow(x.rowNumber(), x.name(), x.id().value(), x.id().flag().name(),
						x.phone(), x.birthDate(), x.problems(), x.status().name(), x.duplicateOf())).toList());
	}

	@PutMapping("/{id}/mapping")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	@Operation(summary = "Choose the columns of a list, remembered for its source",
			description = "header → NAME, ID_NUMBER, PHONE, BIRTH_DATE or IGNORE")
	ResponseEntity<?> mapping(@PathVariable long id, @RequestBody Map<String, String> choices, Locale locale) {
		return respond(lists.saveMapping(CurrentUser.get(), id, choices), locale, HttpStatus.OK);
	}

	@PostMapping("/{id}/confirm")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	@Operation(summary = "Confirm a list: its rows are matched and accepted matches become verification tasks",
			description = "Once only; returns the counts by status")
	ResponseEntity<?> confirm(@PathVariable long id, Locale locale) {
		return respond(lists.confirm(CurrentUser.get(), id), locale, HttpStatus.OK);
	}

	@GetMapping("/{id}/rows")
	@PreAuthorize("hasAuthority('PERM_SCREENING_READ')")
	@Operation(summary = "A confirmed list's rows with match status, score and reasons")
	PageResult<PushLists.PushRow> rows(@PathVariable long id,
			@Parameter(description = "ACCEPTED, REVIEW, NOT_OURS, REJECTED, INVALID or DUPLICATE") @RequestParam(required = false) String status,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		CurrentUser user = CurrentUser.get();
		lists.find(user, id).orElseThrow(PushListsController::notFound);
		return lists.rows(user, id, status, q, new PageQuery(page, size, null, false));
	}

	@GetMapping("/review")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	@Operation(summary = "The review queue: rows whose best match lies in the review band, best first")
	PageResult<PushLists.PushRow> reviewQueue(@RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return lists.rows(CurrentUser.get(), null, "REVIEW", q, new PageQuery(page, size, "score", true));
	}

	@PostMapping("/rows/{rowId}/review")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	@Operation(summary = "Accept a reviewed match (as its candidate or personId) or reject it as not ours",
			description = "version: the row's version as read; a stale one is 422")
	ResponseEntity<?> review(@PathVariable long rowId, @RequestBody Review body, Locale locale) {
		return respond(lists.review(CurrentUser.get(), rowId, body.accept(), body.personId(), body.version()), locale,
				HttpStatus.OK);
	}

	@GetMapping("/tasks")
	@PreAuthorize("hasAuthority('PERM_SCREENING_VERIFY')")
	@Operation(summary = "Verification tasks", description = "view: open, overdue, verified, done or all; "
			+ "mine=false shows every task of the caller's scope to those who manage screening")
	PageResult<PushLists.Task> tasks(@RequestParam(required = false) String q, @RequestParam(required = false) Long list,
			@RequestParam(defaultValue = "open") String view, @RequestParam(defaultValue = "true") boolean mine,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		CurrentUser user = CurrentUser.get();
		return lists.tasks(user, new PushLists.TaskFilter(q, list, view, mine || !user.can("SCREENING_MANAGE")),
				new PageQuery(page, size, null, false));
	}

	@PostMapping("/tasks/{taskId}/call")
	@PreAuthorize("hasAuthority('PERM_SCREENING_VERIFY')")
	@Operation(summary = "Record a call's outcome", description = "LIVES_ON_CAMPUS, BELONGS_TO_SCHOOL, NOT_REACHED or NOT_OURS")
	ResponseEntity<?> call(@PathVariable long taskId, @RequestBody Call body, Locale locale) {
		return respond(lists.recordCall(CurrentUser.get(), taskId, body.outcome(), body.notes(), body.version()), locale,
				HttpStatus.OK);
	}

	@PostMapping("/tasks/classify")
	@PreAuthorize("hasAuthority('PERM_SCREENING_VERIFY')")
	@Operation(summary = "Classify verified people for control, one or many",
			description = "Publishes screening.PersonClassified for each; all tasks or none")
	ResponseEntity<?> classify(@RequestBody Classify body, Locale locale) {
		return respond(lists.classify(CurrentUser.get(), body.taskIds() == null ? List.of() : body.taskIds(),
				body.category(), body.notes()), locale, HttpStatus.OK);
	}

	@GetMapping("/funnel")
	@PreAuthorize("hasAuthority('PERM_SCREENING_READ')")
	@Operation(summary = "pushed → matched → verified → classified, per day or per list")
	List<PushLists.FunnelLine> funnel(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "day") String by) {
		return lists.funnel(CurrentUser.get(), from, to, !"list".equals(by));
	}

	private ResponseEntity<?> respond(PushLists.Result result, Locale locale, HttpStatus success) {
		if (result instanceof PushLists.Done done) {
			return ResponseEntity.status(success).body(Map.of("id", done.id(), "counts", done.counts()));
		}
		List<FieldProblem> problems = ((PushLists.Rejected) result).problems();
		if (problems.stream().anyMatch(p -> p.code().equals("notFound"))) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return ResponseEntity.unprocessableContent().body(new Problems("invalid", problems.stream()
			.map(p -> new Problems.Problem(p.field(), p.code(),
					messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale)))
			.toList()));
	}
}
