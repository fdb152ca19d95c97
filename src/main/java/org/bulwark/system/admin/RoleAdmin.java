package org.bulwark.system.admin;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.Permission;
import org.bulwark.system.security.ApiTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Roles as sets of permissions that a school edits; built-in roles can be changed but not removed. */
@Service
class RoleAdmin {

	private final JdbcClient jdbc;
	private final AuditLog audit;

	private final ApiTokens tokens;

	RoleAdmin(JdbcClient jdbc, AuditLog audit, ApiTokens tokens) {
		this.tokens = tokens;
		this.jdbc = jdbc;
		this.audit = audit;
	}

	record Role(long id, String code, String name, boolean builtin, Set<String> permissions, long holders) {
	}

	List<Role> list(long schoolId) {
		return jdbc.sql("""
				select r.id, r.code, r.name, r.builtin, (select count(*) from user_role ur where ur.role_id = r.id)
				from app_role r where r.school_id = ? order by r.builtin desc, r.id""").param(schoolId)
			.query((rs, i) -> new Role(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
					permissions(rs.getLong(1)), rs.getLong(5)))
			.list();
	}

	private Set<String> permissions(long roleId) {
		return new TreeSet<>(jdbc.sql("select permission from role_permission where role_id = ?").param(roleId)
			.query(String.class).list());
	}

	@Transactional
	boolean setPermissions(long schoolId, long roleId, Set<String> requested) {
		if (jdbc.sql("select count(*) from app_role where id = ? and school_id = ?").params(roleId, schoolId)
			.query(Long.class).single() == 0) {
			return false;
		}
		Set<String> valid = new TreeSet<>();
		EnumSet.allOf(Permission.class).forEach(p -> {
			if (requested != null && requested.contains(p.name())) {
				valid.add(p.name());
			}
		});
		Set<String> before = permissions(roleId);
		jdbc.sql("delete from role_permission where role_id = ?").param(roleId).update();
		for (String p : valid) {
			jdbc.sql("insert into role_permission (role_id, permission) values (?, ?)").params(roleId, p).update();
		}
		tokens.forgetAccounts();
		audit.record(AuditAction.UPDATE, "role", roleId, "permissions changed", before.toString(), valid.toString());
		return true;
	}

	/** The new role's id, or the message key of what is wrong. */
	@Transactional
	Object create(long schoolId, String code, String name) {
		String c = code == null ? "" : code.strip().toUpperCase();
		if (!c.matches("[A-Z][A-Z0-9_]{1,63}")) {
			return "validation.roleCode";
		}
		if (name == null || name.isBlank()) {
			return "validation.required";
		}
		if (jdbc.sql("select count(*) from app_role where school_id = ? and code = ?").params(schoolId, c)
			.query(Long.class).single() > 0) {
			return "validation.codeTaken";
		}
		var key = new GeneratedKeyHolder();
		jdbc.sql("insert into app_role (school_id, code, name) values (?, ?, ?)").params(schoolId, c, name.strip())
			.update(key, "id");
		long id = key.getKey().longValue();
		audit.record(AuditAction.CREATE, "role", id, "created role " + c);
		return id;
	}

	/** Removes a custom role nobody holds; returns the message key of why not, or null. */
	@Transactional
	String delete(long schoolId, long roleId) {
		List<Role> roles = new ArrayList<>(list(schoolId));
		Role role = roles.stream().filter(r -> r.id() == roleId).findFirst().orElse(null);
		if (role == null) {
			return "validation.notFound";
		}
		if (role.builtin()) {
			return "roles.builtinKept";
		}
		if (role.holders() > 0) {
			return "roles.inUse";
		}
		jdbc.sql("delete from app_role where id = ?").param(roleId).update();
		audit.record(AuditAction.DELETE, "role", roleId, "deleted role " + role.code());
		return null;
	}
}
