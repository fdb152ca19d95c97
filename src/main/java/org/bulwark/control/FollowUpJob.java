package org.bulwark.control;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.bulwark.control.ControlCases.Action;
import org.bulwark.health.HealthRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Flags missed follow-ups and extends the cases per policy. A job rather than a computation on read:
 * the release date is a stored column that the case list filters, sorts and indexes on ("due for release
 * today" over 10,000 open cases), so it must already hold the days added for missed follow-ups; reading
 * every person's check-ins on each list would cost what the index saves. Each run recomputes the
 * count of missed days from the check-ins ({@link FollowUps#settle}), never adds to it, so running it
 * twice, or on two nodes, changes nothing; ShedLock keeps it to one node at a time anyway.
 */
@Component
class FollowUpJob {

	private static final Logger log = LoggerFactory.getLogger(FollowUpJob.class);

	private final JdbcClient jdbc;
	private final ControlCases cases;
	private final ControlPolicies policies;
	private final HealthRecords health;
	private final TransactionTemplate transactions;
	private final boolean enabled;

	FollowUpJob(JdbcClient jdbc, ControlCases cases, ControlPolicies policies, HealthRecords health, PlatformTransactionManager tm,
			@Value("${bulwark.control.follow-up.enabled:true}") boolean enabled) {
		this.jdbc = jdbc;
		this.cases = cases;
		this.policies = policies;
		this.health = health;
		this.transactions = new TransactionTemplate(tm);
		this.enabled = enabled;
	}

	@Scheduled(cron = "${bulwark.control.follow-up.cron:0 15 * * * *}", zone = "${bulwark.health.time-zone:Asia/Shanghai}")
	@SchedulerLock(name = "control-follow-up", lockAtMostFor = "PT30M")
	void scheduledRun() {
		if (enabled) {
			for (long school : jdbc.sql("select id from school order by id").query(Long.class).list()) {
				try {
					run(school, cases.today());
				} catch (RuntimeException e) {
					log.error("control follow-up failed for school {}", school, e);
				}
			}
		}
	}

	private record Open(long id, long personId, long policyId, LocalDate startOn, LocalDate releaseOn, int daysChanged, int missed,
			String overrides, LocalDate openedOn, int version) {
	}

	/** One run for a school as of {@code today}: returns the number of cases whose missed follow-ups changed. */
	int run(long schoolId, LocalDate today) {
		List<Open> open = jdbc.sql("""
				select c.id, c.person_id, c.policy_id, c.start_on, c.release_on, c.days_changed, c.missed_follow_ups, c.measure_overrides,
				  c.opened_at, c.version from control_case c join control_policy p on p.id = c.policy_id
				where c.school_id = ? and c.status = 'OPEN' and p.checks_per_day > 0 and c.start_on < ? order by c.id""")
			.params(schoolId, today)
			.query((rs, i) -> new Open(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getObject(4, LocalDate.class),
					rs.getObject(5, LocalDate.class), rs.getInt(6), rs.getInt(7), rs.getString(8),
					cases.dateOf(rs.getTimestamp(9).toInstant()), rs.getInt(10)))
			.list();
		if (open.isEmpty()) {
			return 0;
		}
		Map<Long, ControlPolicies.Version> versions = new HashMap<>();
		LocalDate from = open.stream().map(Open::startOn).min(LocalDate::compareTo).orElseThrow();
		Map<Long, Map<LocalDate, Integer>> checkIns = health.checkInsPerDay(schoolId, open.stream().map(Open::personId).distinct().toList(),
				from, today.minusDays(1));
		int changed = 0;
		for (Open c : open) {
			ControlPolicies.Version v = versions.computeIfAbsent(c.policyId(), id -> policies.find(schoolId, id).orElseThrow());
			CasePlan base = ControlCases.planOf(v.policy(), c.startOn(), c.daysChanged(), c.overrides());
			// people are followed up from the day their case was opened: days before it could not be missed
			FollowUps.Result r = FollowUps.settle(base, checkIns.getOrDefault(c.personId(), Map.of()), c.openedOn(), today);
			if (r.missed() == c.missed()) {
				continue;
			}
			Boolean done = transactions.execute(status -> {
				int updated = jdbc.sql("""
						update control_case set missed_follow_ups = ?, days_for_missed = ?, follow_up_checked_on = ?, version = version + 1
						where id = ? and version = ? and status = 'OPEN'""")
					.params(r.missed(), r.daysAdded(), today, c.id(), c.version()).update();
				if (updated == 0) {
					return false; // acted on meanwhile: the next run sees it as it is now
				}
				CasePlan plan = r.plan().withMeasures(ControlPolicy.parseOverrides(c.overrides()));
				cases.writePlan(c.id(), plan);
				cases.recordEvent(schoolId, c.id(), Action.FOLLOW_UP_MISSED, null,
						r.missed() + " day(s) missed, " + r.daysAdded() + " day(s) added", c.releaseOn(), plan.releaseDate(), "follow-up",
						Instant.now());
				return true;
			});
			if (Boolean.TRUE.equals(done)) {
				changed++;
			}
		}
		if (changed > 0) {
			log.info("control follow-up: {} case(s) of school {} changed", changed, schoolId);
		}
		return changed;
	}

}
