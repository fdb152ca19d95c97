package org.bulwark.health;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.Groups;
import org.bulwark.directory.PersonTimeline;
import org.bulwark.health.RollCallRules.Mark;
import org.bulwark.health.RollCallRules.Status;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Roll-call checks (晨午检) of a group for a day and slot. Saving is one transaction: the marks, a
 * revision with what changed, the check-ins of abnormal marks with a temperature (through
 * {@link CheckIns}, so triage and the timeline see them) and the absences of absent marks (through
 * {@link Absences}). A save names the version it started from; a save over a newer version is refused
 * (nobody's update is lost); a retry with the same request id answers from its revision.
 */
@Service
class RollCalls {

	private final JdbcClient jdbc;
	private final Groups groups;
	private final Policies policies;
	private final Profiles profiles;
	private final CheckIns checkIns;
	private final Absences absences;
	private final AuditLog audit;
	private final PersonTimeline timeline;
	private final TransactionTemplate tx;
	private final ApplicationEventPublisher events;

	RollCalls(JdbcClient jdbc, Groups groups, Policies policies, Profiles profiles, CheckIns checkIns, Absences absences,
			AuditLog audit, PersonTimeline timeline, TransactionTemplate tx, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.groups = groups;
		this.policies = policies;
		this.profiles = profiles;
		this.checkIns = checkIns;
		this.absences = absences;
		this.audit = audit;
		this.timeline = timeline;
		this.tx = tx;
		this.events = events;
	}

	/** The stored roll-call of a group, day and slot. */
	record Current(long id, int version, String recordedByName, Instant recordedAt, int expected, int present,
			int abnormal, int absent, int away) {
	}

	/** A stored mark, with what it caused. */
	record StoredMark(Mark mark, Long checkInId, Long absenceId, boolean absenceCreated) {
	}

	/** One member on the sheet: away that day (not expected), or expected with their stored mark if any. */
	record Row(Groups.Member member, boolean away, StoredMark stored) {

		public Status status() {
			return stored == null ? null : stored.mark().status();
		}

		/** The mark as the screen's choice shows it: PRESENT, ABNORMAL or the absence kind; null unmarked. */
		public String markCode() {
			if (stored == null) {
				return null;
			}
			Mark m = stored.mark();
			return m.status() == Status.ABSENT ? m.absenceKind().name() : m.status().name();
		}
	}

	/** What a roll-call screen shows: the group, its policy's slots, the members and the stored state. */
	record Sheet(Groups.Group group, LocalDate date, CheckPolicy policy, DiseaseProfile profile, Slot slot,
			List<Row> rows, Current current) {

		public List<Long> expected() {
			return rows.stream().filter(r -> !r.away()).map(r -> r.member().personId()).toList();
		}

		public Set<Long> away() {
			return rows.stream().filter(Row::away).map(r -> r.member().personId()).collect(Collectors.toSet());
		}
	}

	/** One change of one save: a member's mark before and after. */
	record Change(long personId, String personName, Status before, Mark after) {
	}

	record Revision(int version, String recordedByName, Instant recordedAt, List<Change> changes) {
	}

	record Save(Groups.Kind kind, long groupId, LocalDate date, String slotCode, Integer version, boolean allPresent,
			List<RollCallRules.Input> marks, String requestId) {
	}

	sealed interface Outcome {
	}

	/** @param replayed a retry of an earlier save with the same request id: nothing was written */
	record Saved(long id, int version, boolean replayed) implements Outcome {
	}

	record Rejected(List<FieldProblem> problems) implements Outcome {
	}

	/** Someone saved the roll-call after the version this save started from. */
	record Conflict(int version, String recordedByName, Instant recordedAt) implements Outcome {
	}

	record NotFound() implements Outcome {
	}

	/** Thrown inside the save's transaction to undo everything it wrote. */
	private static final class Undo extends RuntimeException {

		final transient Outcome outcome;

		Undo(Outcome outcome) {
			super(null, null, false, false);
			this.outcome = outcome;
		}
	}

	/** The sheet of a group for a day and slot (the slot asked for now, or the first, when none is given). */
	Optional<Sheet> sheet(CurrentUser user, Groups.Kind kind, long groupId, LocalDate date, String slotCode, Instant now) {
		if (!user.can(Permission.CHECK_IN_RECORD)) {
			return Optional.empty();
		}
		Optional<Groups.Group> group = groups.find(user, kind, groupId);
		if (group.isEmpty()) {
			return Optional.empty();
		}
		List<Groups.Member> members = groups.members(user, kind, groupId).orElse(List.of());
		CheckPolicy policy = policyOf(user.schoolId(), members);
		DiseaseProfile profile = profiles.find(user.schoolId(), policy.profileId()).orElseThrow();
		Slot slot = slotCode == null || slotCode.isBlank() ? defaultSlot(policy, date, now) : policy.slot(slotCode.strip()).orElse(null);
		Current current = slot == null ? null : current(user.schoolId(), kind, groupId, date, slot.code(), false);
		Map<Long, StoredMark> marks = current == null ? Map.of() : marks(current.id());
		Set<Long> away = away(members, date, marks);
		List<Row> rows = members.stream()
			.map(m -> new Row(m, away.contains(m.personId()), marks.get(m.personId())))
			.toList();
		return Optional.of(new Sheet(group.get(), date, policy, profile, slot, rows, current));
	}

	private Slot defaultSlot(CheckPolicy policy, LocalDate date, Instant now) {
		if (policy.slots().isEmpty()) {
			return null;
		}
		if (date.equals(now.atZone(checkIns.zone()).toLocalDate())) {
			return policy.current(now.atZone(checkIns.zone()).toLocalTime()).orElse(policy.slots().get(0));
		}
		return policy.slots().get(0);
	}

	/**
	 * The policy most members follow (each person's check policy is the most specific that fits
	 * them); the default policy for an empty group.
	 */
	private CheckPolicy policyOf(long schoolId, List<Groups.Member> members) {
		List<CheckPolicy> all = policies.all(schoolId);
		Map<CheckPolicy, Long> counts = members.stream()
			.map(m -> CheckPolicy.choose(all, m.population(), m.orgUnitLineage()).orElse(null))
			.filter(Objects::nonNull)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		return counts.entrySet().stream()
			.max(Map.Entry.<CheckPolicy, Long>comparingByValue().thenComparing(e -> -e.getKey().id()))
			.map(Map.Entry::getKey)
			.orElseGet(() -> all.stream().filter(CheckPolicy::isDefault).findFirst().orElseThrow());
	}

	/**
	 * Members away that day. An absence this roll-call registered itself does not make its person
	 * "away" here: they stay on the sheet with their absent mark, which can still be corrected.
	 */
	private Set<Long> away(List<Groups.Member> members, LocalDate date, Map<Long, StoredMark> marks) {
		if (members.isEmpty()) {
			return Set.of();
		}
		String ids = members.stream().map(m -> String.valueOf(m.personId())).collect(Collectors.joining(","));
		Set<Long> away = new HashSet<>(jdbc.sql("select p.id from person p where p.id in (" + ids + ") and "
				+ Absences.awayOn("p.id")).params(Absences.awayOnParams(date)).query(Long.class).list());
		marks.values().stream().filter(m -> m.absenceId() != null).map(m -> m.mark().personId()).forEach(away::remove);
		return away;
	}

	private Optional<Current> find(long schoolId, Groups.Kind kind, long groupId, LocalDate date, String slot,
			boolean lock) {
		return jdbc.sql("""
				select id, version, recorded_by_name, recorded_at, expected, present, abnormal, absent, away from roll_call
				where school_id = ? and group_kind = ? and group_id = ? and check_date = ? and slot_code = ?"""
				+ (lock ? " for update" : ""))
			.params(schoolId, kind.name(), groupId, date, slot)
			.query((rs, i) -> new Current(rs.getLong(1), rs.getInt(2), rs.getString(3),
					rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8),
					rs.getInt(9)))
			.optional();
	}

	private Current current(long schoolId, Groups.Kind kind, long groupId, LocalDate date, String slot, boolean lock) {
		return find(schoolId, kind, groupId, date, slot, lock).orElse(null);
	}

	private Map<Long, StoredMark> marks(long rollCallId) {
		return jdbc.sql("""
				select person_id, status, temperature, symptoms, absence_kind, note, check_in_id, absence_id, absence_created
				from roll_call_mark where roll_call_id = ?""")
			.param(rollCallId)
			.query((rs, i) -> new StoredMark(new Mark(rs.getLong(1), Status.valueOf(rs.getString(2)), rs.getBigDecimal(3),
					split(rs.getString(4)), rs.getString(5) == null ? null : AbsenceKind.valueOf(rs.getString(5)),
					rs.getString(6)), (Long) rs.getObject(7, Long.class), (Long) rs.getObject(8, Long.class), rs.getBoolean(9)))
			.list().stream().collect(Collectors.toMap(m -> m.mark().personId(), Function.identity()));
	}

	/** Every save of a roll-call, newest first, with what it changed. */
	List<Revision> history(CurrentUser user, long rollCallId) {
		record Head(long id, int version, String by, Instant at) {
		}
		List<Head> heads = jdbc.sql("""
				select id, version, recorded_by_name, recorded_at from roll_call_revision where roll_call_id = ? and school_id = ?
				order by version desc""")
			.params(rollCallId, user.schoolId())
			.query((rs, i) -> new Head(rs.getLong(1), rs.getInt(2), rs.getString(3),
					rs.getObject(4, OffsetDateTime.class).toInstant()))
			.list();
		if (heads.isEmpty()) {
			return List.of();
		}
		Map<Long, List<Change>> changes = jdbc.sql("""
				select c.revision_id, c.person_id, p.name, c.before_status, c.status, c.temperature, c.symptoms, c.absence_kind,
				c.note from roll_call_change c join person p on p.id = c.person_id join roll_call_revision r on r.id = c.revision_id
				where r.roll_call_id = ? order by p.name, c.person_id""")
			.param(rollCallId)
			.query((rs, i) -> Map.entry(rs.getLong(1), new Change(rs.getLong(2), rs.getString(3),
					rs.getString(4) == null ? null : Status.valueOf(rs.getString(4)),
					new Mark(rs.getLong(2), Status.valueOf(rs.getString(5)), rs.getBigDecimal(6), split(rs.getString(7)),
							rs.getString(8) == null ? null : AbsenceKind.valueOf(rs.getString(8)), rs.getString(9)))))
			.list().stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return heads.stream().map(h -> new Revision(h.version(), h.by(), h.at(), changes.getOrDefault(h.id(), List.of())))
			.toList();
	}

	Outcome save(CurrentUser user, Save s, Instant now) {
		if (!user.can(Permission.CHECK_IN_RECORD) || s.kind() == null || groups.find(user, s.kind(), s.groupId()).isEmpty()) {
			return new NotFound();
		}
		String requestId = s.requestId() == null || s.requestId().isBlank() ? null : s.requestId().strip();
		if (requestId != null && requestId.length() > 64) {
			return new Rejected(List.of(FieldProblem.of("requestId", "health.requestId.tooLong", 64)));
		}
		if (requestId != null) {
			Optional<Saved> earlier = byRequest(user.schoolId(), requestId);
			if (earlier.isPresent()) {
				return earlier.get();
			}
		}
		LocalDate today = now.atZone(checkIns.zone()).toLocalDate();
		if (s.date() == null) {
			return new Rejected(List.of(FieldProblem.of("date", "rollCall.date.required")));
		}
		if (s.date().isAfter(today) || s.date().isBefore(today.minusDays(1))) {
			return new Rejected(List.of(FieldProblem.of("date", "rollCall.date.range")));
		}
		if (s.slotCode() == null || s.slotCode().isBlank()) {
			return new Rejected(List.of(FieldProblem.of("slotCode", "health.slot.unknown", "")));
		}
		Sheet sheet = sheet(user, s.kind(), s.groupId(), s.date(), s.slotCode(), now).orElse(null);
		if (sheet == null) {
			return new NotFound();
		}
		if (sheet.slot() == null) {
			return new Rejected(List.of(FieldProblem.of("slotCode", "health.slot.unknown", s.slotCode())));
		}
		LocalDateTime opens = LocalDateTime.of(s.date(), sheet.slot().start());
		if (now.atZone(checkIns.zone()).toLocalDateTime().isBefore(opens)) {
			return new Rejected(List.of(FieldProblem.of("slotCode", "health.slot.notOpen", sheet.slot().start())));
		}
		if (s.version() != null && s.version() < 0) {
			return new Rejected(List.of(FieldProblem.of("version", "rollCall.version.invalid")));
		}
		RollCallRules.Result result = RollCallRules.resolve(sheet.profile(), sheet.expected(), sheet.away(), s.allPresent(),
				s.marks());
		if (result instanceof RollCallRules.Rejected rejected) {
			return new Rejected(rejected.problems());
		}
		List<Mark> marks = ((RollCallRules.Resolved) result).marks();
		try {
			return tx.execute(status -> write(user, sheet, s, marks, requestId, now));
		}
		catch (Undo undo) {
			return undo.outcome;
		}
		catch (DuplicateKeyException raced) {
			// Two first saves of the same roll-call at once, or the same request twice: one of them won.
			if (requestId != null) {
				Optional<Saved> earlier = byRequest(user.schoolId(), requestId);
				if (earlier.isPresent()) {
					return earlier.get();
				}
			}
			return find(user.schoolId(), s.kind(), s.groupId(), s.date(), sheet.slot().code(), false)
				.<Outcome>map(c -> new Conflict(c.version(), c.recordedByName(), c.recordedAt()))
				.orElseThrow(() -> raced);
		}
	}

	private Optional<Saved> byRequest(long schoolId, String requestId) {
		return jdbc.sql("select roll_call_id, version from roll_call_revision where school_id = ? and request_id = ?")
			.params(schoolId, requestId)
			.query((rs, i) -> new Saved(rs.getLong(1), rs.getInt(2), true))
			.optional();
	}

	private Outcome write(CurrentUser user, Sheet sheet, Save s, List<Mark> marks, String requestId, Instant now) {
		long schoolId = user.schoolId();
		String slot = sheet.slot().code();
		Optional<Current> locked = find(schoolId, s.kind(), s.groupId(), s.date(), slot, true);
		if (requestId != null) {
			// a retry that waited for the lock behind its own first attempt
			Optional<Saved> earlier = byRequest(schoolId, requestId);
			if (earlier.isPresent()) {
				return earlier.get();
			}
		}
		int started = s.version() == null ? 0 : s.version();
		if (locked.isPresent() && locked.get().version() != started) {
			Current c = locked.get();
			return new Conflict(c.version(), c.recordedByName(), c.recordedAt());
		}
		if (locked.isEmpty() && started != 0) {
			return new Rejected(List.of(FieldProblem.of("version", "rollCall.version.invalid")));
		}
		int[] counts = RollCallRules.counts(marks);
		int away = sheet.away().size();
		OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
		String by = user.displayName() == null || user.displayName().isBlank() ? user.getUsername() : user.displayName();
		long id;
		int version;
		if (locked.isEmpty()) {
			version = 1;
			jdbc.sql("""
					insert into roll_call (school_id, group_kind, group_id, group_name, check_date, slot_code, expected, present,
					abnormal, absent, away, recorded_by, recorded_by_name, recorded_at, version)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)""")
				.params(schoolId, s.kind().name(), s.groupId(), sheet.group().name(), s.date(), slot, marks.size(), counts[0],
						counts[1], counts[2], away, user.id(), by, at)
				.update();
			id = find(schoolId, s.kind(), s.groupId(), s.date(), slot, false).orElseThrow().id();
		}
		else {
			id = locked.get().id();
			version = locked.get().version() + 1;
			jdbc.sql("""
					update roll_call set group_name = ?, expected = ?, present = ?, abnormal = ?, absent = ?, away = ?,
					recorded_by = ?, recorded_by_name = ?, recorded_at = ?, version = ? where id = ?""")
				.params(sheet.group().name(), marks.size(), counts[0], counts[1], counts[2], away, user.id(), by, at, version, id)
				.update();
		}
		Map<Long, StoredMark> before = marks(id);
		jdbc.sql("delete from roll_call_mark where roll_call_id = ?").param(id).update();
		Map<Long, String> names = sheet.rows().stream()
			.collect(Collectors.toMap(r -> r.member().personId(), r -> r.member().name()));
		jdbc.sql("insert into roll_call_revision (roll_call_id, school_id, version, recorded_by, recorded_by_name, recorded_at,"
				+ " request_id) values (?, ?, ?, ?, ?, ?, ?)")
			.params(id, schoolId, version, user.id(), by, at, requestId).update();
		long revisionId = jdbc.sql("select id from roll_call_revision where roll_call_id = ? and version = ?")
			.params(id, version).query(Long.class).single();
		Instant measuredAt = measuredAt(sheet, now);
		// problems of the check-in or absence a mark causes name the mark's row as it was sent
		Map<Long, Integer> rows = new HashMap<>();
		List<RollCallRules.Input> inputs = s.marks() == null ? List.of() : s.marks();
		for (int i = 0; i < inputs.size(); i++) {
			if (inputs.get(i) != null && inputs.get(i).personId() != null) {
				rows.putIfAbsent(inputs.get(i).personId(), i);
			}
		}
		int changed = 0;
		for (Mark m : marks) {
			StoredMark old = before.get(m.personId());
			int row = rows.getOrDefault(m.personId(), -1);
			Long checkInId = old == null ? null : old.checkInId();
			Long absenceId = old == null ? null : old.absenceId();
			boolean absenceCreated = old != null && old.absenceCreated();
			boolean same = old != null && sameMark(old.mark(), m);
			// whether the mark reached triage as an abnormal check-in
			boolean abnormalCheckIn = false;
			if (m.status() == Status.ABNORMAL && m.temperature() != null && !(same && checkInId != null)) {
				CheckIns.Recorded recorded = checkIn(user, sheet, m, measuredAt, now, row);
				checkInId = recorded.id();
				abnormalCheckIn = recorded.abnormal();
			}
			boolean keepsAbsence = old != null && old.absenceId() != null && m.status() == Status.ABSENT
					&& old.mark().absenceKind() == m.absenceKind();
			if (!keepsAbsence && absenceId != null) {
				if (absenceCreated) {
					cancel(absenceId, names.get(m.personId()), sheet);
				}
				absenceId = null;
				absenceCreated = false;
			}
			if (m.status() == Status.ABSENT && absenceId == null) {
				Absences.Outcome registered = absences.register(user, new Absences.Registration(m.personId(), m.absenceKind(),
						s.date(), m.absenceKind() == AbsenceKind.SICK ? null : s.date(), m.note(), List.of(), null,
						Absences.Source.ROLL_CALL), now);
				if (registered instanceof Absences.Registered r) {
					absenceId = r.absenceId();
					absenceCreated = !r.existing();
				}
				else {
					throw new Undo(new Rejected(List.of(rowProblem(row, registered instanceof Absences.Rejected rj
							? rj.problems() : List.of(FieldProblem.of("personId", "rollCall.person.notMember", m.personId()))))));
				}
			}
			jdbc.sql("""
					insert into roll_call_mark (roll_call_id, school_id, person_id, status, temperature, symptoms, absence_kind, note,
					check_in_id, absence_id, absence_created) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(id, schoolId, m.personId(), m.status().name(), m.temperature(), String.join(",", m.symptoms()),
						m.absenceKind() == null ? null : m.absenceKind().name(), m.note(), checkInId, absenceId, absenceCreated)
				.update();
			if (!same) {
				changed++;
				jdbc.sql("""
						insert into roll_call_change (revision_id, school_id, person_id, before_status, status, temperature, symptoms,
						absence_kind, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
					.params(revisionId, schoolId, m.personId(), old == null ? null : old.mark().status().name(), m.status().name(),
							m.temperature(), String.join(",", m.symptoms()),
							m.absenceKind() == null ? null : m.absenceKind().name(), m.note())
					.update();
				if (m.status() == Status.ABNORMAL && !abnormalCheckIn) {
					// no temperature, or a normal one with symptoms below the profile's rules: the teacher's
					// judgement still sends the person to the clinic
					events.publishEvent(new RollCallAbnormal(schoolId, m.personId(), revisionId, s.date(), slot,
							m.temperature(), m.symptoms(), measuredAt));
				}
				if (m.status() != Status.PRESENT && !(m.status() == Status.ABNORMAL && m.temperature() != null)) {
					// an abnormal mark with a temperature is on the timeline through its check-in
					timeline.record(m.personId(), "health", m.status() == Status.ABSENT ? "rollCallAbsent" : "rollCallAbnormal",
							s.date() + " " + slot + " " + sheet.group().name() + " "
									+ (m.absenceKind() != null ? m.absenceKind().name() : String.join(",", m.symptoms()))
									+ (m.note() == null ? "" : " " + m.note()),
							now);
				}
			}
		}
		// marks of people no longer expected (moved away, now away) go; their records elsewhere stay
		Set<Long> kept = marks.stream().map(Mark::personId).collect(Collectors.toSet());
		for (StoredMark gone : before.values()) {
			if (!kept.contains(gone.mark().personId()) && gone.absenceCreated() && gone.absenceId() != null
					&& !sheet.away().contains(gone.mark().personId())) {
				cancel(gone.absenceId(), names.get(gone.mark().personId()), sheet);
			}
		}
		String summary = sheet.group().name() + " " + s.date() + " " + slot + ": " + counts[0] + " present, " + counts[1]
				+ " abnormal, " + counts[2] + " absent, " + away + " away; " + changed + " changed";
		audit.record(version == 1 ? AuditAction.CREATE : AuditAction.UPDATE, "roll_call", id, summary,
				locked.map(c -> "v" + c.version() + " " + c.present() + "/" + c.abnormal() + "/" + c.absent()).orElse(null),
				"v" + version + " " + counts[0] + "/" + counts[1] + "/" + counts[2]);
		return new Saved(id, version, false);
	}

	private static boolean sameMark(Mark a, Mark b) {
		return a.status() == b.status() && Objects.equals(a.absenceKind(), b.absenceKind())
				&& (a.temperature() == null ? b.temperature() == null
						: b.temperature() != null && a.temperature().compareTo(b.temperature()) == 0)
				&& new HashSet<>(a.symptoms()).equals(new HashSet<>(b.symptoms())) && Objects.equals(a.note(), b.note());
	}

	/** When a roll-call's temperatures count as measured: now, or for yesterday's roll-call its slot's end. */
	private Instant measuredAt(Sheet sheet, Instant now) {
		Instant end = LocalDateTime.of(sheet.date(), sheet.slot().end()).atZone(checkIns.zone()).toInstant();
		return end.isBefore(now) && !sheet.date().equals(now.atZone(checkIns.zone()).toLocalDate()) ? end : now;
	}

	private CheckIns.Recorded checkIn(CurrentUser user, Sheet sheet, Mark m, Instant measuredAt, Instant now, int row) {
		CheckIns.Outcome outcome = checkIns.submit(user, new CheckIns.Submission(m.personId(), sheet.slot().code(),
				m.temperature(), m.symptoms(), true, null, measuredAt, null, CheckIns.Source.ROLL_CALL), now);
		if (outcome instanceof CheckIns.Saved saved) {
			return saved.recorded();
		}
		List<FieldProblem> problems = outcome instanceof CheckIns.Rejected r ? r.problems()
				: List.of(FieldProblem.of("personId", "rollCall.person.notMember", m.personId()));
		throw new Undo(new Rejected(List.of(rowProblem(row, problems))));
	}

	private static FieldProblem[] rowProblem(int row, List<FieldProblem> problems) {
		return problems.stream().map(p -> new FieldProblem("marks[" + row + "]." + p.field(), p.code(), p.args()))
			.toArray(FieldProblem[]::new);
	}

	/** Withdraws an absence this roll-call registered when a later save no longer marks the person absent. */
	private void cancel(long absenceId, String name, Sheet sheet) {
		int n = jdbc.sql("""
				update absence set status = 'CANCELLED', cancel_reason = ?, version = version + 1
				where id = ? and status = 'OPEN' and followed_up_at is null""")
			.params("roll-call corrected: " + sheet.group().name() + " " + sheet.date() + " " + sheet.slot().code(), absenceId)
			.update();
		if (n > 0) {
			audit.record(AuditAction.UPDATE, "absence", absenceId, (name == null ? "" : name + " ")
					+ "absence cancelled: roll-call corrected");
		}
	}

	static List<String> split(String s) {
		return s == null || s.isEmpty() ? List.of() : List.copyOf(new LinkedHashSet<>(Arrays.asList(s.split(","))));
	}
}
