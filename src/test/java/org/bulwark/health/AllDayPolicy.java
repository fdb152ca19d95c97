package org.bulwark.health;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tests that run at the real time of day give an org unit a policy with one slot, {@code allday},
 * open from midnight: what they check then does not depend on the hour they run at.
 */
public final class AllDayPolicy {

	public static final String SLOT = "allday";

	private AllDayPolicy() {
	}

	public static void ensure(JdbcClient jdbc, long schoolId, long orgUnitId, long profileId) {
		String code = "all-day-" + orgUnitId;
		if (jdbc.sql("select count(*) from check_policy where school_id = ? and code = ?").params(schoolId, code)
			.query(Long.class).single() > 0) {
			return;
		}
		jdbc.sql("insert into check_policy (school_id, code, name, profile_id) values (?, ?, 'All day', ?)")
			.params(schoolId, code, profileId).update();
		long policy = jdbc.sql("select id from check_policy where school_id = ? and code = ?").params(schoolId, code)
			.query(Long.class).single();
		jdbc.sql("insert into check_policy_org_unit (policy_id, org_unit_id) values (?, ?)").params(policy, orgUnitId)
			.update();
		jdbc.sql("""
				insert into check_slot (policy_id, code, name_zh, name_en, starts_at, ends_at, deadline, grace_minutes, position)
				values (?, ?, '全天', 'All day', time '00:00:00', time '23:59:59', time '23:59:59', 0, 0)""")
			.params(policy, SLOT).update();
	}
}
