package org.bulwark.directory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Moving people in and out of rooms, beds and households, with the full history in
 * {@code residence}. The person row's {@code residence_place_id}/{@code household_id} always
 * mirror the open residence. A move-in locks the room row, so capacity is checked by one request
 * at a time; the unique indexes on open residences make a double-booked bed impossible even so.
 */
@Service
class Residences {

	private final JdbcClient jdbc;
	private final People people;
	private final Places places;
	private final ScopeFilter scopes;
	private final AuditLog audit;
	private final PersonTimeline timeline;
	private final Clock clock;

	Residences(JdbcClient jdbc, People people, Places places, ScopeFilter scopes, AuditLog audit,
			PersonTimeline timeline) {
		this.jdbc = jdbc;
		this.people = people;
		this.places = places;
		this.scopes = scopes;
		this.audit = audit;
		this.timeline = timeline;
		this.clock = Clock.systemDefaultZone();
	}

	/** The residence's id, or the problems by field; nothing is written when there are problems. */
	record Outcome(Long id, List<FieldProblem> problems) {

		static Outcome ok(long id) {
			return new Outcome(id, List.of());
		}

		static Outcome rejected(List<FieldProblem> problems) {
			return new Outcome(null, List.copyOf(problems));
		}

		static Outcome rejected(FieldProblem problem) {
			return rejected(List.of(problem));
		}

		boolean saved() {
			return id != null;
		}

		boolean notFound() {
			return problems.stream().anyMatch(p -> p.code().equals("notFound"));
		}
	}

	/**
	 * Moves a person into a room (a bed of it in a dormitory; {@code bed} empty takes the lowest free
	 * one) or into a household, which lives in its own place. A current residence elsewhere ends on
	 * the move-in date.
	 */
	@Transactional
	Outcome moveIn(CurrentUser user, long personId, Long placeId, String bed, Long householdId, LocalDate movedIn) {
		Optional<PersonSummary> person = people.find(user, personId);
		if (person.isEmpty()) {
			return Outcome.rejected(FieldProblem.of("person", "notFound"));
		}
		if (!person.get().active()) {
			return Outcome.rejected(FieldProblem.of("person", "inactive", person.get().name()));
		}
		if (householdId != null) {
			Optional<Long> householdPlace = jdbc.sql("select place_id from household where id = ? and school_id = ?")
				.params(householdId, user.schoolId()).query(Long.class).optional();
			if (householdPlace.isEmpty()) {
				return Outcome.rejected(FieldProblem.of("household", "notFound"));
			}
			placeId = householdPlace.get();
		}
		if (placeId == null) {
			return Outcome.rejected(FieldProblem.of("place", "required"));
		}
		Optional<PlaceSummary> place = places.find(user, placeId);
		if (place.isEmpty()) {
			return Outcome.rejected(FieldProblem.of(householdId != null ? "household" : "place", "notFound"));
		}
		if (place.get().kind() != PlaceKind.ROOM) {
			return Outcome.rejected(FieldProblem.of("place", "notARoom", place.get().name()));
		}
		lock("place", placeId);
		lock("person", personId);
		Stay current = current(personId);
		ResidenceRules.Room room = room(place.get(), personId);
		List<FieldProblem> problems = ResidenceRules.moveIn(room,
				bed, movedIn, current == null ? null : new ResidenceRules.Stay(current.placeId(), current.movedIn()),
				today());
		if (!problems.isEmpty()) {
			return Outcome.rejected(problems);
		}
		String assignedBed = ResidenceRules.bedFor(room, bed);
		ResidenceKind kind = householdId != null ? ResidenceKind.HOUSEHOLD
				: room.beds() ? ResidenceKind.DORM_BED
				: place.get().usage() == PlaceUsage.STAFF_APARTMENT ? ResidenceKind.APARTMENT : ResidenceKind.OTHER;
		if (current != null) {
			jdbc.sql("update residence set moved_out = ? where id = ?").params(movedIn, current.id()).update();
			leaveHousehold(current, personId, householdId);
		}
		var key = new GeneratedKeyHolder();
		try {
			jdbc.sql("""
					insert into residence (school_id, person_id, place_id, kind, bed, household_id, moved_in)
					values (?, ?, ?, ?, ?, ?, ?)""")
				.params(user.schoolId(), personId, placeId, kind.name(), assignedBed, householdId, movedIn)
				.update(key, "id");
		} catch (DuplicateKeyException e) {
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
			return Outcome.rejected(FieldProblem.of("bed", "bedTaken", String.valueOf(assignedBed), room.label()));
		}
		long id = key.getKey().longValue();
		jdbc.sql("update person set residence_place_id = ?, household_id = ?, updated_at = current_timestamp where id = ?")
			.params(placeId, householdId, personId).update();
		String where = room.label() + (assignedBed == null ? "" : " bed " + assignedBed);
		String before = current == null ? null : "place=" + current.placeId() + ", movedIn=" + current.movedIn();
		audit.record(AuditAction.CREATE, "residence", id, person.get().name() + " moved in to " + where + " on "
				+ movedIn, before, "place=" + placeId + ", bed=" + assignedBed + ", household=" + householdId
						+ ", movedIn=" + movedIn);
		timeline.record(personId, PersonTimeline.DIRECTORY, "movedIn", where, movedIn.atStartOfDay(clock.getZone())
			.toInstant());
		return Outcome.ok(id);
	}

	/** Ends a person's current residence on the given date. */
	@Transactional
	Outcome moveOut(CurrentUser user, long personId, LocalDate movedOut) {
		Optional<PersonSummary> person = people.find(user, personId);
		if (person.isEmpty()) {
			return Outcome.rejected(FieldProblem.of("person", "notFound"));
		}
		lock("person", personId);
		Stay current = current(personId);
		if (current == null) {
			return Outcome.rejected(FieldProblem.of("person", "notResident", person.get().name()));
		}
		List<FieldProblem> problems = ResidenceRules.moveOut(current.movedIn(), movedOut, today());
		if (!problems.isEmpty()) {
			return Outcome.rejected(problems);
		}
		jdbc.sql("update residence set moved_out = ? where id = ?").params(movedOut, current.id()).update();
		leaveHousehold(current, personId, null);
		jdbc.sql("update person set residence_place_id = null, household_id = null, updated_at = current_timestamp where id = ?")
			.param(personId).update();
		String label = label(current.placeId()) + (current.bed() == null ? "" : " bed " + current.bed());
		audit.record(AuditAction.UPDATE, "residence", current.id(), person.get().name() + " moved out of " + label
				+ " on " + movedOut, "movedOut=null", "movedOut=" + movedOut);
		timeline.record(personId, PersonTimeline.DIRECTORY, "movedOut", label, movedOut.atStartOfDay(clock.getZone())
			.toInstant());
		return Outcome.ok(current.id());
	}

	/** A head who leaves their household is its head no more. */
	private void leaveHousehold(Stay current, long personId, Long newHousehold) {
		if (current.householdId() != null && !current.householdId().equals(newHousehold)) {
			jdbc.sql("update household set head_person_id = null, version = version + 1 where id = ? and head_person_id = ?")
				.params(current.householdId(), personId).update();
		}
	}

	/** A person's open residence. */
	record Stay(long id, long placeId, String bed, Long householdId, LocalDate movedIn) {
	}

	Stay current(long personId) {
		return jdbc.sql("""
				select id, place_id, bed, household_id, moved_in from residence where person_id = ? and moved_out is null""")
			.param(personId)
			.query((rs, i) -> new Stay(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, Long.class),
					rs.getObject(5, LocalDate.class)))
			.optional().orElse(null);
	}

	/** A place's residents now, with counts: the whole subtree of a building or floor. */
	record Occupancy(long residents, long beds, long freeBeds, long rooms, long fullRooms) {
	}

	Occupancy occupancy(long placeId) {
		String path = path(placeId);
		return jdbc.sql("""
				select coalesce(sum(c), 0), coalesce(sum(capacity), 0),
				       coalesce(sum(case when capacity > c then capacity - c else 0 end), 0),
				       count(*), coalesce(sum(case when capacity is not null and c >= capacity then 1 else 0 end), 0)
				from (select x.capacity, (select count(*) from residence r where r.place_id = x.id and r.moved_out is null) c
				      from place x where x.path like ? and x.kind = 'ROOM') t""")
			.param(path + "%")
			.query((rs, i) -> new Occupancy(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
			.single();
	}

	/** One current resident of a place. */
	record Resident(long personId, String code, String name, Population population, long placeId, String placeName,
			String bed, Long householdId, LocalDate movedIn) {
	}

	/** The current residents of a place's subtree that the user may see, by room and bed. */
	PageResult<Resident> residents(CurrentUser user, long placeId, String q, PageQuery page) {
		List<Object> params = new ArrayList<>();
		params.add(path(placeId) + "%");
		params.add(user.schoolId());
		StringBuilder where = new StringBuilder("r.moved_out is null and x.path like ? and p.school_id = ? and ")
			.append(scopes.personPredicate(scopes.roots(user), params));
		String query = q == null ? "" : q.strip().replace("%", "").replace("_", "");
		if (!query.isEmpty()) {
			where.append(" and (p.name like ? or p.code like ?)");
			params.add(query + "%");
			params.add(query + "%");
		}
		String from = " from residence r join person p on p.id = r.person_id join place x on x.id = r.place_id"
				+ " left join place fl on fl.id = x.parent_id and fl.kind = 'FLOOR' left join place bd on bd.id = fl.parent_id";
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<Resident> items = jdbc.sql("""
				select p.id, p.code, p.name, p.population, x.id as place_id,
				       case when bd.id is null then x.name else concat(bd.name, ' ', x.name) end as place_name,
				       r.bed, r.household_id, r.moved_in""" + from + " where " + where
				+ " order by x.code, r.bed, p.name, p.id limit ? offset ?")
			.params(pageParams)
			.query((rs, i) -> new Resident(rs.getLong(1), rs.getString(2), rs.getString(3),
					Population.valueOf(rs.getString(4)), rs.getLong(5), rs.getString(6), rs.getString(7),
					rs.getObject(8, Long.class), rs.getObject(9, LocalDate.class)))
			.list();
		long total = jdbc.sql("select count(*)" + from + " where " + where).params(params).query(Long.class).single();
		return new PageResult<>(items, page.page(), page.size(), total, false);
	}

	/** A room's free beds, for the move-in form. */
	List<String> freeBeds(PlaceSummary room) {
		ResidenceRules.Room r = room(room, -1);
		List<String> free = new ArrayList<>();
		if (r.beds() && r.capacity() != null) {
			for (int b = 1; b <= r.capacity(); b++) {
				if (!r.takenBeds().contains(String.valueOf(b))) {
					free.add(String.valueOf(b));
				}
			}
		}
		return free;
	}

	/** A person's residences, newest first. */
	record Period(long id, long placeId, String placeName, ResidenceKind kind, String bed, Long householdId,
			LocalDate movedIn, LocalDate movedOut) {
	}

	Optional<List<Period>> history(CurrentUser user, long personId) {
		if (people.find(user, personId).isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(jdbc.sql("""
				select r.id, r.place_id, case when bd.id is null then x.name else concat(bd.name, ' ', x.name) end,
				       r.kind, r.bed, r.household_id, r.moved_in, r.moved_out
				from residence r join place x on x.id = r.place_id
				left join place fl on fl.id = x.parent_id and fl.kind = 'FLOOR' left join place bd on bd.id = fl.parent_id
				where r.person_id = ? order by r.moved_in desc, r.id desc""")
			.param(personId)
			.query((rs, i) -> new Period(rs.getLong(1), rs.getLong(2), rs.getString(3),
					ResidenceKind.valueOf(rs.getString(4)), rs.getString(5), rs.getObject(6, Long.class),
					rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class)))
			.list());
	}

	/** A room within the user's scope, found by its code, for forms that take a typed code. */
	Optional<PlaceSummary> roomByCode(CurrentUser user, String code) {
		if (code == null || code.isBlank()) {
			return Optional.empty();
		}
		return jdbc.sql("select id from place where school_id = ? and code = ?").params(user.schoolId(), code.strip())
			.query(Long.class).optional().flatMap(id -> places.find(user, id));
	}

	/** A person within the user's scope, found by their student or staff number. */
	Optional<PersonSummary> personByCode(CurrentUser user, String code) {
		if (code == null || code.isBlank()) {
			return Optional.empty();
		}
		return jdbc.sql("select id from person where school_id = ? and code = ? order by id").params(user.schoolId(),
				code.strip()).query(Long.class).list().stream().findFirst().flatMap(id -> people.find(user, id));
	}

	// ---- bulk: fill a building's free beds with a list of people ----

	/** What a bulk assignment would do: who goes where, and which codes found nobody or are already in place. */
	record BulkPlan(List<Planned> placements, List<String> unknownCodes, List<String> unplaced) {

		record Planned(long personId, String code, String name, long roomId, String roomName, String bed) {
		}
	}

	@Transactional(readOnly = true)
	BulkPlan plan(CurrentUser user, List<String> codes, long buildingId) {
		List<PersonSummary> found = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		for (String code : new java.util.LinkedHashSet<>(codes)) {
			Optional<PersonSummary> p = personByCode(user, code);
			if (p.isPresent() && p.get().active()) {
				found.add(p.get());
			} else {
				unknown.add(code);
			}
		}
		List<ResidenceRules.Room> rooms = roomsOf(buildingId);
		List<ResidenceRules.Placement> placements = ResidenceRules.fill(found.stream().map(PersonSummary::id).toList(),
				rooms);
		Map<Long, PersonSummary> byId = new LinkedHashMap<>();
		found.forEach(p -> byId.put(p.id(), p));
		Map<Long, String> roomNames = new LinkedHashMap<>();
		rooms.forEach(r -> roomNames.put(r.id(), r.label()));
		List<BulkPlan.Planned> planned = placements.stream().map(pl -> {
			PersonSummary p = byId.get(pl.personId());
			return new BulkPlan.Planned(p.id(), p.code(), p.name(), pl.roomId(), roomNames.get(pl.roomId()), pl.bed());
		}).toList();
		List<String> unplaced = found.stream().skip(placements.size()).map(p -> p.code() + " " + p.name()).toList();
		return new BulkPlan(planned, unknown, unplaced);
	}

	/**
	 * Carries out a plan again from the codes, in one transaction: if anyone cannot be placed as
	 * planned (a bed taken meanwhile, a code unknown), nothing is written.
	 */
	@Transactional
	Outcome assignBulk(CurrentUser user, List<String> codes, long buildingId, LocalDate movedIn) {
		if (places.find(user, buildingId).isEmpty()) {
			return Outcome.rejected(FieldProblem.of("building", "notFound"));
		}
		if (codes.isEmpty()) {
			return Outcome.rejected(FieldProblem.of("codes", "required"));
		}
		BulkPlan plan = plan(user, codes, buildingId);
		if (!plan.unknownCodes().isEmpty()) {
			return Outcome.rejected(FieldProblem.of("codes", "unknownCodes", String.join(", ", plan.unknownCodes())));
		}
		if (!plan.unplaced().isEmpty()) {
			return Outcome.rejected(FieldProblem.of("building", "notEnoughBeds", plan.unplaced().size()));
		}
		plan.placements().stream().map(BulkPlan.Planned::roomId).distinct().sorted().forEach(id -> lock("place", id));
		int count = 0;
		for (BulkPlan.Planned p : plan.placements()) {
			Outcome one = moveIn(user, p.personId(), p.roomId(), p.bed(), null, movedIn);
			if (!one.saved()) {
				TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
				List<FieldProblem> problems = new ArrayList<>();
				problems.add(FieldProblem.of("codes", "bulkFailed", p.code() + " " + p.name()));
				problems.addAll(one.problems());
				return Outcome.rejected(problems);
			}
			count++;
		}
		audit.record(AuditAction.UPDATE, "place", buildingId, "assigned " + count + " people to free beds on " + movedIn);
		return Outcome.ok(count);
	}

	/** The rooms of a building (or floor) in code order, as the rules see them. */
	private List<ResidenceRules.Room> roomsOf(long placeId) {
		List<PlaceSummary> rooms = jdbc.sql("select id from place where path like ? and kind = 'ROOM' and active = true"
				+ " order by code, id").param(path(placeId) + "%").query(Long.class).list().stream()
			.map(id -> jdbc.sql("select pl.id, pl.parent_id, pl.kind, pl.usage, pl.code, pl.name, pl.capacity, pl.city,"
					+ " pl.active, 0 as children from place pl where pl.id = ?").param(id).query(Places::summary).single())
			.toList();
		return rooms.stream().map(r -> room(r, -1)).toList();
	}

	private ResidenceRules.Room room(PlaceSummary place, long mover) {
		List<String> beds = jdbc.sql("select bed from residence where place_id = ? and moved_out is null and person_id <> ?")
			.params(place.id(), mover).query((rs, i) -> rs.getString(1)).list();
		var taken = new HashSet<String>();
		beds.stream().filter(b -> b != null).forEach(taken::add);
		boolean hasBeds = place.usage() == PlaceUsage.DORMITORY && place.capacity() != null;
		return new ResidenceRules.Room(place.id(), label(place.id()), hasBeds, place.capacity(), taken, beds.size());
	}

	/** "1号学生公寓 101": a room with its building. */
	String label(long placeId) {
		return jdbc.sql("""
				select case when bd.id is null then x.name else concat(bd.name, ' ', x.name) end from place x
				left join place fl on fl.id = x.parent_id and fl.kind = 'FLOOR' left join place bd on bd.id = fl.parent_id
				where x.id = ?""").param(placeId).query(String.class).single();
	}

	private String path(long placeId) {
		return jdbc.sql("select path from place where id = ?").param(placeId).query(String.class).single();
	}

	/** Row locks serialise move-ins per room and changes per person. */
	private void lock(String table, long id) {
		jdbc.sql("select id from " + table + " where id = ? for update").param(id).query(Long.class).list();
	}

	private LocalDate today() {
		return LocalDate.now(clock);
	}
}
