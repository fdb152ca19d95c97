package org.bulwark.control;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.control.RoomAllocation.Gender;
import org.bulwark.directory.BuildingPattern;
import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PlaceUsage;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
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

/**
 * Isolation sites over REST: zones, rooms with their state, allocation (one person, a household, or
 * a suggested list confirmed all or nothing), check-in and check-out, terminal disinfection and the
 * occupancy board. Rooms and people outside the caller's data scope are "not found".
 */
@RestController
@RequestMapping("/api/v1/isolation")
@Tag(name = "Isolation", description = "Isolation zones and rooms, allocation, check-in/out, disinfection, occupancy")
class IsolationApi {

	private final IsolationZones zones;
	private final IsolationRooms rooms;
	private final Allocations allocations;
	private final MessageSource messages;

	IsolationApi(IsolationZones zones, IsolationRooms rooms, Allocations allocations, MessageSource messages) {
		this.zones = zones;
		this.rooms = rooms;
		this.allocations = allocations;
		this.messages = messages;
	}

	record Problems(String error, List<Problem> problems) {

		record Problem(String field, String code, String message) {
		}
	}

	record Created(long id, int count) {
	}

	record ZoneRequest(String code, String name, ZoneKind kind, String siteCode, String notes) {
	}

	/**
	 * Rooms into a zone: {@code placeId} a room, floor or whole building already in the place tree, or
	 * {@code building} a new building (made from its pattern under {@code parentCode}) whose rooms all join.
	 */
	record RoomsRequest(Long placeId, String parentCode, BuildingRequest building, Integer beds, Boolean ownBathroom,
			Boolean accessible, Gender gender) {
	}

	record BuildingRequest(String code, String name, int firstFloor, int lastFloor, int firstRoom, int lastRoom, int roomDigits) {
	}

	record AttributesRequest(Integer beds, Boolean ownBathroom, Boolean accessible, Gender gender) {
	}

	record ActionRequest(RoomState.Event event, String reason, String method, String doneBy, OffsetDateTime at) {
	}

	record AllocateRequest(List<Long> personIds, Long roomId, Boolean needsAccessible, Long caseId) {
	}

	record SuggestRequest(List<String> numbers, List<String> needsAccessible, Long zoneId) {
	}

	record ConfirmRequest(List<Allocations.Row> rows) {
	}

	record ConfirmResult(String status, String batchId, List<Long> stayIds, List<ConflictView> conflicts) {
	}

	record ConflictView(int row, long personId, long roomId, String reason, String message) {
	}

	record TimeRequest(OffsetDateTime at, String reason) {
	}

	@GetMapping("/zones")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_READ')")
	@Operation(summary = "Search zones, with their rooms, beds and occupancy")
	PageResult<IsolationZones.Zone> zones(@RequestParam(required = false) String q, @RequestParam(required = false) ZoneKind kind,
			@RequestParam(required = false) Boolean active, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return zones.search(CurrentUser.get(), new IsolationZones.Filter(q, kind, active), new PageQuery(page, size, "code", false));
	}

	@PostMapping("/zones")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	@Operation(summary = "Create a zone", description = "201 with its id, or 422 with problems by field (code taken, kind missing, site not found)")
	ResponseEntity<?> createZone(@RequestBody ZoneRequest body, Locale locale) {
		return respond(zones.create(CurrentUser.get(), body.code(), body.name(), body.kind(), body.siteCode(), body.notes()), locale);
	}

	@PostMapping("/zones/{id}/rooms")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	@Operation(summary = "Take rooms into a zone: one room, a floor, a whole building, or a new building from its pattern",
			description = "every room gets the given beds (default 1) and attributes; rooms already in a zone are skipped. "
					+ "201 with the number of rooms added, or 422")
	ResponseEntity<?> addRooms(@PathVariable long id, @RequestBody RoomsRequest body, Locale locale) {
		IsolationRooms.Attributes attributes = new IsolationRooms.Attributes(body.beds() == null ? 1 : body.beds(),
				Boolean.TRUE.equals(body.ownBathroom()), Boolean.TRUE.equals(body.accessible()), body.gender());
		CurrentUser user = CurrentUser.get();
		if (body.building() != null) {
			BuildingRequest b = body.building();
			return respond(rooms.addBuilding(user, id, body.parentCode(), new BuildingPattern(b.code(), b.name(), PlaceUsage.ISOLATION,
					b.firstFloor(), b.lastFloor(), b.firstRoom(), b.lastRoom(), b.roomDigits(), attributes.beds()), attributes), locale);
		}
		if (body.placeId() == null) {
			return problems(List.of(FieldProblem.of("place", "required")), locale);
		}
		return respond(rooms.addRooms(user, id, body.placeId(), attributes), locale);
	}

	@GetMapping("/rooms")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_READ')")
	@Operation(summary = "Search rooms by zone, state, building, attributes, number or occupant")
	PageResult<IsolationRooms.Room> rooms(@RequestParam(required = false) Long zoneId, @RequestParam(required = false) RoomState state,
			@RequestParam(required = false) Long buildingId, @RequestParam(required = false) String q,
			@RequestParam(required = false) Boolean accessible, @RequestParam(required = false) Gender gender,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return rooms.search(CurrentUser.get(), new IsolationRooms.Filter(zoneId, state, buildingId, q, accessible, gender),
				new PageQuery(page, size, "room", false));
	}

	@GetMapping("/rooms/{id}")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_READ')")
	@Operation(summary = "One room with its occupants and its state history")
	ResponseEntity<?> room(@PathVariable long id) {
		CurrentUser user = CurrentUser.get();
		return rooms.find(user, id)
			.<ResponseEntity<?>>map(r -> ResponseEntity.ok(java.util.Map.of("room", r, "events", rooms.events(user, id), "stays",
					allocations.allStays(user, new Allocations.StayFilter(null, id, null, true)))))
			.orElseGet(IsolationApi::notFound);
	}

	@PutMapping("/rooms/{id}")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	@Operation(summary = "Change a room's beds and attributes", description = "beds cannot go below who stays there now; 422 otherwise")
	ResponseEntity<?> updateRoom(@PathVariable long id, @RequestBody AttributesRequest body, Locale locale) {
		return respond(rooms.update(CurrentUser.get(), id, new IsolationRooms.Attributes(body.beds() == null ? 0 : body.beds(),
				Boolean.TRUE.equals(body.ownBathroom()), Boolean.TRUE.equals(body.accessible()), body.gender())), locale);
	}

	@PostMapping("/rooms/{id}/disinfection")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_SERVICE')")
	@Operation(summary = "Record a room's terminal disinfection (who, when, method)",
			description = "only a room awaiting disinfection; it becomes vacant and is offered again. 422 otherwise")
	ResponseEntity<?> disinfect(@PathVariable long id, @RequestBody ActionRequest body, Locale locale) {
		return respond(rooms.act(CurrentUser.get(), id, RoomState.Event.DISINFECTED, body.reason(), body.method(), body.doneBy(),
				body.at() == null ? null : body.at().toInstant()), locale);
	}

	@PostMapping("/rooms/{id}/service")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	@Operation(summary = "Take a room out of service or return it (event TAKE_OUT_OF_SERVICE or RETURN_TO_SERVICE, with a reason)",
			description = "a returned room awaits disinfection before it is offered. 422 when its state does not allow it")
	ResponseEntity<?> service(@PathVariable long id, @RequestBody ActionRequest body, Locale locale) {
		if (body.event() != RoomState.Event.TAKE_OUT_OF_SERVICE && body.event() != RoomState.Event.RETURN_TO_SERVICE) {
			return problems(List.of(FieldProblem.of("event", "required")), locale);
		}
		return respond(rooms.act(CurrentUser.get(), id, body.event(), body.reason(), null, null,
				body.at() == null ? null : body.at().toInstant()), locale);
	}

	@PostMapping("/allocations")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	@Operation(summary = "Allocate a person, or a household together, to a room",
			description = "201 with the stays; 409 with the reason when the room was taken meanwhile or the rules refuse it "
					+ "(not vacant, other household, full, gender, accessibility, already placed); 422 for bad input")
	ResponseEntity<?> allocate(@RequestBody AllocateRequest body, Locale locale) {
		if (body.personIds() == null || body.personIds().isEmpty() || body.roomId() == null) {
			return problems(List.of(FieldProblem.of(body.roomId() == null ? "roomId" : "personIds", "required")), locale);
		}
		return confirmation(allocations.allocate(CurrentUser.get(), body.personIds(), body.roomId(),
				Boolean.TRUE.equals(body.needsAccessible()), body.caseId()), locale);
	}

	@PostMapping("/allocations/suggest")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	@Operation(summary = "Suggest rooms for a list of people (student/staff or ID numbers)",
			description = "nothing is written; the placements can be sent back to /allocations/confirm. Numbers not found or "
					+ "outside the caller's scope, people already placed and people no room fits are listed with the reason")
	ResponseEntity<?> suggest(@RequestBody SuggestRequest body, Locale locale) {
		if (body.numbers() == null || body.numbers().isEmpty()) {
			return problems(List.of(FieldProblem.of("numbers", "required")), locale);
		}
		if (body.numbers().size() > Allocations.MAX_ROWS) {
			return problems(List.of(FieldProblem.of("numbers", "isolation.tooManyRows", Allocations.MAX_ROWS)), locale);
		}
		java.util.Set<String> accessible = body.needsAccessible() == null ? java.util.Set.of()
				: new java.util.HashSet<>(body.needsAccessible().stream().map(n -> n.strip().toUpperCase(Locale.ROOT)).toList());
		List<Allocations.Wanted> wanted = body.numbers().stream().filter(n -> n != null && !n.isBlank())
			.map(n -> n.strip().toUpperCase(Locale.ROOT)).map(n -> new Allocations.Wanted(n, accessible.contains(n))).toList();
		return ResponseEntity.ok(allocations.suggest(CurrentUser.get(), wanted, body.zoneId()));
	}

	@PostMapping("/allocations/confirm")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	@Operation(summary = "Confirm a (reviewed) suggestion: every row or none",
			description = "201 with the stays; 409 with the rows that conflict (rooms taken or changed since the suggestion, people "
					+ "placed meanwhile) and nothing written; 422 for an empty or too long list")
	ResponseEntity<?> confirm(@RequestBody ConfirmRequest body, Locale locale) {
		return confirmation(allocations.confirm(CurrentUser.get(), body.rows() == null ? List.of() : body.rows(), null), locale);
	}

	@GetMapping("/stays")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_READ')")
	@Operation(summary = "Who stays (or stayed) where")
	PageResult<Allocations.Stay> stays(@RequestParam(required = false) Long zoneId, @RequestParam(required = false) Long roomId,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "true") boolean open,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return allocations.stays(CurrentUser.get(), new Allocations.StayFilter(zoneId, roomId, q, open), new PageQuery(page, size, "room", false));
	}

	@PostMapping("/stays/{id}/check-in")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_SERVICE')")
	@Operation(summary = "Record the arrival of an allocated person (at: now when absent)")
	ResponseEntity<?> checkIn(@PathVariable long id, @RequestBody(required = false) TimeRequest body, Locale locale) {
		return respond(allocations.checkIn(CurrentUser.get(), id, body == null || body.at() == null ? null : body.at().toInstant()), locale);
	}

	@PostMapping("/stays/{id}/check-out")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_SERVICE')")
	@Operation(summary = "Check a person out (with a reason); the room's last one sends it to terminal disinfection")
	ResponseEntity<?> checkOut(@PathVariable long id, @RequestBody TimeRequest body, Locale locale) {
		return respond(allocations.checkOut(CurrentUser.get(), id, body.at() == null ? null : body.at().toInstant(), body.reason()), locale);
	}

	@GetMapping("/occupancy")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_READ')")
	@Operation(summary = "Occupancy by zone, building and floor: rooms, beds, occupied beds, free beds, awaiting disinfection, out of service")
	IsolationRooms.Board occupancy(@RequestParam(required = false) Long zoneId) {
		return rooms.board(CurrentUser.get(), zoneId);
	}

	private ResponseEntity<?> confirmation(Allocations.Confirmation c, Locale locale) {
		if (!c.problems().isEmpty()) {
			return problems(c.problems(), locale);
		}
		if (!c.saved()) {
			boolean notFound = c.conflicts().stream().allMatch(x -> x.reason().endsWith("NOT_FOUND"));
			return ResponseEntity.status(notFound && c.conflicts().size() == 1 ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT)
				.body(new ConfirmResult("conflict", null, List.of(), c.conflicts().stream().map(x -> new ConflictView(x.row(), x.personId(),
						x.roomId(), x.reason(), messages.getMessage("isolation.reason." + x.reason(), null, x.reason(), locale))).toList()));
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(new ConfirmResult("created", c.batchId(), c.stayIds(), List.of()));
	}

	private ResponseEntity<?> respond(Outcome outcome, Locale locale) {
		if (outcome.saved()) {
			return ResponseEntity.status(HttpStatus.CREATED).body(new Created(outcome.id(), outcome.count()));
		}
		if (outcome.problems().stream().anyMatch(p -> p.code().equals("notFound") && List.of("zone", "room", "stay").contains(p.field()))) {
			return notFound();
		}
		return problems(outcome.problems(), locale);
	}

	private ResponseEntity<?> problems(List<FieldProblem> problems, Locale locale) {
		return ResponseEntity.unprocessableContent().body(new Problems("invalid", problems.stream()
			.map(p -> new Problems.Problem(p.field(), p.code(), messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale)))
			.toList()));
	}

	private static ResponseEntity<?> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Problems("notFound", List.of()));
	}

	static Instant instant(OffsetDateTime at) {
		return at == null ? null : at.toInstant();
	}
}
