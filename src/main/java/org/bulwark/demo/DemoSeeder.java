package org.bulwark.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.bulwark.system.DataScope;
import org.bulwark.system.UserAccounts;
import org.bulwark.system.UserAccounts.NewAccount;
import org.bulwark.system.UserAccounts.ScopeGrant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the demo campus on the first start of the demo profile. It writes the directory's tables
 * directly with batched inserts: a seeding tool that must load half a million people in about a
 * minute for the benchmarks, not a feature other modules call.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "bulwark.demo.enabled", havingValue = "true")
class DemoSeeder implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
	private static final long SEED = 20200125L;
	private static final int BATCH = 2000;

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final TransactionTemplate transaction;
	private final UserAccounts accounts;
	private final int size;
	private final String password;
	private final String schoolCode;
	private final String schoolName;

	DemoSeeder(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transaction, UserAccounts accounts,
			@Value("${bulwark.demo.people}") int size, @Value("${bulwark.demo.password}") String password,
			@Value("${bulwark.school.code}") String schoolCode, @Value("${bulwark.school.name}") String schoolName) {
		this.jdbc = jdbc;
		this.template = template;
		this.transaction = transaction;
		this.accounts = accounts;
		this.size = size;
		this.password = password;
		this.schoolCode = schoolCode;
		this.schoolName = schoolName;
	}

	@Override
	public void run(ApplicationArguments args) {
		long schoolId = accounts.ensureSchool(schoolCode, schoolName);
		long existing = jdbc.sql("select count(*) from person where school_id = ?").param(schoolId).query(Long.class).single();
		if (existing > 0) {
			log.info("Demo campus present ({} people); not seeding again", existing);
			return;
		}
		long started = System.nanoTime();
		log.info("Generating a demo campus of {} people…", size);
		Campus campus = new CampusGenerator(SEED, LocalDate.now(), base("org_unit"), base("place"), base("person"),
				base("household"), base("grid")).generate(size);
		transaction.executeWithoutResult(status -> {
			write(schoolId, campus);
			createAccounts(schoolId, campus);
			travel(schoolId, campus);
		});
		log.info("Demo campus seeded: {} people, {} places, {} org units in {} s", campus.people.size(),
				campus.places.size(), campus.orgUnits.size(), String.format("%.1f", (System.nanoTime() - started) / 1e9));
	}

	private long base(String table) {
		return jdbc.sql("select coalesce(max(id), 0) + 1 from " + table).query(Long.class).single();
	}

	private void write(long schoolId, Campus c) {
		batch("insert into org_unit (id, school_id, parent_id, kind, code, name, path) values (?, ?, ?, ?, ?, ?, ?)",
				c.orgUnits, o -> new Object[] {o.id(), schoolId, o.parentId(), o.kind(), o.code(), o.name(), o.path()});
		batch("""
				insert into place (id, school_id, parent_id, kind, usage, code, name, path, capacity, city)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", c.places, p -> new Object[] {p.id(), schoolId, p.parentId(),
				p.kind(), p.usage(), p.code(), p.name(), p.path(), p.capacity(), p.city()});
		batch("""
				insert into person (id, school_id, code, name, population, id_type, id_number, phone, gender, birth_date,
				                    nationality, language, org_unit_id, residence_place_id, living_alone, bedridden,
				                    no_smartphone, abroad)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", c.people, p -> new Object[] {p.id(),
				schoolId, p.code(), p.name(), p.population(), p.idType(), p.idNumber(), p.phone(), p.gender(),
				p.birthDate(), p.nationality(), p.language(), p.orgUnitId(), p.residencePlaceId(), p.livingAlone(),
				p.bedridden(), p.noSmartphone(), p.abroad()});
		batch("insert into household (id, school_id, place_id, code, head_person_id) values (?, ?, ?, ?, ?)",
				c.households, h -> new Object[] {h.id(), schoolId, h.placeId(), h.code(), h.headPersonId()});
		batch("update person set household_id = ? where id = ?",
				c.people.stream().filter(p -> p.householdId() != null).toList(),
				p -> new Object[] {p.householdId(), p.id()});
		batch("""
				insert into residence (school_id, person_id, place_id, kind, bed, household_id, moved_in)
				values (?, ?, ?, ?, ?, ?, ?)""", c.residences, r -> new Object[] {schoolId, r.personId(), r.placeId(),
				r.kind(), r.bed(), r.householdId(), r.movedIn()});
		batch("insert into grid (id, school_id, code, name, leader_person_id) values (?, ?, ?, ?, ?)", c.grids,
				g -> new Object[] {g.id(), schoolId, g.code(), g.name(), g.leaderPersonId()});
		List<Object[]> gridPlaces = new ArrayList<>();
		c.grids.forEach(g -> g.placeIds().forEach(p -> gridPlaces.add(new Object[] {g.id(), p})));
		batch("insert into grid_place (grid_id, place_id) values (?, ?)", gridPlaces, Function.identity());
		batch("""
				insert into responsibility (school_id, responsible_person_id, role, target_kind, target_id)
				values (?, ?, ?, ?, ?)""", c.responsibilities.stream().distinct().toList(),
				r -> new Object[] {schoolId, r.personId(), r.role(), r.targetKind(), r.targetId()});
		batch("insert into canteen_unit (school_id, org_unit_id) values (?, ?)", c.canteenUnitIds,
				id -> new Object[] {schoolId, id});
		for (String table : List.of("org_unit", "place", "person", "household", "grid")) {
			long next = base(table);
			jdbc.sql("alter table " + table + " alter column id restart with " + next).update();
		}
	}

	/**
	 * A little travel and return filing: three students of the counselor's classes applied for travel
	 * (one waiting for the counselor, one approved, one back from Wuhan), and the first college's
	 * return filing for next term is open with nobody filed yet.
	 */
	private void travel(long schoolId, Campus c) {
		LocalDate today = LocalDate.now();
		List<Campus.Person> students = c.people.stream()
			.filter(p -> p.orgUnitId() != null && c.counselorClassIds.contains(p.orgUnitId()) && p.id() != c.studentPersonId)
			.limit(3).toList();
		String[][] trips = {{"PENDING", "3301", "回家探亲"}, {"APPROVED", "4401", "参加学术会议"}, {"RETURNED", "420106", "实习"}};
		for (int i = 0; i < students.size(); i++) {
			Campus.Person s = students.get(i);
			String status = trips[i][0];
			LocalDate leave = "RETURNED".equals(status) ? today.minusDays(6) : today.plusDays(2 + i);
			LocalDate back = "RETURNED".equals(status) ? today.minusDays(1) : leave.plusDays(4);
			var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
			jdbc.sql("""
					insert into travel_report (school_id, person_id, leave_on, return_on, purpose, transport, status, steps, step,
					  step_kind, returned_on, contact_risk, departed_at, returned_at)
					values (?, ?, ?, ?, ?, 'TRAIN', ?, 'RESPONSIBLE,UNIT', ?, ?, ?, ?, ?, ?)""")
				.params(schoolId, s.id(), leave, back, trips[i][2], status, "PENDING".equals(status) ? 0 : 1,
						"PENDING".equals(status) ? "RESPONSIBLE" : null, "RETURNED".equals(status) ? back : null,
						"RETURNED".equals(status) ? Boolean.FALSE : null,
						"RETURNED".equals(status) ? java.sql.Timestamp.valueOf(leave.atTime(8, 0)) : null,
						"RETURNED".equals(status) ? java.sql.Timestamp.valueOf(back.atTime(18, 0)) : null)
				.update(key, "id");
			long id = key.getKey().longValue();
			jdbc.sql("insert into travel_destination (report_id, seq, region_code) values (?, 0, ?)").params(id, trips[i][1])
				.update();
			jdbc.sql("insert into travel_approver (report_id, step, staff_person_id) values (?, 0, ?)")
				.params(id, c.counselorPersonId).update();
			if (!"PENDING".equals(status)) {
				for (int step = 0; step < 2; step++) {
					jdbc.sql("""
							insert into travel_approval (report_id, step, step_kind, decision, decided_by, decided_by_name, decided_at)
							values (?, ?, ?, 'APPROVED', 0, ?, ?)""")
						.params(id, step, step == 0 ? "RESPONSIBLE" : "UNIT", step == 0 ? nameOf(c, c.counselorPersonId) : "学院管理员",
								java.sql.Timestamp.valueOf(leave.minusDays(2 - step).atTime(10, 0)))
						.update();
				}
			}
			if ("RETURNED".equals(status)) {
				jdbc.sql("""
						insert into travel_stay (report_id, seq, kind, region_code, from_date, to_date)
						values (?, 0, 'TRAVEL', ?, ?, ?)""").params(id, trips[i][1], leave, back).update();
			}
		}
		jdbc.sql("""
				insert into return_campaign (school_id, term, name, arrive_from, arrive_to, check_in_days, test_required,
				  test_valid_days, org_unit_id, created_by)
				values (?, ?, ?, ?, ?, 7, true, 2, ?, '防控办 王主任')""")
			.params(schoolId, today.getYear() + "-next", "下学期返校备案", today.plusDays(7), today.plusDays(21), c.firstCollegeId)
			.update();
	}

	private <T> void batch(String sql, List<T> rows, Function<T, Object[]> values) {
		for (int from = 0; from < rows.size(); from += BATCH) {
			List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + BATCH)).stream().map(values).toList();
			template.batchUpdate(sql, chunk);
		}
	}

	private void createAccounts(long schoolId, Campus c) {
		record Spec(String username, String displayName, String role, Long personId, List<ScopeGrant> scopes) {
		}
		ScopeGrant all = new ScopeGrant(DataScope.Kind.ALL, null);
		List<Spec> specs = List.of(
				new Spec("office", "防控办 王主任", "PREVENTION_OFFICE", null, List.of(all)),
				new Spec("unitadmin", "学院管理员", "UNIT_ADMIN", null,
						List.of(new ScopeGrant(DataScope.Kind.ORG_UNIT, c.firstCollegeId))),
				new Spec("counselor", nameOf(c, c.counselorPersonId) + "（辅导员）", "COUNSELOR", c.counselorPersonId,
						c.counselorClassIds.stream().map(id -> new ScopeGrant(DataScope.Kind.ORG_UNIT, id)).toList()),
				new Spec("grid", nameOf(c, c.gridLeaderPersonId) + "（网格长）", "COUNSELOR", c.gridLeaderPersonId,
						List.of(new ScopeGrant(DataScope.Kind.GRID, c.residentialGridId))),
				new Spec("doctor", "校医院 医生", "CLINIC_DOCTOR", null, List.of(all)),
				new Spec("logistics", "后勤处", "LOGISTICS", null, List.of(all)),
				new Spec("guard", "保卫处", "SECURITY_GUARD", null, List.of(all)),
				new Spec("leader", "校领导", "LEADER", null, List.of(all)),
				new Spec("student", nameOf(c, c.studentPersonId), "PERSON", c.studentPersonId, List.of()));
		for (Spec s : specs) {
			if (accounts.findId(s.username()).isEmpty()) {
				accounts.create(new NewAccount(schoolId, s.username(), s.displayName(), password, s.personId(),
						List.of(s.role()), s.scopes()));
			}
		}
	}

	private static String nameOf(Campus c, long personId) {
		return c.people.stream().filter(p -> p.id() == personId).findFirst().map(Campus.Person::name).orElse("");
	}
}
