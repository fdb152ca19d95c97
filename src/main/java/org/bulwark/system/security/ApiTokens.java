package org.bulwark.system.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;

import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * API tokens for integrations (gates, campus card, upstream platforms) and for users. A token acts
 * as the account it belongs to, with that account's permissions and scope. Only a hash is stored;
 * the secret is shown once, at issue.
 */
@Service
public class ApiTokens {

	static final String PREFIX = "blw_";
	private static final SecureRandom RANDOM = new SecureRandom();
	/**
	 * How long a node answers a token from memory. Revoking a token, or changing an account, its roles
	 * or a role's rights on this node forgets at once; other nodes follow within this time.
	 */
	static final Duration REMEMBER = Duration.ofSeconds(30);
	/** {@code last_used_at} is written at most this often per token (not on every request). */
	static final Duration LAST_USED_EVERY = Duration.ofMinutes(1);
	/** Enough for every person of a large campus holding a token; beyond it, the memory starts over. */
	static final int MAX_REMEMBERED = 200_000;

	private record Known(long tokenId, CurrentUser user, OffsetDateTime expiresAt, Instant loadedAt, Instant lastUsedWritten) {
	}

	/** By token hash: the morning rush authenticates every phone's request without asking the database. */
	private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();
	/** Token uses not yet written: token id → when last used. */
	private final ConcurrentHashMap<Long, Instant> lastUsed = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;
	private final AccountStore accounts;
	private final AuditLog audit;

	private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;

	ApiTokens(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate jdbcTemplate, AccountStore accounts, AuditLog audit) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.accounts = accounts;
		this.audit = audit;
	}

	public record IssuedToken(long id, String secret) {
	}

	public record TokenView(long id, String name, String holder, String tokenPrefix, OffsetDateTime createdAt,
			String createdBy, OffsetDateTime expiresAt, OffsetDateTime revokedAt, OffsetDateTime lastUsedAt) {

		public boolean active() {
			return revokedAt == null && (expiresAt == null || expiresAt.isAfter(OffsetDateTime.now()));
		}
	}

	@Transactional
	public IssuedToken issue(long schoolId, long userId, String name, OffsetDateTime expiresAt) {
		byte[] bytes = new byte[30];
		RANDOM.nextBytes(bytes);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		KeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into api_token (school_id, user_id, name, token_prefix, token_hash, created_by, expires_at)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(schoolId, userId, name, secret.substring(0, 10), hash(secret),
					CurrentUser.find().map(CurrentUser::getUsername).orElse("system"), expiresAt)
			.update(key, "id");
		long id = key.getKey().longValue();
		audit.record(AuditAction.CREATE, "api_token", id, "issued '" + name + "' for user " + userId);
		return new IssuedToken(id, secret);
	}

	@Transactional
	public boolean revoke(long schoolId, long tokenId) {
		int n = jdbc.sql("update api_token set revoked_at = ? where id = ? and school_id = ? and revoked_at is null")
			.params(OffsetDateTime.now(ZoneOffset.UTC), tokenId, schoolId).update();
		if (n > 0) {
			known.values().removeIf(k -> k.tokenId() == tokenId);
			audit.record(AuditAction.DELETE, "api_token", tokenId, "revoked");
		}
		return n > 0;
	}

	public List<TokenView> list(long schoolId) {
		return jdbc.sql("""
				select t.id, t.name, u.username, t.token_prefix, t.created_at, t.created_by, t.expires_at, t.revoked_at,
				       t.last_used_at
				from api_token t join app_user u on u.id = t.user_id where t.school_id = ? order by t.id desc""")
			.param(schoolId)
			.query((rs, i) -> new TokenView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
					rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class)))
			.list();
	}

	/** The account a presented secret acts as, if the token is known, unrevoked and unexpired. */
	Optional<CurrentUser> authenticate(String secret) {
		if (secret == null || !secret.startsWith(PREFIX)) {
			return Optional.empty();
		}
		Instant now = Instant.now();
		String hash = hash(secret);
		Known k = known.get(hash);
		if (k == null || k.loadedAt().plus(REMEMBER).isBefore(now)) {
			k = load(hash, now).orElse(null);
			if (k == null) {
				known.remove(hash);
				return Optional.empty();
			}
			if (known.size() >= MAX_REMEMBERED) {
				known.clear();
			}
			known.put(hash, k);
		}
		if (k.expiresAt() != null && !k.expiresAt().toInstant().isAfter(now)) {
			known.remove(hash);
			return Optional.empty();
		}
		if (k.lastUsedWritten().plus(LAST_USED_EVERY).isBefore(now)) {
			known.put(hash, new Known(k.tokenId(), k.user(), k.expiresAt(), k.loadedAt(), now));
			used(k.tokenId(), now);
		}
		return Optional.of(k.user()).filter(CurrentUser::isEnabled);
	}

	private Optional<Known> load(String hash, Instant now) {
		return accounts.findByToken(hash, now.atOffset(ZoneOffset.UTC)).map(t -> {
			used(t.tokenId(), now);
			return new Known(t.tokenId(), t.user(), t.expiresAt(), now, now);
		});
	}

	/** Notes a token's use, written by {@link #writeLastUsed} with the others (not a commit per request). */
	private void used(long tokenId, Instant at) {
		lastUsed.merge(tokenId, at, (a, b) -> a.isAfter(b) ? a : b);
	}

	/**
	 * Writes the uses noted since the last time, in one batch; every few seconds and at shutdown. A node
	 * that dies loses at most these seconds of "last used" (only shown to admins), never a request.
	 */
	@Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
	@PreDestroy
	public void writeLastUsed() {
		if (lastUsed.isEmpty()) {
			return;
		}
		List<Object[]> batch = new java.util.ArrayList<>();
		for (Long id : List.copyOf(lastUsed.keySet())) {
			Instant at = lastUsed.remove(id);
			if (at != null) {
				batch.add(new Object[] {at.atOffset(ZoneOffset.UTC), id, at.atOffset(ZoneOffset.UTC)});
			}
		}
		jdbcTemplate.batchUpdate("update api_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)",
				batch);
	}

	/**
	 * Forgets every remembered account after a change to accounts, roles or rights: when the change
	 * commits (forgetting earlier would let a request remember the old state again).
	 */
	public void forgetAccounts() {
		known.clear();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					known.clear();
				}
			});
		}
	}

	static String hash(String secret) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
