package org.bulwark.system.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens for integrations (gates, campus card, upstream platforms) and for users. A token acts
 * as the account it belongs to, with that account's permissions and scope. Only a hash is stored;
 * the secret is shown once, at issue.
 */
@Service
public class ApiTokens {

	static final String PREFIX = "blw_";
	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final AccountStore accounts;
	private final AuditLog audit;

	ApiTokens(JdbcClient jdbc, AccountStore accounts, AuditLog audit) {
		this.jdbc = jdbc;
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
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		return jdbc.sql("""
				select id, user_id from api_token
				where token_hash = ? and revoked_at is null and (expires_at is null or expires_at > ?)""")
			.params(hash(secret), now)
			.query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)})
			.optional()
			.flatMap(t -> {
				jdbc.sql("update api_token set last_used_at = ? where id = ?").params(now, t[0]).update();
				return accounts.findById(t[1]);
			})
			.filter(CurrentUser::isEnabled);
	}

	static String hash(String secret) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
