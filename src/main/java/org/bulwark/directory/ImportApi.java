package org.bulwark.directory;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.directory.imports.ColumnMapping;
import org.bulwark.directory.imports.ImportKind;
import org.bulwark.directory.imports.SpreadsheetReader;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/** Importing over REST: upload and review, map columns, commit — the same steps as the page. */
@RestController
@RequestMapping("/api/v1/imports")
@PreAuthorize("hasAnyAuthority('PERM_PEOPLE_WRITE', 'PERM_ORG_UNITS_WRITE', 'PERM_PLACES_WRITE', 'PERM_RESIDENCES_WRITE')")
@Tag(name = "Imports", description = "Upload an xlsx/csv list of people, org units, places or residences; review its problems by row and field; commit")
class ImportApi {

	private final Imports imports;
	private final MessageSource messages;

	ImportApi(Imports imports, MessageSource messages) {
		this.imports = imports;
		this.messages = messages;
	}

	record Problem(Integer row, String field, String code, String message) {
	}

	record Review(String id, String kind, String fileName, String format, String encoding, String status, int total, int valid,
			int invalid, int updates, Map<String, String> mapping, List<String> unmappedColumns, int problemCount,
			List<Problem> problems, Integer inserted, Integer updated, Integer skipped, String failure) {
	}

	record Refusal(String error, List<Problem> problems) {
	}

	record Mapping(Map<String, String> columns, Population population) {
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload a file and check every row",
			description = "201 with the review (counts, column mapping, the first 1,000 problems by row and field); "
					+ "422 if the file cannot be read. Nothing is written to the registry.")
	ResponseEntity<?> upload(@RequestParam MultipartFile file,
			@RequestParam(defaultValue = "PEOPLE") ImportKind kind,
			@RequestParam(required = false) Population population, Locale locale) throws IOException {
		try {
			String id = imports.upload(CurrentUser.get(), kind, file.getOriginalFilename(), file.getBytes(), population);
			return ResponseEntity.status(HttpStatus.CREATED).body(review(id, locale));
		} catch (SpreadsheetReader.Unreadable e) {
			String key = "import.file." + e.reason();
			return ResponseEntity.unprocessableContent().body(new Refusal("unreadable", List.of(new Problem(null, "file",
					e.reason(), messages.getMessage(key, new Object[] {SpreadsheetReader.MAX_ROWS}, key, locale)))));
		}
	}

	@GetMapping("/{id}")
	@Operation(summary = "The review of an upload, or the outcome of its commit")
	Review get(@PathVariable String id, Locale locale) {
		return review(id, locale);
	}

	@PutMapping("/{id}/mapping")
	@Operation(summary = "Map columns and check again",
			description = "columns: header text → field (NAME, CODE, POPULATION, ID_TYPE, ID_NUMBER, PHONE, GENDER, "
					+ "BIRTH_DATE, NATIONALITY, LANGUAGE, ORG_UNIT, LIVING_ALONE, BEDRIDDEN, NO_SMARTPHONE) or IGNORE; "
					+ "remembered for files with the same header")
	ResponseEntity<?> map(@PathVariable String id, @RequestBody Mapping mapping, Locale locale) {
		CurrentUser user = CurrentUser.get();
		imports.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Map<String, String> choices = new java.util.LinkedHashMap<>();
		(mapping.columns() == null ? Map.<String, String>of() : mapping.columns()).forEach((header, field) -> choices
			.put(ColumnMapping.key(header), field == null ? "IGNORE" : field.trim().toUpperCase(Locale.ROOT)));
		if (!imports.remap(user, id, choices, mapping.population())) {
			return refusal(HttpStatus.CONFLICT, "import.alreadyCommitted", locale);
		}
		return ResponseEntity.ok(review(id, locale));
	}

	@PostMapping("/{id}/commit")
	@Operation(summary = "Write the rows to the registry",
			description = "mode ALL_OR_NOTHING (refused while any row has a problem) or VALID_ONLY; people with a "
					+ "registered ID number are updated. One transaction: all or nothing. 409 if already committed.")
	ResponseEntity<?> commit(@PathVariable String id,
			@RequestParam(defaultValue = "ALL_OR_NOTHING") Imports.Mode mode, Locale locale) {
		Imports.Committed done = imports.commit(CurrentUser.get(), id, mode);
		if (done.refusal() == null) {
			return ResponseEntity.ok(review(id, locale));
		}
		return switch (done.refusal()) {
			case "import.notFound" -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			case "import.alreadyCommitted", "import.failed.concurrent" -> refusal(HttpStatus.CONFLICT, done.refusal(), locale);
			default -> refusal(HttpStatus.UNPROCESSABLE_CONTENT, done.refusal(), locale);
		};
	}

	private ResponseEntity<Refusal> refusal(HttpStatus status, String key, Locale locale) {
		return ResponseEntity.status(status).body(new Refusal(key.substring(key.indexOf('.') + 1),
				List.of(new Problem(null, null, key, messages.getMessage(key, null, key, locale)))));
	}

	private Review review(String id, Locale locale) {
		CurrentUser user = CurrentUser.get();
		Imports.Summary s = imports.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Map<String, String> mapping = new java.util.LinkedHashMap<>();
		s.mapping().forEach((column, field) -> mapping.put(s.header().get(column), field.name()));
		List<Problem> problems = imports.problems(user, id, 0, 1000).stream()
			.map(p -> new Problem(p.rowNumber(), p.field(), p.code(), messages.getMessage(p.messageKey(),
					p.args().toArray(), p.messageKey(), locale)))
			.toList();
		return new Review(s.id(), s.kind().name(), s.fileName(), s.format(), s.encoding(), s.status().name(), s.total(), s.valid(),
				s.invalid(), s.updates(), mapping, s.unmapped().stream().map(s.header()::get).toList(),
				imports.problemCount(id), problems, s.inserted(), s.updated(), s.skipped(), s.failure());
	}
}
