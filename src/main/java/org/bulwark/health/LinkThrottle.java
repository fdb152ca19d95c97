package org.bulwark.health;

import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Brakes on the link pages, which anyone can reach: per token (a leaked link cannot be used to flood
 * one person's record) and per address (guessing tokens from one machine). The address limit is
 * generous because a campus reaches the server through a few NAT addresses.
 */
@Component
class LinkThrottle {

	private final RateLimiter perToken;
	private final RateLimiter perAddress;
	private final int perTokenLimit;
	private final int perAddressLimit;

	LinkThrottle(@Value("${bulwark.health.links.per-token:30}") int perToken,
			@Value("${bulwark.health.links.per-address:3000}") int perAddress,
			@Value("${bulwark.health.links.window:10m}") Duration window) {
		this.perTokenLimit = perToken;
		this.perAddressLimit = perAddress;
		this.perToken = new RateLimiter(perToken, window, 200_000);
		this.perAddress = new RateLimiter(perAddress, window, 200_000);
	}

	/** Counts a request; false when the token or the address has used up its window. */
	boolean allow(String token, String address, Instant now) {
		// both are counted, so a flood from one address cannot hide behind fresh tokens
		boolean byAddress = perAddress.tryAcquire(address == null ? "" : address, now);
		boolean tokenOk = perToken.tryAcquire(token == null ? "" : LinkTokens.hash(token), now);
		return byAddress && tokenOk;
	}

	int perTokenLimit() {
		return perTokenLimit;
	}

	int perAddressLimit() {
		return perAddressLimit;
	}
}
