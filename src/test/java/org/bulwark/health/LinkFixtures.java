package org.bulwark.health;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.bulwark.system.UserAccounts;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * People of the demo campus for the link and proxy tests: a household of the off-campus residential
 * building whose head reports for two members with an org unit (so an all-day policy can cover them and
 * the tests do not depend on the hour), and an account for that head.
 */
final class LinkFixtures {

	static final String HEAD_USERNAME = "links-head";
	static final String HEAD_PASSWORD = "Head@2026links";

	final long schoolId;
	final long head;
	final List<Long> dependants;
	final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

	LinkFixtures(JdbcClient jdbc, Profiles profiles) {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		Object[] row = jdbc.sql("""
				select h.id, h.head_person_id from household h join person hp on hp.id = h.head_person_id
				where h.school_id = ? and hp.active = true
				  and (select count(*) from person p where p.household_id = h.id and p.id <> h.head_person_id
				       and p.org_unit_id is not null and p.active = true) >= 2
				order by h.id""").param(schoolId)
			.query((rs, i) -> new Object[] {rs.getLong(1), rs.getLong(2)}).list().get(0);
		head = (long) row[1];
		dependants = jdbc.sql("""
				select p.id from person p where p.household_id = ? and p.id <> ? and p.org_unit_id is not null and p.active = true
				order by p.id limit 2""").params(row[0], head).query(Long.class).list();
		for (long person : dependants) {
			allDay(jdbc, profiles, person);
		}
	}

	/** Gives the person's org unit a policy with one slot open all day. */
	void allDay(JdbcClient jdbc, Profiles profiles, long person) {
		long unit = jdbc.sql("select org_unit_id from person where id = ?").param(person).query(Long.class).single();
		AllDayPolicy.ensure(jdbc, schoolId, unit, profiles.defaultId());
	}

	/** Today's check-ins of these people are removed: each test starts from an empty day. */
	void clearToday(JdbcClient jdbc, List<Long> people) {
		for (long p : people) {
			jdbc.sql("delete from check_in_revision where check_in_id in (select id from check_in where person_id = ? and check_date = ?)")
				.params(p, today).update();
			jdbc.sql("delete from check_in where person_id = ? and check_date = ?").params(p, today).update();
		}
	}

	long headAccount(UserAccounts accounts) {
		return accounts.findId(HEAD_USERNAME).orElseGet(() -> accounts.create(new UserAccounts.NewAccount(schoolId,
				HEAD_USERNAME, "Household head", HEAD_PASSWORD, head, List.of("PERSON"), List.of())));
	}

	/** A retiree with an org unit, not in the test household: the holder of a personal link. */
	static long retiree(JdbcClient jdbc, long schoolId, int nth) {
		return jdbc.sql("""
				select p.id from person p where p.school_id = ? and p.population = 'RETIREE' and p.active = true
				and p.org_unit_id is not null order by p.id""").param(schoolId).query(Long.class).list().get(nth);
	}
}
