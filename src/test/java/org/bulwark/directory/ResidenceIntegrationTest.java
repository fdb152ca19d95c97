package org.bulwark.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

@BulwarkIntegrationTest
class ResidenceIntegrationTest {

	@Autowired
	Residences residences;

	@Autowired
	Households households;

	@Autowired
	PersonTimeline timeline;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcClient jdbc;

	long schoolId;
	String tag;
	long building;
	long room101;
	long room102;
	static final LocalDate SEPT = LocalDate.of(2025, 9, 1);

	@BeforeEach
	void building() {
		schoolId = jdbc.sql("select id from school order by id").query(Long.class).list().get(0);
		tag = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));
		building = place(null, "BUILDING", "楼" + tag, null);
		long floor = place(building, "FLOOR", "层" + tag, null);
		room101 = place(floor, "ROOM", "101-" + tag, 2);
		room102 = place(floor, "ROOM", "102-" + tag, 2);
		signIn();
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	private CurrentUser signIn() {
		CurrentUser user = new CurrentUser(-1, schoolId, "office-test", "Office", null, Set.of(Permission.PEOPLE_READ,
				Permission.PLACES_READ, Permission.RESIDENCES_WRITE), Set.of(), DataScope.everything(), true, false, null);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		return user;
	}

	@Test
	void movesInAndOutKeepingHistoryAndThePersonRowConsistent() {
		long p = person("入住甲");
		var in = residences.moveIn(signIn(), p, room101, null, null, SEPT);
		assertThat(in.saved()).isTrue();
		assertThat(residence(p)).isEqualTo(room101);
		assertThat(residences.current(p).bed()).isEqualTo("1");

		var out = residences.moveOut(signIn(), p, SEPT.minusDays(1));
		assertThat(out.problems()).extracting(FieldProblem::code).containsExactly("beforeMoveIn");
		assertThat(residence(p)).isEqualTo(room101);

		assertThat(residences.moveOut(signIn(), p, SEPT.plusDays(10)).saved()).isTrue();
		assertThat(residence(p)).isNull();
		assertThat(residences.current(p)).isNull();
		assertThat(residences.history(signIn(), p).orElseThrow()).singleElement()
			.satisfies(r -> assertThat(r.movedOut()).isEqualTo(SEPT.plusDays(10)));
		assertThat(timeline.page(signIn(), p, 0, 10).orElseThrow().items()).extracting(PersonTimeline.Entry::kind)
			.contains("movedIn", "movedOut");
	}

	@Test
	void movingInElsewhereEndsTheOldResidenceOnTheMoveInDate() {
		long p = person("换宿乙");
		residences.moveIn(signIn(), p, room101, null, null, SEPT);
		var earlier = residences.moveIn(signIn(), p, room102, null, null, SEPT.minusDays(3));
		assertThat(earlier.problems()).extracting(FieldProblem::code).containsExactly("beforeCurrent");
		assertThat(residences.moveIn(signIn(), p, room102, "2", null, SEPT.plusMonths(1)).saved()).isTrue();
		var history = residences.history(signIn(), p).orElseThrow();
		assertThat(history).hasSize(2);
		assertThat(history.get(0).placeId()).isEqualTo(room102);
		assertThat(history.get(0).bed()).isEqualTo("2");
		assertThat(history.get(1).movedOut()).isEqualTo(SEPT.plusMonths(1));
		assertThat(residence(p)).isEqualTo(room102);
		assertThat(jdbc.sql("select count(*) from residence where person_id = ? and moved_out is null").param(p)
			.query(Long.class).single()).isOne();
	}

	@Test
	void fullRoomIsRefusedByNameAndNothingIsWritten() {
		residences.moveIn(signIn(), person("满员1"), room101, null, null, SEPT);
		residences.moveIn(signIn(), person("满员2"), room101, null, null, SEPT);
		long third = person("满员3");
		var refused = residences.moveIn(signIn(), third, room101, null, null, SEPT);
		assertThat(refused.problems()).extracting(FieldProblem::field, FieldProblem::code)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("place", "roomFull"));
		assertThat(String.valueOf(refused.problems().get(0).args().get(0))).contains("101-" + tag);
		assertThat(residence(third)).isNull();
		assertThat(jdbc.sql("select count(*) from residence where person_id = ?").param(third).query(Long.class).single())
			.isZero();
		assertThat(residences.occupancy(building)).isEqualTo(new Residences.Occupancy(2, 4, 2, 2, 1));
	}

	@Test
	void oneBedCannotBeBookedTwiceEvenAtTheSameMoment() throws Exception {
		long a = person("抢床甲");
		long b = person("抢床乙");
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<Residences.Outcome>> results = new ArrayList<>();
		for (long p : List.of(a, b)) {
			Callable<Residences.Outcome> task = () -> {
				CurrentUser user = signIn();
				start.await();
				try {
					return residences.moveIn(user, p, room102, "1", null, SEPT);
				} finally {
					SecurityContextHolder.clearContext();
				}
			};
			results.add(pool.submit(task));
		}
		start.countDown();
		List<Residences.Outcome> outcomes = new ArrayList<>();
		for (var f : results) {
			outcomes.add(f.get());
		}
		pool.shutdown();
		assertThat(outcomes).filteredOn(Residences.Outcome::saved).hasSize(1);
		assertThat(outcomes).filteredOn(o -> !o.saved()).singleElement()
			.satisfies(o -> assertThat(o.problems()).extracting(FieldProblem::code).containsExactly("bedTaken"));
		assertThat(jdbc.sql("select count(*) from residence where place_id = ? and bed = '1' and moved_out is null")
			.param(room102).query(Long.class).single()).isOne();

		// and the database itself refuses a second open residence in that bed, whoever writes it
		long c = person("抢床丙");
		assertThatThrownBy(() -> jdbc.sql("""
				insert into residence (school_id, person_id, place_id, kind, bed, moved_in)
				values (?, ?, ?, 'DORM_BED', '1', ?)""").params(schoolId, c, room102, SEPT).update())
			.isInstanceOf(DuplicateKeyException.class);
	}

	@Test
	void bulkFillsFreeBedsInOrderAfterAPreviewAndAllOrNothing() {
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			person("批量" + i);
			codes.add("C" + tag + "批量" + i);
		}
		var plan = residences.plan(signIn(), codes, building);
		assertThat(plan.placements()).extracting(Residences.BulkPlan.Planned::roomId, Residences.BulkPlan.Planned::bed)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(room101, "1"), org.assertj.core.groups.Tuple.tuple(room101, "2"),
					org.assertj.core.groups.Tuple.tuple(room102, "1"));
		assertThat(jdbc.sql("select count(*) from residence where place_id in (?, ?)").params(room101, room102)
			.query(Long.class).single()).isZero();

		List<String> tooMany = new ArrayList<>(codes);
		tooMany.add("无此人" + tag);
		assertThat(residences.assignBulk(signIn(), tooMany, building, SEPT).problems()).extracting(FieldProblem::code)
			.containsExactly("unknownCodes");
		assertThat(residences.assignBulk(signIn(), codes, building, SEPT).id()).isEqualTo(3L);
		assertThat(residences.occupancy(building).freeBeds()).isEqualTo(1);
	}

	@Test
	void householdMembersMoveInWithTheHouseholdAndTheHeadLeavesWithThem() {
		long head = person("户主");
		long child = person("孩子");
		long hh = households.create(signIn(), room101, "H" + tag).id();
		assertThat(residences.moveIn(signIn(), head, null, null, hh, SEPT).saved()).isTrue();
		assertThat(residences.moveIn(signIn(), child, null, null, hh, SEPT).saved()).isTrue();
		assertThat(households.members(hh)).hasSize(2);
		assertThat(jdbc.sql("select household_id from person where id = ?").param(child).query(Long.class).single())
			.isEqualTo(hh);
		int version = households.find(signIn(), hh).orElseThrow().version();
		assertThat(households.setHead(signIn(), hh, version, head).saved()).isTrue();
		assertThat(households.setHead(signIn(), hh, version, child).problems()).extracting(FieldProblem::code)
			.containsExactly("conflict");
		residences.moveOut(signIn(), head, SEPT.plusDays(1));
		assertThat(households.find(signIn(), hh).orElseThrow().headPersonId()).isNull();
		assertThat(households.members(hh)).extracting(Households.Member::personId).containsExactly(child);
	}

	@Test
	void otherModulesAddToTheTimelineByCallOrEvent() throws InterruptedException {
		long p = person("时间线");
		timeline.record(p, "health", "checkedIn", "36.5", Instant.parse("2025-10-01T00:00:00Z"));
		transaction.executeWithoutResult(s -> events.publishEvent(new PersonEventOccurred(p, "testing", "sampled",
				"pool 12", Instant.parse("2025-10-02T00:00:00Z"))));
		// the listener runs after the publisher's commit, possibly on another thread
		var entries = timeline.page(signIn(), p, 0, 10).orElseThrow().items();
		for (int i = 0; i < 50 && entries.size() < 2; i++) {
			Thread.sleep(100);
			entries = timeline.page(signIn(), p, 0, 10).orElseThrow().items();
		}
		assertThat(entries).extracting(PersonTimeline.Entry::module).startsWith("testing", "health");
	}

	private long person(String name) {
		return insert("""
				insert into person (school_id, code, name, population, id_type, id_number) values (?, ?, ?, 'UNDERGRADUATE', 'OTHER', ?)""",
				schoolId, "C" + tag + name, name + tag, "R" + tag + name);
	}

	private Long residence(long personId) {
		return jdbc.sql("select residence_place_id from person where id = ?").param(personId).query(Long.class)
			.optional().orElse(null);
	}

	private long place(Long parent, String kind, String name, Integer capacity) {
		String parentPath = parent == null ? "/"
				: jdbc.sql("select path from place where id = ?").param(parent).query(String.class).single();
		long id = insert("insert into place (school_id, parent_id, kind, usage, code, name, capacity, path) values (?, ?, ?, 'DORMITORY', ?, ?, ?, 'x')",
				schoolId, parent, kind, name, name, capacity);
		jdbc.sql("update place set path = ? where id = ?").params(parentPath + id + "/", id).update();
		return id;
	}

	private long insert(String sql, Object... params) {
		return TestRows.insert(jdbc, sql, params);
	}
}
