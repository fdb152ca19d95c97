package org.bulwark.system.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bulwark.system.BuiltinRole;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.bulwark.system.UserAccounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** User accounts in the database, resolved into a {@link CurrentUser} with permissions and scope. */
@Service
class AccountStore implements UserAccounts, UserDetailsService {

	private final JdbcClient jdbc;
	private final PasswordEncoder passwordEncoder;

	AccountStore(JdbcClient jdbc, PasswordEncoder passwordEncoder) {
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
	}

	@Override
	@Transactional(readOnly = true)
	public CurrentUser loadUserByUsername(String username) {
		return findByUsername(username, true).orElseThrow(() -> new UsernameNotFoundException(username));
	}

	/** @param humanOnly true for form login: integration accounts cannot sign in with a password */
	Optional<CurrentUser> findByUsername(String username, boolean humanOnly) {
		return jdbc.sql("""
				select id, school_id, username, display_name, person_id, password_hash, enabled, locked_until, kind
				from app_user where username = ?""")
			.param(username)
			.query((rs, i) -> new Row(rs.getLong("id"), rs.getLong("school_id"), rs.getString("username"),
					rs.getString("display_name"), (Long) rs.getObject("person_id", Long.class),
					rs.getString("password_hash"), rs.getBoolean("enabled"),
					rs.getObject("locked_until", OffsetDateTime.class), rs.getString("kind")))
			.optional()
			.filter(r -> !humanOnly || "HUMAN".equals(r.kind()))
			.map(this::toCurrentUser);
	}

	Optional<CurrentUser> findById(long id) {
		return jdbc.sql("select username from app_user where id = ?").param(id).query(String.class).optional()
			.flatMap(u -> findByUsername(u, false));
	}

	private CurrentUser toCurrentUser(Row row) {
		List<String> permissions = jdbc.sql("""
				select distinct rp.permission from user_role ur join role_permission rp on rp.role_id = ur.role_id
				where ur.user_id = ?""").param(row.id()).query(String.class).list();
		List<String> roles = jdbc.sql("""
				select r.code from user_role ur join app_role r on r.id = ur.role_id where ur.user_id = ?""")
			.param(row.id()).query(String.class).list();
		return toCurrentUser(row, permissions, roles, scopesOf(row.id()));
	}

	private static CurrentUser toCurrentUser(Row row, List<String> permissionNames, List<String> roleCodes,
			List<ScopeGrant> scopes) {
		Set<Permission> permissions = EnumSet.noneOf(Permission.class);
		permissionNames.forEach(p -> {
			try {
				permissions.add(Permission.valueOf(p));
			} catch (IllegalArgumentException ignored) {
				// a permission of a removed feature stays in the table but grants nothing
			}
		});
		boolean all = false;
		Set<Long> orgUnits = new HashSet<>();
		Set<Long> places = new HashSet<>();
		Set<Long> grids = new HashSet<>();
		for (ScopeGrant grant : scopes) {
			switch (grant.kind()) {
				case ALL -> all = true;
				case ORG_UNIT -> orgUnits.add(grant.targetId());
				case PLACE -> places.add(grant.targetId());
				case GRID -> grids.add(grant.targetId());
			}
		}
		boolean locked = row.lockedUntil() != null && row.lockedUntil().toInstant().isAfter(Instant.now());
		return new CurrentUser(row.id(), row.schoolId(), row.username(), row.displayName(), row.personId(), permissions,
				new HashSet<>(roleCodes), new DataScope(all, orgUnits, places, grids), row.enabled(), locked,
				row.passwordHash());
	}

	/** A live API token and the account it acts as. */
	record TokenAccount(long tokenId, OffsetDateTime expiresAt, CurrentUser user) {
	}

	/**
	 * The account of a live token (unrevoked, unexpired at {@code now}) by the token's hash, with its
	 * rights, roles and scope, in one statement: in the morning rush every phone presents its token
	 * for the first time that day, so this runs once per check-in.
	 */
	Optional<TokenAccount> findByToken(String tokenHash, OffsetDateTime now) {
		long[] token = new long[1];
		OffsetDateTime[] expires = new OffsetDateTime[1];
		Row[] row = new Row[1];
		List<String> permissions = new java.util.ArrayList<>();
		List<String> roles = new java.util.ArrayList<>();
		List<ScopeGrant> scopes = new java.util.ArrayList<>();
		jdbc.sql("""
				select 'U', t.id, u.id, u.school_id, u.person_id, u.username, u.display_name, u.password_hash, u.enabled,
				       u.locked_until, t.expires_at, u.kind
				from api_token t join app_user u on u.id = t.user_id
				where t.token_hash = ? and t.revoked_at is null and (t.expires_at is null or t.expires_at > ?)
				union all
				select 'P', null, null, null, null, rp.permission, null, null, null, null, null, null
				from api_token t join user_role ur on ur.user_id = t.user_id join role_permission rp on rp.role_id = ur.role_id
				where t.token_hash = ?
				union all
				select 'R', null, null, null, null, r.code, null, null, null, null, null, null
				from api_token t join user_role ur on ur.user_id = t.user_id join app_role r on r.id = ur.role_id
				where t.token_hash = ?
				union all
				select 'S', s.target_id, null, null, null, s.kind, null, null, null, null, null, null
				from api_token t join user_scope s on s.user_id = t.user_id
				where t.token_hash = ?""")
			.params(tokenHash, now, tokenHash, tokenHash, tokenHash)
			.query(rs -> {
				switch (rs.getString(1)) {
					case "U" -> {
						token[0] = rs.getLong(2);
						expires[0] = rs.getObject(11, OffsetDateTime.class);
						row[0] = new Row(rs.getLong(3), rs.getLong(4), rs.getString(6), rs.getString(7),
								(Long) rs.getObject(5, Long.class), rs.getString(8), rs.getBoolean(9),
								rs.getObject(10, OffsetDateTime.class), rs.getString(12));
					}
					case "P" -> permissions.add(rs.getString(6));
					case "R" -> roles.add(rs.getString(6));
					default -> scopes.add(new ScopeGrant(DataScope.Kind.valueOf(rs.getString(6)),
							(Long) rs.getObject(2, Long.class)));
				}
			});
		if (row[0] == null) {
			return Optional.empty();
		}
		return Optional.of(new TokenAccount(token[0], expires[0], toCurrentUser(row[0], permissions, roles, scopes)));
	}

	List<ScopeGrant> scopesOf(long userId) {
		return jdbc.sql("select kind, target_id from user_scope where user_id = ? order by id").param(userId)
			.query((rs, i) -> new ScopeGrant(DataScope.Kind.valueOf(rs.getString(1)), (Long) rs.getObject(2, Long.class)))
			.list();
	}

	@Override
	@Transactional
	public long create(NewAccount account) {
		String hash = account.rawPassword() == null ? null : passwordEncoder.encode(account.rawPassword());
		KeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into app_user (school_id, username, password_hash, display_name, person_id)
				values (?, ?, ?, ?, ?)""")
			.params(account.schoolId(), account.username(), hash, account.displayName(), account.personId())
			.update(key, "id");
		long id = key.getKey().longValue();
		for (String code : account.roleCodes()) {
			int n = jdbc.sql("""
					insert into user_role (user_id, role_id) select ?, id from app_role where school_id = ? and code = ?""")
				.params(id, account.schoolId(), code).update();
			if (n == 0) {
				throw new IllegalArgumentException("Unknown role " + code);
			}
		}
		for (ScopeGrant grant : account.scopes()) {
			jdbc.sql("insert into user_scope (user_id, kind, target_id) values (?, ?, ?)")
				.params(id, grant.kind().name(), grant.targetId()).update();
		}
		return id;
	}

	@Override
	@Transactional(readOnly = true)
	public List<Holder> holdersOf(long schoolId, String roleCode, java.util.Collection<Long> orgUnitIds) {
		if (orgUnitIds.isEmpty()) {
			return List.of();
		}
		// ids are longs: joined into the statement they cannot inject anything
		String in = orgUnitIds.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
		return jdbc.sql("""
				select u.id, u.display_name, u.person_id, u.email, s.target_id from app_user u
				join user_role ur on ur.user_id = u.id join app_role r on r.id = ur.role_id
				join user_scope s on s.user_id = u.id and s.kind = 'ORG_UNIT'
				where u.school_id = ? and u.enabled = true and r.code = ? and s.target_id in (""" + in + ") order by u.id")
			.params(schoolId, roleCode)
			.query((rs, i) -> new Holder(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3, Long.class),
					rs.getString(4), rs.getLong(5)))
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Map<Long, String> emailsOfPeople(long schoolId, java.util.Collection<Long> personIds) {
		java.util.Map<Long, String> out = new java.util.HashMap<>();
		List<Long> all = List.copyOf(new java.util.LinkedHashSet<>(personIds));
		for (int i = 0; i < all.size(); i += 1000) {
			String in = all.subList(i, Math.min(all.size(), i + 1000)).stream().map(String::valueOf)
				.collect(java.util.stream.Collectors.joining(","));
			jdbc.sql("select person_id, email from app_user where school_id = ? and enabled = true and email is not null"
					+ " and email <> '' and person_id in (" + in + ") order by id")
				.param(schoolId).query((rs, n) -> out.putIfAbsent(rs.getLong(1), rs.getString(2))).list();
		}
		return out;
	}

	@Override
	public Optional<Long> findId(String username) {
		return jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).optional();
	}

	@Override
	@Transactional
	public long ensureSchool(String code, String name) {
		Optional<Long> existing = jdbc.sql("select id from school where code = ?").param(code).query(Long.class).optional();
		if (existing.isPresent()) {
			return existing.get();
		}
		KeyHolder schoolKey = new GeneratedKeyHolder();
		jdbc.sql("insert into school (code, name) values (?, ?)").params(code, name).update(schoolKey, "id");
		long schoolId = schoolKey.getKey().longValue();
		for (BuiltinRole role : BuiltinRole.values()) {
			KeyHolder roleKey = new GeneratedKeyHolder();
			jdbc.sql("insert into app_role (school_id, code, name, builtin) values (?, ?, ?, true)")
				.params(schoolId, role.name(), role.name()).update(roleKey, "id");
			long roleId = roleKey.getKey().longValue();
			for (Permission p : role.defaultPermissions()) {
				jdbc.sql("insert into role_permission (role_id, permission) values (?, ?)").params(roleId, p.name()).update();
			}
		}
		return schoolId;
	}

	private record Row(long id, long schoolId, String username, String displayName, Long personId, String passwordHash,
			boolean enabled, OffsetDateTime lockedUntil, String kind) {
	}

	static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}
}
