package org.bulwark.system.admin;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.bulwark.system.UserAccounts;
import org.bulwark.system.security.ApiTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Managing the school's accounts: people who sign in and integrations that hold tokens. Edits are
 * guarded by the row version (no lost update between two admins) and audited with before/after.
 */
@Service
class UserAdmin {

	private final ApiTokens tokens;

	static final int MIN_PASSWORD = 8;

	private final JdbcClient jdbc;
	private final UserAccounts accounts;
	private final PasswordEncoder encoder;
	private final AuditLog audit;

	UserAdmin(JdbcClient jdbc, UserAccounts accounts, PasswordEncoder encoder, AuditLog audit, ApiTokens tokens) {
		this.tokens = tokens;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.encoder = encoder;
		this.audit = audit;
	}

	record UserRow(long id, String username, String displayName, String kind, boolean enabled, boolean locked,
			String roles, OffsetDateTime lastLoginAt) {
	}

	record UserDetail(long id, String username, String displayName, String kind, boolean enabled, boolean locked,
			Set<String> roles, String scopes, int version, Long personId) {
	}

	/** Problems by field, or none; the id when created. */
	record Outcome(Long id, List<String[]> problems, boolean conflict) {

		static Outcome ok(long id) {
			return new Outcome(id, List.of(), false);
		}

		boolean saved() {
			return id != null && problems.isEmpty() && !conflict;
		}
	}

	PageResult<UserRow> search(long schoolId, String q, String role, Boolean enabled, PageQuery page) {
		List<Object> params = new ArrayList<>(List.of(schoolId));
		StringBuilder where = new StringBuilder("u.school_id = ?");
		if (q != null && !q.isBlank()) {
			where.append(" and (lower(u.username) like ? or lower(u.display_name) like ?)");
			String like = "%" + q.strip().toLowerCase().replace("%", "") + "%";
			params.add(like);
			params.add(like);
		}
		if (role != null && !role.isBlank()) {
			where.append(" and exists (select 1 from user_role ur join app_role r on r.id = ur.role_id where ur.user_id = u.id and r.code = ?)");
			params.add(role);
		}
		if (enabled != null) {
			where.append(" and u.enabled = ?");
			params.add(enabled);
		}
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<UserRow> rows = jdbc.sql("""
				select u.id, u.username, u.display_name, u.kind, u.enabled, u.locked_until, u.last_login_at,
				       (select string_agg(r.code, ',' order by r.code) from user_role ur join app_role r on r.id = ur.role_id
				        where ur.user_id = u.id) as roles
				from app_user u where %s order by u.username limit ? offset ?""".formatted(where))
			.params(pageParams)
			.query((rs, i) -> {
				OffsetDateTime lockedUntil = rs.getObject(6, OffsetDateTime.class);
				return new UserRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
						lockedUntil != null && lockedUntil.isAfter(OffsetDateTime.now()), rs.getString(8),
						rs.getObject(7, OffsetDateTime.class));
			})
			.list();
		long total = jdbc.sql("select count(*) from app_user u where " + where).params(params).query(Long.class).single();
		return new PageResult<>(rows, page.page(), page.size(), total, false);
	}

	Optional<UserDetail> find(long schoolId, long id) {
		return jdbc.sql("""
				select id, username, display_name, kind, enabled, locked_until, version, person_id from app_user
				where id = ? and school_id = ?""").params(id, schoolId)
			.query((rs, i) -> {
				OffsetDateTime lockedUntil = rs.getObject(6, OffsetDateTime.class);
				return new UserDetail(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
						lockedUntil != null && lockedUntil.isAfter(OffsetDateTime.now()), rolesOf(id), scopeText(id),
						rs.getInt(7), (Long) rs.getObject(8, Long.class));
			})
			.optional();
	}

	List<String[]> roles(long schoolId) {
		return jdbc.sql("select code, name, builtin from app_role where school_id = ? order by builtin desc, id")
			.param(schoolId).query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
	}

	@Transactional
	Outcome create(CurrentUser admin, String username, String displayName, boolean integration, String password,
			Set<String> roles, String scopes) {
		List<String[]> problems = new ArrayList<>();
		String name = username == null ? "" : username.strip();
		if (!name.matches("[A-Za-z0-9._@-]{3,64}")) {
			problems.add(new String[] {"username", "validation.username"});
		} else if (accounts.findId(name).isPresent()) {
			problems.add(new String[] {"username", "validation.usernameTaken"});
		}
		if (displayName == null || displayName.isBlank()) {
			problems.add(new String[] {"displayName", "validation.required"});
		}
		if (!integration && (password == null || password.length() < MIN_PASSWORD)) {
			problems.add(new String[] {"password", "validation.passwordShort"});
		}
		List<UserAccounts.ScopeGrant> grants = parseScopes(scopes, problems);
		Set<String> known = knownRoles(admin.schoolId());
		if (roles == null || roles.isEmpty()) {
			problems.add(new String[] {"roles", "validation.roleRequired"});
		} else if (!known.containsAll(roles)) {
			problems.add(new String[] {"roles", "validation.invalid"});
		}
		if (!problems.isEmpty()) {
			return new Outcome(null, problems, false);
		}
		long id = accounts.create(new UserAccounts.NewAccount(admin.schoolId(), name, displayName.strip(),
				integration ? null : password, null, roles, grants));
		if (integration) {
			jdbc.sql("update app_user set kind = 'INTEGRATION' where id = ?").param(id).update();
			tokens.forgetAccounts();
		}
		audit.record(AuditAction.CREATE, "user", id, "created " + (integration ? "integration " : "user ") + name, null,
				"roles=" + new java.util.TreeSet<>(roles) + ", scopes=" + scopeText(id));
		return Outcome.ok(id);
	}

	@Transactional
	Outcome update(CurrentUser admin, long id, int version, String displayName, boolean enabled, Set<String> roles,
			String scopes) {
		UserDetail before = find(admin.schoolId(), id).orElse(null);
		if (before == null) {
			return new Outcome(null, List.<String[]>of(new String[] {"id", "validation.notFound"}), false);
		}
		List<String[]> problems = new ArrayList<>();
		if (displayName == null || displayName.isBlank()) {
			problems.add(new String[] {"displayName", "validation.required"});
		}
		Set<String> newRoles = roles == null ? Set.of() : roles;
		if (newRoles.isEmpty()) {
			problems.add(new String[] {"roles", "validation.roleRequired"});
		} else if (!knownRoles(admin.schoolId()).containsAll(newRoles)) {
			problems.add(new String[] {"roles", "validation.invalid"});
		}
		List<UserAccounts.ScopeGrant> grants = parseScopes(scopes, problems);
		if (id == admin.id() && !enabled) {
			problems.add(new String[] {"enabled", "validation.notSelf"});
		}
		if (id == admin.id() && !grantsUserAdmin(admin.schoolId(), newRoles)) {
			problems.add(new String[] {"roles", "validation.keepOwnAdmin"});
		}
		if (!problems.isEmpty()) {
			return new Outcome(null, problems, false);
		}
		int updated = jdbc.sql("""
				update app_user set display_name = ?, enabled = ?, version = version + 1
				where id = ? and school_id = ? and version = ?""")
			.params(displayName.strip(), enabled, id, admin.schoolId(), version).update();
		if (updated == 0) {
			return new Outcome(null, List.of(), true);
		}
		jdbc.sql("delete from user_role where user_id = ?").param(id).update();
		for (String role : newRoles) {
			jdbc.sql("insert into user_role (user_id, role_id) select ?, id from app_role where school_id = ? and code = ?")
				.params(id, admin.schoolId(), role).update();
		}
		jdbc.sql("delete from user_scope where user_id = ?").param(id).update();
		for (UserAccounts.ScopeGrant g : grants) {
			jdbc.sql("insert into user_scope (user_id, kind, target_id) values (?, ?, ?)")
				.params(id, g.kind().name(), g.targetId()).update();
		}
		tokens.forgetAccounts();
		audit.record(AuditAction.UPDATE, "user", id, "edited " + before.username(),
				"name=" + before.displayName() + ", enabled=" + before.enabled() + ", roles=" + new java.util.TreeSet<>(before.roles())
						+ ", scopes=" + before.scopes().replace('\n', ' '),
				"name=" + displayName.strip() + ", enabled=" + enabled + ", roles=" + new java.util.TreeSet<>(newRoles)
						+ ", scopes=" + scopeText(id).replace('\n', ' '));
		return Outcome.ok(id);
	}

	@Transactional
	Outcome resetPassword(CurrentUser admin, long id, String password) {
		if (password == null || password.length() < MIN_PASSWORD) {
			return new Outcome(null, List.<String[]>of(new String[] {"password", "validation.passwordShort"}), false);
		}
		int n = jdbc.sql("""
				update app_user set password_hash = ?, failed_attempts = 0, locked_until = null, version = version + 1
				where id = ? and school_id = ? and kind = 'HUMAN'""").params(encoder.encode(password), id, admin.schoolId())
			.update();
		if (n == 0) {
			return new Outcome(null, List.<String[]>of(new String[] {"id", "validation.notFound"}), false);
		}
		audit.record(AuditAction.UPDATE, "user", id, "password reset");
		return Outcome.ok(id);
	}

	@Transactional
	boolean unlock(CurrentUser admin, long id) {
		int n = jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where id = ? and school_id = ?")
			.params(id, admin.schoolId()).update();
		if (n > 0) {
			audit.record(AuditAction.UPDATE, "user", id, "unlocked");
		}
		return n > 0;
	}

	private boolean grantsUserAdmin(long schoolId, Set<String> roles) {
		if (roles.isEmpty()) {
			return false;
		}
		List<Object> params = new ArrayList<>(List.of(schoolId, Permission.USERS_MANAGE.name()));
		params.addAll(roles);
		String marks = String.join(",", roles.stream().map(r -> "?").toList());
		return jdbc.sql("select count(*) from app_role r join role_permission p on p.role_id = r.id where r.school_id = ?"
				+ " and p.permission = ? and r.code in (" + marks + ")").params(params).query(Long.class).single() > 0;
	}

	private Set<String> knownRoles(long schoolId) {
		return new LinkedHashSet<>(jdbc.sql("select code from app_role where school_id = ?").param(schoolId)
			.query(String.class).list());
	}

	private Set<String> rolesOf(long userId) {
		return new LinkedHashSet<>(jdbc.sql("""
				select r.code from user_role ur join app_role r on r.id = ur.role_id where ur.user_id = ? order by r.code""")
			.param(userId).query(String.class).list());
	}

	/** A scope as the admin edits it: one grant a line, {@code ALL} or {@code ORG_UNIT 12}, {@code PLACE 5}, {@code GRID 3}. */
	String scopeText(long userId) {
		return String.join("\n", jdbc.sql("select kind, target_id from user_scope where user_id = ? order by id")
			.param(userId).query((rs, i) -> rs.getString(1) + (rs.getObject(2) == null ? "" : " " + rs.getLong(2))).list());
	}

	static List<UserAccounts.ScopeGrant> parseScopes(String text, List<String[]> problems) {
		List<UserAccounts.ScopeGrant> grants = new ArrayList<>();
		if (text == null) {
			return grants;
		}
		for (String line : text.split("[\\r\\n,;]+")) {
			String[] parts = line.strip().toUpperCase().split("[\\s:]+");
			if (parts.length == 0 || parts[0].isEmpty()) {
				continue;
			}
			try {
				DataScope.Kind kind = DataScope.Kind.valueOf(parts[0]);
				if (kind == DataScope.Kind.ALL && parts.length == 1) {
					grants.add(new UserAccounts.ScopeGrant(kind, null));
				} else if (kind != DataScope.Kind.ALL && parts.length == 2) {
					grants.add(new UserAccounts.ScopeGrant(kind, Long.parseLong(parts[1])));
				} else {
					problems.add(new String[] {"scopes", "validation.scope"});
				}
			} catch (IllegalArgumentException e) {
				problems.add(new String[] {"scopes", "validation.scope"});
			}
		}
		return grants.stream().distinct().toList();
	}
}
