package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.directory.FieldProblem;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** A sick absence from registration to the certificate check, its overdue follow-up, cancelling, scope. */
@BulwarkIntegrationTest
class AbsenceIntegrationTest {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Autowired
	Absences absences;

	@Autowired
	JdbcClient jdbc;

	long schoolId;
	long personId;
	long unitId;
	CurrentUser counselor;
	CurrentUser clinic;
	LocalDate today;

	@BeforeEach
	void aStudentWithoutAbsences() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		var row = jdbc.sql("""
				select p.id, p.org_unit_id from person p where p.school_id = ? and p.population = 'UNDERGRADUATE'
				and p.active = true and p.org_unit_id is not null order by p.id offset 40 limit 1""")
			.param(schoolId).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
		personId = row[0];
		unitId = row[1];
		jdbc.sql("update triage_task set absence_id = null where person_id = ?").param(personId).update();
		jdbc.sql("delete from absence where person_id = ?").param(personId).update();
		counselor = user(-1, new DataScope(false, Set.of(unitId), Set.of(), Set.of()), Permission.ABSENCE_RECORD,
				Permission.PEOPLE_READ);
		clinic = user(-2, DataScope.everything(), Permission.ABSENCE_RECORD, Permission.TRIAGE_MANAGE);
		today = LocalDate.now(SHANGHAI);
		signIn(counselor);
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	private CurrentUser user(long id, DataScope scope, Permission... permissions) {
		return new CurrentUser(id, schoolId, "absence-test" + id, "Absence Test", null, Set.of(permissions), Set.of(),
				scope, true, false, null);
	}

	private static void signIn(CurrentUser user) {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
	}

	private long registerSick(Instant now) {
		Absences.Outcome outcome = absences.register(counselor, new Absences.Registration(personId, AbsenceKind.SICK, today,
				null, "发热请假", List.of("fever", "cough"), null, Absences.Source.UNIT), now);
		return ((Absences.Registered) outcome).absenceId();
	}

	private Absences.Absence read(CurrentUser user, long id, Instant now) {
		return absences.find(user, id, now).orElseThrow();
	}

	private List<Long> overdue(CurrentUser user, Instant now) {
		return absences.search(user, new Absences.Filter(Absences.View.FOLLOW_UP_OVERDUE, null, null, null, null),
				new PageQuery(0, 200, "due", false), now).items().stream().map(Absences.Absence::id).toList();
	}

	@Test
	void aSickAbsenceIsFollowedUpAndEndsOnlyWhenTheClinicChecksTheCertificate() {
		Instant now = Instant.now();
		long id = registerSick(now);
		Absences.Absence registered = read(counselor, id, now);
		assertThat(registered.stage()).isEqualTo(AbsenceRules.Stage.FOLLOW_UP_DUE);
		// the database keeps microseconds, rounded
		assertThat(Duration.between(now.plus(Absences.FOLLOW_UP_WITHIN), registered.followUpDue()).abs())
			.isLessThan(Duration.ofMillis(1));
		Instant evening = now.plus(Absences.FOLLOW_UP_WITHIN).plus(Duration.ofMinutes(1));
		assertThat(overdue(counselor, now)).doesNotContain(id);
		assertThat(overdue(counselor, evening)).contains(id);
		assertThat(read(counselor, id, evening).stage()).isEqualTo(AbsenceRules.Stage.FOLLOW_UP_OVERDUE);

		assertThat(absences.followUp(counselor, id, registered.version() + 1, AbsenceCause.INFECTIOUS_SUSPECTED, "流感",
				null, evening)).as("stale version").isInstanceOf(Absences.Conflict.class);
		assertThat(absences.followUp(counselor, id, registered.version(), AbsenceCause.INFECTIOUS_SUSPECTED, "", null,
				evening)).isInstanceOfSatisfying(Absences.Rejected.class,
						r -> assertThat(r.problems()).extracting(FieldProblem::field).containsExactly("disease"));
		Absences.Changed followed = (Absences.Changed) absences.followUp(counselor, id, registered.version(),
				AbsenceCause.INFECTIOUS_SUSPECTED, "流感", "电话联系家长，校医院就诊", evening);
		assertThat(followed.absence().stage()).isEqualTo(AbsenceRules.Stage.AWAITING_CERTIFICATE);
		assertThat(overdue(counselor, evening)).doesNotContain(id);

		int version = followed.absence().version();
		assertThat(absences.returnToClass(counselor, id, version, today, true, null, evening))
			.as("the counselor cannot check a certificate").isInstanceOfSatisfying(Absences.Rejected.class,
					r -> assertThat(r.problems()).extracting(FieldProblem::code)
						.containsExactly("absence.certificate.clinicOnly"));
		assertThat(absences.returnToClass(clinic, id, version, today, false, null, evening))
			.isInstanceOfSatisfying(Absences.Rejected.class, r -> assertThat(r.problems()).extracting(FieldProblem::code)
				.containsExactly("absence.certificate.required"));
		assertThat(absences.isAway(personId, today)).isTrue();

		LocalDate back = today.plusDays(2);
		Absences.Changed returned = (Absences.Changed) absences.returnToClass(clinic, id, version, back, true, "二级医院复课证明",
				evening);
		assertThat(returned.absence().status()).isEqualTo(AbsenceRules.Status.RETURNED);
		assertThat(returned.absence().returnedOn()).isEqualTo(back);
		assertThat(returned.absence().certificateCheckedAt()).isNotNull();
		assertThat(absences.isAway(personId, today.plusDays(1))).isTrue();
		assertThat(absences.isAway(personId, back)).isFalse();
		assertThat(absences.returnToClass(clinic, id, returned.absence().version(), back, true, null, evening))
			.isInstanceOf(Absences.Rejected.class);
		assertThat(jdbc.sql("select kind from person_timeline where person_id = ? and module = 'health'"
				+ " and kind like 'absence%' order by id").param(personId).query(String.class).list())
			.containsSubsequence("absenceRegistered", "absenceFollowedUp", "absenceCertified");
	}

	@Test
	void aMistakenRegistrationIsCancelledWithAReasonAndNoLongerCountsAsAway() {
		long id = registerSick(Instant.now());
		int version = read(counselor, id, Instant.now()).version();
		assertThat(absences.cancel(counselor, id, version, " ", Instant.now())).isInstanceOf(Absences.Rejected.class);
		Absences.Changed cancelled = (Absences.Changed) absences.cancel(counselor, id, version, "登记错人", Instant.now());
		assertThat(cancelled.absence().stage()).isEqualTo(AbsenceRules.Stage.CANCELLED);
		assertThat(absences.isAway(personId, today)).isFalse();
		assertThat(absences.cancel(counselor, id, cancelled.absence().version(), "again", Instant.now()))
			.isInstanceOf(Absences.Rejected.class);
		assertThat(absences.search(counselor, new Absences.Filter(Absences.View.CANCELLED, null, null, null, null),
				new PageQuery(0, 50, "recorded", true), Instant.now()).items()).extracting(Absences.Absence::id).contains(id);
	}

	@Test
	void twoEditorsOnTheSameVersionCannotBothWrite() {
		long id = registerSick(Instant.now());
		int version = read(counselor, id, Instant.now()).version();
		assertThat(absences.followUp(counselor, id, version, AbsenceCause.NON_INFECTIOUS, null, "胃肠炎", Instant.now()))
			.isInstanceOf(Absences.Changed.class);
		assertThat(absences.cancel(counselor, id, version, "误登", Instant.now())).isInstanceOf(Absences.Conflict.class);
		assertThat(read(counselor, id, Instant.now()).status()).isEqualTo(AbsenceRules.Status.OPEN);
	}

	@Test
	void outsideTheScopeAnAbsenceDoesNotExist() {
		long id = registerSick(Instant.now());
		long otherUnit = jdbc.sql("""
				select id from org_unit where school_id = ? and id not in (
				  select u.id from org_unit u, org_unit mine where mine.id = ?
				  and (mine.path like concat(u.path, '%') or u.path like concat(mine.path, '%'))) order by id limit 1""")
			.params(schoolId, unitId).query(Long.class).single();
		CurrentUser elsewhere = user(-3, new DataScope(false, Set.of(otherUnit), Set.of(), Set.of()),
				Permission.ABSENCE_RECORD, Permission.TRIAGE_MANAGE);
		assertThat(absences.find(elsewhere, id, Instant.now())).isEmpty();
		assertThat(absences.followUp(elsewhere, id, 0, AbsenceCause.UNKNOWN, null, null, Instant.now()))
			.isInstanceOf(Absences.NotFound.class);
		assertThat(absences.returnToClass(elsewhere, id, 0, today, true, null, Instant.now()))
			.isInstanceOf(Absences.NotFound.class);
		assertThat(absences.cancel(elsewhere, id, 0, "x", Instant.now())).isInstanceOf(Absences.NotFound.class);
		assertThat(absences.search(elsewhere, new Absences.Filter(Absences.View.ALL, null, null, null, null),
				new PageQuery(0, 200, "recorded", true), Instant.now()).items()).extracting(Absences.Absence::id)
			.doesNotContain(id);
		assertThat(absences.register(elsewhere, new Absences.Registration(personId, AbsenceKind.SICK, today, null, null,
				List.of(), null, Absences.Source.UNIT), Instant.now())).isInstanceOf(Absences.NotFound.class);
		assertThat(absences.search(counselor, new Absences.Filter(Absences.View.OPEN, AbsenceKind.SICK, today, unitId, null),
				new PageQuery(0, 200, "recorded", true), Instant.now()).items()).extracting(Absences.Absence::id)
			.contains(id);
	}
}
