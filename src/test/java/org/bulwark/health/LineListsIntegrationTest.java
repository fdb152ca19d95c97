package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bulwark.health.NonReportingFixture.at;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.bulwark.BulwarkIntegrationTest;
import org.bulwark.health.NonReporting.State;
import org.bulwark.health.NonReporting.Status;
import org.bulwark.system.CurrentUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@BulwarkIntegrationTest
class LineListsIntegrationTest {

	@Autowired
	LineLists lists;

	@Autowired
	JdbcClient jdbc;

	private static LineLists.Query query(LocalDate day, String slot, Status status) {
		return new LineLists.Query(day, slot, status, null, null, null);
	}

	private List<String> names(CurrentUser user, LineLists.Query q, Instant now) {
		return lists.page(user, q, 0, 200, now).items().stream().map(l -> l.name() + ":" + l.state()).toList();
	}

	@Test
	void listsEachStatusOfASlotAndLeavesOutPeopleAway() {
		NonReportingFixture f = new NonReportingFixture(jdbc, 6);
		LocalDate day = NonReportingFixture.day(10);
		List<Long> p = f.people;
		// 0 on time, 1 late (after 09:45), 2 away, 3 never reported at all, 4 and 5 reported yesterday only
		f.checkIn(p.get(0), day, "morning", at(day, 7, 0), false);
		f.checkIn(p.get(1), day, "morning", at(day, 10, 30), true);
		f.away(p.get(2), day, day);
		f.checkIn(p.get(4), day.minusDays(1), "morning", at(day.minusDays(1), 7, 0), false);
		f.checkIn(p.get(5), day.minusDays(1), "morning", at(day.minusDays(1), 7, 0), false);
		CurrentUser user = f.user(f.unitId);
		String name3 = name(f, 3);

		Instant eight = at(day, 8, 0);
		assertThat(names(user, query(day, "morning", Status.NOT_YET), eight)).containsExactlyInAnyOrder(
				name3 + ":NOT_YET", name(f, 4) + ":NOT_YET", name(f, 5) + ":NOT_YET");
		assertThat(names(user, query(day, "morning", Status.OVERDUE), eight)).isEmpty();

		// still on time within the 15 minutes' grace, overdue after it
		assertThat(names(user, query(day, "morning", Status.OVERDUE), at(day, 9, 44))).isEmpty();
		Instant eleven = at(day, 11, 0);
		assertThat(names(user, query(day, "morning", Status.OVERDUE), eleven)).containsExactlyInAnyOrder(
				name3 + ":OVERDUE", name(f, 4) + ":OVERDUE", name(f, 5) + ":OVERDUE");
		assertThat(names(user, query(day, "morning", Status.NEVER), eleven)).containsExactly(name3 + ":OVERDUE");
		assertThat(names(user, query(day, "morning", Status.LATE), eleven)).containsExactly(name(f, 1) + ":REPORTED_LATE");
		assertThat(lists.page(user, query(day, "morning", Status.MISSING), 0, 50, eleven).items())
			.extracting(LineLists.Line::state).containsOnly(State.OVERDUE).hasSize(3);

		LineLists.Summary s = lists.summary(user, day, "morning", eleven);
		assertThat(s.expected()).isEqualTo(6);
		assertThat(s.reported()).isEqualTo(2);
		assertThat(s.late()).isEqualTo(1);
		assertThat(s.overdue()).isEqualTo(3);
		assertThat(s.notYet()).isZero();
		assertThat(s.never()).isEqualTo(1);
		assertThat(s.away()).isEqualTo(1);

		// before the slot opens nobody is missing
		assertThat(names(user, query(day, "morning", Status.MISSING), at(day, 5, 0))).isEmpty();
	}

	@Test
	void searchFindsByNameAndPagesKeepTheirOrder() {
		NonReportingFixture f = new NonReportingFixture(jdbc, 5);
		LocalDate day = NonReportingFixture.day(11);
		CurrentUser user = f.user(f.unitId);
		Instant now = at(day, 8, 0);
		assertThat(lists.page(user, new LineLists.Query(day, "noon", Status.MISSING, name(f, 2), null, null), 0, 50,
				at(day, 12, 0)).items()).extracting(LineLists.Line::personId).containsExactly(f.people.get(2));
		List<Long> seen = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			var result = lists.page(user, query(day, "morning", Status.MISSING), page, 2, now);
			assertThat(result.total()).isEqualTo(5);
			result.items().forEach(l -> seen.add(l.personId()));
		}
		assertThat(seen).containsExactlyInAnyOrderElementsOf(f.people);
	}

	@Test
	void groupsByUnitAndByTheCounselorWhoAnswersForThem() {
		NonReportingFixture f = new NonReportingFixture(jdbc, 4);
		LocalDate day = NonReportingFixture.day(12);
		long counselor = f.people.get(0);
		// person 0 answers for the class, person 1 also has a household-free direct carer (PERSON target)
		jdbc.sql("insert into responsibility (school_id, responsible_person_id, role, target_kind, target_id)"
				+ " values (?, ?, 'COUNSELOR', 'ORG_UNIT', ?)").params(f.schoolId, counselor, f.unitId).update();
		long carer = f.people.get(1);
		jdbc.sql("insert into responsibility (school_id, responsible_person_id, role, target_kind, target_id)"
				+ " values (?, ?, 'DOCTOR', 'PERSON', ?)").params(f.schoolId, carer, f.people.get(3)).update();
		CurrentUser user = f.user(f.unitId);
		Instant now = at(day, 8, 0);
		LineLists.Query q = query(day, "morning", Status.MISSING);

		assertThat(lists.byUnit(user, q, now)).extracting(g -> g.id() + ":" + g.count()).containsExactly(f.unitId + ":4");
		List<LineLists.Group> byResponsible = lists.byResponsible(user, q, now);
		assertThat(byResponsible).extracting(g -> g.id() + ":" + g.count() + ":" + g.detail())
			.containsExactly(counselor + ":4:COUNSELOR", carer + ":1:DOCTOR");
		assertThat(lists.page(user, new LineLists.Query(day, "morning", Status.MISSING, null, null, carer), 0, 50, now)
			.items()).extracting(LineLists.Line::personId).containsExactly(f.people.get(3));
	}

	@Test
	void aUserSeesOnlyThePeopleOfTheirScope() {
		NonReportingFixture mine = new NonReportingFixture(jdbc, 3);
		NonReportingFixture other = new NonReportingFixture(jdbc, 2);
		LocalDate day = NonReportingFixture.day(13);
		Instant now = at(day, 8, 0);
		CurrentUser counselor = mine.user(mine.unitId);
		List<Long> seen = lists.page(counselor, query(day, "morning", Status.MISSING), 0, 200, now).items().stream()
			.map(LineLists.Line::personId).toList();
		assertThat(seen).containsExactlyInAnyOrderElementsOf(mine.people).doesNotContainAnyElementsOf(other.people);
		assertThat(lists.summary(counselor, day, "morning", now).expected()).isEqualTo(3);
		assertThat(lists.page(other.user(other.unitId), query(day, "morning", Status.MISSING), 0, 200, now).total())
			.isEqualTo(2);
	}

	private String name(NonReportingFixture f, int i) {
		return jdbc.sql("select name from person where id = ?").param(f.people.get(i)).query(String.class).single();
	}
}
