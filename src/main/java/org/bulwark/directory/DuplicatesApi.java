package org.bulwark.directory;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Suspected duplicates, dismissal and merge over REST, within the caller's data scope. */
@RestController
@RequestMapping("/api/v1/duplicates")
@Tag(name = "Duplicates", description = "Suspected duplicate people, dismissal and merge into a lead record")
class DuplicatesApi {

	private final Duplicates duplicates;
	private final PersonMerging merging;
	private final MessageSource messages;

	DuplicatesApi(Duplicates duplicates, PersonMerging merging, MessageSource messages) {
		this.duplicates = duplicates;
		this.merging = merging;
		this.messages = messages;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('PERM_COVERAGE_READ')")
	@Operation(summary = "Suspected duplicate pairs", description = "both records in the caller's scope; identifiers masked")
	PageResult<Duplicates.Pair> list(DuplicatesController.Params params) {
		return duplicates.search(CurrentUser.get(), params.toFilter(), params.toPage()).map(Duplicates.Pair::masked);
	}

	record Dismiss(long first, long second) {
	}

	@PostMapping("/dismiss")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_MERGE')")
	@Operation(summary = "Mark a pair as two different people", description = "not proposed again; audited")
	Map<String, String> dismiss(@RequestBody Dismiss body) {
		var outcome = duplicates.dismiss(CurrentUser.get(), body.first(), body.second());
		if (outcome == Duplicates.Dismissal.NOT_FOUND) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return Map.of("result", outcome.name());
	}

	@GetMapping("/merge")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_MERGE')")
	@Operation(summary = "Preview a merge", description = "both records, the default choice per field and the versions to send back")
	PersonMerging.Preview preview(@RequestParam long lead, @RequestParam long other, Locale locale) {
		return merging.preview(CurrentUser.get(), lead, other, locale)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** keep: field name to LEAD or OTHER; fields left out take the default. */
	record Merge(long lead, long other, int leadVersion, int otherVersion, Map<PersonMerging.Field, PersonMerging.Side> keep) {
	}

	@PostMapping("/merge")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_MERGE')")
	@Operation(summary = "Merge a record into a lead record",
			description = "200 with the lead's id and version; 409 if either record changed since the preview; 422 by field")
	ResponseEntity<?> merge(@RequestBody Merge body, Locale locale) {
		Map<PersonMerging.Field, PersonMerging.Side> keep = new EnumMap<>(PersonMerging.Field.class);
		if (body.keep() != null) {
			keep.putAll(body.keep());
		}
		var result = merging.merge(CurrentUser.get(), body.lead(), body.other(), body.leadVersion(), body.otherVersion(), keep);
		if (result instanceof PersonEditing.Saved saved) {
			int version = merging.preview(CurrentUser.get(), saved.id(), body.other(), locale).map(PersonMerging.Preview::leadVersion)
				.orElse(-1);
			return ResponseEntity.ok(Map.of("id", saved.id(), "version", version, "merged", body.other()));
		}
		if (result instanceof PersonEditing.Rejected rejected) {
			if (rejected.problems().stream().anyMatch(p -> p.code().equals("notFound"))) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			return ResponseEntity.unprocessableContent().body(new DirectoryApi.Problems("invalid", rejected.problems().stream()
				.map(p -> new DirectoryApi.Problems.Problem(p.field(), p.code(),
						messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale)))
				.toList()));
		}
		return ResponseEntity.status(HttpStatus.CONFLICT).body(new DirectoryApi.Problems("conflict", List.of(
				new DirectoryApi.Problems.Problem("version", "conflict", messages.getMessage("merge.conflict", null, locale)))));
	}
}
