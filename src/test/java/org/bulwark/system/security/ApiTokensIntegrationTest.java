package org.bulwark.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.UserAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@BulwarkIntegrationTest
class ApiTokensIntegrationTest {

	@Autowired
	ApiTokens tokens;

	@Autowired
	AccountStore accounts;

	@Autowired
	JdbcClient jdbc;

	private long account(String... roles) {
		long school = jdbc.sql("select min(id) from school").query(Long.class).single();
		long orgUnit = jdbc.sql("insert into org_unit (school_id, code, name, kind, path) values (?, ?, 'Token unit', 'COLLEGE', '/')"
				+ " returning id").params(school, "tok-" + ThreadLocalRandom.current().nextInt(1_000_000)).query(Long.class).single();
		return accounts.create(new UserAccounts.NewAccount(school, "tok-" + ThreadLocalRandom.current().nextInt(1_000_000),
				"Token holder", null, null, List.of(roles),
				List.of(new UserAccounts.ScopeGrant(DataScope.Kind.ORG_UNIT, orgUnit), new UserAccounts.ScopeGrant(DataScope.Kind.ALL, null))));
	}

	@Test
	void aTokenActsAsItsAccountWithEveryRightRoleAndScopeFromOneStatement() {
		long userId = account("COUNSELOR", "CLINIC_DOCTOR");
		long school = jdbc.sql("select school_id from app_user where id = ?").param(userId).query(Long.class).single();
		ApiTokens.IssuedToken issued = tokens.issue(school, userId, "phone", null);

		CurrentUser byToken = tokens.authenticate(issued.secret()).orElseThrow();
		CurrentUser byId = accounts.findById(userId).orElseThrow();

		assertThat(byToken.getUsername()).isEqualTo(byId.getUsername());
		assertThat(byToken.permissions()).isEqualTo(byId.permissions()).isNotEmpty();
		assertThat(byToken.roles()).containsExactlyInAnyOrder("COUNSELOR", "CLINIC_DOCTOR");
		assertThat(byToken.scope()).isEqualTo(byId.scope());
		assertThat(byToken.scope().all()).isTrue();
		assertThat(byToken.scope().orgUnitIds()).hasSize(1);
	}

	@Test
	void lastUseIsWrittenInABatchNotByTheRequest() {
		long userId = account("PERSON");
		long school = jdbc.sql("select school_id from app_user where id = ?").param(userId).query(Long.class).single();
		ApiTokens.IssuedToken issued = tokens.issue(school, userId, "phone", null);

		assertThat(tokens.authenticate(issued.secret())).isPresent();
		assertThat(lastUsed(issued.id())).isNull();

		tokens.writeLastUsed();
		assertThat(lastUsed(issued.id())).isNotNull();
	}

	@Test
	void revokedAndExpiredTokensActAsNobody() {
		long userId = account("PERSON");
		long school = jdbc.sql("select school_id from app_user where id = ?").param(userId).query(Long.class).single();
		ApiTokens.IssuedToken revoked = tokens.issue(school, userId, "old phone", null);
		ApiTokens.IssuedToken expired = tokens.issue(school, userId, "lent phone", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
		assertThat(tokens.authenticate(revoked.secret())).isPresent();

		tokens.revoke(school, revoked.id());

		assertThat(tokens.authenticate(revoked.secret())).isEmpty();
		assertThat(tokens.authenticate(expired.secret())).isEmpty();
		assertThat(tokens.authenticate("blw_unknown")).isEmpty();
	}

	private OffsetDateTime lastUsed(long tokenId) {
		return jdbc.sql("select last_used_at from api_token where id = ?").param(tokenId)
			.query((rs, i) -> rs.getObject(1, OffsetDateTime.class)).list().get(0);
	}
}
