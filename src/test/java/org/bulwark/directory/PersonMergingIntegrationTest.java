package org.bulwark.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.shared.IdNumber;
import org.bulwark.system.AuditHistory;
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

/** Detection, merge and dismissal on PostgreSQL: references moved, history kept, conflicts, scope. */
@BulwarkIntegrationTest
class PersonMergingIntegrationTest {

	@Autowired
	Duplicates duplicates;

	@Autowired
	PersonMerging merging;

	@Autowired
	PersonEditing editing;

	@Autowired
	AuditHistory history;

	@Autowired
	JdbcClient jdbc;

	long schoolId;
	String tag;
	long unit;
	long otherUnit;
	long room;

	@BeforeEach
	void fixture() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		tag = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
		unit = insert("insert into org_unit (school_id, kind, code, name, path) values (?, 'COLLEGE', ?, ?, 'x')",
				schoolId, "MU" + tag, "合并学院" + tag);
		jdbc.sql("update org_unit set path = ? where id = ?").params("/" + unit + "/", unit).update();
		otherUnit = insert("insert into org_unit (school_id, kind, code, name, path) values (?, 'COLLEGE', ?, ?, 'x')",
				schoolId, "MV" + tag, "别院" + tag);
		jdbc.sql("update org_unit set path = ? where id = ?").params("/" + otherUnit + "/", otherUnit).update();
		room = jdbc.sql("select id from place where kind = 'ROOM' order by id limit 1").query(Long.class).single();
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	private CurrentUser office() {
		return user(DataScope.everything());
	}

	private CurrentUser user(DataScope scope) {
		CurrentUser user = new CurrentUser(-1, schoolId, "merge-test", "Merge", null, Set.of(Permission.PEOPLE_READ,
				Permission.PEOPLE_WRITE, Permission.PEOPLE_MERGE), Set.of(), scope, true, false, null);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		return user;
	}

	private String id(LocalDate birth, int seq) {
		String body = "320211" + birth.toString().replace("-", "") + String.format("%03d", seq);
		return body + IdNumber.checkCharacter(body);
	}

	private LocalDate randomBirth() {
		var r = ThreadLocalRandom.current();
		return LocalDate.of(1950 + r.nextInt(50), 1 + r.nextInt(12), 1 + r.nextInt(28));
	}

	private long person(String name, String idType, String idNumber, String phone, LocalDate birth, String gender,
			long orgUnit) {
		return insert("""
				insert into person (school_id, code, name, population, id_type, id_number, phone, birth_date, gender,
				                    org_unit_id, residence_place_id)
				values (?, ?, ?, 'STAFF', ?, ?, ?, ?, ?, ?, ?)""", schoolId, "T" + tag, name, idType, idNumber, phone, birth,
				gender, orgUnit, room);
	}

	private Set<DuplicateRules.Reason> reasonsFor(CurrentUser user, long a, long b) {
		return duplicates.detect(user).stream()
			.filter(f -> f.firstId() == Math.min(a, b) && f.secondId() == Math.max(a, b))
			.map(Duplicates.Found::reasons).findFirst().orElse(Set.of());
	}

	@Test
	void detectsTheThreeRulesAndLeavesTwinsAlone() {
		LocalDate birth = randomBirth();
		String eighteen = id(birth, 101);
		String fifteen = eighteen.substring(0, 6) + eighteen.substring(8, 17);
		long a = person("甲" + tag, "RESIDENT_ID", eighteen, null, birth, "MALE", unit);
		long b = person("甲" + tag + "号", "OTHER", fifteen, null, null, null, unit);
		long c = person("乙" + tag, "PASSPORT", "E" + tag + "1", null, birth, null, unit);
		long d = person("乙 " + tag, "PASSPORT", "E" + tag + "2", null, birth, null, unit);
		String phone = "139" + tag + "01";
		long e = person("丙" + tag + "伟", "OTHER", null, phone, null, null, unit);
		long f = person("丙" + tag + "玮", "OTHER", null, phone, null, null, unit);
		long twin1 = person("丁" + tag + "明", "RESIDENT_ID", id(birth, 211), "051085" + tag, birth, "MALE", unit);
		long twin2 = person("丁" + tag + "亮", "RESIDENT_ID", id(birth, 213), "051085" + tag, birth, "MALE", unit);
		CurrentUser office = office();
		assertThat(reasonsFor(office, a, b)).containsExactly(DuplicateRules.Reason.SAME_ID);
		assertThat(reasonsFor(office, c, d)).containsExactly(DuplicateRules.Reason.SAME_NAME_BIRTH_DATE);
		assertThat(reasonsFor(office, e, f)).containsExactly(DuplicateRules.Reason.SIMILAR_NAME_SAME_PHONE);
		assertThat(reasonsFor(office, twin1, twin2)).isEmpty();
		assertThat(reasonsFor(user(new DataScope(false, Set.of(otherUnit), Set.of(), Set.of())), a, b))
			.as("out of scope").isEmpty();

		assertThat(duplicates.dismiss(office(), c, d)).isEqualTo(Duplicates.Dismissal.DISMISSED);
		assertThat(duplicates.dismiss(office(), d, c)).isEqualTo(Duplicates.Dismissal.ALREADY);
		assertThat(reasonsFor(office(), c, d)).isEmpty();
		assertThat(history.of(schoolId, "person", c, 5)).extracting(AuditHistory.Entry::summary)
			.anyMatch(s -> s.startsWith("not duplicates"));
	}

	@Test
	void keysInTheDatabaseMatchTheirJavaTwins() {
		List<String> names = List.of("Ｊｏｈｎ　Ｓｍｉｔｈ", " 约翰·史密斯 ", "Anna-Maria O.Neil", "王　五", "李・四");
		LocalDate birth = randomBirth();
		String withX = null;
		for (int seq = 0; withX == null; seq++) {
			String id = id(birth, 700 + seq);
			withX = id.endsWith("X") ? id.toLowerCase() : null;
		}
		String fifteen = id(birth, 801).substring(0, 6) + id(birth, 801).substring(8, 17);
		List<String> ids = List.of(fifteen, withX, "e " + tag + "-5678");
		for (int i = 0; i < names.size(); i++) {
			long p = person(names.get(i), "OTHER", i < ids.size() ? ids.get(i) : null, null, null, null, unit);
			var keys = jdbc.sql("select name_key, id_key from person where id = ?").param(p)
				.query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).single();
			assertThat(keys[0]).isEqualTo(DuplicateRules.nameKey(names.get(i)));
			assertThat(keys[1]).isEqualTo(i < ids.size() ? DuplicateRules.idKey(ids.get(i)) : null);
		}
	}

	@Test
	void mergeMovesEveryReferenceResolvesCollisionsAndKeepsHistory() {
		LocalDate birth = randomBirth();
		long lead = person("戊" + tag, "RESIDENT_ID", id(birth, 301), null, birth, "MALE", unit);
		long other = person("戊" + tag, "OTHER", null, "13" + tag + "555", birth, null, unit);
		long third = person("己" + tag, "OTHER", null, null, null, null, unit);
		long household = insert("insert into household (school_id, place_id, code, head_person_id) values (?, ?, ?, ?)",
				schoolId, room, "MH" + tag, other);
		jdbc.sql("update person set household_id = ? where id = ?").params(household, other).update();
		insert("insert into residence (school_id, person_id, place_id, kind, moved_in) values (?, ?, ?, 'HOUSEHOLD', ?)",
				schoolId, other, room, LocalDate.now());
		long grid = insert("insert into grid (school_id, code, name, leader_person_id) values (?, ?, ?, ?)", schoolId,
				"MG" + tag, "网格" + tag, other);
		// the same responsibility on both records, one only on the other, and both answered for by the third
		for (long holder : List.of(lead, other)) {
			responsibility(holder, "COUNSELOR", "ORG_UNIT", unit);
			responsibility(third, "DOCTOR", "PERSON", holder);
		}
		responsibility(other, "GRID_LEADER", "GRID", grid);
		responsibility(other, "DOCTOR", "PERSON", lead);
		long account = insert("insert into app_user (school_id, username, display_name, person_id) values (?, ?, ?, ?)",
				schoolId, "merge" + tag, "merge", other);
		duplicates.dismiss(office(), other, third);

		var preview = merging.preview(office(), lead, other, Locale.CHINA).orElseThrow();
		assertThat(preview.fields()).filteredOn(c -> c.field() == PersonMerging.Field.PHONE)
			.singleElement().satisfies(c -> {
				assertThat(c.chosen()).isEqualTo(PersonMerging.Side.OTHER);
				assertThat(c.otherValue()).contains("****");
			});
		var result = merging.merge(office(), lead, other, preview.leadVersion(), preview.otherVersion(),
				Map.of(PersonMerging.Field.HOUSEHOLD, PersonMerging.Side.OTHER));
		assertThat(result).isInstanceOf(PersonEditing.Saved.class);

		var merged = jdbc.sql("select active, merged_into_id from person where id = ?").param(other)
			.query((rs, i) -> new Object[] {rs.getBoolean(1), rs.getLong(2)}).single();
		assertThat(merged).containsExactly(false, lead);
		var leadRow = jdbc.sql("select phone, household_id from person where id = ?").param(lead)
			.query((rs, i) -> new Object[] {rs.getString(1), rs.getLong(2)}).single();
		assertThat(leadRow).containsExactly("13" + tag + "555", household);
		for (var ref : PersonReferences.ALL) {
			assertThat(jdbc.sql("select count(*) from " + ref.table() + " where " + ref.column() + " = ?").param(other)
				.query(Long.class).single()).as(ref.toString()).isZero();
		}
		assertThat(jdbc.sql("select count(*) from responsibility where target_kind = 'PERSON' and target_id = ?")
			.param(other).query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select head_person_id from household where id = ?").param(household).query(Long.class).single())
			.isEqualTo(lead);
		assertThat(jdbc.sql("select leader_person_id from grid where id = ?").param(grid).query(Long.class).single())
			.isEqualTo(lead);
		assertThat(jdbc.sql("select person_id from app_user where id = ?").param(account).query(Long.class).single())
			.isEqualTo(lead);
		assertThat(jdbc.sql("select count(*) from residence where person_id = ?").param(lead).query(Long.class).single())
			.isEqualTo(1);
		assertThat(jdbc.sql("""
				select role || ':' || target_kind || ':' || (case when target_id = ? then 'lead' else 'x' end)
				from responsibility where responsible_person_id = ? order by 1""").params(lead, lead).query(String.class)
			.list()).containsExactly("COUNSELOR:ORG_UNIT:x", "GRID_LEADER:GRID:x");
		assertThat(jdbc.sql("select count(*) from responsibility where target_kind = 'PERSON' and target_id = ?")
			.param(lead).query(Long.class).single()).as("third's DOCTOR kept once").isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from duplicate_dismissal where first_person_id = ? and second_person_id = ?")
			.params(Math.min(lead, third), Math.max(lead, third)).query(Long.class).single()).isEqualTo(1);

		assertThat(history.of(schoolId, "person", lead, 10)).extracting(AuditHistory.Entry::summary)
			.anyMatch(s -> s.startsWith("merged 戊" + tag + " (#" + other + ")"));
		assertThat(history.of(schoolId, "person", other, 10)).hasSizeGreaterThanOrEqualTo(2);
		assertThat(duplicates.mergedFrom(lead)).containsExactly(other);
		assertThat(duplicates.mergedInto(office(), other)).map(PersonSummary::id).contains(lead);
	}

	@Test
	void checkInsFollowTheMergeExceptWhereTheLeadHasTheSameSlot() {
		long lead = person("癸" + tag, "OTHER", null, null, null, null, unit);
		long other = person("癸" + tag, "OTHER", null, null, null, null, unit);
		long policy = jdbc.sql("select id from check_policy where school_id = ? order by id limit 1").param(schoolId)
			.query(Long.class).optional()
			.orElseGet(() -> insert("insert into check_policy (school_id, code, name, profile_id) values (?, 'merge-test', 'm',"
					+ " (select min(id) from disease_profile))", schoolId));
		long kept = checkIn(lead, "morning", policy);
		long clash = checkIn(other, "morning", policy);
		long moved = checkIn(other, "noon", policy);
		merging.merge(office(), lead, other, editing.version(lead), editing.version(other), Map.of());
		assertThat(jdbc.sql("select person_id from check_in where id = ?").param(kept).query(Long.class).single()).isEqualTo(lead);
		assertThat(jdbc.sql("select person_id from check_in where id = ?").param(moved).query(Long.class).single()).isEqualTo(lead);
		assertThat(jdbc.sql("select person_id from check_in where id = ?").param(clash).query(Long.class).single()).isEqualTo(other);
		assertThat(jdbc.sql("select person_id from check_in_revision where check_in_id = ?").param(moved).query(Long.class)
			.single()).isEqualTo(lead);
	}

	@Test
	void linksAndProxiesFollowTheMergeKeepingOneLinkInForceAndNoDuplicatePairs() {
		long lead = person("子" + tag, "OTHER", null, null, null, null, unit);
		long other = person("子" + tag, "OTHER", null, null, null, null, unit);
		long proxy = person("丑" + tag, "OTHER", null, null, null, null, unit);
		long child = person("寅" + tag, "OTHER", null, null, null, null, unit);
		long leadLink = insert("insert into check_in_link (school_id, person_id, token_hash) values (?, ?, ?)", schoolId, lead,
				"lead-" + tag);
		long otherLink = insert("insert into check_in_link (school_id, person_id, token_hash) values (?, ?, ?)", schoolId,
				other, "other-" + tag);
		// the proxy was named for both records; the other record was also a proxy for the child and for the lead
		insert("insert into check_in_proxy (school_id, proxy_person_id, dependant_person_id) values (?, ?, ?)", schoolId, proxy,
				lead);
		insert("insert into check_in_proxy (school_id, proxy_person_id, dependant_person_id) values (?, ?, ?)", schoolId, proxy,
				other);
		insert("insert into check_in_proxy (school_id, proxy_person_id, dependant_person_id) values (?, ?, ?)", schoolId, other,
				child);
		insert("insert into check_in_proxy (school_id, proxy_person_id, dependant_person_id) values (?, ?, ?)", schoolId, other,
				lead);
		merging.merge(office(), lead, other, editing.version(lead), editing.version(other), Map.of());
		assertThat(jdbc.sql("select person_id from check_in_link where id in (?, ?) order by id").params(leadLink, otherLink)
			.query(Long.class).list()).containsExactly(lead, lead);
		assertThat(jdbc.sql("select count(*) from check_in_link where person_id = ? and revoked_at is null").param(lead)
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select id from check_in_link where person_id = ? and revoked_at is null").param(lead)
			.query(Long.class).single()).isEqualTo(leadLink);
		assertThat(jdbc.sql("""
				select cast(proxy_person_id as varchar) || '>' || cast(dependant_person_id as varchar) from check_in_proxy
				where proxy_person_id in (?, ?, ?) or dependant_person_id in (?, ?, ?)""")
			.params(lead, other, proxy, lead, other, proxy).query(String.class).list())
			.containsExactlyInAnyOrder(proxy + ">" + lead, lead + ">" + child);
	}

	private long checkIn(long person, String slot, long policy) {
		long id = insert("""
				insert into check_in (school_id, person_id, check_date, slot_code, policy_id, temperature, on_campus, measured_at,
				submitted_at, late, fever, abnormal, source) values (?, ?, date '2026-01-05', ?, ?, 36.5, true,
				current_timestamp, current_timestamp, false, false, false, 'SELF')""", schoolId, person, slot, policy);
		insert("""
				insert into check_in_revision (check_in_id, school_id, person_id, revision, temperature, on_campus, measured_at,
				submitted_at, late, abnormal) values (?, ?, ?, 1, 36.5, true, current_timestamp, current_timestamp, false, false)""",
				id, schoolId, person);
		return id;
	}

	@Test
	void mergeRejectsInconsistentChoicesByFieldAndWritesNothing() {
		LocalDate birth = randomBirth();
		long lead = person("庚" + tag, "RESIDENT_ID", id(birth, 401), null, birth, "MALE", unit);
		long other = person("庚" + tag, "OTHER", null, null, birth.plusDays(1), null, unit);
		var result = merging.merge(office(), lead, other, editing.version(lead), editing.version(other),
				Map.of(PersonMerging.Field.BIRTH_DATE, PersonMerging.Side.OTHER));
		assertThat(((PersonEditing.Rejected) result).problems()).extracting(FieldProblem::field).contains("birthDate");
		assertThat(jdbc.sql("select active from person where id = ?").param(other).query(Boolean.class).single()).isTrue();
		assertThat(merging.merge(office(), lead, lead, 0, 0, Map.of())).isInstanceOf(PersonEditing.Rejected.class);
	}

	@Test
	void recordsOutsideTheScopeCannotBeMergedOrDismissed() {
		long inside = person("辛" + tag, "OTHER", null, null, null, null, unit);
		long outside = person("辛" + tag, "OTHER", null, null, null, null, otherUnit);
		CurrentUser scoped = user(new DataScope(false, Set.of(unit), Set.of(), Set.of()));
		assertThat(merging.preview(scoped, inside, outside, Locale.CHINA)).isEmpty();
		var result = merging.merge(scoped, inside, outside, editing.version(inside), editing.version(outside), Map.of());
		assertThat(((PersonEditing.Rejected) result).problems()).extracting(FieldProblem::code).containsExactly("notFound");
		assertThat(duplicates.dismiss(scoped, inside, outside)).isEqualTo(Duplicates.Dismissal.NOT_FOUND);
		assertThat(jdbc.sql("select active from person where id = ?").param(outside).query(Boolean.class).single()).isTrue();
	}

	@Test
	void twoMergesOfTheSamePairAtOnceOneWinsTheOtherGetsAConflict() throws Exception {
		LocalDate birth = randomBirth();
		long lead = person("壬" + tag, "RESIDENT_ID", id(birth, 501), null, birth, "MALE", unit);
		long other = person("壬" + tag, "OTHER", null, null, birth, null, unit);
		int leadVersion = editing.version(lead);
		int otherVersion = editing.version(other);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<PersonEditing.Result>> results = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				boolean swapped = i == 1;
				results.add(pool.submit(() -> {
					CurrentUser user = office();
					start.await();
					return swapped ? merging.merge(user, other, lead, otherVersion, leadVersion, Map.of())
							: merging.merge(user, lead, other, leadVersion, otherVersion, Map.of());
				}));
			}
			start.countDown();
			List<String> outcomes = new ArrayList<>();
			for (var f : results) {
				outcomes.add(f.get().getClass().getSimpleName());
			}
			assertThat(outcomes).containsExactlyInAnyOrder("Saved", "Conflict");
		} finally {
			pool.shutdownNow();
		}
		assertThat(jdbc.sql("select count(*) from person where id in (?, ?) and active = true").params(lead, other)
			.query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void anEditOpenedBeforeTheMergeGetsAConflictAndAMergeOpenedBeforeAnEditToo() {
		LocalDate birth = randomBirth();
		long lead = person("癸" + tag, "RESIDENT_ID", id(birth, 601), null, birth, "MALE", unit);
		long other = person("癸" + tag, "OTHER", null, null, birth, null, unit);
		int otherVersion = editing.version(other);
		PersonData d = editing.load(other);
		PersonForm edit = new PersonForm(d.code(), d.name() + "改", d.population(), d.idType(), d.idNumber(), d.phone(),
				null, null, null, null, d.orgUnitId(), null, null, null, null);
		assertThat(editing.update(office(), other, otherVersion, edit)).isInstanceOf(PersonEditing.Saved.class);
		assertThat(merging.merge(office(), lead, other, editing.version(lead), otherVersion, Map.of()))
			.isInstanceOf(PersonEditing.Conflict.class);
		int fresh = editing.version(other);
		assertThat(merging.merge(office(), lead, other, editing.version(lead), fresh, Map.of()))
			.isInstanceOf(PersonEditing.Saved.class);
		assertThat(editing.update(office(), other, fresh, edit)).isInstanceOf(PersonEditing.Conflict.class);
	}


	@Test
	void whenBothRecordsLiveSomewhereTheLeadKeepsItsHomeAndTheOthersStayEnds() {
		LocalDate birth = randomBirth();
		long lead = person("戊" + tag, "RESIDENT_ID", id(birth, 301), null, birth, "MALE", unit);
		long other = person("戊" + tag, "OTHER", "X" + tag, null, birth, "MALE", unit);
		long otherRoom = jdbc.sql("select id from place where kind = 'ROOM' and id <> ? order by id limit 1").param(room)
			.query(Long.class).single();
		insert("insert into residence (school_id, person_id, place_id, kind, moved_in) values (?, ?, ?, 'OTHER', ?)",
				schoolId, lead, room, LocalDate.now().minusDays(30));
		insert("insert into residence (school_id, person_id, place_id, kind, moved_in) values (?, ?, ?, 'OTHER', ?)",
				schoolId, other, otherRoom, LocalDate.now().minusDays(10));
		insert("""
				insert into person_timeline (school_id, person_id, module, kind, summary, occurred_at)
				values (?, ?, 'health', 'checkIn', 'ok', current_timestamp)""", schoolId, other);
		var result = merging.merge(office(), lead, other, editing.version(lead), editing.version(other), Map.of());
		assertThat(result).isInstanceOf(PersonEditing.Saved.class);
		assertThat(jdbc.sql("select place_id from residence where person_id = ? and moved_out is null").param(lead)
			.query(Long.class).list()).containsExactly(room);
		assertThat(jdbc.sql("select count(*) from residence where person_id = ? and place_id = ? and moved_out is not null")
			.params(lead, otherRoom).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from person_timeline where person_id = ?").param(lead).query(Long.class)
			.single()).isEqualTo(1);
	}

	/** A new table that refers to people must be handled by the merge before the build passes. */
	@Test
	void theMergeHandlesEveryColumnThatRefersToAPerson() {
		Set<String> inSchema = new TreeSet<>(jdbc.sql("""
				select table_name || '.' || column_name from information_schema.columns
				where table_schema = current_schema() and (column_name = 'person_id' or column_name like '%\\_person\\_id')
				union
				select kcu.table_name || '.' || kcu.column_name
				from information_schema.referential_constraints rc
				join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name
				  and kcu.constraint_schema = rc.constraint_schema
				join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name
				  and ccu.constraint_schema = rc.unique_constraint_schema
				where kcu.table_schema = current_schema() and ccu.table_name = 'person'""").query(String.class).list());
		assertThat(inSchema).contains("residence.person_id", "person.merged_into_id", "household.head_person_id");
		assertThat(PersonReferences.ALL.stream().map(Object::toString).toList()).containsAll(inSchema);
	}

	private void responsibility(long holder, String role, String kind, long target) {
		jdbc.sql("""
				insert into responsibility (school_id, responsible_person_id, role, target_kind, target_id)
				values (?, ?, ?, ?, ?)""").params(schoolId, holder, role, kind, target).update();
	}

	private long insert(String sql, Object... params) {
		return TestRows.insert(jdbc, sql, params);
	}
}
