package org.bulwark.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One version of the rules for a category: the phases one after another (e.g. 7 days centralized
 * isolation, then 3 days home health monitoring), the date they count from, the days on which a test is
 * required (counted from that date, day 0 being the date itself), how many days a missed
 * follow-up adds, how many check-ins a day the person owes and the release criteria in words. A new
 * version never changes open cases until the office re-applies it.
 */
public record ControlPolicy(ControlCategory category, int version, StartReference startFrom, List<Phase> phases,
		Set<Integer> testDays, int daysAddedPerMissedFollowUp, int checksPerDay, String releaseCriteria) {

	public enum StartReference { LAST_EXPOSURE, ARRIVAL, REPORT_DATE }

	public record Phase(Measure measure, int days) {

		public Phase {
			if (days < 1) {
				throw new IllegalArgumentException("a phase lasts at least one day");
			}
		}
	}

	public ControlPolicy {
		phases = List.copyOf(phases);
		testDays = Set.copyOf(testDays);
		if (phases.isEmpty()) {
			throw new IllegalArgumentException("a policy has at least one phase");
		}
		if (daysAddedPerMissedFollowUp < 0) {
			throw new IllegalArgumentException("missed follow-ups cannot shorten a case");
		}
		if (checksPerDay < 0) {
			throw new IllegalArgumentException("check-ins a day cannot be negative");
		}
	}

	public ControlPolicy(ControlCategory category, int version, StartReference startFrom, List<Phase> phases,
			Set<Integer> testDays, int daysAddedPerMissedFollowUp) {
		this(category, version, startFrom, phases, testDays, daysAddedPerMissedFollowUp, 0, null);
	}

	public int totalDays() {
		return phases.stream().mapToInt(Phase::days).sum();
	}

	/** Whether the person stays in an isolation room during any phase. */
	public boolean needsRoom() {
		return phases.stream().anyMatch(p -> p.measure().needsRoom());
	}

	// --- the stored form: "CENTRALIZED_ISOLATION:7;HOME_HEALTH_MONITORING:3" and "1,4,7"

	/** The phases as stored; {@link IllegalArgumentException} when the text is not phases. */
	static List<Phase> parsePhases(String text) {
		List<Phase> phases = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return phases;
		}
		for (String part : text.split(";")) {
			String[] mp = part.strip().split(":");
			if (mp.length != 2) {
				throw new IllegalArgumentException("not a phase: " + part);
			}
			phases.add(new Phase(Measure.valueOf(mp[0].strip()), Integer.parseInt(mp[1].strip())));
		}
		return phases;
	}

	static String formatPhases(List<Phase> phases) {
		return phases.stream().map(p -> p.measure().name() + ":" + p.days()).collect(Collectors.joining(";"));
	}

	/** Test days as typed ("1, 4, 7" or "1 4 7"); {@link IllegalArgumentException} for anything else, or a day outside 0–365. */
	static Set<Integer> parseDays(String text) {
		Set<Integer> days = new TreeSet<>();
		if (text == null || text.isBlank()) {
			return days;
		}
		for (String d : text.strip().split("[\\s,，、;；]+")) {
			int day = Integer.parseInt(d);
			if (day < 0 || day > 365) {
				throw new IllegalArgumentException("test day out of range: " + day);
			}
			days.add(day);
		}
		return days;
	}

	static String formatDays(Set<Integer> days) {
		return days.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
	}

	/** Measures changed by hand on a case, by phase position, as stored ("0:HOME_ISOLATION;1:SELF_HEALTH_MONITORING"). */
	static Map<Integer, Measure> parseOverrides(String text) {
		Map<Integer, Measure> overrides = new LinkedHashMap<>();
		if (text == null || text.isBlank()) {
			return overrides;
		}
		for (String part : text.split(";")) {
			String[] pm = part.split(":");
			overrides.put(Integer.parseInt(pm[0]), Measure.valueOf(pm[1]));
		}
		return overrides;
	}

	static String formatOverrides(Map<Integer, Measure> overrides) {
		return overrides.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + ":" + e.getValue().name())
			.collect(Collectors.joining(";"));
	}

	/**
	 * The policies a school starts with for each category, after the campus practice of the 9th edition
	 * of the national protocol (e.g. close contacts 7 days centralized isolation and 3 days home health
	 * monitoring from the last exposure, tested on days 1, 4 and 7). The office edits them per profile.
	 */
	static ControlPolicy standard(ControlCategory category) {
		Measure ci = Measure.CENTRALIZED_ISOLATION;
		Measure hi = Measure.HOME_ISOLATION;
		Measure hm = Measure.HOME_HEALTH_MONITORING;
		Measure sm = Measure.SELF_HEALTH_MONITORING;
		Measure dt = Measure.DAILY_TESTING;
		StartReference exp = StartReference.LAST_EXPOSURE;
		StartReference rep = StartReference.REPORT_DATE;
		StartReference arr = StartReference.ARRIVAL;
		return switch (category) {
			case CONFIRMED -> new ControlPolicy(category, 1, rep, List.of(new Phase(ci, 10), new Phase(hm, 7)), Set.of(1, 3, 5, 7, 9), 1, 3,
					"两次核酸检测Ct值≥35（间隔24小时）且症状好转 / two tests with Ct ≥ 35 24 h apart and symptoms improved");
			case ASYMPTOMATIC -> new ControlPolicy(category, 1, rep, List.of(new Phase(ci, 7), new Phase(hm, 3)), Set.of(1, 3, 5, 7), 1, 3,
					"第6、7天核酸Ct值≥35 / tests on days 6 and 7 with Ct ≥ 35");
			case SUSPECTED -> new ControlPolicy(category, 1, rep, List.of(new Phase(ci, 3)), Set.of(0, 1, 2), 1, 3,
					"连续两次核酸阴性（间隔24小时）/ two negative tests 24 h apart");
			case CLOSE_CONTACT -> new ControlPolicy(category, 1, exp, List.of(new Phase(ci, 7), new Phase(hm, 3)), Set.of(1, 4, 7), 1, 3,
					"第7天核酸阴性 / negative test on day 7");
			case SECONDARY_CONTACT -> new ControlPolicy(category, 1, exp, List.of(new Phase(hi, 7)), Set.of(1, 4, 7), 1, 3,
					"第7天核酸阴性 / negative test on day 7");
			case SPATIOTEMPORAL_COMPANION -> new ControlPolicy(category, 1, exp, List.of(new Phase(dt, 3), new Phase(sm, 4)), Set.of(0, 1, 2),
					0, 2, "三天两检阴性 / two negative tests in three days");
			case RISK_AREA_RETURNEE -> new ControlPolicy(category, 1, arr, List.of(new Phase(hi, 7)), Set.of(1, 3, 5, 7), 1, 3,
					"第7天核酸阴性 / negative test on day 7");
			case INBOUND_TRAVELLER -> new ControlPolicy(category, 1, arr, List.of(new Phase(ci, 5), new Phase(hi, 3)), Set.of(1, 2, 3, 5, 7), 1, 3,
					"集中隔离第5天、居家第3天核酸阴性 / negative tests on day 5 and day 8");
			case COLD_CHAIN_EXPOSURE -> new ControlPolicy(category, 1, exp, List.of(new Phase(hm, 7)), Set.of(1, 4, 7), 0, 2,
					"第7天核酸阴性 / negative test on day 7");
			case FEVER_PATIENT -> new ControlPolicy(category, 1, rep, List.of(new Phase(ci, 2), new Phase(sm, 3)), Set.of(0, 1), 1, 3,
					"体温正常24小时且核酸阴性 / 24 h without fever and a negative test");
			case OTHER -> new ControlPolicy(category, 1, rep, List.of(new Phase(sm, 7)), Set.of(), 0, 2, null);
		};
	}
}
