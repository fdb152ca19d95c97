package org.bulwark.system.security;

import java.util.List;

import org.bulwark.system.BuiltinRole;
import org.bulwark.system.DataScope;
import org.bulwark.system.UserAccounts;
import org.bulwark.system.UserAccounts.NewAccount;
import org.bulwark.system.UserAccounts.ScopeGrant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * On the first start of an empty database: creates the school, its built-in roles and the first
 * administrator. There is no default password: it must come from configuration
 * ({@code BULWARK_ADMIN_PASSWORD}); the demo profile supplies its own.
 */
@Component
@Order(0)
class FirstStart implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

	private final JdbcClient jdbc;
	private final UserAccounts accounts;
	private final String schoolCode;
	private final String schoolName;
	private final String adminUsername;
	private final String adminPassword;

	FirstStart(JdbcClient jdbc, UserAccounts accounts, @Value("${bulwark.school.code}") String schoolCode,
			@Value("${bulwark.school.name}") String schoolName, @Value("${bulwark.admin.username}") String adminUsername,
			@Value("${bulwark.admin.password:}") String adminPassword,
			@Value("${bulwark.demo.enabled:false}") boolean demo, @Value("${bulwark.demo.password}") String demoPassword) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.schoolCode = schoolCode;
		this.schoolName = schoolName;
		this.adminUsername = adminUsername;
		this.adminPassword = adminPassword.isBlank() && demo ? demoPassword : adminPassword;
	}

	@Override
	public void run(ApplicationArguments args) {
		long users = jdbc.sql("select count(*) from app_user").query(Long.class).single();
		if (users > 0) {
			return;
		}
		if (adminPassword.isBlank()) {
			throw new IllegalStateException("""
					This is the first start of Bulwark on an empty database and no administrator password is set.
					Set BULWARK_ADMIN_PASSWORD (or bulwark.admin.password) to the password of the first administrator \
					and start again.""");
		}
		if (adminPassword.length() < 8) {
			throw new IllegalStateException("BULWARK_ADMIN_PASSWORD must have at least 8 characters.");
		}
		long schoolId = accounts.ensureSchool(schoolCode, schoolName);
		accounts.create(new NewAccount(schoolId, adminUsername, adminUsername, adminPassword, null,
				List.of(BuiltinRole.SYSTEM_ADMIN.name()), List.of(new ScopeGrant(DataScope.Kind.ALL, null))));
		log.info("First start: created school '{}' and administrator '{}'", schoolCode, adminUsername);
	}
}
