package org.bulwark.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The place tree and the people in it for other modules (isolation sites are rooms of this tree):
 * buildings and their rooms, people looked up by number, and the data scope as SQL, all through
 * {@link ScopeFilter}, so another module never sees a place or a person the user could not open here.
 */
@Service
public class PlaceDirectory {

	private final JdbcClient jdbc;
	private final ScopeFilter scopes;
	private final TreeEditing editing;

	PlaceDirectory(JdbcClient jdbc, ScopeFilter scopes, TreeEditing editing) {
		this.jdbc = jdbc;
		this.scopes = scopes;
		this.editing = editing;
	}

	/** A place as other modules show it. */
	public record PlaceRef(long id, PlaceKind kind, String code, String name, Integer capacity) {
	}

	/** A room with its building and floor (floor null when the room hangs directly under the building). */
	public record RoomRef(long id, String code, String name, Integer capacity, long buildingId, String buildingName,
			Long floorId, String floorName) {
	}

	/** A person as an allocation needs them: gender ({@code MALE}/{@code FEMALE} or null) and household. */
	public record PersonRef(long id, String code, String name, String gender, Long householdId) {
	}

	/**
	 * A predicate that keeps rows whose place (the column {@code placeColumn}) is within the user's data
	 * scope; parameters are appended to {@code params}.
	 */
	public String placeInScope(CurrentUser user, String placeColumn, List<Object> params) {
		ScopeFilter.Roots roots = scopes.roots(user);
		if (roots.all()) {
			return "1=1";
		}
		return placeColumn + " in (select scp.id from place scp where " + scopes.placePredicate(roots, "scp", params) + ")";
	}

	@Transactional(readOnly = true)
	public Optional<PlaceRef> find(CurrentUser user, long id) {
		List<Object> params = new ArrayList<>(List.of(id, user.schoolId()));
		String scope = scopes.placePredicate(scopes.roots(user), "pl", params);
		return jdbc.sql("select pl.id, pl.kind, pl.code, pl.name, pl.capacity from place pl where pl.id = ? and pl.school_id = ? and "
				+ scope).params(params).query(PlaceDirectory::place).optional();
	}

	@Transactional(readOnly = true)
	public Optional<PlaceRef> findByCode(CurrentUser user, String code) {
		if (code == null || code.isBlank()) {
			return Optional.empty();
		}
		List<Object> params = new ArrayList<>(List.of(code.strip(), user.schoolId()));
		String scope = scopes.placePredicate(scopes.roots(user), "pl", params);
		return jdbc.sql("select pl.id, pl.kind, pl.code, pl.name, pl.capacity from place pl where pl.code = ? and pl.school_id = ? and "
				+ scope).params(params).query(PlaceDirectory::place).optional();
	}

	/** Buildings within the user's scope whose name or code matches, for a picker. */
	@Transactional(readOnly = true)
	public List<PlaceRef> buildings(CurrentUser user, String q, int limit) {
		List<Object> params = new ArrayList<>(List.of(user.schoolId()));
		String scope = scopes.placePredicate(scopes.roots(user), "pl", params);
		String match = "";
		if (q != null && !q.isBlank()) {
			match = " and (pl.name like ? or pl.code like ?)";
			params.add("%" + q.strip().replace("%", "") + "%");
			params.add(q.strip().replace("%", "") + "%");
		}
		params.add(Math.max(1, Math.min(limit, 200)));
		return jdbc.sql("select pl.id, pl.kind, pl.code, pl.name, pl.capacity from place pl where pl.school_id = ? and pl.kind = 'BUILDING' and pl.active = true and "
				+ scope + match + " order by pl.code limit ?").params(params).query(PlaceDirectory::place).list();
	}

	/** The rooms under a place (a building, a floor or a room itself), in code order. */
	@Transactional(readOnly = true)
	public List<RoomRef> roomsUnder(CurrentUser user, long placeId) {
		Optional<PlaceRef> top = find(user, placeId);
		if (top.isEmpty()) {
			return List.of();
		}
		String path = jdbc.sql("select path from place where id = ?").param(placeId).query(String.class).single();
		// a room's floor is its parent when that is a floor; its building the nearest building above it
		return jdbc.sql("""
				select r.id, r.code, r.name, r.capacity, b.id, b.name, f.id, f.name
				from place r
				left join place f on f.id = r.parent_id and f.kind = 'FLOOR'
				join place b on b.kind = 'BUILDING' and b.id = coalesce(f.parent_id, r.parent_id)
				where r.school_id = ? and r.kind = 'ROOM' and r.active = true and r.path like ?
				order by r.code""").params(user.schoolId(), path + "%")
			.query((rs, i) -> new RoomRef(rs.getLong(1), rs.getString(2), rs.getString(3), (Integer) rs.getObject(4, Integer.class),
					rs.getLong(5), rs.getString(6), rs.getObject(7) == null ? null : rs.getLong(7), rs.getString(8)))
			.list();
	}

	/** The new building's id, or the problems by field (the codes of its floors and rooms taken, among them). */
	public record Built(Long id, List<FieldProblem> problems) {
	}

	/** A whole building from its pattern (see {@link BuildingPattern}), all or nothing. */
	public Built addBuilding(CurrentUser user, long parentId, BuildingPattern pattern) {
		try {
			TreeEditing.Result result = editing.addBuilding(user, parentId, pattern);
			return new Built(result.id(), result.problems());
		} catch (TreeEditing.PatternClash e) {
			return new Built(null, List.of(FieldProblem.of("code", "codeTaken", e.getMessage())));
		}
	}

	/**
	 * Active people within the user's data scope whose number (student/staff number) or ID number is
	 * among {@code numbers}, in one query; numbers not found (or out of scope) are simply missing.
	 */
	@Transactional(readOnly = true)
	public List<PersonMatch> peopleByNumber(CurrentUser user, Collection<String> numbers) {
		if (numbers.isEmpty()) {
			return List.of();
		}
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		String in = String.join(",", Collections.nCopies(numbers.size(), "?"));
		params.addAll(numbers);
		params.addAll(numbers);
		String scope = scopes.personPredicate(scopes.roots(user), params);
		return jdbc.sql("select p.id, p.code, p.name, p.gender, p.household_id, p.id_number from person p where p.school_id = ?"
				+ " and p.active = true and (p.code in (" + in + ") or p.id_number in (" + in + ")) and " + scope)
			.params(params)
			.query((rs, i) -> new PersonMatch(new PersonRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5) == null ? null : rs.getLong(5)), rs.getString(6)))
			.list();
	}

	/** A person found by a number, with the ID number it may have matched on. */
	public record PersonMatch(PersonRef person, String idNumber) {
	}

	/** Active people by id within the user's data scope; ids not found or out of scope are missing. */
	@Transactional(readOnly = true)
	public List<PersonRef> people(CurrentUser user, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		params.addAll(ids);
		String scope = scopes.personPredicate(scopes.roots(user), params);
		return jdbc.sql("select p.id, p.code, p.name, p.gender, p.household_id from person p where p.school_id = ? and p.active = true and p.id in ("
				+ String.join(",", Collections.nCopies(ids.size(), "?")) + ") and " + scope).params(params)
			.query((rs, i) -> new PersonRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5) == null ? null : rs.getLong(5)))
			.list();
	}

	/**
	 * Active people within the user's scope by name prefix, or by exact student/staff or ID number, for
	 * a picker (at most {@code limit}, by name).
	 */
	@Transactional(readOnly = true)
	public List<PersonRef> searchPeople(CurrentUser user, String q, int limit) {
		if (q == null || q.isBlank()) {
			return List.of();
		}
		String term = q.strip().replace("%", "");
		List<Object> params = new ArrayList<>(List.of(user.schoolId(), term + "%", term, term.toUpperCase(java.util.Locale.ROOT)));
		String scope = scopes.personPredicate(scopes.roots(user), params);
		params.add(Math.max(1, Math.min(limit, 50)));
		return jdbc.sql("select p.id, p.code, p.name, p.gender, p.household_id from person p where p.school_id = ? and p.active = true"
				+ " and (p.name like ? or p.code = ? or p.id_number = ?) and " + scope + " order by p.name, p.id limit ?").params(params)
			.query((rs, i) -> new PersonRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5) == null ? null : rs.getLong(5)))
			.list();
	}

	/** A predicate on a person id column that keeps people within the user's data scope. */
	public String personInScope(CurrentUser user, String personColumn, List<Object> params) {
		ScopeFilter.Roots roots = scopes.roots(user);
		if (roots.all()) {
			return "1=1";
		}
		return personColumn + " in (select p.id from person p where " + scopes.personPredicate(roots, params) + ")";
	}

	private static PlaceRef place(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		return new PlaceRef(rs.getLong(1), PlaceKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
				(Integer) rs.getObject(5, Integer.class));
	}
}
