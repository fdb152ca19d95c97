package org.bulwark.directory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Groups of people for other modules, e.g. for a roll-call: an org unit (a class) with its subtree,
 * a place subtree (a dorm floor, a residential building) by where people live, or a grid. Only
 * groups and members within the user's data scope are found; an invisible group is "not found".
 */
@Service
public class Groups {

	public enum Kind {
		ORG_UNIT, PLACE, GRID
	}

	/** @param detail the org unit's or place's kind; {@code GRID} for a grid */
	public record Group(Kind kind, long id, String code, String name, String detail) {
	}

	/**
	 * An active member as a roll-call lists them.
	 *
	 * @param orgUnitLineage the member's org unit and its ancestors, root first; empty without one
	 */
	public record Member(long personId, String code, String name, Population population, String orgUnitName,
			List<Long> orgUnitLineage, String residenceName) {
	}

	private final JdbcClient jdbc;
	private final ScopeFilter scopes;
	private final Grids grids;

	Groups(JdbcClient jdbc, ScopeFilter scopes, Grids grids) {
		this.jdbc = jdbc;
		this.scopes = scopes;
		this.grids = grids;
	}

	/**
	 * Groups of one kind the user may see, by code or name, for a picker. Org units of any kind;
	 * places from the building down (rooms excluded: a roll-call is for a floor or more).
	 */
	@Transactional(readOnly = true)
	public List<Group> search(CurrentUser user, Kind kind, String q, int limit) {
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		String query = q == null ? "" : q.strip().replace("%", "").replace("_", "");
		String sql = switch (kind) {
			case ORG_UNIT -> "select t.id, t.code, t.name, t.kind from org_unit t where t.school_id = ? and t.active = true and "
					+ scopes.orgUnitPredicate(scopes.roots(user), "t", params);
			case PLACE -> "select t.id, t.code, t.name, t.kind from place t where t.school_id = ? and t.active = true"
					+ " and t.kind in ('BUILDING', 'FLOOR') and " + scopes.placePredicate(scopes.roots(user), "t", params);
			case GRID -> "select g.id, g.code, g.name, 'GRID' from grid g where g.school_id = ? and " + grids.visible(user, params);
		};
		String alias = kind == Kind.GRID ? "g" : "t";
		if (!query.isEmpty()) {
			sql += " and (" + alias + ".name like ? or " + alias + ".code like ?)";
			params.add("%" + query + "%");
			params.add(query + "%");
		}
		sql += kind == Kind.GRID ? " order by g.code" : " order by t.path";
		params.add(Math.max(1, Math.min(limit, 500)));
		return jdbc.sql(sql + " limit ?").params(params)
			.query((rs, i) -> new Group(kind, rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
	}

	/** A group if the user may see it. */
	@Transactional(readOnly = true)
	public Optional<Group> find(CurrentUser user, Kind kind, long id) {
		List<Object> params = new ArrayList<>(List.of(id, user.schoolId()));
		String sql = switch (kind) {
			case ORG_UNIT -> "select t.id, t.code, t.name, t.kind from org_unit t where t.id = ? and t.school_id = ? and "
					+ scopes.orgUnitPredicate(scopes.roots(user), "t", params);
			case PLACE -> "select t.id, t.code, t.name, t.kind from place t where t.id = ? and t.school_id = ? and "
					+ scopes.placePredicate(scopes.roots(user), "t", params);
			case GRID -> "select g.id, g.code, g.name, 'GRID' from grid g where g.id = ? and g.school_id = ? and "
					+ grids.visible(user, params);
		};
		return jdbc.sql(sql).params(params)
			.query((rs, i) -> new Group(kind, rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).optional();
	}

	/**
	 * The active members of a visible group who are within the user's scope, by name: people of the
	 * org unit's subtree, people living in the place's subtree, or both for the units and places of a
	 * grid. Empty when the group is not visible.
	 */
	@Transactional(readOnly = true)
	public Optional<List<Member>> members(CurrentUser user, Kind kind, long id) {
		if (find(user, kind, id).isEmpty()) {
			return Optional.empty();
		}
		List<Object> params = new ArrayList<>();
		String membership = switch (kind) {
			case ORG_UNIT -> {
				params.add(id);
				yield "o.path like (select m.path from org_unit m where m.id = ?) || '%'";
			}
			case PLACE -> {
				params.add(id);
				yield "p.residence_place_id in (select sp.id from place sp where sp.path like"
						+ " (select m.path from place m where m.id = ?) || '%')";
			}
			case GRID -> {
				params.add(id);
				params.add(id);
				yield "(exists (select 1 from grid_org_unit go join org_unit gu on gu.id = go.org_unit_id"
						+ " where go.grid_id = ? and o.path like gu.path || '%')"
						+ " or p.residence_place_id in (select sp.id from place sp join grid_place gp on gp.grid_id = ?"
						+ " join place gpl on gpl.id = gp.place_id where sp.path like gpl.path || '%'))";
			}
		};
		params.add(user.schoolId());
		String scope = scopes.personPredicate(scopes.roots(user), params);
		List<Member> members = jdbc.sql("select p.id, p.code, p.name, p.population, o.name, o.path,"
				+ " case when bd.id is null then pl.name else concat(bd.name, ' ', pl.name) end"
				+ " from person p left join org_unit o on o.id = p.org_unit_id left join place pl on pl.id = p.residence_place_id"
				+ " left join place fl on fl.id = pl.parent_id and pl.kind = 'ROOM' and fl.kind = 'FLOOR'"
				+ " left join place bd on bd.id = fl.parent_id"
				+ " where " + membership + " and p.school_id = ? and p.active = true and " + scope
				+ " order by p.name, p.id")
			.params(params)
			.query((rs, i) -> new Member(rs.getLong(1), rs.getString(2), rs.getString(3),
					Population.valueOf(rs.getString(4)), rs.getString(5), lineage(rs.getString(6)), rs.getString(7)))
			.list();
		return Optional.of(members);
	}

	/**
	 * SQL that is true when the group in columns {@code kindColumn}/{@code idColumn} is visible to the
	 * user (set-based, for lists of records that belong to groups); parameters go to {@code params}.
	 */
	public String visible(CurrentUser user, String kindColumn, String idColumn, List<Object> params) {
		ScopeFilter.Roots roots = scopes.roots(user);
		if (roots.all()) {
			return "1=1";
		}
		List<Object> own = new ArrayList<>();
		String units = "(" + kindColumn + " = 'ORG_UNIT' and " + idColumn + " in (select t.id from org_unit t where "
				+ scopes.orgUnitPredicate(roots, "t", own) + "))";
		String places = "(" + kindColumn + " = 'PLACE' and " + idColumn + " in (select t.id from place t where "
				+ scopes.placePredicate(roots, "t", own) + "))";
		String grid = "(" + kindColumn + " = 'GRID' and " + idColumn + " in (select g.id from grid g where "
				+ grids.visible(user, own) + "))";
		params.addAll(own);
		return "(" + units + " or " + places + " or " + grid + ")";
	}

	/**
	 * The groups a roll-call is expected from, within the user's scope: every class (org unit of kind
	 * CLASS) and every grid the user sees, by name.
	 */
	@Transactional(readOnly = true)
	public List<Group> expected(CurrentUser user) {
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		String units = "select t.id, t.code, t.name, t.kind, 'ORG_UNIT' from org_unit t where t.school_id = ? and t.active = true"
				+ " and t.kind = 'CLASS' and " + scopes.orgUnitPredicate(scopes.roots(user), "t", params);
		params.add(user.schoolId());
		String gridSql = "select g.id, g.code, g.name, 'GRID', 'GRID' from grid g where g.school_id = ? and "
				+ grids.visible(user, params);
		return jdbc.sql(units + " union all " + gridSql + " order by 3, 1").params(params)
			.query((rs, i) -> new Group(Kind.valueOf(rs.getString(5)), rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getString(4)))
			.list();
	}

	/** An org unit's lineage, root first, e.g. to choose the check policy of a class. */
	@Transactional(readOnly = true)
	public List<Long> orgUnitLineage(long orgUnitId) {
		return jdbc.sql("select path from org_unit where id = ?").param(orgUnitId).query(String.class).optional()
			.map(Groups::lineage).orElse(List.of());
	}

	private static List<Long> lineage(String path) {
		if (path == null) {
			return List.of();
		}
		return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
	}
}
