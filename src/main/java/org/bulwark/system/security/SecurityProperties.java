package org.bulwark.system.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxFailedLogins failed sign-ins in a row that lock an account (and, times four, an address)
 * @param lockout how long the lock lasts
 */
@ConfigurationProperties("bulwark.security")
record SecurityProperties(int maxFailedLogins, Duration lockout) {

	SecurityProperties {
		maxFailedLogins = maxFailedLogins <= 0 ? 5 : maxFailedLogins;
		lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
	}
}
