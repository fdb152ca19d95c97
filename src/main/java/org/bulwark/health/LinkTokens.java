package org.bulwark.health;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bulwark.directory.FieldProblem;

/**
 * The secret of a personal check-in link and the rules of its life. 144 random bits make a token
 * that cannot be guessed, short enough for a QR code a cheap phone reads from paper; only its
 * SHA-256 hash is stored, as for API tokens.
 */
final class LinkTokens {

	static final String PREFIX = "k";
	/** 18 random bytes: 24 URL-safe characters after the prefix. */
	static final int RANDOM_BYTES = 18;
	private static final Pattern WELL_FORMED = Pattern.compile("k[A-Za-z0-9_-]{24}");
	/** A link may be valid for at most a school year and a summer. */
	static final Duration MAX_VALIDITY = Duration.ofDays(400);

	private LinkTokens() {
	}

	static String generate(SecureRandom random) {
		byte[] bytes = new byte[RANDOM_BYTES];
		random.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Whether a presented token could be one of ours; anything else is answered like an unknown token. */
	static boolean wellFormed(String token) {
		return token != null && WELL_FORMED.matcher(token).matches();
	}

	static String hash(String token) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A link opens a check-in until it is revoked or its expiry has passed. */
	static boolean usable(Instant revokedAt, Instant expiresAt, Instant now) {
		return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
	}

	/** What is wrong with an expiry chosen at issue, if anything; none means the link does not expire. */
	static Optional<FieldProblem> expiryProblem(Instant expiresAt, Instant now) {
		if (expiresAt == null) {
			return Optional.empty();
		}
		if (!expiresAt.isAfter(now)) {
			return Optional.of(FieldProblem.of("expiresAt", "links.expiresAt.past"));
		}
		if (expiresAt.isAfter(now.plus(MAX_VALIDITY))) {
			return Optional.of(FieldProblem.of("expiresAt", "links.expiresAt.tooFar", MAX_VALIDITY.toDays()));
		}
		return Optional.empty();
	}
}
