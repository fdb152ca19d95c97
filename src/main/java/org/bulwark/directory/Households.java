package org.bulwark.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Households: the people who live together in a flat, with a head who answers for those without a
 * smartphone. A household is visible when its place is; members join and leave by moving in and out.
 */
@Service
class Households {

	private final JdbcClient jdbc;
	private final Places places;
	private final AuditLog audit;

	Households(JdbcClient jdbc, Places places, AuditLog audit) {
		this.jdbc = jdbc;
		this.places = places;
		this.audit = audit;
	}

	record Household(long id, String code, long placeId, String placeName, Long headPersonId, String headName,
			int version) {
	}

	record Member(long personId, String code, String name, Population population, boolean head) {
	}

	Optional<Household> find(CurrentUser user, long id) {
		return jdbc.sql("""
				select h.id, h.code, h.place_id, h.head_person_id, hp.name, h.version from household h
				left join person hp on hp.id = h.head_person_id where h.id = ? and h.school_id = ?""")
			.params(id, user.schoolId())
			.query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getObject(4, Long.class),
					rs.getString(5), rs.getInt(6)})
			.optional()
			.flatMap(r -> places.find(user, (Long) r[2]).map(place -> new Household((Long) r[0], (String) r[1],
					place.id(), place.name(), (Long) r[3], (String) r[4], (Integer) r[5])));
	}

	List<Member> members(long householdId) {
		return jdbc.sql("""
				select p.id, p.code, p.name, p.population, case when h.head_person_id = p.id then true else false end
				from person p join household h on h.id = p.household_id where p.household_id = ? order by p.birth_date, p.id""")
			.param(householdId)
			.query((rs, i) -> new Member(rs.getLong(1), rs.getString(2), rs.getString(3),
					Population.valueOf(rs.getString(4)), rs.getBoolean(5)))
			.list();
	}

	/** Households living in a place's subtree. */
	List<Household> in(CurrentUser user, long placeId) {
		if (places.find(user, placeId).isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select h.id, h.code, h.place_id, x.name, h.head_person_id, hp.name, h.version from household h
				join place x on x.id = h.place_id left join person hp on hp.id = h.head_person_id
				where h.school_id = ? and x.path like (select concat(path, '%') from place where id = ?)
				order by x.code, h.code limit 200""")
			.params(user.schoolId(), placeId)
			.query((rs, i) -> new Household(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
					rs.getObject(5, Long.class), rs.getString(6), rs.getInt(7)))
			.list();
	}

	@Transactional
	Residences.Outcome create(CurrentUser user, long placeId, String code) {
		List<FieldProblem> problems = new ArrayList<>();
		Optional<PlaceSummary> place = places.find(user, placeId);
		if (place.isEmpty()) {
			return Residences.Outcome.rejected(FieldProblem.of("place", "notFound"));
		}
		if (place.get().kind() != PlaceKind.ROOM) {
			problems.add(FieldProblem.of("place", "notARoom", place.get().name()));
		}
		if (code == null || code.isBlank()) {
			problems.add(FieldProblem.of("code", "required"));
		} else if (code.strip().length() > 64) {
			problems.add(FieldProblem.of("code", "tooLong", 64));
		}
		if (!problems.isEmpty()) {
			return Residences.Outcome.rejected(problems);
		}
		var key = new GeneratedKeyHolder();
		try {
			jdbc.sql("insert into household (school_id, place_id, code) values (?, ?, ?)")
				.params(user.schoolId(), placeId, code.strip()).update(key, "id");
		} catch (DuplicateKeyException e) {
			return Residences.Outcome.rejected(FieldProblem.of("code", "codeTaken", code.strip()));
		}
		long id = key.getKey().longValue();
		audit.record(AuditAction.CREATE, "household", id, "household " + code.strip() + " in " + place.get().name());
		return Residences.Outcome.ok(id);
	}

	/** Makes a member the head; {@code version} is the one the editor saw. */
	@Transactional
	Residences.Outcome setHead(CurrentUser user, long householdId, int version, long personId) {
		Optional<Household> household = find(user, householdId);
		if (household.isEmpty()) {
			return Residences.Outcome.rejected(FieldProblem.of("household", "notFound"));
		}
		if (members(householdId).stream().noneMatch(m -> m.personId() == personId)) {
			return Residences.Outcome.rejected(FieldProblem.of("head", "notMember"));
		}
		int updated = jdbc.sql("update household set head_person_id = ?, version = version + 1 where id = ? and version = ?")
			.params(personId, householdId, version).update();
		if (updated == 0) {
			return Residences.Outcome.rejected(FieldProblem.of("version", "conflict"));
		}
		audit.record(AuditAction.UPDATE, "household", householdId, "head of household " + household.get().code(),
				"head=" + household.get().headPersonId(), "head=" + personId);
		return Residences.Outcome.ok(householdId);
	}
}
