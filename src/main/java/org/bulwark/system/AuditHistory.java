package org.bulwark.system;

import java.time.OffsetDateTime;
import java.util.List;

/** Reads the audit trail of one record, for the history shown on that record's page. */
public interface AuditHistory {

	record Entry(OffsetDateTime occurredAt, String actor, AuditAction action, String summary, String before,
			String after) {
	}

	/** The newest entries first, at most {@code limit}, of the given school only. */
	List<Entry> of(long schoolId, String entityType, Object entityId, int limit);
}
