package org.bulwark.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bulwark.control.ControlCases.Action;
import org.bulwark.control.ControlCases.Source;
import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PersonTimeline;
import org.bulwark.directory.PlaceDirectory;
import org.bulwark.directory.Registry;
import org.bulwark.health.TriageConcluded;
import org.bulwark.health.TriageOutcome;
import org.bulwark.screening.PersonClassified;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opening control cases: by hand for one person, from a pasted list (all or nothing, problems by row),
 * and by themselves from a triage outcome ({@link TriageConcluded}) or a screening classification
 * ({@link PersonClassified}). A person has at most one open case per category: openings lock the
 * person's row, and the unique key on the open case holds if anything slips past. An event delivered
 * again finds the case it opened (its source key) and changes nothing.
 */
@Service
class CaseOpening {

	private static final Logger log = LoggerFactory.getLogger(CaseOpening.class);
	static final int MAX_ROWS = 2_000;

	private final JdbcClient jdbc;
	private final ControlCases cases;
	private final ControlPolicies policies;
	private final Registry registry;
	private final PlaceDirectory directory;
	private final AuditLog audit;
	private final PersonTimeline timeline;
	private final TransactionTemplate transactions;
	private final org.springframework.jdbc.core.JdbcTemplate template;

	CaseOpening(JdbcClient jdbc, ControlCases cases, ControlPolicies policies, Registry registry, PlaceDirectory directory, AuditLog audit,
			PersonTimeline timeline, PlatformTransactionManager transactionManager, org.springframework.jdbc.core.JdbcTemplate template) {
		this.template = template;
		this.jdbc = jdbc;
		this.cases = cases;
		this.policies = policies;
		this.registry = registry;
		this.directory = directory;
		this.audit = audit;
		this.timeline = timeline;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** A case as the office opens it; {@code profileId} null for the school's default disease profile. */
	record Opening(Long personId, ControlCategory category, Long profileId, LocalDate lastExposureOn, LocalDate arrivalOn,
			LocalDate reportOn, String notes) {
	}

	/** Opens one case, or says what is wrong by field (person outside the scope, a date the policy needs, a case already open). */
	CaseResult open(CurrentUser user, Opening o) {
		List<FieldProblem> problems = new ArrayList<>();
		if (o.personId() == null) {
			problems.add(FieldProblem.of("personId", "required"));
		} else if (registry.find(user, o.personId()).isEmpty()) {
			return CaseResult.refused("personId", "notFound");
		}
		if (o.category() == null) {
			problems.add(FieldProblem.of("category", "required"));
		}
		long profile = o.profileId() != null ? o.profileId() : policies.defaultProfile(user.schoolId());
		if (policies.profiles(user.schoolId()).stream().noneMatch(p -> p.id() == profile)) {
			problems.add(FieldProblem.of("profileId", "notFound"));
		}
		LocalDate today = cases.today();
		LocalDate report = o.reportOn() == null ? today : o.reportOn();
		checkNotFuture("lastExposureOn", o.lastExposureOn(), today, problems);
		checkNotFuture("arrivalOn", o.arrivalOn(), today, problems);
		checkNotFuture("reportOn", report, today, problems);
		if (!problems.isEmpty()) {
			return CaseResult.refused(problems);
		}
		ControlPolicies.Version policy = policies.current(user.schoolId(), profile, o.category());
		CasePlan.Facts facts = new CasePlan.Facts(o.lastExposureOn(), o.arrivalOn(), report);
		if (CasePlan.of(policy.policy(), facts).isEmpty()) {
			return CaseResult.refused(factField(policy.policy().startFrom()), "required");
		}
		String notes = o.notes() == null || o.notes().isBlank() ? null : ControlCases.truncate(o.notes().strip(), 1000);
		try {
			return transactions.execute(status -> {
				lockPerson(o.personId());
				if (openCase(user.schoolId(), o.personId(), o.category()).isPresent()) {
					status.setRollbackOnly();
					return CaseResult.refused("personId", "control.alreadyOpen");
				}
				long id = write(user.schoolId(), o.personId(), o.category(), policy, facts, notes, Source.MANUAL, null, Map.of(),
						user.getUsername(), Instant.now(), null);
				return CaseResult.ok(id);
			});
		} catch (DuplicateKeyException e) {
			return CaseResult.refused("personId", "control.alreadyOpen");
		}
	}

	static String factField(ControlPolicy.StartReference reference) {
		return switch (reference) {
			case LAST_EXPOSURE -> "lastExposureOn";
			case ARRIVAL -> "arrivalOn";
			case REPORT_DATE -> "reportOn";
		};
	}

	private static void checkNotFuture(String field, LocalDate date, LocalDate today, List<FieldProblem> problems) {
		if (date != null && date.isAfter(today)) {
			problems.add(FieldProblem.of(field, "inFuture"));
		}
	}

	// --- a list

	/** A problem with one line of a pasted list (line numbers from 1). */
	record RowProblem(int row, String number, String field, String code, List<Object> args) {

		String messageKey() {
			return "validation." + code;
		}
	}

	record BulkResult(List<Long> caseIds, List<RowProblem> problems, boolean conflict) {

		boolean saved() {
			return problems.isEmpty() && !conflict;
		}
	}

	private record Line(int row, String number, String date) {
	}

	/**
	 * Lines of "number [date]" (a student/staff or ID number, then optionally the date the policy counts
	 * from, e.g. the last exposure); {@code defaultDate} stands for lines without a date.
	 */
	static List<String[]> parse(String text) {
		List<String[]> lines = new ArrayList<>();
		if (text == null) {
			return lines;
		}
		String[] raw = text.split("\\R");
		for (int i = 0; i < raw.length; i++) {
			String[] parts = raw[i].strip().split("[\\s,，;；]+");
			if (parts.length == 0 || parts[0].isBlank()) {
				continue;
			}
			lines.add(new String[] {String.valueOf(i + 1), parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : null});
		}
		return lines;
	}

	static Optional<LocalDate> date(String text) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		for (String pattern : List.of("yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd")) {
			try {
				return Optional.of(LocalDate.parse(text.strip(), DateTimeFormatter.ofPattern(pattern)));
			} catch (DateTimeParseException e) {
				// the next pattern
			}
		}
		throw new IllegalArgumentException(text);
	}

	/** Opens a case for every line or none: the problems say which line and which field. */
	BulkResult openAll(CurrentUser user, ControlCategory category, Long profileId, LocalDate defaultDate, String text, String notes) {
		List<RowProblem> problems = new ArrayList<>();
		if (category == null) {
			problems.add(new RowProblem(0, null, "category", "required", List.of()));
		}
		List<Line> lines = parse(text).stream().map(l -> new Line(Integer.parseInt(l[0]), l[1], l[2])).toList();
		if (lines.isEmpty()) {
			problems.add(new RowProblem(0, null, "numbers", "required", List.of()));
		}
		if (lines.size() > MAX_ROWS) {
			problems.add(new RowProblem(0, null, "numbers", "control.tooManyRows", List.of(MAX_ROWS)));
		}
		long profile = profileId != null ? profileId : policies.defaultProfile(user.schoolId());
		if (policies.profiles(user.schoolId()).stream().noneMatch(p -> p.id() == profile)) {
			problems.add(new RowProblem(0, null, "profileId", "notFound", List.of()));
		}
		LocalDate today = cases.today();
		if (defaultDate != null && defaultDate.isAfter(today)) {
			problems.add(new RowProblem(0, null, "date", "inFuture", List.of()));
		}
		if (!problems.isEmpty()) {
			return new BulkResult(List.of(), problems, false);
		}
		ControlPolicies.Version policy = policies.current(user.schoolId(), profile, category);
		ControlPolicy.StartReference from = policy.policy().startFrom();
		Map<String, PlaceDirectory.PersonRef> byNumber = new HashMap<>();
		for (PlaceDirectory.PersonMatch m : directory.peopleByNumber(user, lines.stream().map(Line::number).distinct().toList())) {
			if (m.person().code() != null) {
				byNumber.putIfAbsent(m.person().code().toUpperCase(Locale.ROOT), m.person());
			}
			if (m.idNumber() != null) {
				byNumber.putIfAbsent(m.idNumber().toUpperCase(Locale.ROOT), m.person());
			}
		}
		Map<Long, Integer> seen = new HashMap<>();
		Map<Long, CasePlan.Facts> facts = new LinkedHashMap<>();
		for (Line line : lines) {
			PlaceDirectory.PersonRef person = byNumber.get(line.number());
			if (person == null) {
				problems.add(new RowProblem(line.row(), line.number(), "number", "control.personNotFound", List.of()));
				continue;
			}
			if (seen.putIfAbsent(person.id(), line.row()) != null) {
				problems.add(new RowProblem(line.row(), line.number(), "number", "control.duplicateRow", List.of(seen.get(person.id()))));
				continue;
			}
			LocalDate date;
			try {
				date = date(line.date()).orElse(defaultDate);
			} catch (IllegalArgumentException e) {
				problems.add(new RowProblem(line.row(), line.number(), "date", "control.date", List.of(line.date())));
				continue;
			}
			if (date == null && from != ControlPolicy.StartReference.REPORT_DATE) {
				problems.add(new RowProblem(line.row(), line.number(), "date", "required", List.of()));
				continue;
			}
			if (date != null && date.isAfter(today)) {
				problems.add(new RowProblem(line.row(), line.number(), "date", "inFuture", List.of()));
				continue;
			}
			LocalDate d = date == null ? today : date;
			facts.put(person.id(), switch (from) {
				case LAST_EXPOSURE -> new CasePlan.Facts(d, null, today);
				case ARRIVAL -> new CasePlan.Facts(null, d, today);
				case REPORT_DATE -> new CasePlan.Facts(null, null, d);
			});
		}
		if (!facts.isEmpty()) {
			List<Object> params = new ArrayList<>(List.of(user.schoolId(), category.name()));
			params.addAll(facts.keySet());
			Set<Long> open = new HashSet<>(jdbc.sql("select person_id from control_case where school_id = ? and category = ? and status = 'OPEN'"
					+ " and open_person_id in (" + String.join(",", java.util.Collections.nCopies(facts.size(), "?")) + ")")
				.params(params).query(Long.class).list());
			for (Line line : lines) {
				PlaceDirectory.PersonRef person = byNumber.get(line.number());
				if (person != null && open.contains(person.id()) && seen.get(person.id()) == line.row()) {
					problems.add(new RowProblem(line.row(), line.number(), "number", "control.alreadyOpen", List.of()));
				}
			}
		}
		if (!problems.isEmpty()) {
			problems.sort((a, b) -> Integer.compare(a.row(), b.row()));
			return new BulkResult(List.of(), problems, false);
		}
		String note = notes == null || notes.isBlank() ? null : ControlCases.truncate(notes.strip(), 1000);
		String batch = java.util.UUID.randomUUID().toString();
		try {
			return transactions.execute(status -> {
				Instant now = Instant.now();
				lockPeople(facts.keySet().stream().sorted().toList());
				return new BulkResult(writeAll(user.schoolId(), category, policy, facts, note, user.getUsername(), now, batch), List.of(), false);
			});
		} catch (DuplicateKeyException e) {
			return new BulkResult(List.of(), List.of(), true);
		}
	}

	// --- from other modules

	@ApplicationModuleListener
	void on(TriageConcluded event) {
		fromTriage(event);
	}

	@ApplicationModuleListener
	void on(PersonClassified event) {
		fromScreening(event);
	}

	/**
	 * A triage to isolation opens a fever patient's case under its policy; a triage to home observation
	 * opens the same case with its first room phase at home (home isolation). The doctor knows no date
	 * of exposure, so the case counts from the day of the triage, whatever date its policy counts from.
	 *
	 * @return the case opened, or empty when the outcome asks for none or the person already has one
	 */
	Optional<Long> fromTriage(TriageConcluded e) {
		if (e.outcome() != TriageOutcome.ISOLATION && e.outcome() != TriageOutcome.HOME_OBSERVATION) {
			return Optional.empty();
		}
		Map<Integer, Measure> overrides = new HashMap<>();
		ControlPolicies.Version policy = policies.current(e.schoolId(), policies.defaultProfile(e.schoolId()), ControlCategory.FEVER_PATIENT);
		if (e.outcome() == TriageOutcome.HOME_OBSERVATION) {
			List<ControlPolicy.Phase> phases = policy.policy().phases();
			for (int i = 0; i < phases.size(); i++) {
				if (phases.get(i).measure().needsRoom()) {
					overrides.put(i, Measure.HOME_ISOLATION);
				}
			}
		}
		String notes = ("triage " + e.outcome().name() + (e.note() == null ? "" : ": " + e.note()));
		return automatic(e.schoolId(), e.personId(), ControlCategory.FEVER_PATIENT, policy, cases.dateOf(e.concludedAt()), notes,
				Source.TRIAGE, "triage:" + e.taskId(), overrides, "triage");
	}

	/**
	 * A classified person of a pushed list gets a case of the proposed category; the list gives no date
	 * of exposure or arrival, so the case counts from the day of the classification (the office corrects
	 * the dates by re-opening or extending when it learns them).
	 */
	Optional<Long> fromScreening(PersonClassified e) {
		ControlCategory category;
		try {
			category = ControlCategory.valueOf(e.proposedCategory());
		} catch (IllegalArgumentException | NullPointerException ex) {
			category = ControlCategory.OTHER;
		}
		ControlPolicies.Version policy = policies.current(e.schoolId(), policies.defaultProfile(e.schoolId()), category);
		String notes = "screening " + (e.sourceName() == null ? "" : e.sourceName()) + (e.notes() == null ? "" : ": " + e.notes());
		return automatic(e.schoolId(), e.personId(), category, policy, cases.dateOf(e.classifiedAt()), notes.strip(), Source.SCREENING,
				"screening:" + e.taskId(), Map.of(), e.classifiedBy() == null ? "screening" : e.classifiedBy());
	}

	private Optional<Long> automatic(long schoolId, long personId, ControlCategory category, ControlPolicies.Version policy, LocalDate day,
			String notes, Source source, String key, Map<Integer, Measure> overrides, String actor) {
		return transactions.execute(status -> {
			lockPerson(personId);
			Optional<Long> seen = jdbc.sql("select id from control_case where school_id = ? and source_key = ?").params(schoolId, key)
				.query(Long.class).optional();
			if (seen.isPresent()) {
				return Optional.<Long>empty();
			}
			Optional<Long> open = openCase(schoolId, personId, category);
			if (open.isPresent()) {
				cases.recordEvent(schoolId, open.get(), Action.OPENED, null, "already under control; also " + notes, null, null, actor,
						Instant.now());
				log.info("person {} already has open {} case {}; {} noted on it", personId, category, open.get(), key);
				return Optional.<Long>empty();
			}
			return Optional.of(write(schoolId, personId, category, policy, new CasePlan.Facts(day, day, day),
					ControlCases.truncate(notes, 1000), source, key, overrides, actor, Instant.now(), null));
		});
	}

	// --- writing

	private void lockPerson(long personId) {
		jdbc.sql("select id from person where id = ? for update").param(personId).query(Long.class).optional();
	}

	private void lockPeople(List<Long> sorted) {
		for (int i = 0; i < sorted.size(); i += 1000) {
			List<Long> chunk = sorted.subList(i, Math.min(sorted.size(), i + 1000));
			jdbc.sql("select id from person where id in (" + String.join(",", java.util.Collections.nCopies(chunk.size(), "?"))
					+ ") order by id for update").params(new ArrayList<Object>(chunk)).query(Long.class).list();
		}
	}

	private Optional<Long> openCase(long schoolId, long personId, ControlCategory category) {
		return jdbc.sql("select id from control_case where school_id = ? and category = ? and open_person_id = ?")
			.params(schoolId, category.name(), personId).query(Long.class).optional();
	}

	/**
	 * The cases of a list in a few batched statements rather than a handful per case: the cases, then
	 * their ids by person (the open key), then their phases, timeline entries, audit and person timeline.
	 */
	private List<Long> writeAll(long schoolId, ControlCategory category, ControlPolicies.Version policy, Map<Long, CasePlan.Facts> facts,
			String notes, String actor, Instant now, String batch) {
		Map<Long, CasePlan> plans = new LinkedHashMap<>();
		List<Object[]> rows = new ArrayList<>();
		java.sql.Timestamp at = java.sql.Timestamp.from(now);
		for (var e : facts.entrySet()) {
			CasePlan plan = CasePlan.of(policy.policy(), e.getValue()).orElseThrow();
			plans.put(e.getKey(), plan);
			CasePlan.Facts f = e.getValue();
			rows.add(new Object[] {schoolId, e.getKey(), category.name(), policy.id(), f.lastExposure(), f.arrival(), f.reportDate(), plan.start(),
					plan.releaseDate(), notes, at, actor, e.getKey()});
		}
		template.batchUpdate("""
				insert into control_case (school_id, person_id, category, policy_id, status, source, last_exposure_on, arrival_on, report_on,
				  start_on, release_on, notes, opened_at, opened_by, open_person_id) values (?, ?, ?, ?, 'OPEN', 'BULK', ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
		Map<Long, Long> idOf = new HashMap<>();
		List<Long> people = new ArrayList<>(facts.keySet());
		for (int i = 0; i < people.size(); i += 1000) {
			List<Long> chunk = people.subList(i, Math.min(people.size(), i + 1000));
			List<Object> params = new ArrayList<>(List.of(schoolId, category.name()));
			params.addAll(chunk);
			jdbc.sql("select open_person_id, id from control_case where school_id = ? and category = ? and open_person_id in ("
					+ String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")").params(params)
				.query((rs, n) -> idOf.put(rs.getLong(1), rs.getLong(2))).list();
		}
		List<Object[]> phases = new ArrayList<>();
		List<Object[]> events = new ArrayList<>();
		List<AuditLog.Item> items = new ArrayList<>();
		Map<Long, String> summaries = new LinkedHashMap<>();
		for (var e : plans.entrySet()) {
			long id = idOf.get(e.getKey());
			CasePlan plan = e.getValue();
			for (int i = 0; i < plan.phases().size(); i++) {
				CasePlan.Dated d = plan.phases().get(i);
				phases.add(new Object[] {id, i, d.measure().name(), d.starts(), d.ends()});
			}
			events.add(new Object[] {schoolId, id, Action.OPENED.name(), "BULK" + (notes == null ? "" : ": " + ControlCases.truncate(notes, 490)),
					plan.releaseDate(), actor, at});
			String summary = category + " " + plan.start() + " to " + plan.releaseDate() + " under policy version " + policy.version() + ", batch "
					+ batch;
			items.add(new AuditLog.Item(id, "opened control case for person " + e.getKey() + ": " + summary, null, null));
			summaries.put(e.getKey(), summary);
		}
		template.batchUpdate("insert into control_case_phase (case_id, position, measure, starts_on, ends_on) values (?, ?, ?, ?, ?)", phases);
		template.batchUpdate("insert into control_case_event (school_id, case_id, action, detail, release_after, actor, occurred_at)"
				+ " values (?, ?, ?, ?, ?, ?, ?)", events);
		audit.recordAll(AuditAction.CREATE, "control_case", items);
		timeline.recordAll(summaries, Allocations.MODULE, "control.opened", now);
		return people.stream().map(idOf::get).toList();
	}

	private long write(long schoolId, long personId, ControlCategory category, ControlPolicies.Version policy, CasePlan.Facts facts,
			String notes, Source source, String key, Map<Integer, Measure> overrides, String actor, Instant now, String batch) {
		CasePlan plan = CasePlan.of(policy.policy(), facts).orElseThrow().withMeasures(overrides);
		org.springframework.jdbc.support.KeyHolder generated = new org.springframework.jdbc.support.GeneratedKeyHolder();
		jdbc.sql("""
				insert into control_case (school_id, person_id, category, policy_id, status, source, source_key, last_exposure_on, arrival_on,
				  report_on, start_on, release_on, measure_overrides, notes, opened_at, opened_by, open_person_id)
				values (?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(schoolId, personId, category.name(), policy.id(), source.name(), key, facts.lastExposure(), facts.arrival(),
					facts.reportDate(), plan.start(), plan.releaseDate(), ControlPolicy.formatOverrides(overrides), notes,
					java.sql.Timestamp.from(now), actor, personId)
			.update(generated, "id");
		long id = generated.getKey().longValue();
		cases.writePlan(id, plan);
		String summary = category + " " + plan.start() + " to " + plan.releaseDate() + " under policy version " + policy.version()
				+ (batch == null ? "" : ", batch " + batch);
		cases.recordEvent(schoolId, id, Action.OPENED, null, source.name() + (notes == null ? "" : ": " + notes), null, plan.releaseDate(),
				actor, now);
		audit.record(AuditAction.CREATE, "control_case", id, "opened control case for person " + personId + ": " + summary);
		timeline.record(personId, Allocations.MODULE, "control.opened", summary, now);
		return id;
	}
}
