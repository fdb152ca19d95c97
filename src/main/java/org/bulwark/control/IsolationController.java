package org.bulwark.control;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.control.RoomAllocation.Gender;
import org.bulwark.directory.BuildingPattern;
import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PlaceDirectory;
import org.bulwark.directory.PlaceUsage;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.TableExport;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The isolation pages: the occupancy board, zones, a zone's rooms, a room with its actions, the bulk allocation. */
@Controller
@PreAuthorize("hasAuthority('PERM_ISOLATION_READ')")
class IsolationController {

	private final IsolationZones zones;
	private final IsolationRooms rooms;
	private final Allocations allocations;
	private final PlaceDirectory places;
	private final MessageSource messages;
	private final AuditLog audit;

	IsolationController(IsolationZones zones, IsolationRooms rooms, Allocations allocations, PlaceDirectory places,
			MessageSource messages, AuditLog audit) {
		this.zones = zones;
		this.rooms = rooms;
		this.allocations = allocations;
		this.places = places;
		this.messages = messages;
		this.audit = audit;
	}

	// --- board

	@GetMapping("/isolation")
	String board(@RequestParam(required = false) Long zone, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model, Locale locale) {
		CurrentUser user = CurrentUser.get();
		IsolationRooms.Board board = rooms.board(user, zone);
		model.addAttribute("board", board);
		model.addAttribute("zone", zone);
		model.addAttribute("chart", chart(board, locale));
		if (htmx != null && boosted == null) {
			return "isolation/board :: board";
		}
		model.addAttribute("zones", zones.all(user, new IsolationZones.Filter(null, null, true)));
		return "isolation/board";
	}

	/** The chart's data as JSON for the page script: rooms of each zone by state. */
	private String chart(IsolationRooms.Board board, Locale locale) {
		StringBuilder json = new StringBuilder("{\"zones\":[");
		json.append(board.zones().stream().map(z -> quote(z.name())).collect(Collectors.joining(",")));
		json.append("],\"series\":[");
		String[][] series = {{"VACANT", "vacantRooms"}, {"OCCUPIED", "occupiedRooms"}, {"AWAITING_DISINFECTION", "awaitingRooms"},
				{"OUT_OF_SERVICE", "outOfServiceRooms"}};
		List<String> parts = new ArrayList<>();
		for (String[] s : series) {
			String values = board.zones().stream().map(z -> String.valueOf(switch (s[1]) {
				case "vacantRooms" -> z.counts().vacantRooms();
				case "occupiedRooms" -> z.counts().occupiedRooms();
				case "awaitingRooms" -> z.counts().awaitingRooms();
				default -> z.counts().outOfServiceRooms();
			})).collect(Collectors.joining(","));
			parts.add("{\"name\":" + quote(msg("roomState." + s[0], locale)) + ",\"data\":[" + values + "]}");
		}
		return json.append(String.join(",", parts)).append("]}").toString();
	}

	private static String quote(String s) {
		return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	// --- zones

	record ZoneParams(String q, ZoneKind kind, String view, String sort, String dir, Integer page, Integer size) {

		IsolationZones.Filter toFilter() {
			return new IsolationZones.Filter(q, kind, "closed".equals(view) ? Boolean.FALSE : "all".equals(view) ? null : Boolean.TRUE);
		}

		PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, size == null ? 50 : size, sort == null ? "code" : sort, "desc".equals(dir));
		}
	}

	@GetMapping("/isolation/zones")
	String zones(ZoneParams params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		model.addAttribute("params", params);
		model.addAttribute("kinds", ZoneKind.values());
		model.addAttribute("result", zones.search(CurrentUser.get(), params.toFilter(), params.toPage()));
		if (htmx != null && boosted == null) {
			return "isolation/zones :: results";
		}
		return "isolation/zones";
	}

	@PostMapping("/isolation/zones")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	String createZone(@RequestParam(required = false) String code, @RequestParam(required = false) String name,
			@RequestParam(required = false) ZoneKind kind, @RequestParam(required = false) String site,
			@RequestParam(required = false) String notes, Locale locale, RedirectAttributes redirect) {
		Outcome outcome = zones.create(CurrentUser.get(), code, name, kind, site, notes);
		if (!outcome.saved()) {
			redirect.addFlashAttribute("error", describe(outcome.problems(), locale));
			return "redirect:/isolation/zones";
		}
		redirect.addFlashAttribute("notice", "isolation.notice.zoneCreated");
		return "redirect:/isolation/zones/" + outcome.id();
	}

	@GetMapping("/isolation/zones/export")
	void exportZones(ZoneParams params, @RequestParam(defaultValue = "xlsx") String format, Locale locale,
			HttpServletResponse response) throws IOException {
		List<IsolationZones.Zone> rows = zones.all(CurrentUser.get(), params.toFilter());
		try (TableExport out = start(response, format, "isolation-zones", msg("isolation.zones.title", locale))) {
			out.header(List.of(msg("field.code", locale), msg("field.name", locale), msg("field.zoneKind", locale), msg("field.site", locale),
					msg("isolation.rooms", locale), msg("isolation.beds", locale), msg("isolation.occupiedBeds", locale),
					msg("isolation.freeBeds", locale), msg("roomState.AWAITING_DISINFECTION", locale), msg("roomState.OUT_OF_SERVICE", locale)));
			for (IsolationZones.Zone z : rows) {
				out.row(List.of(z.code(), z.name(), msg("zoneKind." + z.kind(), locale), z.siteName() == null ? "" : z.siteName(), z.rooms(),
						z.beds(), z.occupiedBeds(), z.freeBeds(), z.awaitingRooms(), z.outOfServiceRooms()));
			}
		}
		audit.record(AuditAction.EXPORT, "isolation_zone", null, rows.size() + " isolation zones as " + format);
	}

	// --- one zone and its rooms

	record RoomParams(String q, RoomState state, Boolean accessible, String sort, String dir, Integer page, Integer size) {

		IsolationRooms.Filter toFilter(long zoneId) {
			return new IsolationRooms.Filter(zoneId, state, null, q, accessible, null);
		}

		PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, size == null ? 50 : size, sort == null ? "room" : sort, "desc".equals(dir));
		}
	}

	@GetMapping("/isolation/zones/{id}")
	String zone(@PathVariable long id, RoomParams params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		CurrentUser user = CurrentUser.get();
		IsolationZones.Zone zone = zones.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("zone", zone);
		model.addAttribute("params", params);
		model.addAttribute("states", RoomState.values());
		model.addAttribute("result", rooms.search(user, params.toFilter(id), params.toPage()));
		if (htmx != null && boosted == null) {
			return "isolation/zone :: results";
		}
		model.addAttribute("genders", Gender.values());
		return "isolation/zone";
	}

	@GetMapping("/isolation/zones/{id}/export")
	void exportRooms(@PathVariable long id, RoomParams params, @RequestParam(defaultValue = "xlsx") String format, Locale locale,
			HttpServletResponse response) throws IOException {
		CurrentUser user = CurrentUser.get();
		zones.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		List<IsolationRooms.Room> rows = rooms.all(user, params.toFilter(id));
		try (TableExport out = start(response, format, "isolation-rooms", msg("isolation.rooms", locale))) {
			out.header(List.of(msg("isolation.building", locale), msg("isolation.floor", locale), msg("isolation.room", locale),
					msg("field.code", locale), msg("isolation.beds", locale), msg("isolation.occupiedBeds", locale), msg("isolation.state", locale),
					msg("field.ownBathroom", locale), msg("field.accessible", locale), msg("field.gender", locale), msg("isolation.occupants", locale)));
			for (IsolationRooms.Room r : rows) {
				out.row(List.of(r.buildingName(), r.floorName() == null ? "" : r.floorName(), r.name(), r.code(), r.beds(), r.occupied(),
						msg("roomState." + r.state(), locale), yes(r.ownBathroom(), locale), yes(r.accessible(), locale),
						r.gender() == null ? "" : msg("roomGender." + r.gender(), locale), r.occupants()));
			}
		}
		audit.record(AuditAction.EXPORT, "isolation_room", null, rows.size() + " isolation rooms of zone " + id + " as " + format);
	}

	@PostMapping("/isolation/zones/{id}/rooms")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	String addRooms(@PathVariable long id, @RequestParam(required = false) String place, @RequestParam(defaultValue = "1") int beds,
			@RequestParam(defaultValue = "false") boolean ownBathroom, @RequestParam(defaultValue = "false") boolean accessible,
			@RequestParam(required = false) Gender gender, Locale locale, RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		var found = places.findByCode(user, place);
		Outcome outcome = found.isEmpty() ? Outcome.refused("place", "notFound")
				: rooms.addRooms(user, id, found.get().id(), new IsolationRooms.Attributes(beds, ownBathroom, accessible, gender));
		return afterRooms(id, outcome, locale, redirect);
	}

	@PostMapping("/isolation/zones/{id}/building")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	String addBuilding(@PathVariable long id, @RequestParam(required = false) String parent, @RequestParam(required = false) String code,
			@RequestParam(required = false) String name, @RequestParam(defaultValue = "1") int firstFloor,
			@RequestParam(defaultValue = "1") int lastFloor, @RequestParam(defaultValue = "1") int firstRoom,
			@RequestParam(defaultValue = "1") int lastRoom, @RequestParam(defaultValue = "2") int roomDigits,
			@RequestParam(defaultValue = "1") int beds, @RequestParam(defaultValue = "false") boolean ownBathroom,
			@RequestParam(defaultValue = "false") boolean accessible, @RequestParam(required = false) Gender gender, Locale locale,
			RedirectAttributes redirect) {
		Outcome outcome = rooms.addBuilding(CurrentUser.get(), id, parent, new BuildingPattern(code, name, PlaceUsage.ISOLATION,
				firstFloor, lastFloor, firstRoom, lastRoom, roomDigits, beds), new IsolationRooms.Attributes(beds, ownBathroom, accessible, gender));
		return afterRooms(id, outcome, locale, redirect);
	}

	private String afterRooms(long id, Outcome outcome, Locale locale, RedirectAttributes redirect) {
		if (!outcome.saved()) {
			redirect.addFlashAttribute("error", describe(outcome.problems(), locale));
		} else {
			redirect.addFlashAttribute("notice", "isolation.notice.roomsAdded");
			redirect.addFlashAttribute("noticeArgs", List.of(outcome.count()));
		}
		return "redirect:/isolation/zones/" + id;
	}

	// --- one room

	@GetMapping("/isolation/rooms/{id}")
	String room(@PathVariable long id, Model model) {
		CurrentUser user = CurrentUser.get();
		IsolationRooms.Room room = rooms.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("room", room);
		model.addAttribute("stays", allocations.allStays(user, new Allocations.StayFilter(null, id, null, true)));
		model.addAttribute("events", rooms.events(user, id));
		model.addAttribute("genders", Gender.values());
		model.addAttribute("now", LocalDateTime.now().withSecond(0).withNano(0).toString());
		return "isolation/room";
	}

	@PostMapping("/isolation/rooms/{id}/allocate")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	String allocate(@PathVariable long id, @RequestParam(required = false) String numbers,
			@RequestParam(defaultValue = "false") boolean needsAccessible, Locale locale, RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		List<Allocations.Wanted> wanted = Allocations.parse(numbers);
		if (wanted.isEmpty()) {
			redirect.addFlashAttribute("error", describe(List.of(FieldProblem.of("numbers", "required")), locale));
			return "redirect:/isolation/rooms/" + id;
		}
		List<PlaceDirectory.PersonMatch> found = places.peopleByNumber(user, wanted.stream().map(Allocations.Wanted::number).toList());
		List<String> missing = wanted.stream().map(Allocations.Wanted::number)
			.filter(n -> found.stream().noneMatch(m -> n.equals(m.person().code()) || n.equalsIgnoreCase(m.idNumber()))).toList();
		if (!missing.isEmpty()) {
			redirect.addFlashAttribute("error", msg("isolation.reason.PERSON_NOT_FOUND", locale) + " " + String.join(", ", missing));
			return "redirect:/isolation/rooms/" + id;
		}
		Allocations.Confirmation c = allocations.allocate(user, found.stream().map(m -> m.person().id()).distinct().toList(), id,
				needsAccessible || wanted.stream().anyMatch(Allocations.Wanted::needsAccessible), null);
		if (!c.saved()) {
			redirect.addFlashAttribute("error", c.problems().isEmpty() ? conflicts(c.conflicts(), locale) : describe(c.problems(), locale));
		} else {
			redirect.addFlashAttribute("notice", "isolation.notice.allocated");
		}
		return "redirect:/isolation/rooms/" + id;
	}

	@PostMapping("/isolation/stays/{id}/check-in")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_SERVICE')")
	String checkIn(@PathVariable long id, @RequestParam(required = false) String at, Locale locale, RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		Allocations.Stay stay = allocations.stay(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Outcome outcome = allocations.checkIn(user, id, instant(at));
		flash(outcome, "isolation.notice.checkedIn", locale, redirect);
		return "redirect:/isolation/rooms/" + stay.roomId();
	}

	@PostMapping("/isolation/stays/{id}/check-out")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_SERVICE')")
	String checkOut(@PathVariable long id, @RequestParam(required = false) String at, @RequestParam(required = false) String reason,
			Locale locale, RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		Allocations.Stay stay = allocations.stay(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		flash(allocations.checkOut(user, id, instant(at), reason), "isolation.notice.checkedOut", locale, redirect);
		return "redirect:/isolation/rooms/" + stay.roomId();
	}

	@PostMapping("/isolation/rooms/{id}/disinfection")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_SERVICE')")
	String disinfect(@PathVariable long id, @RequestParam(required = false) String method, @RequestParam(required = false) String doneBy,
			@RequestParam(required = false) String at, @RequestParam(required = false) String reason, Locale locale,
			RedirectAttributes redirect) {
		flash(rooms.act(CurrentUser.get(), id, RoomState.Event.DISINFECTED, reason, method, doneBy, instant(at)),
				"isolation.notice.disinfected", locale, redirect);
		return "redirect:/isolation/rooms/" + id;
	}

	@PostMapping("/isolation/rooms/{id}/service")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	String service(@PathVariable long id, @RequestParam RoomState.Event event, @RequestParam(required = false) String reason,
			Locale locale, RedirectAttributes redirect) {
		if (event != RoomState.Event.TAKE_OUT_OF_SERVICE && event != RoomState.Event.RETURN_TO_SERVICE) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		flash(rooms.act(CurrentUser.get(), id, event, reason, null, null, null), "isolation.notice.state", locale, redirect);
		return "redirect:/isolation/rooms/" + id;
	}

	@PostMapping("/isolation/rooms/{id}")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	String updateRoom(@PathVariable long id, @RequestParam(defaultValue = "0") int beds,
			@RequestParam(defaultValue = "false") boolean ownBathroom, @RequestParam(defaultValue = "false") boolean accessible,
			@RequestParam(required = false) Gender gender, Locale locale, RedirectAttributes redirect) {
		flash(rooms.update(CurrentUser.get(), id, new IsolationRooms.Attributes(beds, ownBathroom, accessible, gender)),
				"isolation.notice.roomSaved", locale, redirect);
		return "redirect:/isolation/rooms/" + id;
	}

	// --- bulk allocation

	@GetMapping("/isolation/bulk")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	String bulk(Model model) {
		model.addAttribute("zones", zones.all(CurrentUser.get(), new IsolationZones.Filter(null, null, true)));
		return "isolation/bulk";
	}

	/** People found by name or number, to add to the list (people without a number cannot be pasted, so they are not offered). */
	@GetMapping("/isolation/bulk/people")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	String pickPeople(@RequestParam(required = false) String q, Model model) {
		model.addAttribute("picks", places.searchPeople(CurrentUser.get(), q, 20).stream().filter(p -> p.code() != null).toList());
		model.addAttribute("q", q);
		return "isolation/bulk :: picks";
	}

	@PostMapping("/isolation/bulk/suggest")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	String suggest(@RequestParam(required = false) String numbers, @RequestParam(required = false) Long zone, Model model, Locale locale) {
		CurrentUser user = CurrentUser.get();
		List<Allocations.Wanted> wanted = Allocations.parse(numbers);
		model.addAttribute("zones", zones.all(user, new IsolationZones.Filter(null, null, true)));
		model.addAttribute("numbers", numbers);
		model.addAttribute("zone", zone);
		if (wanted.isEmpty() || wanted.size() > Allocations.MAX_ROWS) {
			model.addAttribute("error", describe(List.of(wanted.isEmpty() ? FieldProblem.of("numbers", "required")
					: FieldProblem.of("numbers", "isolation.tooManyRows", Allocations.MAX_ROWS)), locale));
			return "isolation/bulk";
		}
		model.addAttribute("proposal", allocations.suggest(user, wanted, zone));
		return "isolation/bulk";
	}

	/** The reviewed suggestion comes back as rows "personId:roomId:accessible" (only those left ticked). */
	@PostMapping("/isolation/bulk/confirm")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	String confirm(@RequestParam(name = "row", required = false) List<String> encoded, @RequestParam(required = false) String numbers,
			@RequestParam(required = false) Long zone, Model model, Locale locale, RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		List<Allocations.Row> rows = new ArrayList<>();
		for (String e : encoded == null ? List.<String>of() : encoded) {
			String[] parts = e.split(":");
			try {
				rows.add(new Allocations.Row(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts.length > 2 && "1".equals(parts[2]), null));
			} catch (NumberFormatException | ArrayIndexOutOfBoundsException ex) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
			}
		}
		Allocations.Confirmation c = allocations.confirm(user, rows, null);
		if (c.saved()) {
			redirect.addFlashAttribute("notice", "isolation.notice.bulkConfirmed");
			redirect.addFlashAttribute("noticeArgs", List.of(c.stayIds().size()));
			return "redirect:/isolation";
		}
		model.addAttribute("zones", zones.all(user, new IsolationZones.Filter(null, null, true)));
		model.addAttribute("numbers", numbers);
		model.addAttribute("zone", zone);
		model.addAttribute("error", c.problems().isEmpty() ? msg("isolation.bulk.conflicts", locale) : describe(c.problems(), locale));
		model.addAttribute("conflicts", c.conflicts().stream().map(x -> new ConflictRow(x.row() + 1,
				places.people(user, List.of(x.personId())).stream().map(p -> p.name() + " " + (p.code() == null ? "" : p.code())).findFirst()
					.orElse(String.valueOf(x.personId())),
				rooms.find(user, x.roomId()).map(IsolationRooms.Room::label).orElse(String.valueOf(x.roomId())),
				msg("isolation.reason." + x.reason(), locale))).toList());
		return "isolation/bulk";
	}

	record ConflictRow(int row, String person, String room, String reason) {
	}

	// --- helpers

	private void flash(Outcome outcome, String notice, Locale locale, RedirectAttributes redirect) {
		if (outcome.saved()) {
			redirect.addFlashAttribute("notice", notice);
		} else {
			redirect.addFlashAttribute("error", describe(outcome.problems(), locale));
		}
	}

	private static Instant instant(String local) {
		if (local == null || local.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(local.strip()).atZone(ZoneId.systemDefault()).toInstant();
		} catch (java.time.format.DateTimeParseException e) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
	}

	private TableExport start(HttpServletResponse response, String format, String name, String sheet) throws IOException {
		return TableExport.download(response, TableExport.Format.of(format), name + "-" + LocalDate.now(), sheet);
	}

	private String conflicts(List<Allocations.Conflict> conflicts, Locale locale) {
		return conflicts.stream().map(c -> msg("isolation.reason." + c.reason(), locale)).distinct().collect(Collectors.joining(" "));
	}

	private String describe(List<FieldProblem> problems, Locale locale) {
		return problems.stream()
			.map(p -> messages.getMessage("field." + p.field(), null, p.field(), locale) + ": "
					+ messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale))
			.collect(Collectors.joining(" "));
	}

	private String yes(boolean b, Locale locale) {
		return msg(b ? "isolation.yes" : "isolation.no", locale);
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
