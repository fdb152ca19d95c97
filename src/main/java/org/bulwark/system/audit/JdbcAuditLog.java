package org.bulwark.system.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.servlet.http.HttpServletRequest;

import java.util.List;

import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditHistory;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Appends audit events. It joins the caller's transaction, so a change and its audit entry are
 * written together or not at all.
 */
@Service
class JdbcAuditLog implements AuditLog, AuditHistory {

	private static final Logger log = LoggerFactory.getLogger("bulwark.audit");

	private final JdbcClient jdbc;

	private final org.bulwark.system.BulkWriter bulk;

	JdbcAuditLog(JdbcClient jdbc, org.bulwark.system.BulkWriter bulk) {
		this.jdbc = jdbc;
		this.bulk = bulk;
	}

	@Override
	@Transactional(propagation = Propagation.REQUIRED)
	public void record(AuditAction action, String entityType, Object entityId, String summary, String before,
			String after) {
		CurrentUser user = CurrentUser.find().orElse(null);
		String actor = user != null ? user.getUsername() : (action == AuditAction.LOGIN_FAILED ? null : "system");
		Long schoolId = user != null ? Long.valueOf(user.schoolId()) : schoolOfUsername(action, entityId);
		String address = null;
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
			HttpServletRequest request = attrs.getRequest();
			address = request.getRemoteAddr();
		}
		jdbc.sql("""
				insert into audit_event (school_id, occurred_at, actor, actor_user_id, action, entity_type, entity_id,
				                         summary, before_state, after_state, remote_addr)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(schoolId, OffsetDateTime.now(ZoneOffset.UTC), actor != null ? actor : String.valueOf(entityId),
					user != null ? user.id() : null, action.name(), entityType,
					entityId == null ? null : String.valueOf(entityId), truncate(summary, 1000), truncate(before, 4000),
					truncate(after, 4000), address)
			.update();
		log.info("audit action={} entity={}:{} actor={} summary={}", action, entityType, entityId, actor, summary);
	}

	@Override
	@Transactional(propagation = Propagation.REQUIRED)
	public void recordAll(AuditAction action, String entityType, List<Item> items) {
		if (items.isEmpty()) {
			return;
		}
		CurrentUser user = CurrentUser.find().orElse(null);
		String actor = user != null ? user.getUsername() : "system";
		Long schoolId = user != null ? Long.valueOf(user.schoolId()) : null;
		String address = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs
				? attrs.getRequest().getRemoteAddr() : null;
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		List<Object[]> rows = new java.util.ArrayList<>(items.size());
		for (Item item : items) {
			rows.add(new Object[] {schoolId, now, actor, user != null ? user.id() : null, action.name(), entityType,
					item.entityId() == null ? null : String.valueOf(item.entityId()), truncate(item.summary(), 1000),
					truncate(item.before(), 4000), truncate(item.after(), 4000), address});
		}
		bulk.insert("audit_event", List.of("school_id", "occurred_at", "actor", "actor_user_id", "action", "entity_type",
				"entity_id", "summary", "before_state", "after_state", "remote_addr"), rows);
		log.info("audit action={} entity={} count={} actor={}", action, entityType, items.size(), actor);
	}

	@Override
	public List<Entry> of(long schoolId, String entityType, Object entityId, int limit) {
		return jdbc.sql("""
				select occurred_at, actor, action, summary, before_state, after_state from audit_event
				where school_id = ? and entity_type = ? and entity_id = ? order by occurred_at desc, id desc limit ?""")
			.params(schoolId, entityType, String.valueOf(entityId), limit)
			.query((rs, i) -> new Entry(rs.getObject(1, OffsetDateTime.class), rs.getString(2),
					AuditAction.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6)))
			.list();
	}

	/** Sign-in events happen before there is a user in the context; find the school by the username. */
	private Long schoolOfUsername(AuditAction action, Object entityId) {
		if ((action == AuditAction.LOGIN || action == AuditAction.LOGIN_FAILED) && entityId != null) {
			return jdbc.sql("select school_id from app_user where username = ?").param(String.valueOf(entityId))
				.query(Long.class).optional().orElse(null);
		}
		return null;
	}

	private static String truncate(String s, int max) {
		return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
	}
}
