package org.bulwark.control;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bulwark.control.RoomAllocation.Gender;
import org.bulwark.control.RoomAllocation.Reason;
import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PersonTimeline;
import org.bulwark.directory.PlaceDirectory;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who stays in which room: allocation of one person or a household, a suggested allocation of a
 * whole list and its all-or-nothing confirmation, check-in and check-out. Every allocation locks its
 * rooms ({@code for update}, in id order so two confirmations cannot deadlock) and checks them as they
 * are then; the unique keys on the open bed and the open person catch anything that slips past, so two
 * staff allocating the same bed at the same moment get one stay and one clear refusal.
 */
@Service
class Allocations {

	static final String MODULE = "control";
	static final int MAX_ROWS = 2_000;

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final TransactionTemplate transactions;
	private final PlaceDirectory directory;
	private final IsolationRooms rooms;
	private final AuditLog audit;
	private final PersonTimeline timeline;
	private final ServiceTasks services;

	Allocations(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactionManager, PlaceDirectory directory,
			IsolationRooms rooms, AuditLog audit, PersonTimeline timeline, ServiceTasks services) {
		this.jdbc = jdbc;
		this.template = template;
		this.transactions = new TransactionTemplate(transactionManager);
		this.directory = directory;
		this.rooms = rooms;
		this.audit = audit;
		this.timeline = timeline;
		this.services = services;
	}

	/** One person into one room; {@code caseId} the control case it is for, when there is one. */
	record Row(long personId, long roomId, boolean needsAccessible, Long caseId) {
	}

	/** A row of a confirmation that could not be placed (its index in the list, from 0) and why. */
	record Conflict(int row, long personId, long roomId, String reason) {
	}

	/** The stays created (in the order of the rows), or the conflicts, when nothing was written. */
	record Confirmation(List<Long> stayIds, String batchId, List<Conflict> conflicts, List<FieldProblem> problems) {

		boolean saved() {
			return conflicts.isEmpty() && problems.isEmpty();
		}
	}

	/** One person, or a household together, into a room. */
	Confirmation allocate(CurrentUser user, List<Long> personIds, long roomId, boolean needsAccessible, Long caseId) {
		return confirm(user, personIds.stream().map(p -> new Row(p, roomId, needsAccessible, caseId)).toList(), null);
	}

	/**
	 * Writes every row or none: people must be within the user's scope and without a room, each room's
	 * newcomers must be allowed in as the room stands now ({@link RoomAllocation#check}).
	 */
	Confirmation confirm(CurrentUser user, List<Row> rows, String batchId) {
		if (rows.isEmpty()) {
			return new Confirmation(List.of(), null, List.of(), List.of(FieldProblem.of("rows", "required")));
		}
		if (rows.size() > MAX_ROWS) {
			return new Confirmation(List.of(), null, List.of(), List.of(FieldProblem.of("rows", "isolation.tooManyRows", MAX_ROWS)));
		}
		try {
			return transactions.execute(status -> {
				Confirmation c = write(user, rows, batchId == null && rows.size() > 1 ? UUID.randomUUID().toString() : batchId);
				if (!c.saved()) {
					status.setRollbackOnly();
				}
				return c;
			});
		} catch (DuplicateKeyException e) {
			// someone placed one of these people (or took the bed) between our check and our insert
			List<Conflict> conflicts = new ArrayList<>();
			for (int i = 0; i < rows.size(); i++) {
				conflicts.add(new Conflict(i, rows.get(i).personId(), rows.get(i).roomId(), "TAKEN_MEANWHILE"));
			}
			return new Confirmation(List.of(), null, conflicts, List.of());
		}
	}

	private record Locked(long id, int beds, boolean accessible, Gender gender, RoomState state, String code) {
	}

	private Confirmation write(CurrentUser user, List<Row> rows, String batchId) {
		Instant now = Instant.now();
		List<Conflict> conflicts = new ArrayList<>();
		Set<Long> personIds = new LinkedHashSet<>();
		Set<Integer> duplicates = new HashSet<>();
		for (int i = 0; i < rows.size(); i++) {
			if (!personIds.add(rows.get(i).personId())) {
				duplicates.add(i);
			}
		}
		Map<Long, PlaceDirectory.PersonRef> people = directory.people(user, personIds).stream()
			.collect(Collectors.toMap(PlaceDirectory.PersonRef::id, Function.identity()));
		List<Long> roomIds = rows.stream().map(Row::roomId).distinct().sorted().toList();
		// lock the rooms first, in id order, so two confirmations over the same rooms wait for each other
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		params.addAll(roomIds);
		String scope = directory.placeInScope(user, "r.place_id", params);
		List<Long> lockedIds = jdbc.sql("select r.id from isolation_room r where r.school_id = ? and r.id in (" + marks(roomIds.size())
				+ ") and " + scope + " order by r.id for update").params(params).query(Long.class).list();
		Map<Long, Locked> locked = new HashMap<>();
		if (!lockedIds.isEmpty()) {
			jdbc.sql("select r.id, r.beds, r.accessible, r.gender, r.state, pl.code from isolation_room r join place pl on pl.id = r.place_id"
					+ " join isolation_zone z on z.id = r.zone_id where z.active = true and r.id in ("
					+ lockedIds.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")")
				.query((rs, i) -> new Locked(rs.getLong(1), rs.getInt(2), rs.getBoolean(3),
						rs.getString(4) == null ? null : Gender.valueOf(rs.getString(4)), RoomState.valueOf(rs.getString(5)), rs.getString(6)))
				.list().forEach(l -> locked.put(l.id(), l));
		}
		Map<Long, List<long[]>> occupants = new HashMap<>();
		if (!locked.isEmpty()) {
			jdbc.sql("select room_id, bed, household_id from isolation_stay where open_bed is not null and room_id in ("
					+ locked.keySet().stream().map(String::valueOf).collect(Collectors.joining(",")) + ")")
				.query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getObject(3) == null ? -1 : rs.getLong(3)}).list()
				.forEach(o -> occupants.computeIfAbsent(o[0], k -> new ArrayList<>()).add(o));
		}
		Set<Long> placed = new HashSet<>(jdbc.sql("select open_person_id from isolation_stay where school_id = ? and open_person_id in ("
				+ marks(personIds.size()) + ")").params(concat(user.schoolId(), personIds)).query(Long.class).list());
		Map<Long, List<Integer>> byRoom = new LinkedHashMap<>();
		for (int i = 0; i < rows.size(); i++) {
			Row row = rows.get(i);
			String reason = duplicates.contains(i) ? "DUPLICATE_ROW"
					: !people.containsKey(row.personId()) ? "PERSON_NOT_FOUND"
					: !locked.containsKey(row.roomId()) ? "ROOM_NOT_FOUND"
					: placed.contains(row.personId()) ? Reason.ALREADY_PLACED.name() : null;
			if (reason != null) {
				conflicts.add(new Conflict(i, row.personId(), row.roomId(), reason));
			} else {
				byRoom.computeIfAbsent(row.roomId(), k -> new ArrayList<>()).add(i);
			}
		}
		for (var entry : byRoom.entrySet()) {
			Locked room = locked.get(entry.getKey());
			List<long[]> in = occupants.getOrDefault(room.id(), List.of());
			Set<Long> households = in.stream().map(o -> o[2]).collect(Collectors.toSet());
			Long shared = households.size() == 1 && !households.contains(-1L) ? households.iterator().next() : null;
			List<RoomAllocation.Person> group = entry.getValue().stream().map(i -> person(people.get(rows.get(i).personId()),
					rows.get(i).needsAccessible())).toList();
			Optional<Reason> refused = RoomAllocation.check(group,
					new RoomAllocation.Room(room.id(), room.code(), room.beds(), room.gender(), room.accessible()), room.state(),
					in.size(), shared);
			refused.ifPresent(r -> entry.getValue().forEach(i -> conflicts.add(new Conflict(i, rows.get(i).personId(), room.id(), r.name()))));
		}
		if (!conflicts.isEmpty()) {
			conflicts.sort((a, b) -> Integer.compare(a.row(), b.row()));
			return new Confirmation(List.of(), null, conflicts, List.of());
		}
		// beds: the lowest free numbers of each room, in the order of the rows
		List<Object[]> inserts = new ArrayList<>();
		Map<Long, String> summaries = new LinkedHashMap<>();
		List<AuditLog.Item> items = new ArrayList<>();
		for (var entry : byRoom.entrySet()) {
			Locked room = locked.get(entry.getKey());
			Set<Long> used = occupants.getOrDefault(room.id(), List.of()).stream().map(o -> o[1]).collect(Collectors.toSet());
			int bed = 1;
			for (int i : entry.getValue()) {
				while (used.contains((long) bed)) {
					bed++;
				}
				used.add((long) bed);
				Row row = rows.get(i);
				PlaceDirectory.PersonRef p = people.get(row.personId());
				inserts.add(new Object[] {user.schoolId(), room.id(), bed, p.id(), p.householdId(), row.caseId(), batchId,
						row.needsAccessible(), Timestamp.from(now), user.getUsername(), bed, p.id()});
				summaries.put(p.id(), "allocated room " + room.code() + " bed " + bed);
				items.add(new AuditLog.Item(room.id(), "allocated " + p.name() + " (" + p.code() + ") to room " + room.code() + " bed " + bed
						+ (batchId == null ? "" : ", batch " + batchId), null, "person=" + p.id()));
			}
		}
		template.batchUpdate("""
				insert into isolation_stay (school_id, room_id, bed, person_id, household_id, case_id, batch_id, needs_accessible,
				  allocated_at, allocated_by, open_bed, open_person_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
		// the rooms that were vacant are occupied now: one update, one batch of room events
		RoomState occupied = RoomState.VACANT.on(RoomState.Event.CHECK_IN).orElseThrow();
		List<Locked> movedIn = byRoom.keySet().stream().map(locked::get).filter(r -> r.state() == RoomState.VACANT).toList();
		if (!movedIn.isEmpty()) {
			jdbc.sql("update isolation_room set state = ?, state_reason = null, state_changed_at = ?, version = version + 1 where id in ("
					+ movedIn.stream().map(r -> String.valueOf(r.id())).collect(Collectors.joining(",")) + ")")
				.params(occupied.name(), Timestamp.from(now)).update();
			template.batchUpdate("""
					insert into isolation_room_event (school_id, room_id, event, from_state, to_state, reason, actor, occurred_at)
					values (?, ?, ?, ?, ?, ?, ?, ?)""", movedIn.stream().map(r -> new Object[] {user.schoolId(), r.id(),
					RoomState.Event.CHECK_IN.name(), RoomState.VACANT.name(), occupied.name(), batchId == null ? null : "batch " + batchId,
					user.getUsername(), Timestamp.from(now)}).toList());
		}
		audit.recordAll(AuditAction.CREATE, "isolation_room", items);
		timeline.recordAll(summaries, MODULE, "isolation.allocated", now);
		List<Object> idParams = new ArrayList<>();
		idParams.add(user.schoolId());
		idParams.addAll(personIds);
		Map<Long, Long> stayOf = new HashMap<>();
		jdbc.sql("select open_person_id, id from isolation_stay where school_id = ? and open_person_id in (" + marks(personIds.size()) + ")")
			.params(idParams).query((rs, i) -> stayOf.put(rs.getLong(1), rs.getLong(2))).list();
		return new Confirmation(rows.stream().map(r -> stayOf.get(r.personId())).toList(), batchId, List.of(), List.of());
	}

	private static RoomAllocation.Person person(PlaceDirectory.PersonRef p, boolean needsAccessible) {
		Gender gender = "MALE".equals(p.gender()) ? Gender.MALE : "FEMALE".equals(p.gender()) ? Gender.FEMALE : null;
		return new RoomAllocation.Person(p.id(), p.householdId(), gender, needsAccessible);
	}

	// --- the suggestion for a list

	/** A line of the pasted list: a student/staff number or an ID number, and whether the person needs an accessible room. */
	record Wanted(String number, boolean needsAccessible) {
	}

	record Proposed(long personId, String code, String name, String gender, Long householdId, boolean needsAccessible, long roomId,
			String roomLabel) {
	}

	record Left(Long personId, String number, String name, String reason) {
	}

	record Proposal(List<Proposed> placements, List<Left> unplaced, int roomsOffered, int bedsOffered) {
	}

	/**
	 * Lines of a pasted list: a number, optionally followed (after a space, comma or tab) by 无障碍 /
	 * accessible / A for someone who needs an accessible room. Blank lines are skipped.
	 */
	static List<Wanted> parse(String text) {
		List<Wanted> wanted = new ArrayList<>();
		if (text == null) {
			return wanted;
		}
		for (String line : text.split("\\R")) {
			String[] parts = line.strip().split("[\\s,，;；]+");
			if (parts.length == 0 || parts[0].isBlank()) {
				continue;
			}
			boolean accessible = parts.length > 1 && (parts[1].equalsIgnoreCase("A") || parts[1].equalsIgnoreCase("accessible")
					|| parts[1].equals("无障碍"));
			wanted.add(new Wanted(parts[0].toUpperCase(java.util.Locale.ROOT), accessible));
		}
		return wanted;
	}

	/** Suggested rooms for everyone of the list the user may place, among the vacant rooms (of a zone, or of all). */
	@Transactional(readOnly = true)
	Proposal suggest(CurrentUser user, List<Wanted> wanted, Long zoneId) {
		Map<String, Boolean> accessible = new LinkedHashMap<>();
		wanted.forEach(w -> accessible.merge(w.number(), w.needsAccessible(), Boolean::logicalOr));
		List<PlaceDirectory.PersonMatch> matches = directory.peopleByNumber(user, accessible.keySet());
		Map<Long, PlaceDirectory.PersonRef> people = new LinkedHashMap<>();
		Map<Long, Boolean> needs = new HashMap<>();
		Set<String> found = new HashSet<>();
		for (String number : accessible.keySet()) {
			for (PlaceDirectory.PersonMatch m : matches) {
				if (number.equals(m.person().code()) || number.equalsIgnoreCase(m.idNumber())) {
					found.add(number);
					people.putIfAbsent(m.person().id(), m.person());
					needs.merge(m.person().id(), accessible.get(number), Boolean::logicalOr);
				}
			}
		}
		List<Left> left = new ArrayList<>();
		accessible.keySet().stream().filter(n -> !found.contains(n)).forEach(n -> left.add(new Left(null, n, null, "PERSON_NOT_FOUND")));
		if (!people.isEmpty()) {
			List<Object> params = concat(user.schoolId(), people.keySet());
			jdbc.sql("select open_person_id from isolation_stay where school_id = ? and open_person_id in (" + marks(people.size()) + ")")
				.params(params).query(Long.class).list().forEach(id -> {
					PlaceDirectory.PersonRef p = people.remove(id);
					left.add(new Left(p.id(), p.code(), p.name(), Reason.ALREADY_PLACED.name()));
				});
		}
		List<IsolationRooms.Room> offered = rooms.offered(user, zoneId);
		Map<Long, IsolationRooms.Room> roomById = offered.stream().collect(Collectors.toMap(IsolationRooms.Room::id, Function.identity()));
		RoomAllocation.Suggestion s = RoomAllocation.suggest(
				people.values().stream().map(p -> person(p, needs.getOrDefault(p.id(), false))).toList(),
				offered.stream().map(r -> new RoomAllocation.Room(r.id(), r.zoneCode() + "/" + String.format("%06d", offered.indexOf(r)),
						r.beds(), r.gender(), r.accessible())).toList());
		List<Proposed> placements = s.placements().stream().map(pl -> {
			PlaceDirectory.PersonRef p = people.get(pl.personId());
			return new Proposed(p.id(), p.code(), p.name(), p.gender(), p.householdId(), needs.getOrDefault(p.id(), false), pl.roomId(),
					roomById.get(pl.roomId()).label());
		}).toList();
		s.unplaced().forEach(u -> {
			PlaceDirectory.PersonRef p = people.get(u.personId());
			left.add(new Left(p.id(), p.code(), p.name(), u.reason().name()));
		});
		return new Proposal(placements, left, offered.size(), offered.stream().mapToInt(IsolationRooms.Room::beds).sum());
	}

	// --- check-in, check-out and the list of stays

	record Stay(long id, long roomId, String roomCode, String roomName, String zoneName, String buildingName, int bed, long personId,
			String personCode, String personName, Long caseId, OffsetDateTime allocatedAt, String allocatedBy, OffsetDateTime checkedInAt,
			OffsetDateTime checkedOutAt, String checkOutReason) {

		boolean open() {
			return checkedOutAt == null;
		}
	}

	record StayFilter(Long zoneId, Long roomId, String q, boolean openOnly) {
	}

	private static final String STAY = """
			select s.id, s.room_id, pl.code as room_code, pl.name as room_name, z.name as zone_name, b.name as building_name, s.bed,
			  s.person_id, p.code as person_code, p.name as person_name, s.case_id, s.allocated_at, s.allocated_by, s.checked_in_at,
			  s.checked_out_at, s.check_out_reason
			from isolation_stay s
			join isolation_room r on r.id = s.room_id
			join isolation_zone z on z.id = r.zone_id
			join place pl on pl.id = r.place_id
			join place b on b.id = r.building_place_id
			join person p on p.id = s.person_id
			""";

	private String stayWhere(CurrentUser user, StayFilter filter, List<Object> params) {
		StringBuilder where = new StringBuilder(" where s.school_id = ?");
		params.add(user.schoolId());
		where.append(" and ").append(directory.placeInScope(user, "r.place_id", params));
		if (filter.openOnly()) {
			where.append(" and s.open_bed is not null");
		}
		if (filter.zoneId() != null) {
			where.append(" and r.zone_id = ?");
			params.add(filter.zoneId());
		}
		if (filter.roomId() != null) {
			where.append(" and s.room_id = ?");
			params.add(filter.roomId());
		}
		if (filter.q() != null && !filter.q().isBlank()) {
			String q = filter.q().strip().replace("%", "");
			where.append(" and (p.name like ? or p.code = ? or pl.name like ?)");
			params.add(q + "%");
			params.add(q);
			params.add(q + "%");
		}
		return where.toString();
	}

	@Transactional(readOnly = true)
	PageResult<Stay> stays(CurrentUser user, StayFilter filter, PageQuery page) {
		List<Object> params = new ArrayList<>();
		String where = stayWhere(user, filter, params);
		String order = switch (page.sort()) {
			case "name" -> "p.name";
			case "room" -> "r.sort_key";
			default -> "s.allocated_at";
		} + (page.descending() ? " desc" : "") + ", s.id";
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<Stay> items = jdbc.sql(STAY + where + " order by " + order + " limit ? offset ?").params(pageParams).query(Allocations::stay).list();
		long total = jdbc.sql("select count(*) from isolation_stay s join isolation_room r on r.id = s.room_id join place pl on pl.id = r.place_id"
				+ " join person p on p.id = s.person_id" + where).params(params).query(Long.class).single();
		return new PageResult<>(items, page.page(), page.size(), total, false);
	}

	@Transactional(readOnly = true)
	List<Stay> allStays(CurrentUser user, StayFilter filter) {
		List<Object> params = new ArrayList<>();
		return jdbc.sql(STAY + stayWhere(user, filter, params) + " order by r.sort_key, s.bed, s.id").params(params).query(Allocations::stay).list();
	}

	@Transactional(readOnly = true)
	Optional<Stay> stay(CurrentUser user, long id) {
		List<Object> params = new ArrayList<>();
		String where = stayWhere(user, new StayFilter(null, null, null, false), params) + " and s.id = ?";
		params.add(id);
		return jdbc.sql(STAY + where).params(params).query(Allocations::stay).optional();
	}

	/** The open stay of a person, e.g. for the control case that needs to know where they are. */
	@Transactional(readOnly = true)
	Optional<Stay> openStayOf(CurrentUser user, long personId) {
		List<Object> params = new ArrayList<>();
		String where = stayWhere(user, new StayFilter(null, null, null, true), params) + " and s.person_id = ?";
		params.add(personId);
		return jdbc.sql(STAY + where).params(params).query(Allocations::stay).optional();
	}

	@Transactional
	Outcome checkIn(CurrentUser user, long stayId, Instant at) {
		Instant when = at == null ? Instant.now() : at;
		Optional<Stay> stay = stay(user, stayId);
		if (stay.isEmpty()) {
			return Outcome.refused("stay", "notFound");
		}
		if (!stay.get().open() || stay.get().checkedInAt() != null) {
			return Outcome.refused("stay", "alreadyCheckedIn");
		}
		if (when.isAfter(Instant.now().plusSeconds(300))) {
			return Outcome.refused("at", "inFuture");
		}
		if (when.isBefore(stay.get().allocatedAt().toInstant().minusSeconds(86_400))) {
			return Outcome.refused("at", "beforeAllocation");
		}
		int updated = jdbc.sql("update isolation_stay set checked_in_at = ?, checked_in_by = ? where id = ? and checked_in_at is null and open_bed is not null")
			.params(Timestamp.from(when), user.getUsername(), stayId).update();
		if (updated == 0) {
			return Outcome.refused("stay", "alreadyCheckedIn");
		}
		audit.record(AuditAction.UPDATE, "isolation_stay", stayId, "checked in " + stay.get().personName() + " to room " + stay.get().roomCode());
		timeline.record(stay.get().personId(), MODULE, "isolation.checkedIn", "checked in to room " + stay.get().roomCode(), when);
		// the room's services start at once: the rounds of the check-in's day (and of today, when recorded late)
		LocalDate today = services.today(Instant.now());
		for (LocalDate day = services.today(when); !day.isAfter(today); day = day.plusDays(1)) {
			services.generate(user.schoolId(), day, List.of(stay.get().roomId()), null);
		}
		return Outcome.ok(stayId);
	}

	/** Ends a stay; the room's last one sends the room to terminal disinfection. */
	@Transactional
	Outcome checkOut(CurrentUser user, long stayId, Instant at, String reason) {
		Instant when = at == null ? Instant.now() : at;
		Optional<Stay> found = stay(user, stayId);
		if (found.isEmpty()) {
			return Outcome.refused("stay", "notFound");
		}
		if (reason == null || reason.isBlank()) {
			return Outcome.refused("reason", "required");
		}
		if (when.isAfter(Instant.now().plusSeconds(300))) {
			return Outcome.refused("at", "inFuture");
		}
		Optional<IsolationRooms.Room> room = rooms.lock(user, found.get().roomId());
		if (room.isEmpty()) {
			return Outcome.refused("stay", "notFound");
		}
		Stay stay = stay(user, stayId).orElseThrow();
		if (!stay.open()) {
			return Outcome.refused("stay", "alreadyCheckedOut");
		}
		Instant since = stay.checkedInAt() != null ? stay.checkedInAt().toInstant() : stay.allocatedAt().toInstant();
		if (when.isBefore(since)) {
			return Outcome.refused("at", "beforeCheckIn");
		}
		jdbc.sql("""
				update isolation_stay set checked_out_at = ?, checked_out_by = ?, check_out_reason = ?, open_bed = null, open_person_id = null
				where id = ?""").params(Timestamp.from(when), user.getUsername(), IsolationRooms.truncate(reason.strip(), 500), stayId).update();
		long left = jdbc.sql("select count(*) from isolation_stay where room_id = ? and open_bed is not null").param(stay.roomId())
			.query(Long.class).single();
		if (left == 0) {
			Outcome moved = rooms.transition(user, room.get(), RoomState.Event.LAST_CHECK_OUT, reason, null, null, when);
			if (!moved.saved()) {
				throw new IllegalStateException("room " + stay.roomId() + " had an open stay but is " + room.get().state());
			}
			services.vacated(stay.roomId(), when);
		}
		audit.record(AuditAction.UPDATE, "isolation_stay", stayId, "checked out " + stay.personName() + " from room " + stay.roomCode()
				+ ": " + reason.strip());
		timeline.record(stay.personId(), MODULE, "isolation.checkedOut", "checked out of room " + stay.roomCode() + ": " + reason.strip(), when);
		return Outcome.ok(stayId);
	}

	private static Stay stay(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		return new Stay(rs.getLong("id"), rs.getLong("room_id"), rs.getString("room_code"), rs.getString("room_name"),
				rs.getString("zone_name"), rs.getString("building_name"), rs.getInt("bed"), rs.getLong("person_id"),
				rs.getString("person_code"), rs.getString("person_name"), rs.getObject("case_id") == null ? null : rs.getLong("case_id"),
				rs.getObject("allocated_at", OffsetDateTime.class), rs.getString("allocated_by"),
				rs.getObject("checked_in_at", OffsetDateTime.class), rs.getObject("checked_out_at", OffsetDateTime.class),
				rs.getString("check_out_reason"));
	}

	private static String marks(int n) {
		return String.join(",", Collections.nCopies(Math.max(n, 1), "?"));
	}

	private static List<Object> concat(Object first, java.util.Collection<?> rest) {
		List<Object> all = new ArrayList<>();
		all.add(first);
		all.addAll(rest);
		return all;
	}
}
