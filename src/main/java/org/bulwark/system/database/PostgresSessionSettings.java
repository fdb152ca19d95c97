package org.bulwark.system.database;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Settings of every PostgreSQL session of the pool, made before the pool opens: JIT compilation off
 * by default. Bulwark's lists and figures scan a campus (tens of thousands of rows) in tens of
 * milliseconds, which PostgreSQL's cost model prices above {@code jit_above_cost}; it then spent
 * 1.3 s compiling for a 450 ms whole-campus summary (docs/decisions/0006-postgresql-jit-off.md).
 * H2 has no such setting and is left alone.
 */
@Component
class PostgresSessionSettings implements BeanPostProcessor {

	private final boolean jit;

	PostgresSessionSettings(@Value("${bulwark.db.jit:false}") boolean jit) {
		this.jit = jit;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && !jit && pool.getJdbcUrl() != null
				&& pool.getJdbcUrl().startsWith("jdbc:postgresql:") && pool.getConnectionInitSql() == null) {
			pool.setConnectionInitSql("set jit = off");
		}
		return bean;
	}
}
