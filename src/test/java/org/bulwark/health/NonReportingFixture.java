package org.bulwark.health;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * A class of its own for each test: an org unit under the school's root with its own policy
 * (morning 06:00–09:30 with 15 minutes' grace, noon 11:30–14:00, evening 18:00–21:30) and people
 * enrolled long ago, so tests at chosen instants on a kept database never meet each other's rows.
 */
final class NonReportingFixture {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	final JdbcClient jdbc;
	final long schoolId;
	final long unitId;
	final String unitCode;
	final List<Long> people = new ArrayList<>();

	NonReportingFixture(JdbcClient jdbc, int size) {
		this.jdbc = jdbc;
		this.schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		this.unitCode = "nr-" + suffix;
		long root = jdbc.sql("select id from org_unit where school_id = ? and parent_id is null order by id").param(schoolId)
			.query(Long.class).list().get(0);
		String rootPath = jdbc.sql("select path from org_unit where id = ?").param(root).query(String.class).single();
		this.unitId = insert("insert into org_unit (school_id, parent_id, kind, code, name, path) values (?, ?, 'CLASS', ?, ?, 'x')",
				schoolId, root, unitCode, "测试班 " + suffix);
		jdbc.sql("update org_unit set path = ? where id = ?").params(rootPath + unitId + "/", unitId).update();
		long profile = jdbc.sql("select id from disease_profile where school_id is null order by id").query(Long.class).list()
			.get(0);
		long policy = insert("insert into check_policy (school_id, code, name, profile_id) values (?, ?, ?, ?)", schoolId,
				"p-" + suffix, "Test " + suffix, profile);
		jdbc.sql("insert into check_policy_org_unit (policy_id, org_unit_id) values (?, ?)").params(policy, unitId).update();
		slot(policy, "morning", "晨检", "Morning", "06:00", "09:30", "09:30", 15, 0);
		slot(policy, "noon", "午检", "Noon", "11:30", "14:00", "14:00", 0, 1);
		slot(policy, "evening", "晚检", "Evening", "18:00", "21:30", "21:30", 0, 2);
		OffsetDateTime enrolled = OffsetDateTime.of(2020, 9, 1, 8, 0, 0, 0, ZoneOffset.UTC);
		for (int i = 0; i < size; i++) {
			people.add(insert("""
					insert into person (school_id, code, name, population, id_type, org_unit_id, phone, created_at)
					values (?, ?, ?, 'UNDERGRADUATE', 'OTHER', ?, ?, ?)""", schoolId, "NR" + suffix + i,
					"测试" + suffix + "-" + i, unitId, "1380000" + String.format("%04d", i), enrolled));
		}
	}

	private void slot(long policy, String code, String zh, String en, String start, String end, String deadline, int grace,
			int position) {
		jdbc.sql("""
				insert into check_slot (policy_id, code, name_zh, name_en, starts_at, ends_at, deadline, grace_minutes, position)
				values (?, ?, ?, ?, cast(? as time), cast(? as time), cast(? as time), ?, ?)""")
			.params(policy, code, zh, en, start, end, deadline, grace, position).update();
	}

	long insert(String sql, Object... params) {
		var key = new GeneratedKeyHolder();
		jdbc.sql(sql).params(params).update(key, "id");
		return key.getKey().longValue();
	}

	static Instant at(LocalDate day, int hour, int minute) {
		return day.atTime(hour, minute).atZone(SHANGHAI).toInstant();
	}

	/** A check-in of a person for a slot of a day, as the check-in service stores it. */
	void checkIn(long personId, LocalDate day, String slot, Instant submittedAt, boolean late) {
		long policy = jdbc.sql("select policy_id from check_policy_org_unit where org_unit_id = ?").param(unitId)
			.query(Long.class).single();
		OffsetDateTime at = submittedAt.atOffset(ZoneOffset.UTC);
		jdbc.sql("""
				insert into check_in (school_id, person_id, check_date, slot_code, policy_id, temperature, on_campus, measured_at,
				submitted_at, late, fever, abnormal, source) values (?, ?, ?, ?, ?, 36.5, true, ?, ?, ?, false, false, 'API')""")
			.params(schoolId, personId, day, slot, policy, at, at, late).update();
	}

	void away(long personId, LocalDate from, LocalDate to) {
		jdbc.sql("""
				insert into absence (school_id, person_id, kind, starts_on, ends_on, source) values (?, ?, 'PERSONAL', ?, ?, 'API')""")
			.params(schoolId, personId, from, to).update();
	}

	/** Someone who may read lists and send reminders within a scope (null: the whole school). */
	CurrentUser user(Long scopeUnit) {
		DataScope scope = scopeUnit == null ? DataScope.everything()
				: new DataScope(false, Set.of(scopeUnit), Set.of(), Set.of());
		return new CurrentUser(-2, schoolId, "nr-test", "NR test", null,
				Set.of(Permission.HEALTH_READ, Permission.REMINDERS_SEND), Set.of(), scope, true, false, null);
	}

	/** A day of its own: the tests' days lie in 2025 so no other test and no demo data touches them. */
	static LocalDate day(int n) {
		return LocalDate.of(2025, 1, 1).plusDays(n);
	}
}
