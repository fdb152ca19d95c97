package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LinkTokensUnitTest {

	private static final Instant NOW = Instant.parse("2026-03-02T00:00:00Z");

	@Test
	void generatedTokensAreWellFormedUrlSafeAndDistinct() {
		SecureRandom random = new SecureRandom();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String token = LinkTokens.generate(random);
			assertThat(LinkTokens.wellFormed(token)).as(token).isTrue();
			assertThat(token).hasSize(25).matches("[A-Za-z0-9_-]+");
			seen.add(token);
		}
		assertThat(seen).hasSize(1000);
	}

	@Test
	void anythingElseIsNotWellFormed() {
		assertThat(LinkTokens.wellFormed(null)).isFalse();
		assertThat(LinkTokens.wellFormed("")).isFalse();
		assertThat(LinkTokens.wellFormed("k" + "a".repeat(23))).isFalse();
		assertThat(LinkTokens.wellFormed("k" + "a".repeat(25))).isFalse();
		assertThat(LinkTokens.wellFormed("x" + "a".repeat(24))).isFalse();
		assertThat(LinkTokens.wellFormed("k" + "a".repeat(23) + "/")).isFalse();
		assertThat(LinkTokens.wellFormed("blw_" + "a".repeat(21))).isFalse();
	}

	@Test
	void onlyTheHashIsKeptAndItIsStableAndDistinct() {
		String a = "k" + "A".repeat(24);
		String b = "k" + "B".repeat(24);
		assertThat(LinkTokens.hash(a)).hasSize(64).matches("[0-9a-f]+").isEqualTo(LinkTokens.hash(a))
			.isNotEqualTo(LinkTokens.hash(b)).doesNotContain("AAAA");
	}

	@Test
	void aLinkWorksUntilRevokedOrExpired() {
		assertThat(LinkTokens.usable(null, null, NOW)).isTrue();
		assertThat(LinkTokens.usable(null, NOW.plusSeconds(1), NOW)).isTrue();
		assertThat(LinkTokens.usable(null, NOW, NOW)).as("expiry is exclusive").isFalse();
		assertThat(LinkTokens.usable(null, NOW.minusSeconds(1), NOW)).isFalse();
		assertThat(LinkTokens.usable(NOW.minusSeconds(60), null, NOW)).isFalse();
		assertThat(LinkTokens.usable(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(3)), NOW)).isFalse();
	}

	@Test
	void anExpiryMustLieAheadAndNotTooFar() {
		assertThat(LinkTokens.expiryProblem(null, NOW)).isEmpty();
		assertThat(LinkTokens.expiryProblem(NOW.plus(Duration.ofDays(30)), NOW)).isEmpty();
		assertThat(LinkTokens.expiryProblem(NOW.plus(LinkTokens.MAX_VALIDITY), NOW)).isEmpty();
		assertThat(LinkTokens.expiryProblem(NOW, NOW)).hasValueSatisfying(p -> {
			assertThat(p.field()).isEqualTo("expiresAt");
			assertThat(p.code()).isEqualTo("links.expiresAt.past");
		});
		assertThat(LinkTokens.expiryProblem(NOW.plus(LinkTokens.MAX_VALIDITY).plusSeconds(1), NOW))
			.hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("links.expiresAt.tooFar"));
	}
}
