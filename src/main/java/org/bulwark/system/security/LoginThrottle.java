package org.bulwark.system.security;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: an account is locked for a while after repeated failures, and an
 * address that fails against many accounts is refused for a while too.
 */
@Component
class LoginThrottle {

	private final JdbcClient jdbc;
	private final SecurityProperties properties;
	private final Clock clock;
	private final Map<String, Window> failuresByAddress = new ConcurrentHashMap<>();

	LoginThrottle(JdbcClient jdbc, SecurityProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	boolean addressBlocked(String address) {
		Window w = failuresByAddress.get(address);
		return w != null && w.count >= properties.maxFailedLogins() * 4
				&& w.start.plus(properties.lockout()).isAfter(clock.instant());
	}

	/** Records a failure; returns true when the account is now locked. */
	boolean failed(String username, String address) {
		Instant now = clock.instant();
		failuresByAddress.compute(address, (k, w) -> w == null || w.start.plus(properties.lockout()).isBefore(now)
				? new Window(now, 1) : new Window(w.start, w.count + 1));
		if (failuresByAddress.size() > 100_000) {
			failuresByAddress.entrySet().removeIf(e -> e.getValue().start.plus(properties.lockout()).isBefore(now));
		}
		jdbc.sql("update app_user set failed_attempts = failed_attempts + 1 where username = ?").param(username).update();
		OffsetDateTime until = OffsetDateTime.ofInstant(now.plus(properties.lockout()), ZoneOffset.UTC);
		return jdbc.sql("""
				update app_user set locked_until = ?, failed_attempts = 0
				where username = ? and failed_attempts >= ?""")
			.params(until, username, properties.maxFailedLogins()).update() > 0;
	}

	void succeeded(String username) {
		jdbc.sql("update app_user set failed_attempts = 0, locked_until = null, last_login_at = ? where username = ?")
			.params(OffsetDateTime.now(clock), username).update();
	}

	private record Window(Instant start, int count) {
	}
}
