package org.bulwark.health;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bulwark.directory.Registry.Condition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may read of health: the disease profiles a school uses, how many check-ins
 * people made each day (the control module counts a person's follow-ups with it) and a day's health
 * facts about a person as SQL conditions (the control module's pass status). Read only.
 */
@Service
public class HealthRecords {

	/** A disease profile as other modules name it. */
	public record ProfileRef(long id, String code, String nameZh, String nameEn) {

		public String name(java.util.Locale locale) {
			return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
		}
	}

	/**
	 * What the health module knows of a person on a day, each a condition on the person row {@code p}
	 * (columns {@code p.id}, {@code p.school_id}, {@code p.created_at}) with its parameters, so that a
	 * caller can test them for one person, a batch or a whole filtered list in one statement. Nothing is
	 * stored or held: the conditions read the check-ins, triage tasks and absences as they are.
	 *
	 * @param feverAwaitingTriage an open triage task with a fever among its check-ins, or a fever check-in
	 *     today that no triage task has taken up yet (the clinic's listener runs after the commit)
	 * @param abnormalAwaitingTriage the same without a fever: other abnormal signs
	 * @param sickAbsence an open sick absence that began by the day: the clinic has not checked the
	 *     return certificate (复课证明) yet
	 * @param away another absence covers the day (leave): nobody expects a check-in
	 * @param notReported a slot of the person's check policy is past its deadline and grace on the day
	 *     without a check-in, and no absence covers the day
	 */
	public record DayFacts(Condition feverAwaitingTriage, Condition abnormalAwaitingTriage, Condition sickAbsence, Condition away,
			Condition notReported) {
	}

	private final JdbcClient jdbc;
	private final Profiles profiles;
	private final Roster roster;
	private final ZoneId zone;

	HealthRecords(JdbcClient jdbc, Profiles profiles, Roster roster, @Value("${bulwark.health.time-zone:Asia/Shanghai}") ZoneId zone) {
		this.jdbc = jdbc;
		this.profiles = profiles;
		this.roster = roster;
		this.zone = zone;
	}

	/**
	 * The health facts of {@code day} at the instant {@code now} (which slots are past their deadline).
	 * Not read-only: the school's default check policy is created on first use.
	 */
	@Transactional
	public DayFacts dayFacts(long schoolId, LocalDate day, Instant now) {
		// an abnormal check-in of the day waiting for triage: no signal of this version of it yet (the listener
		// has not run) and no task concluded since it was submitted
		String pending = "exists (select 1 from check_in ci where ci.school_id = p.school_id and ci.person_id = p.id and ci.check_date = ?"
				+ " and ci.abnormal = true and ci.fever = %s and not exists (select 1 from triage_signal s where s.school_id = ci.school_id"
				+ " and s.check_in_id = ci.id and s.measured_at = ci.measured_at) and not exists (select 1 from triage_task d"
				+ " where d.person_id = ci.person_id and d.status = 'DONE' and d.concluded_at >= ci.submitted_at))";
		String openTask = "exists (select 1 from triage_task t where t.school_id = p.school_id and t.open_person_id = p.id and %s"
				+ " exists (select 1 from triage_signal s join check_in ci on ci.id = s.check_in_id where s.task_id = t.id and ci.fever = true))";
		Condition fever = new Condition("(" + openTask.formatted("") + " or " + pending.formatted("true") + ")", List.of(day));
		Condition abnormal = new Condition("(" + openTask.formatted("not") + " or " + pending.formatted("false") + ")", List.of(day));
		Condition sick = new Condition("exists (select 1 from absence a where a.person_id = p.id and a.school_id = p.school_id"
				+ " and a.kind = 'SICK' and a.status = 'OPEN' and a.starts_on <= ?)", List.of(day));
		List<Object> awayParams = new ArrayList<>(Absences.awayOnParams(day));
		Condition away = new Condition("exists (select 1 from absence a where a.person_id = p.id and a.kind <> 'SICK' and "
				+ Absences.awayToday("a") + ")", awayParams);
		return new DayFacts(fever, abnormal, sick, away, notReported(schoolId, day, now));
	}

	private Condition notReported(long schoolId, LocalDate day, Instant now) {
		List<String> missing = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		for (Slot slot : roster.slotsOfDay(schoolId)) {
			for (Roster.Expectation e : roster.expectations(schoolId, slot.code())) {
				if (e.slot().isPresent() && NonReporting.phase(e.slot().get(), day, now, zone) == NonReporting.Phase.OVERDUE) {
					missing.add("(" + e.predicate() + " and not exists (select 1 from check_in r where r.school_id = p.school_id"
							+ " and r.person_id = p.id and r.check_date = ? and r.slot_code = ?))");
					params.add(day);
					params.add(slot.code());
				}
			}
		}
		if (missing.isEmpty()) {
			return new Condition("1 = 0", List.of());
		}
		// nobody is expected before they were enrolled, nor while away (sick or on leave)
		params.add(day.plusDays(1).atStartOfDay(zone).toOffsetDateTime());
		params.addAll(Absences.awayOnParams(day));
		return new Condition("((" + String.join(" or ", missing) + ") and p.created_at < ? and not " + Absences.awayOn("p.id") + ")",
				List.copyOf(params));
	}

	/** The profiles the school may use: the built-in ones and its own. */
	@Transactional(readOnly = true)
	public List<ProfileRef> profiles(long schoolId) {
		return profiles.all(schoolId).stream().map(p -> new ProfileRef(p.id(), p.code(), p.nameZh(), p.nameEn())).toList();
	}

	/** The profile of the school's default check policy, or the built-in default when it has none yet. */
	@Transactional(readOnly = true)
	public long defaultProfileId(long schoolId) {
		return jdbc.sql("select profile_id from check_policy where school_id = ? and is_default = true order by id")
			.param(schoolId).query(Long.class).list().stream().findFirst().orElseGet(profiles::defaultId);
	}

	/** Check-ins per person and day (any slot) from {@code from} to {@code to}, both inclusive; days without any are absent. */
	@Transactional(readOnly = true)
	public Map<Long, Map<LocalDate, Integer>> checkInsPerDay(long schoolId, Collection<Long> personIds, LocalDate from, LocalDate to) {
		Map<Long, Map<LocalDate, Integer>> counts = new HashMap<>();
		List<Long> ids = new ArrayList<>(personIds);
		for (int i = 0; i < ids.size(); i += 1000) {
			List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + 1000));
			List<Object> params = new ArrayList<>();
			params.add(schoolId);
			params.add(from);
			params.add(to);
			params.addAll(chunk);
			jdbc.sql("select person_id, check_date, count(*) from check_in where school_id = ? and check_date between ? and ?"
					+ " and person_id in (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ") group by person_id, check_date")
				.params(params)
				.query((rs, n) -> counts.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
					.put(rs.getObject(2, LocalDate.class), rs.getInt(3)))
				.list();
		}
		return counts;
	}
}
