package org.bulwark.system;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.temporal.TemporalAccessor;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Writes many rows at once inside the current transaction: PostgreSQL's COPY where the database is
 * PostgreSQL (several times faster than batched INSERTs), JDBC batches on the embedded H2.
 */
@Component
public class BulkWriter {

	private static final int CHUNK = 5000;

	private final DataSource dataSource;
	private final JdbcTemplate template;
	private volatile Boolean postgres;

	BulkWriter(DataSource dataSource, JdbcTemplate template) {
		this.dataSource = dataSource;
		this.template = template;
	}

	/** Inserts the rows (values in the order of the columns); unique-key violations surface as DataIntegrityViolationException. */
	public void insert(String table, List<String> columns, List<Object[]> rows) {
		if (rows.isEmpty()) {
			return;
		}
		if (isPostgres()) {
			copy(table, columns, rows);
		} else {
			String sql = "insert into " + table + " (" + String.join(", ", columns) + ") values ("
					+ String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
			for (int from = 0; from < rows.size(); from += 1000) {
				template.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + 1000)));
			}
		}
	}

	/**
	 * Inserts rows into a table whose key is an identity column {@code id} and returns the new ids in
	 * row order. On PostgreSQL the ids are taken from the identity in one round trip and the rows go in
	 * with COPY (which returns no keys); on H2 row by row with the generated keys.
	 */
	public List<Long> insertReturningIds(String table, List<String> columns, List<Object[]> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		if (isPostgres()) {
			List<Long> ids = template.queryForList(
					"select nextval(pg_get_serial_sequence(?, 'id')) from generate_series(1, ?)", Long.class, table,
					rows.size());
			List<String> withId = new java.util.ArrayList<>(columns.size() + 1);
			withId.add("id");
			withId.addAll(columns);
			List<Object[]> keyed = new java.util.ArrayList<>(rows.size());
			for (int i = 0; i < rows.size(); i++) {
				Object[] row = new Object[rows.get(i).length + 1];
				row[0] = ids.get(i);
				System.arraycopy(rows.get(i), 0, row, 1, rows.get(i).length);
				keyed.add(row);
			}
			copy(table, withId, keyed);
			return ids;
		}
		String sql = "insert into " + table + " (" + String.join(", ", columns) + ") values ("
				+ String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
		List<Long> ids = new java.util.ArrayList<>(rows.size());
		for (Object[] row : rows) {
			var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
			template.update(connection -> {
				var statement = connection.prepareStatement(sql, new String[] {"id"});
				for (int i = 0; i < row.length; i++) {
					statement.setObject(i + 1, row[i]);
				}
				return statement;
			}, key);
			ids.add(key.getKey().longValue());
		}
		return ids;
	}

	/**
	 * Sets columns of many rows, found by their key, inside the current transaction: each row holds
	 * the key first, then the new values in the order of the columns. On PostgreSQL the values go into
	 * a temporary table with COPY and one {@code UPDATE … FROM} sets them all (one statement instead
	 * of one per row); on H2 JDBC batches of {@code UPDATE … WHERE key = ?}.
	 */
	public void update(String table, String key, List<String> columns, List<Object[]> rows) {
		if (rows.isEmpty()) {
			return;
		}
		if (isPostgres()) {
			String temp = "bulk_update_" + table;
			List<String> all = new java.util.ArrayList<>(columns.size() + 1);
			all.add(key);
			all.addAll(columns);
			// the temporary table takes the columns' types from the table itself; it lives in this
			// transaction only (dropped below, or with the rollback)
			template.execute("create temporary table " + temp + " on commit drop as select " + String.join(", ", all)
					+ " from " + table + " with no data");
			copy(temp, all, rows);
			template.execute("analyze " + temp);
			template.update("update " + table + " t set " + String.join(", ", columns.stream().map(c -> c + " = s." + c)
				.toList()) + " from " + temp + " s where t." + key + " = s." + key);
			template.execute("drop table " + temp);
			return;
		}
		String sql = "update " + table + " set " + String.join(", ", columns.stream().map(c -> c + " = ?").toList())
				+ " where " + key + " = ?";
		List<Object[]> reordered = new java.util.ArrayList<>(rows.size());
		for (Object[] row : rows) {
			Object[] r = new Object[row.length];
			System.arraycopy(row, 1, r, 0, row.length - 1);
			r[row.length - 1] = row[0];
			reordered.add(r);
		}
		for (int from = 0; from < reordered.size(); from += 1000) {
			template.batchUpdate(sql, reordered.subList(from, Math.min(reordered.size(), from + 1000)));
		}
	}

	/**
	 * A temporary table {@code temp} of the given columns, typed like those of {@code likeTable},
	 * filled with the rows, for set-based joins of values that are in no table yet (a pushed list's
	 * keys matched against the registry before its rows are written). COPY and an ANALYZE on
	 * PostgreSQL, where it is dropped at the end of the transaction at the latest; JDBC batches on H2.
	 * Drop it with {@link #unstage} when done; one left over by a failed transaction is replaced.
	 */
	public void stage(String temp, String likeTable, List<String> columns, List<Object[]> rows) {
		String cols = String.join(", ", columns);
		template.execute("drop table if exists " + temp);
		if (isPostgres()) {
			template.execute("create temporary table " + temp + " on commit drop as select " + cols + " from " + likeTable
					+ " with no data");
			copy(temp, columns, rows);
			template.execute("analyze " + temp);
			return;
		}
		template.execute("create local temporary table " + temp + " as select " + cols + " from " + likeTable
				+ " with no data");
		insert(temp, columns, rows);
	}

	/** Drops a table made by {@link #stage}. */
	public void unstage(String temp) {
		template.execute("drop table if exists " + temp);
	}

	private void copy(String table, List<String> columns, List<Object[]> rows) {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			var copy = connection.unwrap(PGConnection.class).getCopyAPI();
			String sql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin with (format csv)";
			for (int from = 0; from < rows.size(); from += CHUNK) {
				StringBuilder csv = new StringBuilder(256 * Math.min(CHUNK, rows.size() - from));
				for (Object[] row : rows.subList(from, Math.min(rows.size(), from + CHUNK))) {
					for (int i = 0; i < row.length; i++) {
						if (i > 0) {
							csv.append(',');
						}
						csv.append(csv(row[i]));
					}
					csv.append('\n');
				}
				copy.copyIn(sql, new StringReader(csv.toString()));
			}
		} catch (SQLException e) {
			// 23xxx: integrity constraint violations (a unique key taken meanwhile, a missing reference)
			if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
				throw new DataIntegrityViolationException("copy into " + table + ": " + e.getMessage(), e);
			}
			throw new DataAccessResourceFailureException("copy into " + table + " failed", e);
		} catch (IOException e) {
			throw new DataAccessResourceFailureException("copy into " + table + " failed", e);
		} finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	/** A value in COPY's CSV format: nothing for NULL, text always quoted so an empty string stays one. */
	static String csv(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof Boolean b) {
			return b ? "t" : "f";
		}
		if (value instanceof Number || value instanceof TemporalAccessor) {
			return value.toString();
		}
		return "\"" + value.toString().replace("\"", "\"\"") + "\"";
	}

	/** Whether the database is PostgreSQL (not the embedded H2), for the few statements only it can run. */
	public boolean onPostgres() {
		return isPostgres();
	}

	private boolean isPostgres() {
		if (postgres == null) {
			postgres = Boolean.TRUE.equals(template.execute((Connection c) -> c.getMetaData().getDatabaseProductName()
				.toLowerCase(java.util.Locale.ROOT).contains("postgres")));
		}
		return postgres;
	}
}
