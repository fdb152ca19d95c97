package org.bulwark.directory;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.directory.ResponsibilityRole.Target;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Residence, responsibility, "my people" and the timeline over REST, within the caller's data scope. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Registry", description = "Residences, grids, responsibilities and timelines within the caller's data scope")
class RegistryApi {

	private final Residences residences;
	private final Grids grids;
	private final Responsibilities responsibilities;
	private final MyPeopleController myPeople;
	private final PersonTimeline timeline;
	private final ProblemMessages problems;
	private final Places places;

	RegistryApi(Places places, Residences residences, Grids grids, Responsibilities responsibilities, MyPeopleController myPeople,
			PersonTimeline timeline, ProblemMessages problems) {
		this.places = places;
		this.residences = residences;
		this.grids = grids;
		this.responsibilities = responsibilities;
		this.myPeople = myPeople;
		this.timeline = timeline;
		this.problems = problems;
	}

	record MoveIn(Long placeId, String bed, Long householdId, LocalDate movedIn) {
	}

	record MoveOut(LocalDate movedOut) {
	}

	@GetMapping("/people/{id}/residences")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_READ')")
	@Operation(summary = "A person's residences, newest first")
	List<Residences.Period> residences(@PathVariable long id) {
		return residences.history(CurrentUser.get(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	@PostMapping("/people/{id}/residences")
	@PreAuthorize("hasAuthority('PERM_RESIDENCES_WRITE')")
	@Operation(summary = "Move a person in", description = "into a room (bed optional: the lowest free one) or a household; "
			+ "the current residence ends on the move-in date. 201, or 422 with problems by field")
	ResponseEntity<?> moveIn(@PathVariable long id, @RequestBody MoveIn body, Locale locale) {
		return respond(residences.moveIn(CurrentUser.get(), id, body.placeId(), body.bed(), body.householdId(),
				body.movedIn()), locale, HttpStatus.CREATED);
	}

	@PostMapping("/people/{id}/move-out")
	@PreAuthorize("hasAuthority('PERM_RESIDENCES_WRITE')")
	@Operation(summary = "End a person's current residence")
	ResponseEntity<?> moveOut(@PathVariable long id, @RequestBody MoveOut body, Locale locale) {
		return respond(residences.moveOut(CurrentUser.get(), id, body.movedOut()), locale, HttpStatus.OK);
	}

	@GetMapping("/places/{id}/residents")
	@PreAuthorize("hasAuthority('PERM_PLACES_READ') and hasAuthority('PERM_PEOPLE_READ')")
	@Operation(summary = "Current residents of a place's subtree, with counts and free beds")
	Map<String, Object> residents(@PathVariable long id, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		CurrentUser user = CurrentUser.get();
		if (places.find(user, id).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return Map.of("occupancy", residences.occupancy(id), "residents",
				residences.residents(user, id, q, new PageQuery(page, size, "room", false)));
	}

	@GetMapping("/grids")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_READ')")
	@Operation(summary = "Search grids")
	PageResult<Grids.GridSummary> grids(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		return grids.search(CurrentUser.get(), q, new PageQuery(page, size, "name", false));
	}

	@GetMapping("/grids/{id}")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_READ')")
	@Operation(summary = "One grid with its places, org units and team")
	Map<String, Object> grid(@PathVariable long id) {
		CurrentUser user = CurrentUser.get();
		Grids.GridSummary grid = grids.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return Map.of("grid", grid, "places", grids.places(id), "orgUnits", grids.orgUnits(id), "team",
				responsibilities.search(user, null, null, Target.GRID, id, new PageQuery(0, 200, "name", false)).items());
	}

	record Assign(String personCode, ResponsibilityRole role, Target target, List<String> targetCodes) {
	}

	@GetMapping("/responsibilities")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_READ')")
	@Operation(summary = "Search responsibilities")
	PageResult<Responsibilities.Assignment> responsibilities(@RequestParam(required = false) String q,
			@RequestParam(required = false) ResponsibilityRole role, @RequestParam(required = false) Target target,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return responsibilities.search(CurrentUser.get(), q, role, target, null, new PageQuery(page, size, "name", false));
	}

	@PostMapping("/responsibilities")
	@PreAuthorize("hasAuthority('PERM_RESPONSIBILITY_WRITE')")
	@Operation(summary = "Make one person responsible in one role for many targets (by code)",
			description = "all or nothing; 201 with the number added, or 422 with problems by field")
	ResponseEntity<?> assign(@RequestBody Assign body, Locale locale) {
		return respond(responsibilities.assign(CurrentUser.get(), body.personCode(), body.role(), body.target(),
				body.targetCodes() == null ? List.of() : body.targetCodes()), locale, HttpStatus.CREATED);
	}

	@DeleteMapping("/responsibilities/{id}")
	@PreAuthorize("hasAuthority('PERM_RESPONSIBILITY_WRITE')")
	@Operation(summary = "End a responsibility")
	ResponseEntity<?> revoke(@PathVariable long id, Locale locale) {
		return respond(responsibilities.revoke(CurrentUser.get(), id), locale, HttpStatus.OK);
	}

	@GetMapping("/my-people")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_READ')")
	@Operation(summary = "The people the caller answers for (masked)")
	PageResult<PersonSummary> myPeople(PeopleController.PersonListParams params) {
		return myPeople.search(CurrentUser.get(), params);
	}

	@GetMapping("/my-people/export")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_EXPORT')")
	@Operation(summary = "Export the people the caller answers for (masked; audited)")
	void exportMyPeople(PeopleController.PersonListParams params, @RequestParam(defaultValue = "csv") String format,
			Locale locale, HttpServletResponse response) throws IOException {
		myPeople.export(params, format, locale, response);
	}

	@GetMapping("/people/{id}/timeline")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_READ')")
	@Operation(summary = "A person's timeline, newest first")
	PageResult<PersonTimeline.Entry> timeline(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		return timeline.page(CurrentUser.get(), id, page, size)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private ResponseEntity<?> respond(Residences.Outcome outcome, Locale locale, HttpStatus success) {
		if (outcome.saved()) {
			return ResponseEntity.status(success).body(Map.of("id", outcome.id()));
		}
		if (outcome.notFound() && outcome.problems().stream().anyMatch(p -> p.field().equals("person")
				|| p.field().equals("responsibility"))) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return problems.unprocessable(outcome.problems(), locale);
	}
}
