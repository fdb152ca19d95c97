package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RateLimiterUnitTest {

	private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

	@Test
	void refusesBeyondTheLimitUntilTheWindowEnds() {
		RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(10), 1000);
		assertThat(limiter.tryAcquire("a", T0)).isTrue();
		assertThat(limiter.tryAcquire("a", T0.plusSeconds(1))).isTrue();
		assertThat(limiter.tryAcquire("a", T0.plusSeconds(2))).isTrue();
		assertThat(limiter.tryAcquire("a", T0.plusSeconds(3))).isFalse();
		assertThat(limiter.tryAcquire("a", T0.plus(Duration.ofMinutes(10)).minusSeconds(1))).isFalse();
		assertThat(limiter.tryAcquire("a", T0.plus(Duration.ofMinutes(10)))).isTrue();
	}

	@Test
	void keysAreCountedApart() {
		RateLimiter limiter = new RateLimiter(1, Duration.ofMinutes(1), 1000);
		assertThat(limiter.tryAcquire("a", T0)).isTrue();
		assertThat(limiter.tryAcquire("b", T0)).isTrue();
		assertThat(limiter.tryAcquire("a", T0)).isFalse();
		assertThat(limiter.tryAcquire("b", T0)).isFalse();
	}

	@Test
	void forgetsEndedWindowsWhenItHoldsTooManyKeysButKeepsCurrentOnes() {
		RateLimiter limiter = new RateLimiter(1, Duration.ofMinutes(1), 2);
		limiter.tryAcquire("old1", T0);
		limiter.tryAcquire("old2", T0);
		Instant later = T0.plus(Duration.ofMinutes(5));
		assertThat(limiter.tryAcquire("busy", later)).isTrue();
		assertThat(limiter.tryAcquire("busy", later)).as("a current window survives the clean-up").isFalse();
		assertThat(limiter.tryAcquire("old1", later)).isTrue();
	}
}
