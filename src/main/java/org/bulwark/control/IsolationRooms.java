package org.bulwark.control;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.bulwark.control.RoomAllocation.Gender;
import org.bulwark.directory.BuildingPattern;
import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PlaceDirectory;
import org.bulwark.directory.PlaceKind;
import org.bulwark.directory.PlaceUsage;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Isolation rooms: rooms of the place tree taken into a zone (one room, a floor or a whole building at
 * once), their attributes, their turnover through {@link RoomState} — every change an explicit action
 * with a reason, recorded as a room event and in the audit trail — and the occupancy board.
 */
@Service
class IsolationRooms {

	static final int MAX_BEDS = 50;

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final PlaceDirectory places;
	private final IsolationZones zones;
	private final AuditLog audit;

	IsolationRooms(JdbcClient jdbc, JdbcTemplate template, PlaceDirectory places, IsolationZones zones, AuditLog audit) {
		this.jdbc = jdbc;
		this.template = template;
		this.places = places;
		this.zones = zones;
		this.audit = audit;
	}

	/** What a room offers: beds, own bathroom, step-free access, and a gender restriction (null: anyone). */
	record Attributes(int beds, boolean ownBathroom, boolean accessible, Gender gender) {

		List<FieldProblem> problems() {
			return beds < 1 || beds > MAX_BEDS ? List.of(FieldProblem.of("beds", "range", 1, MAX_BEDS)) : List.of();
		}
	}

	record Room(long id, long zoneId, String zoneCode, String zoneName, ZoneKind zoneKind, long placeId, String code,
			String name, long buildingId, String buildingName, Long floorId, String floorName, int beds, int occupied,
			boolean ownBathroom, boolean accessible, Gender gender, RoomState state, String stateReason,
			OffsetDateTime stateChangedAt, int version, String occupants) {

		int freeBeds() {
			return state == RoomState.VACANT ? beds : 0;
		}

		String label() {
			return zoneName + " " + buildingName + (floorName == null ? "" : " " + floorName) + " " + name;
		}
	}

	record Filter(Long zoneId, RoomState state, Long buildingId, String q, Boolean accessible, Gender gender) {
	}

	record Event(long id, String event, RoomState from, RoomState to, String reason, String method, String doneBy, String actor,
			OffsetDateTime at) {
	}

	/**
	 * Takes the rooms under a place (a room, a floor or a whole building) into a zone, each with the
	 * given attributes; rooms already in a zone are left as they are. The count says how many were added.
	 */
	@Transactional
	Outcome addRooms(CurrentUser user, long zoneId, long placeId, Attributes attributes) {
		List<FieldProblem> problems = new ArrayList<>(attributes.problems());
		var zone = zones.find(user, zoneId);
		if (zone.isEmpty()) {
			problems.add(FieldProblem.of("zone", "notFound"));
		}
		Optional<PlaceDirectory.PlaceRef> place = places.find(user, placeId);
		if (place.isEmpty()) {
			problems.add(FieldProblem.of("place", "notFound"));
		} else if (place.get().kind() == PlaceKind.CAMPUS || place.get().kind() == PlaceKind.AREA) {
			problems.add(FieldProblem.of("place", "notABuilding"));
		}
		if (!problems.isEmpty()) {
			return Outcome.refused(problems);
		}
		List<PlaceDirectory.RoomRef> rooms = places.roomsUnder(user, placeId);
		if (rooms.isEmpty()) {
			return Outcome.refused("place", "noRooms");
		}
		Set<Long> taken = Set.copyOf(jdbc.sql("select place_id from isolation_room where school_id = ? and place_id in ("
				+ rooms.stream().map(r -> String.valueOf(r.id())).collect(Collectors.joining(",")) + ")")
			.param(user.schoolId()).query(Long.class).list());
		List<Object[]> rows = new ArrayList<>();
		for (PlaceDirectory.RoomRef r : rooms) {
			if (taken.contains(r.id())) {
				continue;
			}
			String sortKey = zone.get().code() + "/" + r.buildingName() + "/" + (r.floorName() == null ? "" : r.floorName()) + "/" + r.code();
			rows.add(new Object[] {user.schoolId(), zoneId, r.id(), r.buildingId(), r.floorId(), sortKey, attributes.beds(),
					attributes.ownBathroom(), attributes.accessible(), attributes.gender() == null ? null : attributes.gender().name()});
		}
		if (rows.isEmpty()) {
			return Outcome.refused("place", "alreadyIsolation");
		}
		template.batchUpdate("""
				insert into isolation_room (school_id, zone_id, place_id, building_place_id, floor_place_id, sort_key, beds,
				  own_bathroom, accessible, gender) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
		audit.record(AuditAction.CREATE, "isolation_zone", zoneId, "took " + rows.size() + " rooms of " + place.get().name()
				+ " (" + place.get().code() + ") into the zone with " + attributes.beds() + " beds each");
		return Outcome.ok(zoneId, rows.size());
	}

	/** A new building in the place tree (usage isolation) from its pattern, all of whose rooms join the zone. */
	@Transactional
	Outcome addBuilding(CurrentUser user, long zoneId, String parentCode, BuildingPattern pattern, Attributes attributes) {
		List<FieldProblem> problems = new ArrayList<>(attributes.problems());
		if (zones.find(user, zoneId).isEmpty()) {
			problems.add(FieldProblem.of("zone", "notFound"));
		}
		var parent = places.findByCode(user, parentCode);
		if (parent.isEmpty()) {
			problems.add(FieldProblem.of("parent", "notFound"));
		}
		BuildingPattern isolation = new BuildingPattern(pattern.code(), pattern.name(), PlaceUsage.ISOLATION,
				pattern.firstFloor(), pattern.lastFloor(), pattern.firstRoom(), pattern.lastRoom(), pattern.roomDigits(),
				attributes.beds());
		problems.addAll(isolation.problems());
		if (!problems.isEmpty()) {
			return Outcome.refused(problems);
		}
		PlaceDirectory.Built built = places.addBuilding(user, parent.get().id(), isolation);
		if (built.id() == null) {
			return Outcome.refused(built.problems());
		}
		return addRooms(user, zoneId, built.id(), attributes);
	}

	@Transactional
	Outcome update(CurrentUser user, long roomId, Attributes attributes) {
		if (!attributes.problems().isEmpty()) {
			return Outcome.refused(attributes.problems());
		}
		Optional<Room> room = lock(user, roomId);
		if (room.isEmpty()) {
			return Outcome.refused("room", "notFound");
		}
		if (attributes.beds() < room.get().occupied()) {
			return Outcome.refused("beds", "belowOccupied", room.get().occupied());
		}
		jdbc.sql("update isolation_room set beds = ?, own_bathroom = ?, accessible = ?, gender = ?, version = version + 1 where id = ?")
			.params(attributes.beds(), attributes.ownBathroom(), attributes.accessible(),
					attributes.gender() == null ? null : attributes.gender().name(), roomId)
			.update();
		Room r = room.get();
		audit.record(AuditAction.UPDATE, "isolation_room", roomId, "changed room " + r.code(),
				"beds=" + r.beds() + ", ownBathroom=" + r.ownBathroom() + ", accessible=" + r.accessible() + ", gender=" + r.gender(),
				"beds=" + attributes.beds() + ", ownBathroom=" + attributes.ownBathroom() + ", accessible=" + attributes.accessible()
						+ ", gender=" + attributes.gender());
		return Outcome.ok(roomId);
	}

	/** Out of service (with a reason), back into service (through disinfection) or a recorded terminal disinfection. */
	@Transactional
	Outcome act(CurrentUser user, long roomId, RoomState.Event event, String reason, String method, String doneBy, Instant at) {
		if (event == RoomState.Event.CHECK_IN || event == RoomState.Event.LAST_CHECK_OUT) {
			throw new IllegalArgumentException("check-in and check-out go through Allocations");
		}
		List<FieldProblem> problems = new ArrayList<>();
		if (event != RoomState.Event.DISINFECTED && (reason == null || reason.isBlank())) {
			problems.add(FieldProblem.of("reason", "required"));
		}
		if (event == RoomState.Event.DISINFECTED) {
			if (method == null || method.isBlank()) {
				problems.add(FieldProblem.of("method", "required"));
			}
			if (doneBy == null || doneBy.isBlank()) {
				problems.add(FieldProblem.of("doneBy", "required"));
			}
		}
		if (at != null && at.isAfter(Instant.now().plusSeconds(300))) {
			problems.add(FieldProblem.of("at", "inFuture"));
		}
		if (!problems.isEmpty()) {
			return Outcome.refused(problems);
		}
		Optional<Room> room = lock(user, roomId);
		if (room.isEmpty()) {
			return Outcome.refused("room", "notFound");
		}
		return transition(user, room.get(), event, reason, method, doneBy, at == null ? Instant.now() : at);
	}

	/** Moves a locked room on by an event, or refuses when its state does not allow the event. */
	Outcome transition(CurrentUser user, Room room, RoomState.Event event, String reason, String method, String doneBy,
			Instant at) {
		Optional<RoomState> next = room.state().on(event);
		if (next.isEmpty()) {
			return Outcome.refused("state", "isolation.roomIs." + room.state());
		}
		String why = reason == null || reason.isBlank() ? null : truncate(reason.strip(), 500);
		jdbc.sql("update isolation_room set state = ?, state_reason = ?, state_changed_at = ?, version = version + 1 where id = ?")
			.params(next.get().name(), why, Timestamp.from(at), room.id()).update();
		jdbc.sql("""
				insert into isolation_room_event (school_id, room_id, event, from_state, to_state, reason, method, done_by, actor, occurred_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(user.schoolId(), room.id(), event.name(), room.state().name(), next.get().name(), why,
					method == null || method.isBlank() ? null : truncate(method.strip(), 200),
					doneBy == null || doneBy.isBlank() ? null : truncate(doneBy.strip(), 200), user.getUsername(), Timestamp.from(at))
			.update();
		audit.record(AuditAction.UPDATE, "isolation_room", room.id(), event + " room " + room.code()
				+ (why == null ? "" : ": " + why) + (method == null || method.isBlank() ? "" : " (" + method.strip() + ", " + doneBy + ")"),
				"state=" + room.state(), "state=" + next.get());
		return Outcome.ok(room.id());
	}

	/** The room, locked for the rest of the transaction, if the user may see it. */
	Optional<Room> lock(CurrentUser user, long roomId) {
		List<Object> params = new ArrayList<>(List.of(roomId, user.schoolId()));
		String scope = places.placeInScope(user, "r.place_id", params);
		List<Long> ids = jdbc.sql("select r.id from isolation_room r where r.id = ? and r.school_id = ? and " + scope + " for update")
			.params(params).query(Long.class).list();
		return ids.isEmpty() ? Optional.empty() : find(user, roomId);
	}

	private static final String SELECT = """
			select r.id, r.zone_id, z.code as zone_code, z.name as zone_name, z.kind as zone_kind, r.place_id, pl.code, pl.name,
			  r.building_place_id, b.name as building_name, r.floor_place_id, f.name as floor_name, r.beds,
			  (select count(*) from isolation_stay s where s.room_id = r.id and s.open_bed is not null) as occupied,
			  r.own_bathroom, r.accessible, r.gender, r.state, r.state_reason, r.state_changed_at, r.version
			from isolation_room r
			join isolation_zone z on z.id = r.zone_id
			join place pl on pl.id = r.place_id
			join place b on b.id = r.building_place_id
			left join place f on f.id = r.floor_place_id
			""";

	private String where(CurrentUser user, Filter filter, List<Object> params) {
		StringBuilder where = new StringBuilder(" where r.school_id = ?");
		params.add(user.schoolId());
		where.append(" and ").append(places.placeInScope(user, "r.place_id", params));
		if (filter.zoneId() != null) {
			where.append(" and r.zone_id = ?");
			params.add(filter.zoneId());
		}
		if (filter.state() != null) {
			where.append(" and r.state = ?");
			params.add(filter.state().name());
		}
		if (filter.buildingId() != null) {
			where.append(" and r.building_place_id = ?");
			params.add(filter.buildingId());
		}
		if (filter.accessible() != null) {
			where.append(" and r.accessible = ?");
			params.add(filter.accessible());
		}
		if (filter.gender() != null) {
			where.append(" and r.gender = ?");
			params.add(filter.gender().name());
		}
		if (filter.q() != null && !filter.q().isBlank()) {
			String q = filter.q().strip().replace("%", "");
			// a room by its number or code, or by who stays there
			where.append(" and (pl.name like ? or pl.code like ? or exists (select 1 from isolation_stay qs join person qp on qp.id = qs.person_id"
					+ " where qs.room_id = r.id and qs.open_bed is not null and (qp.name like ? or qp.code = ?)))");
			params.add(q + "%");
			params.add("%" + q + "%");
			params.add(q + "%");
			params.add(q);
		}
		return where.toString();
	}

	@Transactional(readOnly = true)
	PageResult<Room> search(CurrentUser user, Filter filter, PageQuery page) {
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, params);
		String order = switch (page.sort()) {
			case "state" -> "r.state";
			case "beds" -> "r.beds";
			default -> "r.sort_key";
		} + (page.descending() ? " desc" : "") + ", r.id";
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<Room> rooms = jdbc.sql(SELECT + where + " order by " + order + " limit ? offset ?").params(pageParams)
			.query(IsolationRooms::room).list();
		long total = jdbc.sql("select count(*) from isolation_room r join place pl on pl.id = r.place_id" + where).params(params)
			.query(Long.class).single();
		return new PageResult<>(withOccupants(rooms), page.page(), page.size(), total, false);
	}

	@Transactional(readOnly = true)
	List<Room> all(CurrentUser user, Filter filter) {
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, params);
		return withOccupants(jdbc.sql(SELECT + where + " order by r.sort_key, r.id").params(params).query(IsolationRooms::room).list());
	}

	/** Vacant rooms the user may offer, in the order they are offered. */
	@Transactional(readOnly = true)
	List<Room> offered(CurrentUser user, Long zoneId) {
		List<Object> params = new ArrayList<>();
		String where = where(user, new Filter(zoneId, RoomState.VACANT, null, null, null, null), params);
		return jdbc.sql(SELECT + where + " and z.active = true order by r.sort_key, r.id").params(params).query(IsolationRooms::room).list();
	}

	@Transactional(readOnly = true)
	Optional<Room> find(CurrentUser user, long id) {
		List<Object> params = new ArrayList<>();
		String where = where(user, new Filter(null, null, null, null, null, null), params) + " and r.id = ?";
		params.add(id);
		return withOccupants(jdbc.sql(SELECT + where).params(params).query(IsolationRooms::room).list()).stream().findFirst();
	}

	@Transactional(readOnly = true)
	List<Event> events(CurrentUser user, long roomId) {
		if (find(user, roomId).isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select id, event, from_state, to_state, reason, method, done_by, actor, occurred_at from isolation_room_event
				where room_id = ? order by occurred_at desc, id desc limit 200""").param(roomId)
			.query((rs, i) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3) == null ? null : RoomState.valueOf(rs.getString(3)),
					RoomState.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
					rs.getObject(9, OffsetDateTime.class)))
			.list();
	}

	/** Names of who stays in each room now, for lists (one query for the page). */
	private List<Room> withOccupants(List<Room> rooms) {
		if (rooms.isEmpty()) {
			return rooms;
		}
		Map<Long, String> names = new LinkedHashMap<>();
		jdbc.sql("select s.room_id, p.name from isolation_stay s join person p on p.id = s.person_id where s.open_bed is not null and s.room_id in ("
				+ rooms.stream().map(r -> String.valueOf(r.id())).collect(Collectors.joining(",")) + ") order by s.room_id, s.bed")
			.query((rs, i) -> {
				names.merge(rs.getLong(1), rs.getString(2), (a, b) -> a + "、" + b);
				return null;
			}).list();
		return rooms.stream().map(r -> new Room(r.id(), r.zoneId(), r.zoneCode(), r.zoneName(), r.zoneKind(), r.placeId(), r.code(),
				r.name(), r.buildingId(), r.buildingName(), r.floorId(), r.floorName(), r.beds(), r.occupied(), r.ownBathroom(),
				r.accessible(), r.gender(), r.state(), r.stateReason(), r.stateChangedAt(), r.version(), names.getOrDefault(r.id(), "")))
			.toList();
	}

	private static Room room(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		return new Room(rs.getLong("id"), rs.getLong("zone_id"), rs.getString("zone_code"), rs.getString("zone_name"),
				ZoneKind.valueOf(rs.getString("zone_kind")), rs.getLong("place_id"), rs.getString("code"), rs.getString("name"),
				rs.getLong("building_place_id"), rs.getString("building_name"),
				rs.getObject("floor_place_id") == null ? null : rs.getLong("floor_place_id"), rs.getString("floor_name"),
				rs.getInt("beds"), rs.getInt("occupied"), rs.getBoolean("own_bathroom"), rs.getBoolean("accessible"),
				rs.getString("gender") == null ? null : Gender.valueOf(rs.getString("gender")), RoomState.valueOf(rs.getString("state")),
				rs.getString("state_reason"), rs.getObject("state_changed_at", OffsetDateTime.class), rs.getInt("version"), "");
	}

	// --- the occupancy board

	/** Counts of one zone, building or floor. */
	record Counts(int rooms, int beds, int occupiedBeds, int vacantRooms, int freeBeds, int occupiedRooms, int awaitingRooms,
			int outOfServiceRooms) {

		static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

		Counts plus(Counts o) {
			return new Counts(rooms + o.rooms, beds + o.beds, occupiedBeds + o.occupiedBeds, vacantRooms + o.vacantRooms,
					freeBeds + o.freeBeds, occupiedRooms + o.occupiedRooms, awaitingRooms + o.awaitingRooms,
					outOfServiceRooms + o.outOfServiceRooms);
		}
	}

	record Line(long id, String code, String name, ZoneKind kind, Counts counts, List<Line> children) {
	}

	record Board(List<Line> zones, Counts total, Instant at) {
	}

	/** Occupancy by zone, building and floor, in one query, for the board and the API. */
	@Transactional(readOnly = true)
	Board board(CurrentUser user, Long zoneId) {
		List<Object> params = new ArrayList<>();
		String where = where(user, new Filter(zoneId, null, null, null, null, null), params);
		record Row(long zone, String zoneCode, String zoneName, ZoneKind kind, long building, String buildingCode, String buildingName,
				Long floor, String floorCode, String floorName, Counts counts) {
		}
		List<Row> rows = jdbc.sql("""
				select r.zone_id, z.code, z.name, z.kind, r.building_place_id, b.code, b.name, r.floor_place_id, f.code, f.name,
				  count(*), sum(r.beds), coalesce(sum(o.n), 0),
				  sum(case when r.state = 'VACANT' then 1 else 0 end), sum(case when r.state = 'VACANT' then r.beds else 0 end),
				  sum(case when r.state = 'OCCUPIED' then 1 else 0 end), sum(case when r.state = 'AWAITING_DISINFECTION' then 1 else 0 end),
				  sum(case when r.state = 'OUT_OF_SERVICE' then 1 else 0 end)
				from isolation_room r
				join isolation_zone z on z.id = r.zone_id
				join place pl on pl.id = r.place_id
				join place b on b.id = r.building_place_id
				left join place f on f.id = r.floor_place_id
				left join (select room_id, count(*) as n from isolation_stay where open_bed is not null group by room_id) o on o.room_id = r.id
				""" + where + " group by r.zone_id, z.code, z.name, z.kind, r.building_place_id, b.code, b.name, r.floor_place_id, f.code, f.name"
				+ " order by z.code, b.code, f.code").params(params)
			.query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), ZoneKind.valueOf(rs.getString(4)), rs.getLong(5),
					rs.getString(6), rs.getString(7), rs.getObject(8) == null ? null : rs.getLong(8), rs.getString(9), rs.getString(10),
					new Counts(rs.getInt(11), rs.getInt(12), rs.getInt(13), rs.getInt(14), rs.getInt(15), rs.getInt(16), rs.getInt(17),
							rs.getInt(18))))
			.list();
		Map<Long, List<Row>> byZone = rows.stream().collect(Collectors.groupingBy(Row::zone, LinkedHashMap::new, Collectors.toList()));
		List<Line> lines = new ArrayList<>();
		Counts total = Counts.NONE;
		for (List<Row> zoneRows : byZone.values()) {
			Row first = zoneRows.get(0);
			Map<Long, List<Row>> byBuilding = zoneRows.stream()
				.collect(Collectors.groupingBy(Row::building, LinkedHashMap::new, Collectors.toList()));
			List<Line> buildings = new ArrayList<>();
			Counts zoneCounts = Counts.NONE;
			for (List<Row> buildingRows : byBuilding.values()) {
				Row b = buildingRows.get(0);
				List<Line> floors = buildingRows.stream().filter(r -> r.floor() != null)
					.map(r -> new Line(r.floor(), r.floorCode(), r.floorName(), null, r.counts(), List.of())).toList();
				Counts buildingCounts = buildingRows.stream().map(Row::counts).reduce(Counts.NONE, Counts::plus);
				buildings.add(new Line(b.building(), b.buildingCode(), b.buildingName(), null, buildingCounts, floors));
				zoneCounts = zoneCounts.plus(buildingCounts);
			}
			lines.add(new Line(first.zone(), first.zoneCode(), first.zoneName(), first.kind(), zoneCounts, buildings));
			total = total.plus(zoneCounts);
		}
		return new Board(Collections.unmodifiableList(lines), total, Instant.now());
	}

	static String truncate(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}

	static OffsetDateTime utc(Instant at) {
		return at.atOffset(ZoneOffset.UTC);
	}
}
