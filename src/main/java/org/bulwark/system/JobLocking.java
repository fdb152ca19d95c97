package org.bulwark.system;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * ShedLock on the {@code shedlock} table of V1: a job annotated {@code @SchedulerLock} runs on one
 * app node at a time. The database's clock decides when a lock ends, so nodes whose clocks differ
 * cannot both hold it.
 */
@Configuration
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class JobLocking {

	@Bean
	LockProvider lockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build());
	}
}
