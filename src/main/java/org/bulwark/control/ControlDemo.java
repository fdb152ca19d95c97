package org.bulwark.control;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo campus's control cases, once, after the demo people are seeded (the demo module cannot see
 * control, so control seeds its own): close contacts from a building screening, one of them due for
 * release today, secondary contacts at home, a returnee, a fever patient and one case already released,
 * all through the same use cases as the pages, so they carry their plans and timelines.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "bulwark.demo.enabled", havingValue = "true")
class ControlDemo implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ControlDemo.class);

	private final JdbcClient jdbc;
	private final CaseOpening opening;
	private final CaseActions actions;
	private final ControlCases cases;

	ControlDemo(JdbcClient jdbc, CaseOpening opening, CaseActions actions, ControlCases cases) {
		this.jdbc = jdbc;
		this.opening = opening;
		this.actions = actions;
		this.cases = cases;
	}

	@Override
	public void run(ApplicationArguments args) {
		List<Long> schools = jdbc.sql("select id from school order by id").query(Long.class).list();
		if (schools.isEmpty()) {
			return;
		}
		long school = schools.get(0);
		if (jdbc.sql("select count(*) from control_case where school_id = ?").param(school).query(Long.class).single() > 0) {
			return;
		}
		List<Long> people = jdbc.sql("select id from person where school_id = ? and active = true and population = 'UNDERGRADUATE'"
				+ " order by id limit 10").param(school).query(Long.class).list();
		if (people.size() < 10) {
			return;
		}
		CurrentUser demo = new CurrentUser(-1, school, "demo", "Demo", null, EnumSet.allOf(Permission.class), Set.of(),
				new DataScope(true, Set.of(), Set.of(), Set.of()), true, false, null);
		LocalDate today = cases.today();
		String note = "3号楼排查 / building 3 screening";
		int[] exposedDaysAgo = {10, 9, 6, 2};
		for (int i = 0; i < exposedDaysAgo.length; i++) {
			opening.open(demo, new CaseOpening.Opening(people.get(i), ControlCategory.CLOSE_CONTACT, null, today.minusDays(exposedDaysAgo[i]),
					null, null, note));
		}
		opening.open(demo, new CaseOpening.Opening(people.get(4), ControlCategory.SECONDARY_CONTACT, null, today.minusDays(3), null, null, note));
		opening.open(demo, new CaseOpening.Opening(people.get(5), ControlCategory.SECONDARY_CONTACT, null, today.minusDays(1), null, null, note));
		opening.open(demo, new CaseOpening.Opening(people.get(6), ControlCategory.RISK_AREA_RETURNEE, null, null, today.minusDays(4), null,
				"寒假返校 / back from the winter break"));
		opening.open(demo, new CaseOpening.Opening(people.get(7), ControlCategory.FEVER_PATIENT, null, null, null, today, "38.2℃"));
		opening.open(demo, new CaseOpening.Opening(people.get(8), ControlCategory.SPATIOTEMPORAL_COMPANION, null, today.minusDays(2), null, null,
				null));
		CaseResult done = opening.open(demo, new CaseOpening.Opening(people.get(9), ControlCategory.CLOSE_CONTACT, null, today.minusDays(11),
				null, null, note));
		if (done.saved()) {
			ControlCases.Case c = cases.find(demo, done.id()).orElseThrow();
			actions.act(demo, c.id(), new CaseActions.Request(CaseActions.Kind.RELEASE, c.version(), "第7天核酸阴性，期满解除 / negative on day 7",
					null, null, null));
		}
		log.info("Demo control cases seeded for school {}", school);
	}
}
