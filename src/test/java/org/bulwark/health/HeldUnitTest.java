package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class HeldUnitTest {

	static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

	@Test
	void aValueIsHeldForItsTimeThenComputedAgain() {
		Held held = new Held(Duration.ofSeconds(10));
		AtomicInteger computed = new AtomicInteger();

		assertThat((int) held.get("k", T0, computed::incrementAndGet)).isEqualTo(1);
		assertThat((int) held.get("k", T0.plusSeconds(9), computed::incrementAndGet)).isEqualTo(1);
		assertThat((int) held.get("other", T0.plusSeconds(9), computed::incrementAndGet)).isEqualTo(2);
		assertThat((int) held.get("k", T0.plusSeconds(10), computed::incrementAndGet)).isEqualTo(3);
	}

	@Test
	void forgettingComputesAgainAtOnce() {
		Held held = new Held(Duration.ofSeconds(10));
		AtomicInteger computed = new AtomicInteger();
		held.get("k", T0, computed::incrementAndGet);

		held.forget();

		assertThat((int) held.get("k", T0.plusSeconds(1), computed::incrementAndGet)).isEqualTo(2);
	}

	@Test
	void aRequestAtAnEarlierInstantDoesNotTrustALaterValue() {
		Held held = new Held(Duration.ofSeconds(10));
		AtomicInteger computed = new AtomicInteger();
		held.get("k", T0.plusSeconds(5), computed::incrementAndGet);

		assertThat((int) held.get("k", T0, computed::incrementAndGet)).isEqualTo(2);
	}

	@Test
	void zeroHoldsNothing() {
		Held held = new Held(Duration.ZERO);
		AtomicInteger computed = new AtomicInteger();
		held.get("k", T0, computed::incrementAndGet);

		assertThat((int) held.get("k", T0, computed::incrementAndGet)).isEqualTo(2);
	}
}
