package org.bulwark.control;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.bulwark.control.ServicePlan.Status;
import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PersonTimeline;
import org.bulwark.directory.PlaceDirectory;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily service tasks of occupied rooms: generated from the zones' settings ({@link ServicePlan}),
 * idempotently (one task per room, service, day and time), marked done by staff one by one or a floor
 * at once — each task at most once, whoever taps first — and listed for the site manager with the
 * overdue ones first. Tasks are seen through the data scope of their room's place.
 */
@Service
class ServiceTasks {

	static final BigDecimal MIN_TEMPERATURE = new BigDecimal("34.0");
	static final BigDecimal MAX_TEMPERATURE = new BigDecimal("43.0");
	static final int MAX_BATCH = 500;

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final PlaceDirectory places;
	private final ServiceSettings settings;
	private final AuditLog audit;
	private final PersonTimeline timeline;
	private final ZoneId zone;
	private final BigDecimal feverFrom;

	ServiceTasks(JdbcClient jdbc, JdbcTemplate template, PlaceDirectory places, ServiceSettings settings, AuditLog audit,
			PersonTimeline timeline, @Value("${bulwark.health.time-zone:Asia/Shanghai}") ZoneId zone,
			@Value("${bulwark.isolation.services.fever-from:37.3}") BigDecimal feverFrom) {
		this.jdbc = jdbc;
		this.template = template;
		this.places = places;
		this.settings = settings;
		this.audit = audit;
		this.timeline = timeline;
		this.zone = zone;
		this.feverFrom = feverFrom;
	}

	ZoneId zone() {
		return zone;
	}

	LocalDate today(Instant now) {
		return now.atZone(zone).toLocalDate();
	}

	BigDecimal feverFrom() {
		return feverFrom;
	}

	// --- generation

	/**
	 * Creates the tasks of a day for the occupied rooms of a school (all of them, or only {@code roomIds},
	 * or those of one zone) and brings back tasks cancelled earlier that are due again (the room was
	 * vacated and taken again the same day, or a setting changed back). Returns how many tasks were added.
	 */
	@Transactional
	int generate(long schoolId, LocalDate day, Collection<Long> roomIds, Long zoneId) {
		List<Object> params = new ArrayList<>(List.of(schoolId));
		StringBuilder sql = new StringBuilder("""
				select r.id, r.zone_id, min(s.checked_in_at) from isolation_room r
				join isolation_stay s on s.room_id = r.id and s.open_bed is not null and s.checked_in_at is not null
				where r.school_id = ?""");
		if (roomIds != null) {
			if (roomIds.isEmpty()) {
				return 0;
			}
			sql.append(" and r.id in (").append(roomIds.stream().map(String::valueOf).collect(Collectors.joining(","))).append(")");
		}
		if (zoneId != null) {
			sql.append(" and r.zone_id = ?");
			params.add(zoneId);
		}
		record Occupied(long room, long zone, Instant since) {
		}
		List<Occupied> occupied = jdbc.sql(sql + " group by r.id, r.zone_id").params(params)
			.query((rs, i) -> new Occupied(rs.getLong(1), rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant())).list();
		if (occupied.isEmpty()) {
			return 0;
		}
		Map<Long, List<ServicePlan.Setting>> byZone = settings.forSchool(schoolId);
		Set<String> cancelled = new HashSet<>(jdbc.sql("""
				select room_id, service, slot_time from isolation_service_task
				where school_id = ? and service_day = ? and status = 'CANCELLED'""").params(schoolId, day)
			.query((rs, i) -> rs.getLong(1) + "/" + rs.getString(2) + "@" + rs.getString(3)).list());
		List<Object[]> inserts = new ArrayList<>();
		List<Object[]> revivals = new ArrayList<>();
		for (Occupied o : occupied) {
			for (ServicePlan.Round r : ServicePlan.rounds(byZone.getOrDefault(o.zone(), ServiceSettings.defaults()), day, zone,
					Optional.of(o.since()))) {
				inserts.add(new Object[] {schoolId, o.room(), o.zone(), r.service().name(), r.day(), r.slot(), Timestamp.from(r.dueAt()),
						Timestamp.from(r.overdueAt())});
				if (cancelled.contains(o.room() + "/" + r.service() + "@" + r.slot())) {
					revivals.add(new Object[] {Timestamp.from(r.dueAt()), Timestamp.from(r.overdueAt()), o.room(), r.service().name(), r.day(),
							r.slot()});
				}
			}
		}
		int added = 0;
		for (int n : template.batchUpdate("""
				insert into isolation_service_task (school_id, room_id, zone_id, service, service_day, slot_time, due_at, overdue_at)
				values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""", inserts)) {
			added += Math.max(n, 0);
		}
		if (!revivals.isEmpty()) {
			template.batchUpdate("""
				update isolation_service_task set status = 'PENDING', due_at = ?, overdue_at = ?, closed_at = null, closed_reason = null
				where room_id = ? and service = ? and service_day = ? and slot_time = ? and status = 'CANCELLED'""", revivals);
		}
		return added;
	}

	/**
	 * After a zone's settings changed: today's open tasks not yet overdue whose round the settings no
	 * longer have are cancelled, and the new rounds are generated.
	 */
	@Transactional
	int reconcile(long schoolId, long zoneId, Instant now) {
		LocalDate day = today(now);
		List<ServicePlan.Setting> zoneSettings = settings.forSchool(schoolId).getOrDefault(zoneId, ServiceSettings.defaults());
		Set<String> wanted = new HashSet<>();
		for (ServicePlan.Setting s : zoneSettings) {
			if (s.enabled()) {
				s.times().forEach(t -> wanted.add(s.service() + "@" + ServicePlan.HH_MM.format(t)));
			}
		}
		List<Long> obsolete = jdbc.sql("""
				select id, service, slot_time from isolation_service_task
				where school_id = ? and zone_id = ? and service_day = ? and status = 'PENDING' and overdue_at > ?""")
			.params(schoolId, zoneId, day, Timestamp.from(now))
			.query((rs, i) -> wanted.contains(rs.getString(2) + "@" + rs.getString(3)) ? null : rs.getLong(1)).list().stream()
			.filter(java.util.Objects::nonNull).toList();
		if (!obsolete.isEmpty()) {
			jdbc.sql("update isolation_service_task set status = 'CANCELLED', closed_at = ?, closed_reason = 'setting' where status = 'PENDING' and id in ("
					+ obsolete.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")").param(Timestamp.from(now)).update();
		}
		return generate(schoolId, day, null, zoneId);
	}

	/** The room's last occupant checked out: its open tasks are no longer due, or were missed ({@link ServicePlan#onVacated}). */
	@Transactional
	void vacated(long roomId, Instant at) {
		List<Object[]> closed = jdbc.sql("select id, overdue_at from isolation_service_task where room_id = ? and status = 'PENDING'")
			.param(roomId)
			.query((rs, i) -> new Object[] {ServicePlan.onVacated(rs.getObject(2, OffsetDateTime.class).toInstant(), at).name(),
					Timestamp.from(at), rs.getLong(1)})
			.list();
		template.batchUpdate("update isolation_service_task set status = ?, closed_at = ?, closed_reason = 'vacated' where id = ? and status = 'PENDING'",
				closed);
	}

	// --- the tasks as staff and managers see them

	record Task(long id, long roomId, String roomCode, String roomName, long zoneId, String zoneName, long buildingId,
			String buildingName, Long floorId, String floorName, ServiceKind service, LocalDate day, String slot, OffsetDateTime dueAt,
			OffsetDateTime overdueAt, Status status, OffsetDateTime doneAt, String doneBy, String note, boolean fever,
			String closedReason, String occupants) {

		public boolean overdueAt(Instant now) {
			return ServicePlan.overdue(status, overdueAt.toInstant(), now);
		}

		public String meal() {
			return service == ServiceKind.MEAL ? ServicePlan.meal(LocalTime.parse(slot, ServicePlan.HH_MM)).name() : null;
		}

		public String floorLabel() {
			return buildingName + (floorName == null ? "" : " " + floorName);
		}
	}

	/**
	 * What to list: a day (or from/to), zone, building, floor, service, status; {@code overdueOnly} the
	 * open tasks past their deadline (of any day when no day is given); {@code dueBefore} for the phone
	 * page's "now"; {@code q} a room number or an occupant's name or number.
	 */
	record Filter(LocalDate from, LocalDate to, Long zoneId, Long buildingId, Long floorId, ServiceKind service, Status status,
			boolean overdueOnly, Instant dueBefore, Instant dueAfter, String q) {
	}

	private static final String SELECT = """
			select t.id, t.room_id, pl.code as room_code, pl.name as room_name, t.zone_id, z.name as zone_name, r.building_place_id,
			  b.name as building_name, r.floor_place_id, f.name as floor_name, t.service, t.service_day, t.slot_time, t.due_at, t.overdue_at,
			  t.status, t.done_at, t.done_by, t.note, t.fever, t.closed_reason
			from isolation_service_task t
			join isolation_room r on r.id = t.room_id
			join isolation_zone z on z.id = t.zone_id
			join place pl on pl.id = r.place_id
			join place b on b.id = r.building_place_id
			left join place f on f.id = r.floor_place_id
			""";

	private String where(CurrentUser user, Filter f, Instant now, List<Object> params) {
		StringBuilder w = new StringBuilder(" where t.school_id = ?");
		params.add(user.schoolId());
		w.append(" and ").append(places.placeInScope(user, "r.place_id", params));
		if (f.from() != null) {
			w.append(" and t.service_day >= ?");
			params.add(f.from());
		}
		if (f.to() != null) {
			w.append(" and t.service_day <= ?");
			params.add(f.to());
		}
		if (f.zoneId() != null) {
			w.append(" and t.zone_id = ?");
			params.add(f.zoneId());
		}
		if (f.buildingId() != null) {
			w.append(" and r.building_place_id = ?");
			params.add(f.buildingId());
		}
		if (f.floorId() != null) {
			w.append(" and r.floor_place_id = ?");
			params.add(f.floorId());
		}
		if (f.service() != null) {
			w.append(" and t.service = ?");
			params.add(f.service().name());
		}
		if (f.status() != null) {
			w.append(" and t.status = ?");
			params.add(f.status().name());
		}
		if (f.overdueOnly()) {
			w.append(" and t.status = 'PENDING' and t.overdue_at < ?");
			params.add(Timestamp.from(now));
		}
		if (f.dueBefore() != null) {
			w.append(" and t.due_at <= ?");
			params.add(Timestamp.from(f.dueBefore()));
		}
		if (f.dueAfter() != null) {
			w.append(" and t.due_at > ?");
			params.add(Timestamp.from(f.dueAfter()));
		}
		if (f.q() != null && !f.q().isBlank()) {
			String q = f.q().strip().replace("%", "");
			w.append(" and (pl.name like ? or pl.code like ? or exists (select 1 from isolation_stay qs join person qp on qp.id = qs.person_id"
					+ " where qs.room_id = t.room_id and qs.open_bed is not null and (qp.name like ? or qp.code = ?)))");
			params.add(q + "%");
			params.add("%" + q + "%");
			params.add(q + "%");
			params.add(q);
		}
		return w.toString();
	}

	private static String order(PageQuery page) {
		return switch (page.sort()) {
			case "room" -> "r.sort_key" + (page.descending() ? " desc" : "") + ", t.due_at";
			case "service" -> "t.service" + (page.descending() ? " desc" : "") + ", t.due_at, r.sort_key";
			case "status" -> "t.status" + (page.descending() ? " desc" : "") + ", t.due_at, r.sort_key";
			default -> "t.due_at" + (page.descending() ? " desc" : "") + ", r.sort_key, t.service";
		} + ", t.id";
	}

	@Transactional(readOnly = true)
	PageResult<Task> search(CurrentUser user, Filter filter, PageQuery page, Instant now) {
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, now, params);
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<Task> items = withOccupants(jdbc.sql(SELECT + where + " order by " + order(page) + " limit ? offset ?").params(pageParams)
			.query(ServiceTasks::task).list());
		return PageResult.counted(items, page.page(), page.size(), cap -> {
			List<Object> countParams = new ArrayList<>(params);
			countParams.add(cap);
			return jdbc.sql("select count(*) from (select t.id from isolation_service_task t join isolation_room r on r.id = t.room_id"
					+ " join place pl on pl.id = r.place_id" + where + " limit ?) c").params(countParams).query(Long.class).single();
		});
	}

	/** Every task the filter finds (for exports and the phone page), at most {@code limit}. */
	@Transactional(readOnly = true)
	List<Task> all(CurrentUser user, Filter filter, Instant now, int limit) {
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, now, params);
		params.add(limit);
		return withOccupants(jdbc.sql(SELECT + where + " order by " + order(new PageQuery(0, 1, "due", false)) + " limit ?").params(params)
			.query(ServiceTasks::task).list());
	}

	@Transactional(readOnly = true)
	Optional<Task> find(CurrentUser user, long id) {
		List<Object> params = new ArrayList<>();
		String where = where(user, new Filter(null, null, null, null, null, null, null, false, null, null, null), Instant.now(), params)
				+ " and t.id = ?";
		params.add(id);
		return withOccupants(jdbc.sql(SELECT + where).params(params).query(ServiceTasks::task).list()).stream().findFirst();
	}

	/** Who stays in the room now: the people a medical round takes temperatures of. */
	record Occupant(long personId, String code, String name, int bed) {
	}

	@Transactional(readOnly = true)
	Map<Long, List<Occupant>> occupants(Collection<Long> roomIds) {
		Map<Long, List<Occupant>> byRoom = new LinkedHashMap<>();
		if (roomIds.isEmpty()) {
			return byRoom;
		}
		jdbc.sql("select s.room_id, p.id, p.code, p.name, s.bed from isolation_stay s join person p on p.id = s.person_id"
				+ " where s.open_bed is not null and s.room_id in (" + roomIds.stream().distinct().map(String::valueOf).collect(Collectors.joining(","))
				+ ") order by s.room_id, s.bed")
			.query((rs, i) -> byRoom.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
				.add(new Occupant(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5))))
			.list();
		return byRoom;
	}

	record Reading(long personId, String name, BigDecimal temperature, boolean fever) {
	}

	@Transactional(readOnly = true)
	Map<Long, List<Reading>> readings(Collection<Long> taskIds) {
		Map<Long, List<Reading>> byTask = new HashMap<>();
		if (taskIds.isEmpty()) {
			return byTask;
		}
		jdbc.sql("select x.task_id, x.person_id, p.name, x.temperature from isolation_service_reading x join person p on p.id = x.person_id"
				+ " where x.task_id in (" + taskIds.stream().distinct().map(String::valueOf).collect(Collectors.joining(",")) + ") order by x.id")
			.query((rs, i) -> byTask.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
				.add(new Reading(rs.getLong(2), rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(4).compareTo(feverFrom) >= 0)))
			.list();
		return byTask;
	}

	private List<Task> withOccupants(List<Task> tasks) {
		if (tasks.isEmpty()) {
			return tasks;
		}
		Map<Long, List<Occupant>> who = occupants(tasks.stream().map(Task::roomId).toList());
		return tasks.stream().map(t -> new Task(t.id(), t.roomId(), t.roomCode(), t.roomName(), t.zoneId(), t.zoneName(), t.buildingId(),
				t.buildingName(), t.floorId(), t.floorName(), t.service(), t.day(), t.slot(), t.dueAt(), t.overdueAt(), t.status(), t.doneAt(),
				t.doneBy(), t.note(), t.fever(), t.closedReason(),
				who.getOrDefault(t.roomId(), List.of()).stream().map(Occupant::name).collect(Collectors.joining("、")))).toList();
	}

	private static Task task(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		return new Task(rs.getLong("id"), rs.getLong("room_id"), rs.getString("room_code"), rs.getString("room_name"), rs.getLong("zone_id"),
				rs.getString("zone_name"), rs.getLong("building_place_id"), rs.getString("building_name"),
				rs.getObject("floor_place_id") == null ? null : rs.getLong("floor_place_id"), rs.getString("floor_name"),
				ServiceKind.valueOf(rs.getString("service")), rs.getObject("service_day", LocalDate.class), rs.getString("slot_time"),
				rs.getObject("due_at", OffsetDateTime.class), rs.getObject("overdue_at", OffsetDateTime.class),
				Status.valueOf(rs.getString("status")), rs.getObject("done_at", OffsetDateTime.class), rs.getString("done_by"),
				rs.getString("note"), rs.getBoolean("fever"), rs.getString("closed_reason"), "");
	}

	// --- marking done

	/** A temperature typed for one occupant on a medical round. */
	record TemperatureInput(long personId, BigDecimal temperature) {
	}

	/**
	 * Marks one task done, with an optional note and, on a medical round, the occupants' temperatures.
	 * Only an open task is marked, by one conditional update: of a double tap or two staff at once one
	 * records it and the other is told who did ({@code task/isolation.services.alreadyDone}).
	 */
	@Transactional
	Outcome markDone(CurrentUser user, long taskId, String note, List<TemperatureInput> temperatures, Instant now) {
		Optional<Task> found = find(user, taskId);
		if (found.isEmpty()) {
			return Outcome.refused("task", "notFound");
		}
		Task task = found.get();
		List<FieldProblem> problems = new ArrayList<>();
		if (note != null && note.strip().length() > 500) {
			problems.add(FieldProblem.of("note", "tooLong", 500));
		}
		List<TemperatureInput> given = temperatures == null ? List.of() : temperatures.stream().filter(t -> t.temperature() != null).toList();
		Map<Long, Occupant> occupants = occupants(List.of(task.roomId())).getOrDefault(task.roomId(), List.of()).stream()
			.collect(Collectors.toMap(Occupant::personId, o -> o));
		if (!given.isEmpty() && !task.service().recordsTemperature()) {
			problems.add(FieldProblem.of("temperature", "isolation.services.noTemperature"));
		}
		Set<Long> seen = new HashSet<>();
		for (TemperatureInput t : given) {
			Occupant who = occupants.get(t.personId());
			if (who == null || !seen.add(t.personId())) {
				problems.add(FieldProblem.of("temperature", "isolation.services.notInRoom", t.personId()));
			} else if (t.temperature().compareTo(MIN_TEMPERATURE) < 0 || t.temperature().compareTo(MAX_TEMPERATURE) > 0) {
				problems.add(FieldProblem.of("temperature", "isolation.services.temperatureRange", who.name(), MIN_TEMPERATURE, MAX_TEMPERATURE));
			}
		}
		if (!problems.isEmpty()) {
			return Outcome.refused(problems);
		}
		boolean fever = given.stream().anyMatch(t -> t.temperature().compareTo(feverFrom) >= 0);
		String why = note == null || note.isBlank() ? null : note.strip();
		int updated = jdbc.sql("""
				update isolation_service_task set status = 'DONE', done_at = ?, done_by = ?, note = ?, fever = ?
				where id = ? and status = 'PENDING'""")
			.params(Timestamp.from(now), user.getUsername(), why, fever, taskId).update();
		if (updated == 0) {
			return refusedAsItStands(taskId);
		}
		if (!given.isEmpty()) {
			template.batchUpdate("""
					insert into isolation_service_reading (school_id, task_id, person_id, temperature, recorded_at, recorded_by)
					values (?, ?, ?, ?, ?, ?)""", given.stream().map(t -> new Object[] {user.schoolId(), taskId, t.personId(),
					t.temperature().setScale(1, java.math.RoundingMode.HALF_UP), Timestamp.from(now), user.getUsername()}).toList());
			Map<Long, String> summaries = new LinkedHashMap<>();
			given.forEach(t -> summaries.put(t.personId(), "temperature " + t.temperature().setScale(1, java.math.RoundingMode.HALF_UP)
					+ " °C on the medical round of room " + task.roomCode() + (t.temperature().compareTo(feverFrom) >= 0 ? " (fever)" : "")));
			timeline.recordAll(summaries, Allocations.MODULE, "isolation.temperature", now);
		}
		audit.record(AuditAction.UPDATE, "isolation_service_task", taskId, "done: " + task.service() + " " + task.day() + " " + task.slot()
				+ " room " + task.roomCode() + (why == null ? "" : ": " + why)
				+ (given.isEmpty() ? "" : ", temperatures " + given.stream().map(t -> t.temperature().toPlainString()).collect(Collectors.joining(" "))),
				"status=PENDING", "status=DONE");
		return Outcome.ok(taskId);
	}

	private Outcome refusedAsItStands(long taskId) {
		return jdbc.sql("select status, done_by, done_at from isolation_service_task where id = ?").param(taskId)
			.query((rs, i) -> "DONE".equals(rs.getString(1))
					? Outcome.refused("task", "isolation.services.alreadyDone", rs.getString(2),
							ServicePlan.HH_MM.format(rs.getObject(3, OffsetDateTime.class).atZoneSameInstant(zone)))
					: Outcome.refused("task", "isolation.services.notDue"))
			.single();
	}

	/** What a batch did: how many it marked, and how many were done already (or no longer due) and left as they were. */
	record Batch(int done, int skipped, List<FieldProblem> problems) {
	}

	/**
	 * "All meals of this floor delivered": marks the given open tasks done at once (not medical rounds,
	 * which need each temperature). Tasks outside the user's scope are not touched; tasks someone else
	 * marked meanwhile are counted as skipped, never recorded twice.
	 */
	@Transactional
	Batch markAllDone(CurrentUser user, List<Long> taskIds, String note, Instant now) {
		List<Long> ids = taskIds == null ? List.of() : taskIds.stream().distinct().toList();
		if (ids.isEmpty()) {
			return new Batch(0, 0, List.of(FieldProblem.of("task", "required")));
		}
		if (ids.size() > MAX_BATCH) {
			return new Batch(0, 0, List.of(FieldProblem.of("task", "isolation.services.tooMany", MAX_BATCH)));
		}
		if (note != null && note.strip().length() > 500) {
			return new Batch(0, 0, List.of(FieldProblem.of("note", "tooLong", 500)));
		}
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		String scope = places.placeInScope(user, "r.place_id", params);
		List<Task> mine = jdbc.sql(SELECT + " where t.school_id = ? and " + scope + " and t.id in ("
				+ ids.stream().map(String::valueOf).collect(Collectors.joining(",")) + ") order by t.id").params(params)
			.query(ServiceTasks::task).list();
		if (mine.isEmpty()) {
			return new Batch(0, 0, List.of(FieldProblem.of("task", "notFound")));
		}
		if (mine.stream().anyMatch(t -> t.service().recordsTemperature())) {
			return new Batch(0, 0, List.of(FieldProblem.of("task", "isolation.services.medicalOneByOne")));
		}
		String why = note == null || note.isBlank() ? null : note.strip();
		// one statement per task so each one's outcome is known: only the open ones change
		List<Object[]> rows = mine.stream().map(t -> new Object[] {Timestamp.from(now), user.getUsername(), why, t.id()}).toList();
		int[] counts = template.batchUpdate(
				"update isolation_service_task set status = 'DONE', done_at = ?, done_by = ?, note = ? where id = ? and status = 'PENDING'", rows);
		List<AuditLog.Item> items = new ArrayList<>();
		int done = 0;
		for (int i = 0; i < counts.length; i++) {
			if (counts[i] > 0) {
				done++;
				Task t = mine.get(i);
				items.add(new AuditLog.Item(t.id(), "done (batch): " + t.service() + " " + t.day() + " " + t.slot() + " room " + t.roomCode()
						+ (why == null ? "" : ": " + why), "status=PENDING", "status=DONE"));
			}
		}
		audit.recordAll(AuditAction.UPDATE, "isolation_service_task", items);
		return new Batch(done, ids.size() - done, List.of());
	}

	// --- counts for the dashboard

	record ServiceCount(ServiceKind service, int done, int onTime, int overdue, int missed) {

		public int due() {
			return done + onTime + overdue + missed;
		}

		public Integer rate() {
			return due() == 0 ? null : Math.round(100f * done / due());
		}
	}

	/** Today's rounds by service: done, still on time, overdue, missed (cancelled ones were never due). */
	@Transactional(readOnly = true)
	List<ServiceCount> completion(CurrentUser user, Long zoneId, LocalDate day, Instant now) {
		List<Object> params = new ArrayList<>(List.of(Timestamp.from(now), Timestamp.from(now), user.schoolId(), day));
		String scope = places.placeInScope(user, "r.place_id", params);
		String zoneCond = "";
		if (zoneId != null) {
			zoneCond = " and t.zone_id = ?";
			params.add(zoneId);
		}
		Map<ServiceKind, ServiceCount> byService = new LinkedHashMap<>();
		for (ServiceKind k : ServiceKind.values()) {
			byService.put(k, new ServiceCount(k, 0, 0, 0, 0));
		}
		jdbc.sql("""
				select t.service, sum(case when t.status = 'DONE' then 1 else 0 end),
				  sum(case when t.status = 'PENDING' and t.overdue_at >= ? then 1 else 0 end),
				  sum(case when t.status = 'PENDING' and t.overdue_at < ? then 1 else 0 end),
				  sum(case when t.status = 'MISSED' then 1 else 0 end)
				from isolation_service_task t join isolation_room r on r.id = t.room_id
				where t.school_id = ? and t.service_day = ? and t.status <> 'CANCELLED' and """ + " " + scope + zoneCond + " group by t.service")
			.params(params)
			.query((rs, i) -> {
				ServiceKind k = ServiceKind.valueOf(rs.getString(1));
				return byService.put(k, new ServiceCount(k, rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)));
			}).list();
		return List.copyOf(byService.values());
	}

	record Overdue(long zoneId, String zoneName, ServiceKind service, int count) {
	}

	/** Open tasks past their deadline (any day) by zone and service. */
	@Transactional(readOnly = true)
	List<Overdue> overdueByZone(CurrentUser user, Instant now) {
		List<Object> params = new ArrayList<>(List.of(user.schoolId(), Timestamp.from(now)));
		String scope = places.placeInScope(user, "r.place_id", params);
		return jdbc.sql("""
				select t.zone_id, z.name, t.service, count(*) from isolation_service_task t
				join isolation_room r on r.id = t.room_id join isolation_zone z on z.id = t.zone_id
				where t.school_id = ? and t.status = 'PENDING' and t.overdue_at < ? and """ + " " + scope
				+ " group by t.zone_id, z.code, z.name, t.service order by z.code, t.service")
			.params(params)
			.query((rs, i) -> new Overdue(rs.getLong(1), rs.getString(2), ServiceKind.valueOf(rs.getString(3)), rs.getInt(4))).list();
	}
}
