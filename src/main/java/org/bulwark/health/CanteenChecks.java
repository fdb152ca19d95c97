package org.bulwark.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.Groups;
import org.bulwark.directory.OrgUnitKind;
import org.bulwark.directory.PersonTimeline;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The morning check of canteen and food staff (食品从业人员晨检): the people of the org units a school
 * marks as food-service units, checked by a canteen manager (CANTEEN_CHECK, within scope) once a day.
 * A correction updates the day's check and keeps every version; {@link FitForDuty} decides who must
 * not work.
 */
@Service
class CanteenChecks {

	private final JdbcClient jdbc;
	private final Groups groups;
	private final Policies policies;
	private final Profiles profiles;
	private final AuditLog audit;
	private final PersonTimeline timeline;
	private final TransactionTemplate tx;
	private final CheckIns checkIns;

	CanteenChecks(JdbcClient jdbc, Groups groups, Policies policies, Profiles profiles, AuditLog audit,
			PersonTimeline timeline, TransactionTemplate tx, CheckIns checkIns) {
		this.jdbc = jdbc;
		this.groups = groups;
		this.policies = policies;
		this.profiles = profiles;
		this.audit = audit;
		this.timeline = timeline;
		this.tx = tx;
		this.checkIns = checkIns;
	}

	/** A food-service unit with how far today's checks are. */
	record Unit(long id, String code, String name, int workers, int checked, int unfit) {
	}

	record Check(long id, long personId, LocalDate date, BigDecimal temperature, List<FitForDuty.Symptom> symptoms,
			boolean fit, String reason, List<String> forcedBy, String checkedByName, Instant checkedAt, int version) {
	}

	record Row(Groups.Member member, boolean away, Check check) {
	}

	record Sheet(Groups.Group unit, LocalDate date, BigDecimal feverThreshold, List<Row> rows) {

		public long unchecked() {
			return rows.stream().filter(r -> !r.away() && r.check() == null).count();
		}

		public long unfit() {
			return rows.stream().filter(r -> r.check() != null && !r.check().fit()).count();
		}
	}

	/** Someone who must not work: their unit and check. */
	record Unfit(long personId, String name, long unitId, String unitName, Check check) {
	}

	record Item(Long personId, BigDecimal temperature, List<String> symptoms, Boolean fit, String reason) {
	}

	sealed interface Outcome {
	}

	record Saved(int saved, boolean replayed) implements Outcome {
	}

	record Rejected(List<FieldProblem> problems) implements Outcome {
	}

	record NotFound() implements Outcome {
	}

	/** The food-service units the user may check, by name. */
	List<Unit> units(CurrentUser user, LocalDate date) {
		if (!user.can(Permission.CANTEEN_CHECK)) {
			return List.of();
		}
		List<Unit> units = new ArrayList<>();
		for (long id : jdbc.sql("select org_unit_id from canteen_unit where school_id = ?").param(user.schoolId())
			.query(Long.class).list()) {
			groups.find(user, Groups.Kind.ORG_UNIT, id).ifPresent(g -> {
				Sheet sheet = sheet(user, g, date);
				int workers = (int) sheet.rows().stream().filter(r -> !r.away()).count();
				int checked = (int) sheet.rows().stream().filter(r -> r.check() != null).count();
				units.add(new Unit(g.id(), g.code(), g.name(), workers, checked, (int) sheet.unfit()));
			});
		}
		units.sort((a, b) -> a.name().compareTo(b.name()));
		return units;
	}

	/** Org units the user could mark as food-service units: external employers and departments. */
	List<Groups.Group> candidates(CurrentUser user, String q) {
		Set<Long> marked = new HashSet<>(jdbc.sql("select org_unit_id from canteen_unit where school_id = ?")
			.param(user.schoolId()).query(Long.class).list());
		return groups.search(user, Groups.Kind.ORG_UNIT, q, 200).stream()
			.filter(g -> g.detail().equals(OrgUnitKind.EMPLOYER.name()) || g.detail().equals(OrgUnitKind.DEPARTMENT.name()))
			.filter(g -> !marked.contains(g.id()))
			.toList();
	}

	/** Marks an org unit within scope as a food-service unit; false when it is not visible. */
	boolean addUnit(CurrentUser user, long orgUnitId) {
		if (!user.can(Permission.CANTEEN_CHECK)) {
			return false;
		}
		Optional<Groups.Group> unit = groups.find(user, Groups.Kind.ORG_UNIT, orgUnitId);
		if (unit.isEmpty()) {
			return false;
		}
		try {
			int n = tx.execute(status -> jdbc.sql("insert into canteen_unit (school_id, org_unit_id, added_by) select ?, ?, ?"
					+ " where not exists (select 1 from canteen_unit where school_id = ? and org_unit_id = ?)")
				.params(user.schoolId(), orgUnitId, user.id(), user.schoolId(), orgUnitId).update());
			if (n > 0) {
				audit.record(AuditAction.CREATE, "canteen_unit", orgUnitId, unit.get().name() + " marked as a food-service unit");
			}
		}
		catch (DuplicateKeyException raced) {
			// marked by someone else at the same moment: the unit is marked either way
		}
		return true;
	}

	/** The unit's workers and their checks for a day, if the unit is a food-service unit the user sees. */
	Optional<Sheet> sheet(CurrentUser user, long unitId, LocalDate date) {
		if (!user.can(Permission.CANTEEN_CHECK) || !isCanteen(user.schoolId(), unitId)) {
			return Optional.empty();
		}
		return groups.find(user, Groups.Kind.ORG_UNIT, unitId).map(g -> sheet(user, g, date));
	}

	private boolean isCanteen(long schoolId, long unitId) {
		return jdbc.sql("select count(*) from canteen_unit where school_id = ? and org_unit_id = ?").params(schoolId, unitId)
			.query(Long.class).single() > 0;
	}

	private Sheet sheet(CurrentUser user, Groups.Group unit, LocalDate date) {
		List<Groups.Member> members = groups.members(user, Groups.Kind.ORG_UNIT, unit.id()).orElse(List.of());
		BigDecimal threshold = threshold(user.schoolId(), members);
		Map<Long, Check> checks = checks(user.schoolId(), date, unit.id(), threshold).stream()
			.collect(Collectors.toMap(Check::personId, Function.identity()));
		Set<Long> away = new HashSet<>();
		if (!members.isEmpty()) {
			String ids = members.stream().map(m -> String.valueOf(m.personId())).collect(Collectors.joining(","));
			away.addAll(jdbc.sql("select p.id from person p where p.id in (" + ids + ") and " + Absences.awayOn("p.id"))
				.params(Absences.awayOnParams(date)).query(Long.class).list());
		}
		List<Row> rows = members.stream()
			.map(m -> new Row(m, away.contains(m.personId()) && !checks.containsKey(m.personId()), checks.get(m.personId())))
			.toList();
		return new Sheet(unit, date, threshold, rows);
	}

	/** The fever threshold of the policy most of the unit's workers follow. */
	private BigDecimal threshold(long schoolId, List<Groups.Member> members) {
		List<CheckPolicy> all = policies.all(schoolId);
		Map<Long, Long> counts = members.stream()
			.map(m -> CheckPolicy.choose(all, m.population(), m.orgUnitLineage()).map(CheckPolicy::profileId).orElse(null))
			.filter(java.util.Objects::nonNull)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		long profileId = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
			.orElseGet(profiles::defaultId);
		return profiles.find(schoolId, profileId).map(DiseaseProfile::feverThreshold).orElse(new BigDecimal("37.3"));
	}

	private List<Check> checks(long schoolId, LocalDate date, long unitId, BigDecimal threshold) {
		return jdbc.sql("select c.id, c.person_id, c.check_date, c.temperature, c.symptoms, c.fit, c.reason, c.checked_by_name,"
				+ " c.checked_at, c.version from canteen_check c where c.school_id = ? and c.check_date = ? and c.org_unit_id = ?")
			.params(schoolId, date, unitId)
			.query((rs, i) -> check(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class), rs.getBigDecimal(4),
					rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getString(8),
					rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getInt(10), threshold))
			.list();
	}

	private static Check check(long id, long personId, LocalDate date, BigDecimal temperature, String symptoms, boolean fit,
			String reason, String by, Instant at, int version, BigDecimal threshold) {
		List<FitForDuty.Symptom> list = RollCalls.split(symptoms).stream().map(FitForDuty.Symptom::valueOf).toList();
		return new Check(id, personId, date, temperature, list, fit, reason,
				FitForDuty.assess(threshold, temperature, list).forcedBy(), by, at, version);
	}

	/** Everyone who must not work on the day, in the food-service units the user sees. */
	List<Unfit> unfit(CurrentUser user, LocalDate date) {
		if (!user.can(Permission.CANTEEN_CHECK)) {
			return List.of();
		}
		List<Unfit> found = new ArrayList<>();
		for (Unit u : units(user, date)) {
			sheet(user, u.id(), date).ifPresent(sheet -> sheet.rows().stream()
				.filter(r -> r.check() != null && !r.check().fit())
				.forEach(r -> found.add(new Unfit(r.member().personId(), r.member().name(), u.id(), u.name(), r.check()))));
		}
		return found;
	}

	/**
	 * Saves the checks of some of a unit's workers for a day in one transaction: every item is valid
	 * or nothing is stored. A retry with the same request id writes nothing.
	 */
	Outcome save(CurrentUser user, long unitId, LocalDate date, List<Item> items, String requestId, Instant now) {
		return save(user, unitId, date, items, requestId, now, true);
	}

	private Outcome save(CurrentUser user, long unitId, LocalDate date, List<Item> items, String requestId, Instant now,
			boolean mayRetry) {
		LocalDate today = now.atZone(checkIns.zone()).toLocalDate();
		LocalDate day = date == null ? today : date;
		Optional<Sheet> found = sheet(user, unitId, day);
		if (found.isEmpty()) {
			return new NotFound();
		}
		String key = requestId == null || requestId.isBlank() ? null : requestId.strip();
		if (key != null && key.length() > 40) {
			return new Rejected(List.of(FieldProblem.of("requestId", "health.requestId.tooLong", 40)));
		}
		List<Item> rows = items == null ? List.of() : items;
		if (key != null && !rows.isEmpty() && rows.get(0) != null && rows.get(0).personId() != null
				&& replayed(user.schoolId(), key, rows.get(0).personId())) {
			return new Saved(rows.size(), true);
		}
		List<FieldProblem> problems = new ArrayList<>();
		if (day.isAfter(today) || day.isBefore(today.minusDays(1))) {
			problems.add(FieldProblem.of("date", "rollCall.date.range"));
		}
		if (rows.isEmpty()) {
			problems.add(FieldProblem.of("items", "canteen.items.empty"));
		}
		Sheet sheet = found.get();
		Map<Long, Row> workers = sheet.rows().stream().collect(Collectors.toMap(r -> r.member().personId(), r -> r));
		record Decided(long personId, String name, BigDecimal temperature, List<FitForDuty.Symptom> symptoms,
				FitForDuty.Decided decision) {
		}
		List<Decided> decided = new ArrayList<>();
		Set<Long> seen = new HashSet<>();
		for (int i = 0; i < rows.size(); i++) {
			Item item = rows.get(i);
			String row = "items[" + i + "].";
			if (item == null || item.personId() == null) {
				problems.add(FieldProblem.of(row + "personId", "rollCall.person.required"));
				continue;
			}
			Row worker = workers.get(item.personId());
			if (worker == null) {
				problems.add(FieldProblem.of(row + "personId", "rollCall.person.notMember", item.personId()));
				continue;
			}
			if (worker.away()) {
				problems.add(FieldProblem.of(row + "personId", "rollCall.person.away", item.personId()));
				continue;
			}
			if (!seen.add(item.personId())) {
				problems.add(FieldProblem.of(row + "personId", "rollCall.person.twice", item.personId()));
				continue;
			}
			int before = problems.size();
			BigDecimal t = item.temperature();
			if (t == null) {
				problems.add(FieldProblem.of(row + "temperature", "health.temperature.required"));
			}
			else if (t.compareTo(CheckIns.MIN_TEMPERATURE) < 0 || t.compareTo(CheckIns.MAX_TEMPERATURE) > 0) {
				problems.add(FieldProblem.of(row + "temperature", "health.temperature.range",
						CheckIns.MIN_TEMPERATURE.toPlainString(), CheckIns.MAX_TEMPERATURE.toPlainString()));
			}
			else if (t.stripTrailingZeros().scale() > 1) {
				problems.add(FieldProblem.of(row + "temperature", "health.temperature.precision"));
			}
			List<FitForDuty.Symptom> symptoms = new ArrayList<>();
			for (String s : item.symptoms() == null ? List.<String>of() : item.symptoms()) {
				if (s == null || s.isBlank()) {
					continue;
				}
				try {
					FitForDuty.Symptom symptom = FitForDuty.Symptom.valueOf(s.strip().toUpperCase(Locale.ROOT));
					if (!symptoms.contains(symptom)) {
						symptoms.add(symptom);
					}
				}
				catch (IllegalArgumentException e) {
					problems.add(FieldProblem.of(row + "symptoms", "health.symptoms.unknown", s.strip()));
				}
			}
			if (problems.size() > before) {
				continue;
			}
			FitForDuty.Decision decision = FitForDuty.decide(sheet.feverThreshold(), t, symptoms, item.fit(), item.reason(),
					row);
			if (decision instanceof FitForDuty.Rejected r) {
				problems.addAll(r.problems());
			}
			else {
				decided.add(new Decided(item.personId(), worker.member().name(), t.setScale(1), List.copyOf(symptoms),
						(FitForDuty.Decided) decision));
			}
		}
		if (!problems.isEmpty()) {
			return new Rejected(List.copyOf(problems));
		}
		String by = user.displayName() == null || user.displayName().isBlank() ? user.getUsername() : user.displayName();
		OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
		try {
			tx.executeWithoutResult(status -> {
				for (Decided d : decided) {
					String symptoms = d.symptoms().stream().map(Enum::name).collect(Collectors.joining(","));
					Optional<long[]> existing = jdbc.sql("select id, version, case when fit then 1 else 0 end from canteen_check"
							+ " where school_id = ? and person_id = ? and check_date = ? for update")
						.params(user.schoolId(), d.personId(), day)
						.query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).optional();
					long id;
					int version;
					if (existing.isPresent()) {
						id = existing.get()[0];
						version = (int) existing.get()[1] + 1;
						jdbc.sql("""
								update canteen_check set org_unit_id = ?, temperature = ?, symptoms = ?, fit = ?, reason = ?,
								checked_by = ?, checked_by_name = ?, checked_at = ?, version = ? where id = ?""")
							.params(unitId, d.temperature(), symptoms, d.decision().fit(), d.decision().reason(), user.id(), by, at,
									version, id)
							.update();
					}
					else {
						version = 1;
						jdbc.sql("""
								insert into canteen_check (school_id, person_id, org_unit_id, check_date, temperature, symptoms, fit,
								reason, checked_by, checked_by_name, checked_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)""")
							.params(user.schoolId(), d.personId(), unitId, day, d.temperature(), symptoms, d.decision().fit(),
									d.decision().reason(), user.id(), by, at)
							.update();
						id = jdbc.sql("select id from canteen_check where school_id = ? and person_id = ? and check_date = ?")
							.params(user.schoolId(), d.personId(), day).query(Long.class).single();
					}
					jdbc.sql("""
							insert into canteen_check_revision (check_id, school_id, person_id, version, temperature, symptoms, fit,
							reason, checked_by, checked_at, request_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
						.params(id, user.schoolId(), d.personId(), version, d.temperature(), symptoms, d.decision().fit(),
								d.decision().reason(), user.id(), at, key == null ? null : key + "#" + d.personId())
						.update();
					String what = d.name() + " " + day + " " + d.temperature() + "℃ " + (d.decision().fit() ? "fit" : "not fit")
							+ (symptoms.isEmpty() ? "" : " " + symptoms)
							+ (d.decision().reason() == null ? "" : " (" + d.decision().reason() + ")");
					audit.record(version == 1 ? AuditAction.CREATE : AuditAction.UPDATE, "canteen_check", id, what);
					boolean wasFit = existing.map(e -> e[2] == 1).orElse(true);
					if (!d.decision().fit() || !wasFit) {
						timeline.record(d.personId(), "health", d.decision().fit() ? "canteenFit" : "canteenNotFit",
								day + " " + d.temperature() + "℃" + (symptoms.isEmpty() ? "" : " " + symptoms)
										+ (d.decision().reason() == null ? "" : " " + d.decision().reason()),
								now);
					}
				}
			});
		}
		catch (DuplicateKeyException raced) {
			// the same request twice at once, or two managers checking one worker at the same moment
			if (key != null && replayed(user.schoolId(), key, decided.get(0).personId())) {
				return new Saved(decided.size(), true);
			}
			if (!mayRetry) {
				// the key was used before for other workers: it names another save
				return new Rejected(List.of(FieldProblem.of("requestId", "canteen.requestId.reused")));
			}
			return save(user, unitId, date, items, requestId, now, false);
		}
		return new Saved(decided.size(), false);
	}

	private boolean replayed(long schoolId, String key, long firstPersonId) {
		return jdbc.sql("select count(*) from canteen_check_revision where school_id = ? and request_id = ?")
			.params(schoolId, key + "#" + firstPersonId).query(Long.class).single() > 0;
	}
}
