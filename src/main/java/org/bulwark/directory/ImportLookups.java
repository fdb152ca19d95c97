package org.bulwark.directory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What rows of an import name by text — org units, places, people — found among those the importer may use. */
final class ImportLookups {

	private ImportLookups() {
	}

	/** Org units by code and by name (a name shared by two units is left out), within the user's scope. */
	static Map<String, Long> orgUnits(JdbcClient jdbc, ScopeFilter scopes, CurrentUser user) {
		List<Object> params = new ArrayList<>(List.of(user.schoolId()));
		String scope = scopes.orgUnitPredicate(scopes.roots(user), "o", params);
		return byCodeAndName(jdbc.sql("select o.id, o.code, o.name from org_unit o where o.school_id = ? and o.active = true and "
				+ scope).params(params).query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}).list());
	}

	/** A node of a tree found by its code: its id, kind and, for places, usage and capacity. */
	record Node(long id, String kind, String usage, Integer capacity) {
	}

	/** Places by code within the user's scope. */
	static Map<String, Node> places(JdbcClient jdbc, ScopeFilter scopes, CurrentUser user) {
		List<Object> params = new ArrayList<>(List.of(user.schoolId()));
		String scope = scopes.placePredicate(scopes.roots(user), "pl", params);
		Map<String, Node> found = new HashMap<>();
		jdbc.sql("select pl.id, pl.code, pl.kind, pl.usage, pl.capacity from place pl where pl.school_id = ? and pl.active = true and "
				+ scope).params(params).query((rs, i) -> {
					found.put(rs.getString(2), new Node(rs.getLong(1), rs.getString(3), rs.getString(4),
							rs.getObject(5, Integer.class)));
					return null;
				}).list();
		return found;
	}

	/** Org units by code within the user's scope. */
	static Map<String, Node> orgUnitNodes(JdbcClient jdbc, ScopeFilter scopes, CurrentUser user) {
		List<Object> params = new ArrayList<>(List.of(user.schoolId()));
		String scope = scopes.orgUnitPredicate(scopes.roots(user), "o", params);
		Map<String, Node> found = new HashMap<>();
		jdbc.sql("select o.id, o.code, o.kind from org_unit o where o.school_id = ? and o.active = true and " + scope)
			.params(params).query((rs, i) -> {
				found.put(rs.getString(2), new Node(rs.getLong(1), rs.getString(3), null, null));
				return null;
			}).list();
		return found;
	}

	/** Every code of a tree in the school, in or out of scope: a new node may not take one. */
	static Set<String> codes(JdbcClient jdbc, String table, long schoolId) {
		return new HashSet<>(jdbc.sql("select code from " + table + " where school_id = ?").param(schoolId)
			.query(String.class).list());
	}

	private static Map<String, Long> byCodeAndName(List<Object[]> rows) {
		Map<String, Long> byCode = new HashMap<>();
		Map<String, Long> byName = new HashMap<>();
		Set<String> ambiguous = new HashSet<>();
		for (Object[] r : rows) {
			byCode.put((String) r[1], (Long) r[0]);
			if (byName.putIfAbsent((String) r[2], (Long) r[0]) != null) {
				ambiguous.add((String) r[2]);
			}
		}
		ambiguous.forEach(byName::remove);
		Map<String, Long> byKey = new LinkedHashMap<>(byName);
		byKey.putAll(byCode);
		return byKey;
	}
}
