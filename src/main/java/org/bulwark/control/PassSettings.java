package org.bulwark.control;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which colour each pass reason gives at a school: the standard colours of {@link PassReason}, with the
 * school's changes ({@code pass_setting}, e.g. "not reported" only a note). Read on every pass
 * computation: a dozen rows by primary key.
 */
@Service
class PassSettings {

	private final JdbcClient jdbc;
	private final AuditLog audit;

	PassSettings(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	PassRules rules(long schoolId) {
		Map<PassReason, PassColour> changes = new EnumMap<>(PassReason.class);
		jdbc.sql("select reason, colour from pass_setting where school_id = ?").param(schoolId).query((rs, i) -> {
			try {
				changes.put(PassReason.valueOf(rs.getString(1)), PassColour.valueOf(rs.getString(2)));
			}
			catch (IllegalArgumentException retired) {
				// a reason a later version no longer has: ignored
			}
			return null;
		}).list();
		return PassRules.with(changes);
	}

	/** Stores the school's colours (a reason at its standard colour keeps no row); audited. */
	@Transactional
	void save(CurrentUser user, Map<PassReason, PassColour> colours, Instant now) {
		jdbc.sql("delete from pass_setting where school_id = ?").param(user.schoolId()).update();
		StringBuilder changed = new StringBuilder();
		for (PassReason r : PassReason.values()) {
			PassColour c = colours.get(r);
			if (c != null && c != r.standard()) {
				jdbc.sql("insert into pass_setting (school_id, reason, colour, updated_at, updated_by) values (?, ?, ?, ?, ?)")
					.params(user.schoolId(), r.name(), c.name(), now.atOffset(ZoneOffset.UTC), user.getUsername()).update();
				changed.append(changed.isEmpty() ? "" : ", ").append(r).append('=').append(c);
			}
		}
		audit.record(AuditAction.UPDATE, "pass_setting", null, changed.isEmpty() ? "standard colours" : changed.toString());
	}

	static List<PassColour> choices() {
		return List.of(PassColour.values());
	}
}
