package org.bulwark.directory;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.server.ResponseStatusException;

/**
 * The directory over REST, for gates, the campus card and upstream platforms. Every endpoint reads
 * through the token holder's data scope; identifiers are masked unless revealed with the right.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Directory", description = "People, places and org units within the caller's data scope")
class DirectoryApi {

	private final People people;
	private final Places places;
	private final OrgUnits orgUnits;
	private final PeopleExport export;
	private final AuditLog audit;
	private final PersonEditing editing;
	private final MessageSource messages;

	DirectoryApi(People people, Places places, OrgUnits orgUnits, PeopleExport export, AuditLog audit,
			PersonEditing editing, MessageSource messages) {
		this.editing = editing;
		this.messages = messages;
		this.people = people;
		this.places = places;
		this.orgUnits = orgUnits;
		this.export = export;
		this.audit = audit;
	}

	@GetMapping("/people")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_READ')")
	@Operation(summary = "Search people", description = "q: name or number prefix, whole ID/passport or phone number")
	PageResult<PersonSummary> people(PeopleController.PersonListParams params) {
		return people.search(CurrentUser.get(), params.toFilter(), params.toPage()).map(PersonSummary::masked);
	}

	@GetMapping("/people/{id}")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_READ')")
	@Operation(summary = "One person", description = "reveal=true returns full identifiers (needs PEOPLE_REVEAL; audited)")
	PersonSummary person(@PathVariable long id,
			@Parameter(description = "return full ID and phone numbers") @RequestParam(defaultValue = "false") boolean reveal) {
		CurrentUser user = CurrentUser.get();
		PersonSummary person = people.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (!reveal) {
			return person.masked();
		}
		if (!user.can(Permission.PEOPLE_REVEAL)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		audit.record(AuditAction.REVEAL, "person", id, "id number and phone of " + person.name() + " (API)");
		return person;
	}

	@GetMapping("/people/export")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_EXPORT')")
	@Operation(summary = "Export people as xlsx or csv (streamed; audited)")
	void exportPeople(PeopleController.PersonListParams params, @RequestParam(defaultValue = "csv") String format,
			@RequestParam(defaultValue = "false") boolean reveal, Locale locale, HttpServletResponse response)
			throws IOException {
		export.write(CurrentUser.get(), params.toFilter(), format, reveal, locale, response);
	}

	/** What a rejected change returns: each problem with its field, code and message in the caller's language. */
	record Problems(String error, List<Problem> problems) {

		record Problem(String field, String code, String message) {
		}
	}

	@PostMapping("/people")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_WRITE')")
	@Operation(summary = "Add a person", description = "201 with the new id, or 422 with every problem by field")
	ResponseEntity<?> createPerson(@RequestBody PersonForm form, Locale locale) {
		return respond(editing.create(CurrentUser.get(), form), locale, HttpStatus.CREATED);
	}

	@PutMapping("/people/{id}")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_WRITE')")
	@Operation(summary = "Edit a person", description = "version: the version read before editing; 409 if someone changed it since")
	ResponseEntity<?> updatePerson(@PathVariable long id, @RequestParam int version, @RequestBody PersonForm form,
			Locale locale) {
		return respond(editing.update(CurrentUser.get(), id, version, form), locale, HttpStatus.OK);
	}

	@PostMapping("/people/{id}/active")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_WRITE')")
	@Operation(summary = "Deactivate (with a reason) or reactivate a person")
	ResponseEntity<?> setActive(@PathVariable long id, @RequestParam int version, @RequestParam boolean active,
			@RequestParam(required = false) String reason, Locale locale) {
		return respond(editing.setActive(CurrentUser.get(), id, version, active, reason), locale, HttpStatus.OK);
	}

	private ResponseEntity<?> respond(PersonEditing.Result result, Locale locale, HttpStatus success) {
		if (result instanceof PersonEditing.Saved saved) {
			return ResponseEntity.status(success).body(Map.of("id", saved.id(), "version", editing.version(saved.id())));
		}
		if (result instanceof PersonEditing.Rejected rejected) {
			if (rejected.problems().stream().anyMatch(p -> p.code().equals("notFound"))) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			return ResponseEntity.unprocessableContent().body(new Problems("invalid", rejected.problems().stream()
				.map(p -> new Problems.Problem(p.field(), p.code(),
						messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale)))
				.toList()));
		}
		return ResponseEntity.status(HttpStatus.CONFLICT).body(new Problems("conflict", List.of(new Problems.Problem(
				"version", "conflict", messages.getMessage("validation.conflict", null, locale)))));
	}

	@GetMapping("/places")
	@PreAuthorize("hasAuthority('PERM_PLACES_READ')")
	@Operation(summary = "Search places", description = "without filters: the top of the caller's part of the tree")
	PageResult<PlaceSummary> places(PlacesController.Params params) {
		return places.search(CurrentUser.get(), params.toFilter(), params.toPage());
	}

	@GetMapping("/places/{id}")
	@PreAuthorize("hasAuthority('PERM_PLACES_READ')")
	@Operation(summary = "One place")
	PlaceSummary place(@PathVariable long id) {
		return places.find(CurrentUser.get(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	@GetMapping("/org-units")
	@PreAuthorize("hasAuthority('PERM_ORG_UNITS_READ')")
	@Operation(summary = "Search org units")
	PageResult<OrgUnitSummary> orgUnits(OrgUnitsController.Params params) {
		return orgUnits.search(CurrentUser.get(), params.toFilter(), params.toPage());
	}

	@GetMapping("/org-units/{id}")
	@PreAuthorize("hasAuthority('PERM_ORG_UNITS_READ')")
	@Operation(summary = "One org unit")
	OrgUnitSummary orgUnit(@PathVariable long id) {
		return orgUnits.find(CurrentUser.get(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
