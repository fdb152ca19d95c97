package org.bulwark.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns a user's {@link DataScope} into SQL: the subtrees of their org units and places, and the
 * org units and places of their grids. Every directory query goes through here, so a user outside
 * a record's scope cannot list, open, export or fetch it through the API.
 */
@Component
class ScopeFilter {

	private final JdbcClient jdbc;

	ScopeFilter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Path prefixes of the org unit and place subtrees a scope covers. */
	record Roots(boolean all, List<String> orgUnitPaths, List<String> placePaths) {

		boolean none() {
			return !all && orgUnitPaths.isEmpty() && placePaths.isEmpty();
		}
	}

	Roots roots(CurrentUser user) {
		DataScope scope = user.scope();
		if (scope.all()) {
			return new Roots(true, List.of(), List.of());
		}
		Set<Long> orgUnits = new LinkedHashSet<>(scope.orgUnitIds());
		Set<Long> places = new LinkedHashSet<>(scope.placeIds());
		if (!scope.gridIds().isEmpty()) {
			String grids = ids(scope.gridIds());
			orgUnits.addAll(jdbc.sql("select go.org_unit_id from grid_org_unit go join grid g on g.id = go.grid_id"
					+ " where g.school_id = ? and go.grid_id in (" + grids + ")").param(user.schoolId()).query(Long.class).list());
			places.addAll(jdbc.sql("select gp.place_id from grid_place gp join grid g on g.id = gp.grid_id"
					+ " where g.school_id = ? and gp.grid_id in (" + grids + ")").param(user.schoolId()).query(Long.class).list());
		}
		List<String> orgPaths = orgUnits.isEmpty() ? List.of()
				: jdbc.sql("select path from org_unit where school_id = ? and id in (" + ids(orgUnits) + ")")
					.param(user.schoolId()).query(String.class).list();
		List<String> placePaths = places.isEmpty() ? List.of()
				: jdbc.sql("select path from place where school_id = ? and id in (" + ids(places) + ")")
					.param(user.schoolId()).query(String.class).list();
		return new Roots(false, orgPaths, placePaths);
	}

	/** A predicate on a person row aliased {@code p}; parameters are appended to {@code params}. */
	String personPredicate(Roots roots, List<Object> params) {
		if (roots.all()) {
			return "1=1";
		}
		if (roots.none()) {
			return "1=0";
		}
		List<String> parts = new ArrayList<>();
		if (!roots.orgUnitPaths().isEmpty()) {
			parts.add("p.org_unit_id in (select so.id from org_unit so where " + likeAny("so.path", roots.orgUnitPaths(), params) + ")");
		}
		if (!roots.placePaths().isEmpty()) {
			parts.add("p.residence_place_id in (select sp.id from place sp where " + likeAny("sp.path", roots.placePaths(), params) + ")");
		}
		return "(" + String.join(" or ", parts) + ")";
	}

	/** A predicate on a place row with the given alias. */
	String placePredicate(Roots roots, String alias, List<Object> params) {
		if (roots.all()) {
			return "1=1";
		}
		return roots.placePaths().isEmpty() ? "1=0" : "(" + likeAny(alias + ".path", roots.placePaths(), params) + ")";
	}

	/** A predicate on an org unit row with the given alias. */
	String orgUnitPredicate(Roots roots, String alias, List<Object> params) {
		if (roots.all()) {
			return "1=1";
		}
		return roots.orgUnitPaths().isEmpty() ? "1=0" : "(" + likeAny(alias + ".path", roots.orgUnitPaths(), params) + ")";
	}

	/** What a reachability check looks at: people, org units or places. */
	enum Records { PEOPLE, ORG_UNITS, PLACES }

	/**
	 * Which of these records the user may open, so a page links only those (a breadcrumb's units above
	 * the user's own, a grid's leader from another college) and names the others without a link.
	 */
	Set<Long> reachable(CurrentUser user, Records records, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Set.of();
		}
		Roots roots = roots(user);
		List<Object> params = new ArrayList<>(List.of(user.schoolId()));
		String sql = switch (records) {
			case PEOPLE -> "select p.id from person p where p.school_id = ? and p.id in (" + ids(ids) + ") and "
					+ personPredicate(roots, params);
			case ORG_UNITS -> "select o.id from org_unit o where o.school_id = ? and o.id in (" + ids(ids) + ") and "
					+ orgUnitPredicate(roots, "o", params);
			case PLACES -> "select pl.id from place pl where pl.school_id = ? and pl.id in (" + ids(ids) + ") and "
					+ placePredicate(roots, "pl", params);
		};
		return new HashSet<>(jdbc.sql(sql).params(params).query(Long.class).list());
	}

	private static String likeAny(String column, List<String> paths, List<Object> params) {
		List<String> likes = new ArrayList<>();
		for (String path : paths) {
			likes.add(column + " like ?");
			params.add(path + "%");
		}
		return String.join(" or ", likes);
	}

	/** Ids come from the database as longs, so joining them into SQL cannot inject anything. */
	private static String ids(Collection<Long> ids) {
		return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
	}
}
