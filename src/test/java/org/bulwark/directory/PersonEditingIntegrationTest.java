package org.bulwark.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.shared.IdNumber;
import org.bulwark.system.AuditHistory;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@BulwarkIntegrationTest
class PersonEditingIntegrationTest {

	@Autowired
	PersonEditing editing;

	@Autowired
	AuditHistory history;

	@Autowired
	JdbcClient jdbc;

	/** The editor, also signed in for the audit trail, as a request would be. */
	private CurrentUser office() {
		long schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		CurrentUser user = new CurrentUser(-1, schoolId, "office-test", "Office", null, Set.of(Permission.PEOPLE_READ,
				Permission.PEOPLE_WRITE), Set.of(), DataScope.everything(), true, false, null);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		return user;
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	private static String randomId() {
		var r = ThreadLocalRandom.current();
		String body = "110105" + (1990 + r.nextInt(15)) + String.format("%02d%02d", 1 + r.nextInt(12), 1 + r.nextInt(28))
				+ String.format("%03d", r.nextInt(1000));
		return body + IdNumber.checkCharacter(body);
	}

	private static PersonForm form(String name, String id) {
		return new PersonForm(null, name, Population.STAFF, IdType.RESIDENT_ID, id, "13912345678", null, null, null, null,
				null, true, null, null, null);
	}

	@Test
	void createsPersonWithDataDerivedFromTheIdAndRecordsHistory() {
		String id = randomId();
		var result = editing.create(office(), form("赵 六", id));
		assertThat(result).isInstanceOf(PersonEditing.Saved.class);
		long personId = ((PersonEditing.Saved) result).id();
		PersonData stored = editing.load(personId);
		assertThat(stored.birthDate()).isEqualTo(IdNumber.parse(id).orElseThrow().birthDate());
		assertThat(stored.livingAlone()).isTrue();
		var entries = history.of(office().schoolId(), "person", personId, 10);
		assertThat(entries).hasSize(1);
		assertThat(entries.get(0).after()).contains("name=赵 六").doesNotContain(id);
	}

	@Test
	void refusesDuplicateIdNumberAndNamesTheExistingPerson() {
		String id = randomId();
		editing.create(office(), form("钱七", id));
		var again = editing.create(office(), form("钱七二", id));
		assertThat(again).isInstanceOf(PersonEditing.Rejected.class);
		assertThat(((PersonEditing.Rejected) again).problems()).extracting(FieldProblem::field, FieldProblem::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("idNumber", "duplicate"));
	}

	@Test
	void secondEditorOfTheSameVersionGetsAConflictNotALostUpdate() {
		long personId = ((PersonEditing.Saved) editing.create(office(), form("孙八", randomId()))).id();
		int version = editing.version(personId);
		PersonData d = editing.load(personId);
		PersonForm first = new PersonForm(d.code(), "孙八甲", d.population(), d.idType(), d.idNumber(), d.phone(), null,
				null, null, null, null, null, null, null, null);
		PersonForm second = new PersonForm(d.code(), "孙八乙", d.population(), d.idType(), d.idNumber(), d.phone(), null,
				null, null, null, null, null, null, null, null);
		assertThat(editing.update(office(), personId, version, first)).isInstanceOf(PersonEditing.Saved.class);
		assertThat(editing.update(office(), personId, version, second)).isInstanceOf(PersonEditing.Conflict.class);
		assertThat(editing.load(personId).name()).isEqualTo("孙八甲");
	}

	@Test
	void deactivationNeedsAReasonAndKeepsTheRecord() {
		long personId = ((PersonEditing.Saved) editing.create(office(), form("周九", randomId()))).id();
		assertThat(editing.setActive(office(), personId, editing.version(personId), false, " "))
			.isInstanceOf(PersonEditing.Rejected.class);
		assertThat(editing.setActive(office(), personId, editing.version(personId), false, "毕业离校"))
			.isInstanceOf(PersonEditing.Saved.class);
		assertThat(jdbc.sql("select active from person where id = ?").param(personId).query(Boolean.class).single()).isFalse();
		assertThat(history.of(office().schoolId(), "person", personId, 10)).extracting(AuditHistory.Entry::summary)
			.anyMatch(s -> s.contains("毕业离校"));
	}

	@Test
	void rejectedInputWritesNothing() {
		long before = jdbc.sql("select count(*) from person").query(Long.class).single();
		var result = editing.create(office(), form("", "123"));
		assertThat(((PersonEditing.Rejected) result).problems()).extracting(FieldProblem::field)
			.containsAll(List.of("name", "idNumber"));
		assertThat(jdbc.sql("select count(*) from person").query(Long.class).single()).isEqualTo(before);
	}
}
