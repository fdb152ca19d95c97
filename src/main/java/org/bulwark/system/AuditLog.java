package org.bulwark.system;

/**
 * The audit trail: who did what to which record, when, from where, with a before/after summary.
 * Every create, update, delete, reveal, export and login goes through here.
 */
public interface AuditLog {

	void record(AuditAction action, String entityType, Object entityId, String summary, String before, String after);

	default void record(AuditAction action, String entityType, Object entityId, String summary) {
		record(action, entityType, entityId, summary, null, null);
	}

	/** One entry per record of a bulk change (an import, a bulk assignment), written in batches. */
	void recordAll(AuditAction action, String entityType, java.util.List<Item> items);

	record Item(Object entityId, String summary, String before, String after) {
	}
}
