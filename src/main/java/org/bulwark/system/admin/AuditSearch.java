package org.bulwark.system.admin;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Searches the audit trail of one school, newest first. */
@Repository
class AuditSearch {

	private final JdbcClient jdbc;
	private final JdbcTemplate template;

	AuditSearch(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	record Filter(String actor, AuditAction action, String entityType, String entityId, String q, LocalDate from,
			LocalDate to) {
	}

	record Row(long id, OffsetDateTime occurredAt, String actor, AuditAction action, String entityType,
			String entityId, String summary, String before, String after, String remoteAddr) {
	}

	private static final String COLUMNS = """
			id, occurred_at, actor, action, entity_type, entity_id, summary, before_state, after_state, remote_addr""";

	PageResult<Row> search(long schoolId, Filter filter, PageQuery page) {
		List<Object> params = new ArrayList<>();
		String where = where(schoolId, filter, params);
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<Row> rows = jdbc.sql("select " + COLUMNS + " from audit_event where " + where
				+ " order by occurred_at " + (page.descending() ? "asc" : "desc") + ", id desc limit ? offset ?")
			.params(pageParams).query(AuditSearch::row).list();
		List<Object> countParams = new ArrayList<>(params);
		countParams.add(PageResult.COUNT_CAP + 1);
		long total = jdbc.sql("select count(*) from (select 1 from audit_event where " + where + " limit ?) t")
			.params(countParams).query(Long.class).single();
		return new PageResult<>(rows, page.page(), page.size(), Math.min(total, PageResult.COUNT_CAP),
				total > PageResult.COUNT_CAP);
	}

	void stream(long schoolId, Filter filter, Consumer<Row> sink) {
		List<Object> params = new ArrayList<>();
		String where = where(schoolId, filter, params);
		template.query("select " + COLUMNS + " from audit_event where " + where + " order by occurred_at desc, id desc",
				rs -> {
					sink.accept(row(rs, 0));
				}, params.toArray());
	}

	private static String where(long schoolId, Filter f, List<Object> params) {
		StringBuilder where = new StringBuilder("school_id = ?");
		params.add(schoolId);
		if (f.actor() != null && !f.actor().isBlank()) {
			where.append(" and actor = ?");
			params.add(f.actor().strip());
		}
		if (f.action() != null) {
			where.append(" and action = ?");
			params.add(f.action().name());
		}
		if (f.entityType() != null && !f.entityType().isBlank()) {
			where.append(" and entity_type = ?");
			params.add(f.entityType().strip());
		}
		if (f.entityId() != null && !f.entityId().isBlank()) {
			where.append(" and entity_id = ?");
			params.add(f.entityId().strip());
		}
		if (f.q() != null && !f.q().isBlank()) {
			where.append(" and lower(summary) like ?");
			params.add("%" + f.q().strip().toLowerCase().replace("%", "") + "%");
		}
		ZoneId zone = ZoneId.systemDefault();
		if (f.from() != null) {
			where.append(" and occurred_at >= ?");
			params.add(f.from().atStartOfDay(zone).toOffsetDateTime());
		}
		if (f.to() != null) {
			where.append(" and occurred_at < ?");
			params.add(f.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
		}
		return where.toString();
	}

	private static Row row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		return new Row(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
				AuditAction.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
				rs.getString(9), rs.getString(10));
	}
}
