package org.bulwark.control;

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
 * Generates the day's service tasks of every occupied room of every school, shortly after midnight and
 * again every few minutes (a settings change or a missed run is caught up). ShedLock runs it on one node
 * at a time; should two runs overlap anyway, the tasks' unique key lets each task be created once.
 */
@Component
class ServiceJob {

	private static final Logger log = LoggerFactory.getLogger(ServiceJob.class);

	private final JdbcClient jdbc;
	private final ServiceTasks tasks;
	private final boolean enabled;

	ServiceJob(JdbcClient jdbc, ServiceTasks tasks, @Value("${bulwark.isolation.services.auto.enabled:true}") boolean enabled) {
		this.jdbc = jdbc;
		this.tasks = tasks;
		this.enabled = enabled;
	}

	@Scheduled(fixedDelayString = "${bulwark.isolation.services.auto.every:PT10M}", initialDelayString = "PT40S")
	@SchedulerLock(name = "isolation-services", lockAtMostFor = "PT15M")
	void scheduledRun() {
		if (enabled) {
			run(Instant.now());
		}
	}

	/** One run over every school for the day of {@code now}; returns the tasks added. */
	int run(Instant now) {
		int added = 0;
		List<Long> schools = jdbc.sql("select id from school order by id").query(Long.class).list();
		for (long school : schools) {
			try {
				added += tasks.generate(school, tasks.today(now), null, null);
			}
			catch (RuntimeException e) {
				// one school's failure must not stop the others' meals
				log.error("isolation service tasks failed for school {}", school, e);
			}
		}
		if (added > 0) {
			log.info("isolation services: {} tasks added", added);
		}
		return added;
	}
}
