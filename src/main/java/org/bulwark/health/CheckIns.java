package org.bulwark.health;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PersonTimeline;
import org.bulwark.directory.Registry;
import org.bulwark.directory.Registry.Subject;
import org.bulwark.health.DiseaseProfile.AlertRule;
import org.bulwark.system.BulkWriter;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Check-ins: a person's answer for one slot of one day. The same slot submitted again updates the
 * record and keeps each version; a retry with the same request id answers as the first time and
 * writes nothing; a submission after the deadline is accepted and marked late.
 */
@Service
class CheckIns {

	static final BigDecimal MIN_TEMPERATURE = new BigDecimal("34.0");
	static final BigDecimal MAX_TEMPERATURE = new BigDecimal("43.0");
	/** How far a device's clock may run ahead of ours. */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
	/** How old a measurement may be: yesterday's evening check, sent the next morning. */
	static final Duration MAX_AGE = Duration.ofHours(36);

	enum Source {
		SELF, API,
		/** Recorded by a teacher in a roll-call check. */
		ROLL_CALL,
		/** Through a personal link, without an account. */
		LINK,
		/** By a household head or a named proxy for a dependant. */
		PROXY
	}

	/**
	 * Who sent a check-in: the account ({@code userId}, none for a personal link) and the person who
	 * reported ({@code personId}: the account's person, the proxy reporting for a dependant, the holder
	 * of a link; none for an account without a person, e.g. an integration). {@code linkId} is the
	 * personal link used, if any.
	 */
	record Submitter(Long userId, Long personId, Long linkId) {

		static Submitter of(CurrentUser user) {
			return new Submitter(user.id(), user.personId().orElse(null), null);
		}
	}

	record Submission(long personId, String slotCode, BigDecimal temperature, List<String> symptoms, Boolean onCampus,
			String city, Instant measuredAt, String requestId, Source source) {
	}

	/** What is stored for one slot, as the pages and the API show it. */
	record Recorded(long id, long personId, LocalDate date, String slotCode, int revision, BigDecimal temperature,
			List<String> symptoms, boolean onCampus, String city, Instant measuredAt, Instant submittedAt, boolean late,
			boolean fever, boolean abnormal) {
	}

	sealed interface Outcome {
	}

	/** @param replayed a retry of an earlier request: nothing was written */
	record Saved(Recorded recorded, boolean replayed) implements Outcome {
	}

	record Rejected(List<FieldProblem> problems) implements Outcome {
	}

	/** The person does not exist or the caller may not act for them: the same answer for both. */
	record NotFound() implements Outcome {
	}

	enum State {
		/** The slot has not opened yet. */
		NOT_OPEN,
		/** Open and on time still, nothing submitted. */
		DUE,
		ON_TIME, LATE,
		/** Past the deadline and grace, nothing submitted. */
		MISSING
	}

	record SlotStatus(Slot slot, State state, Recorded recorded) {

		public boolean abnormal() {
			return recorded != null && recorded.abnormal();
		}
	}

	/** A person's day: their policy and profile, each slot's state, and the slot asked for now. */
	record Day(Subject person, LocalDate date, CheckPolicy policy, DiseaseProfile profile, List<SlotStatus> slots,
			Slot current, Slot.Timing currentTiming) {
	}

	private final JdbcClient jdbc;
	private final BulkWriter bulk;
	private final Registry registry;
	private final Policies policies;
	private final Profiles profiles;
	private final PersonTimeline timeline;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate tx;
	private final ZoneId zone;

	CheckIns(JdbcClient jdbc, BulkWriter bulk, Registry registry, Policies policies, Profiles profiles, PersonTimeline timeline,
			ApplicationEventPublisher events, TransactionTemplate tx,
			@Value("${bulwark.health.time-zone:Asia/Shanghai}") ZoneId zone) {
		this.jdbc = jdbc;
		this.bulk = bulk;
		this.registry = registry;
		this.policies = policies;
		this.profiles = profiles;
		this.timeline = timeline;
		this.events = events;
		this.tx = tx;
		this.zone = zone;
	}

	ZoneId zone() {
		return zone;
	}

	/** The person if the user may record check-ins for them: themselves, or within scope with the right. */
	Optional<Subject> actingFor(CurrentUser user, long personId) {
		boolean own = user.personId().map(id -> id == personId).orElse(false);
		if (own ? !(user.can(Permission.SELF_SERVICE) || user.can(Permission.CHECK_IN_RECORD))
				: !user.can(Permission.CHECK_IN_RECORD)) {
			return Optional.empty();
		}
		return registry.find(user, personId);
	}

	/** The person if the user may see their check-ins: themselves, or within scope. */
	private Optional<Subject> visible(CurrentUser user, long personId) {
		boolean own = user.personId().map(id -> id == personId).orElse(false);
		if (!own && !(user.can(Permission.CHECK_IN_RECORD) || user.can(Permission.PEOPLE_READ))) {
			return Optional.empty();
		}
		return registry.find(user, personId);
	}

	Outcome submit(CurrentUser user, Submission s, Instant now) {
		return inOneTransaction(user.schoolId(), () -> actingFor(user, s.personId()), s, Submitter.of(user), now);
	}

	/**
	 * A check-in for a person whom the caller has already established the submitter may report for
	 * (the holder of a personal link, a proxy's dependant): the same rules as every other check-in.
	 */
	Outcome submit(long schoolId, Optional<Subject> found, Submission s, Submitter by, Instant now) {
		return inOneTransaction(schoolId, () -> found, s, by, now);
	}

	/**
	 * Checks and stores one submission in one transaction (one commit per check-in in the morning
	 * rush). A retry whose first attempt was stored collides on the revision's request id; the
	 * transaction is then undone and the stored revision answered.
	 */
	private Outcome inOneTransaction(long schoolId, Supplier<Optional<Subject>> find, Submission s, Submitter by,
			Instant now) {
		try {
			return tx.execute(status -> attempt(schoolId, find.get(), s, by, now));
		}
		catch (DuplicateKeyException raced) {
			String requestId = blankToNull(s.requestId());
			Optional<Recorded> earlier = requestId == null ? Optional.empty() : byRequest(schoolId, s.personId(), requestId);
			if (earlier.isPresent()) {
				return new Saved(earlier.get(), true);
			}
			// the same slot was being written by another request at once; now it has a row to update
			return tx.execute(status -> attempt(schoolId, find.get(), s, by, now));
		}
	}

	private Outcome attempt(long schoolId, Optional<Subject> found, Submission s, Submitter by, Instant now) {
		// a deactivated or merged record takes no new check-ins; its history stays readable
		Optional<Subject> subject = found.filter(Subject::active).filter(p -> p.personId() == s.personId());
		if (subject.isEmpty()) {
			return new NotFound();
		}
		String requestId = blankToNull(s.requestId());
		if (requestId != null && requestId.length() > 64) {
			return new Rejected(List.of(FieldProblem.of("requestId", "health.requestId.tooLong", 64)));
		}
		// A retry with a known request id answers as the first time: found by the revision's unique key when
		// the write collides, or here when it would be rejected now (the clock or the policy moved on).
		List<FieldProblem> problems = new ArrayList<>();
		Instant measuredAt = s.measuredAt() == null ? now : s.measuredAt();
		if (s.temperature() == null) {
			problems.add(FieldProblem.of("temperature", "health.temperature.required"));
		}
		else if (s.temperature().compareTo(MIN_TEMPERATURE) < 0 || s.temperature().compareTo(MAX_TEMPERATURE) > 0) {
			problems.add(FieldProblem.of("temperature", "health.temperature.range", MIN_TEMPERATURE.toPlainString(),
					MAX_TEMPERATURE.toPlainString()));
		}
		else if (s.temperature().stripTrailingZeros().scale() > 1) {
			problems.add(FieldProblem.of("temperature", "health.temperature.precision"));
		}
		if (measuredAt.isAfter(now.plus(CLOCK_SKEW))) {
			problems.add(FieldProblem.of("measuredAt", "health.measuredAt.future"));
		}
		else if (measuredAt.isBefore(now.minus(MAX_AGE))) {
			problems.add(FieldProblem.of("measuredAt", "health.measuredAt.tooOld"));
		}
		if (s.onCampus() == null) {
			problems.add(FieldProblem.of("onCampus", "health.onCampus.required"));
		}
		else if (!s.onCampus() && blankToNull(s.city()) == null) {
			problems.add(FieldProblem.of("city", "health.city.required"));
		}
		else if (s.city() != null && s.city().strip().length() > 64) {
			problems.add(FieldProblem.of("city", "health.city.tooLong", 64));
		}
		Subject person = subject.get();
		Optional<CheckPolicy> policy = CheckPolicy.choose(policies.all(schoolId), person.population(),
				person.orgUnitLineage());
		DiseaseProfile profile = policy.flatMap(p -> profiles.find(schoolId, p.profileId())).orElse(null);
		List<String> symptoms = s.symptoms() == null ? List.of()
				: s.symptoms().stream().filter(x -> x != null && !x.isBlank()).map(String::strip).distinct().toList();
		if (profile != null) {
			symptoms.stream().filter(code -> !profile.knows(code)).findFirst()
				.ifPresent(code -> problems.add(FieldProblem.of("symptoms", "health.symptoms.unknown", code)));
		}
		ZonedDateTime received = now.atZone(zone);
		LocalDate date = measuredAt.atZone(zone).toLocalDate();
		Slot slot = policy.flatMap(p -> p.slot(blankToNull(s.slotCode()) == null ? "" : s.slotCode().strip())).orElse(null);
		Slot.Timing timing = null;
		if (slot == null) {
			problems.add(FieldProblem.of("slotCode", "health.slot.unknown", String.valueOf(s.slotCode())));
		}
		else {
			timing = slot.timing(date, received, zone);
			if (timing == Slot.Timing.NOT_OPEN) {
				problems.add(FieldProblem.of("slotCode", "health.slot.notOpen", slot.start()));
			}
		}
		if (!problems.isEmpty()) {
			if (requestId != null) {
				Optional<Recorded> earlier = byRequest(schoolId, s.personId(), requestId);
				if (earlier.isPresent()) {
					return new Saved(earlier.get(), true);
				}
			}
			return new Rejected(List.copyOf(problems));
		}
		SymptomRules.Assessment assessment = SymptomRules.assess(profile, s.temperature(), symptoms);
		boolean late = timing == Slot.Timing.LATE;
		String city = Boolean.TRUE.equals(s.onCampus()) ? null : s.city().strip();
		Write write = new Write(schoolId, by, person, policy.get(), date, slot, s.temperature().setScale(1), symptoms, s.onCampus(),
				city, measuredAt, now, late, assessment, requestId, s.source());
		return new Saved(write(write), false);
	}

	private record Write(long schoolId, Submitter by, Subject person, CheckPolicy policy, LocalDate date, Slot slot,
			BigDecimal temperature, List<String> symptoms, boolean onCampus, String city, Instant measuredAt,
			Instant submittedAt, boolean late, SymptomRules.Assessment assessment, String requestId, Source source) {
	}

	private Recorded write(Write w) {
		long schoolId = w.schoolId();
		String symptoms = String.join(",", w.symptoms());
		OffsetDateTime measured = w.measuredAt().atOffset(ZoneOffset.UTC);
		OffsetDateTime submitted = w.submittedAt().atOffset(ZoneOffset.UTC);
		long id;
		int revision;
		if (bulk.onPostgres()) {
			// one statement: the slot's row inserted or updated, and its revision appended
			long[] stored = jdbc.sql("""
					with c as (
					  insert into check_in (school_id, person_id, check_date, slot_code, policy_id, temperature, symptoms, on_campus,
					  city, measured_at, submitted_at, late, fever, abnormal, source, submitted_by, submitted_by_person_id, revision)
					  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
					  on conflict (school_id, person_id, check_date, slot_code) do update set policy_id = excluded.policy_id,
					  temperature = excluded.temperature, symptoms = excluded.symptoms, on_campus = excluded.on_campus,
					  city = excluded.city, measured_at = excluded.measured_at, submitted_at = excluded.submitted_at,
					  late = excluded.late, fever = excluded.fever, abnormal = excluded.abnormal, source = excluded.source,
					  submitted_by = excluded.submitted_by, submitted_by_person_id = excluded.submitted_by_person_id,
					  revision = check_in.revision + 1
					  returning id, revision)
					insert into check_in_revision (check_in_id, school_id, person_id, revision, temperature, symptoms, on_campus,
					city, measured_at, submitted_at, late, abnormal, submitted_by, submitted_by_person_id, link_id, request_id)
					select c.id, ?, ?, c.revision, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from c
					returning check_in_id, revision""")
				.params(schoolId, w.person().personId(), w.date(), w.slot().code(), w.policy().id(), w.temperature(), symptoms,
						w.onCampus(), w.city(), measured, submitted, w.late(), w.assessment().fever(), w.assessment().abnormal(),
						w.source().name(), w.by().userId(), w.by().personId(),
						schoolId, w.person().personId(), w.temperature(), symptoms, w.onCampus(), w.city(), measured, submitted,
						w.late(), w.assessment().abnormal(), w.by().userId(), w.by().personId(), w.by().linkId(), w.requestId())
				.query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)})
				.single();
			id = stored[0];
			revision = (int) stored[1];
		}
		else {
			long[] stored = writeInSteps(w, symptoms, measured, submitted);
			id = stored[0];
			revision = (int) stored[1];
		}
		if (w.assessment().abnormal()) {
			List<String> rules = w.assessment().matched().stream().map(CheckIns::describe).toList();
			timeline.record(w.person().personId(), "health", "checkInAbnormal",
					w.date() + " " + w.slot().code() + " " + w.temperature() + "℃"
							+ (w.symptoms().isEmpty() ? "" : " " + symptoms),
					w.measuredAt());
			events.publishEvent(new CheckInAbnormal(schoolId, w.person().personId(), id, w.date(), w.slot().code(),
					w.temperature(), w.symptoms(), rules, w.onCampus(), w.measuredAt()));
		}
		return new Recorded(id, w.person().personId(), w.date(), w.slot().code(), revision, w.temperature(), w.symptoms(),
				w.onCampus(), w.city(), w.measuredAt(), w.submittedAt(), w.late(), w.assessment().fever(),
				w.assessment().abnormal());
	}

	/**
	 * The same on the embedded H2 (which has no data-modifying CTE): the first answer for a slot is
	 * one insert, which does nothing when the slot already has a row; then that row is locked and
	 * updated; then the revision is appended. Returns the check-in's id and revision.
	 */
	private long[] writeInSteps(Write w, String symptoms, OffsetDateTime measured, OffsetDateTime submitted) {
		long schoolId = w.schoolId();
		KeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into check_in (school_id, person_id, check_date, slot_code, policy_id, temperature, symptoms, on_campus,
				city, measured_at, submitted_at, late, fever, abnormal, source, submitted_by, submitted_by_person_id, revision)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) on conflict do nothing""")
			.params(schoolId, w.person().personId(), w.date(), w.slot().code(), w.policy().id(), w.temperature(), symptoms,
					w.onCampus(), w.city(), measured, submitted, w.late(), w.assessment().fever(), w.assessment().abnormal(),
					w.source().name(), w.by().userId(), w.by().personId())
			.update(key, "id");
		long id;
		int revision;
		if (key.getKeyList().isEmpty()) {
			long[] existing = jdbc.sql("""
					select id, revision from check_in where school_id = ? and person_id = ? and check_date = ? and slot_code = ?
					for update""")
				.params(schoolId, w.person().personId(), w.date(), w.slot().code())
				.query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)})
				.single();
			id = existing[0];
			revision = (int) existing[1] + 1;
			jdbc.sql("""
					update check_in set policy_id = ?, temperature = ?, symptoms = ?, on_campus = ?, city = ?, measured_at = ?,
					submitted_at = ?, late = ?, fever = ?, abnormal = ?, source = ?, submitted_by = ?, submitted_by_person_id = ?,
					revision = ? where id = ?""")
				.params(w.policy().id(), w.temperature(), symptoms, w.onCampus(), w.city(), measured, submitted, w.late(),
						w.assessment().fever(), w.assessment().abnormal(), w.source().name(), w.by().userId(),
						w.by().personId(), revision, id)
				.update();
		}
		else {
			revision = 1;
			id = key.getKey().longValue();
		}
		jdbc.sql("""
				insert into check_in_revision (check_in_id, school_id, person_id, revision, temperature, symptoms, on_campus,
				city, measured_at, submitted_at, late, abnormal, submitted_by, submitted_by_person_id, link_id, request_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, schoolId, w.person().personId(), revision, w.temperature(), symptoms, w.onCampus(), w.city(),
					measured, submitted, w.late(), w.assessment().abnormal(), w.by().userId(), w.by().personId(),
					w.by().linkId(), w.requestId())
			.update();
		return new long[] {id, revision};
	}

	private static String describe(AlertRule rule) {
		return rule.kind() == AlertRule.Kind.FEVER ? "FEVER"
				: "SYMPTOMS:" + (rule.group() == null ? "any" : rule.group()) + ">=" + rule.minCount();
	}

	/** A retry answers with what the first request stored, as that revision. */
	private Optional<Recorded> byRequest(long schoolId, long personId, String requestId) {
		return jdbc.sql("""
				select r.check_in_id, r.person_id, c.check_date, c.slot_code, r.revision, r.temperature, r.symptoms,
				r.on_campus, r.city, r.measured_at, r.submitted_at, r.late, c.fever, r.abnormal
				from check_in_revision r join check_in c on c.id = r.check_in_id
				where r.school_id = ? and r.person_id = ? and r.request_id = ?""")
			.params(schoolId, personId, requestId)
			.query(CheckIns::recorded)
			.optional();
	}

	/** A person's day, if the user may see it. */
	Optional<Day> day(CurrentUser user, long personId, LocalDate date, Instant now) {
		return visible(user, personId).map(person -> day(user.schoolId(), person, date, now));
	}

	/** The user's own day today, for the self check-in page. */
	Optional<Day> today(CurrentUser user, Instant now) {
		return user.personId().flatMap(id -> actingFor(user, id))
			.map(person -> day(user.schoolId(), person, now.atZone(zone).toLocalDate(), now));
	}

	/** Today for a person whom the caller has established may be reported for (a link, a proxy). */
	Day today(long schoolId, Subject person, Instant now) {
		return day(schoolId, person, now.atZone(zone).toLocalDate(), now);
	}

	private Day day(long schoolId, Subject person, LocalDate date, Instant now) {
		CheckPolicy policy = CheckPolicy.choose(policies.all(schoolId), person.population(), person.orgUnitLineage())
			.orElse(null);
		if (policy == null) {
			return new Day(person, date, null, null, List.of(), null, null);
		}
		DiseaseProfile profile = profiles.find(schoolId, policy.profileId()).orElseThrow();
		Map<String, Recorded> recorded = jdbc.sql("""
				select id, person_id, check_date, slot_code, revision, temperature, symptoms, on_campus, city, measured_at,
				submitted_at, late, fever, abnormal from check_in where school_id = ? and person_id = ? and check_date = ?""")
			.params(schoolId, person.personId(), date)
			.query(CheckIns::recorded)
			.list().stream().collect(Collectors.toMap(Recorded::slotCode, Function.identity()));
		ZonedDateTime at = now.atZone(zone);
		List<SlotStatus> slots = new ArrayList<>();
		for (Slot slot : policy.slots()) {
			Recorded r = recorded.get(slot.code());
			State state;
			if (r != null) {
				state = r.late() ? State.LATE : State.ON_TIME;
			}
			else {
				state = switch (slot.timing(date, at, zone)) {
					case NOT_OPEN -> State.NOT_OPEN;
					case ON_TIME -> State.DUE;
					case LATE -> State.MISSING;
				};
			}
			slots.add(new SlotStatus(slot, state, r));
		}
		Slot current = date.equals(at.toLocalDate()) ? policy.current(at.toLocalTime()).orElse(null) : null;
		return new Day(person, date, policy, profile, List.copyOf(slots), current,
				current == null ? null : current.timing(date, at, zone));
	}

	private static Recorded recorded(ResultSet rs, int i) throws SQLException {
		String symptoms = rs.getString(7);
		return new Recorded(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class), rs.getString(4), rs.getInt(5),
				rs.getBigDecimal(6), symptoms == null || symptoms.isEmpty() ? List.of()
						: List.copyOf(new LinkedHashSet<>(Arrays.asList(symptoms.split(",")))),
				rs.getBoolean(8), rs.getString(9), rs.getObject(10, OffsetDateTime.class).toInstant(),
				rs.getObject(11, OffsetDateTime.class).toInstant(), rs.getBoolean(12), rs.getBoolean(13), rs.getBoolean(14));
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
