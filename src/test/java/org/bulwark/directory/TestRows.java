package org.bulwark.directory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** Rows integration tests put straight into the database: any row with its new id, and tree nodes with their paths. */
final class TestRows {

	private TestRows() {
	}

	static long insert(JdbcClient jdbc, String sql, Object... params) {
		var key = new GeneratedKeyHolder();
		jdbc.sql(sql).params(params).update(key, "id");
		return key.getKey().longValue();
	}

	/** An org unit (usage null) or a place under {@code parent}, its code the same as its name. */
	static long tree(JdbcClient jdbc, long schoolId, String table, Long parent, String kind, String usage, String name,
			Integer capacity) {
		String parentPath = parent == null ? "/"
				: jdbc.sql("select path from " + table + " where id = ?").param(parent).query(String.class).single();
		long id = usage == null
				? insert(jdbc, "insert into org_unit (school_id, parent_id, kind, code, name, path) values (?, ?, ?, ?, ?, 'x')",
						schoolId, parent, kind, name, name)
				: insert(jdbc, """
						insert into place (school_id, parent_id, kind, usage, code, name, capacity, path)
						values (?, ?, ?, ?, ?, ?, ?, 'x')""", schoolId, parent, kind, usage, name, name, capacity);
		jdbc.sql("update " + table + " set path = ? where id = ?").params(parentPath + id + "/", id).update();
		return id;
	}
}
