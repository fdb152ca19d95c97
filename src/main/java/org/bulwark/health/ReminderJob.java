package org.bulwark.health;

import java.time.Instant;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reminds the overdue of every school a few minutes after each deadline and escalates those overdue
 * for N slots in a row. ShedLock runs it on one node at a time; should two runs overlap anyway, the
 * reminder and escalation keys still let only one send.
 */
@Component
class ReminderJob {

	private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);

	private final JdbcClient jdbc;
	private final Reminders reminders;
	private final boolean enabled;

	ReminderJob(JdbcClient jdbc, Reminders reminders, @Value("${bulwark.reminders.auto.enabled:true}") boolean enabled) {
		this.jdbc = jdbc;
		this.reminders = reminders;
		this.enabled = enabled;
	}

	@Scheduled(fixedDelayString = "${bulwark.reminders.auto.every:PT5M}", initialDelayString = "PT1M")
	@SchedulerLock(name = "reminders-auto", lockAtMostFor = "PT15M")
	void scheduledRun() {
		if (enabled) {
			run(Instant.now());
		}
	}

	/** One run over every school; returns reminders sent and units escalated. */
	int[] run(Instant now) {
		int[] total = new int[2];
		List<Long> schools = jdbc.sql("select id from school order by id").query(Long.class).list();
		for (long school : schools) {
			try {
				int[] r = reminders.runAutomatic(school, now);
				total[0] += r[0];
				total[1] += r[1];
			}
			catch (RuntimeException e) {
				// one school's failure must not stop the others' reminders
				log.error("automatic reminders failed for school {}", school, e);
			}
		}
		if (total[0] > 0 || total[1] > 0) {
			log.info("automatic reminders: {} sent, {} units escalated", total[0], total[1]);
		}
		return total;
	}
}
