package org.bulwark.health;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PersonTimeline;
import org.bulwark.directory.Registry;
import org.bulwark.health.TriageRules.Status;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clinic's triage tasks (预检分诊): an abnormal check-in opens one for the person, or adds to the
 * one already open; a doctor within scope takes it and records the outcome once, which is told to
 * other modules as {@link TriageConcluded}.
 */
@Service
class Triage {

	private static final Map<String, String> SORTS = Map.of("opened", "t.opened_at", "last", "t.last_signal_at",
			"name", "p.name", "temperature", "t.max_temperature");

	/** Which tasks a list shows: ACTIVE is open or in progress. */
	enum View {
		ACTIVE, OPEN, IN_PROGRESS, DONE, ALL
	}

	record Filter(View view, LocalDate from, LocalDate to, TriageOutcome outcome, Long orgUnitId, String q) {
	}

	record Task(long id, long personId, String personCode, String personName, String orgUnitName, String residence,
			Status status, Instant openedAt, Instant lastSignalAt, int signals, BigDecimal maxTemperature,
			List<String> symptoms, List<String> rules, Instant startedAt, String startedBy, TriageOutcome outcome,
			String note, Instant concludedAt, String concludedBy, Long absenceId, int version) {

		public boolean open() {
			return TriageRules.open(status);
		}

		public boolean startable() {
			return TriageRules.mayStart(status);
		}
	}

	/** @param checkInId the abnormal check-in, none for a roll-call mark */
	record Signal(Long checkInId, LocalDate checkDate, String slotCode, BigDecimal temperature, List<String> symptoms,
			List<String> rules, boolean onCampus, Instant measuredAt) {
	}

	sealed interface Outcome {
	}

	record Done(Task task) implements Outcome {
	}

	record Rejected(List<FieldProblem> problems) implements Outcome {
	}

	/** Someone else changed the task first (started or concluded it): the task as it is now. */
	record Conflict(Task current) implements Outcome {
	}

	record NotFound() implements Outcome {
	}

	private static final String COLUMNS = """
			t.id, t.person_id, p.code, p.name, o.name,
			case when bd.id is null then pl.name else concat(bd.name, ' ', pl.name) end,
			t.status, t.opened_at, t.last_signal_at, t.signal_count, t.max_temperature, t.symptoms, t.rules,
			t.started_at, su.display_name, t.outcome, t.note, t.concluded_at, cu.display_name, t.absence_id, t.version""";
	private static final String FROM = """
			from triage_task t join person p on p.id = t.person_id left join org_unit o on o.id = p.org_unit_id
			left join place pl on pl.id = p.residence_place_id
			left join place fl on fl.id = pl.parent_id and pl.kind = 'ROOM' and fl.kind = 'FLOOR'
			left join place bd on bd.id = fl.parent_id
			left join app_user su on su.id = t.started_by left join app_user cu on cu.id = t.concluded_by""";

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final Registry registry;
	private final Absences absences;
	private final PersonTimeline timeline;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;
	private final ZoneId zone;

	Triage(JdbcClient jdbc, JdbcTemplate template, Registry registry, Absences absences, PersonTimeline timeline,
			AuditLog audit, ApplicationEventPublisher events,
			@Value("${bulwark.health.time-zone:Asia/Shanghai}") ZoneId zone) {
		this.jdbc = jdbc;
		this.template = template;
		this.registry = registry;
		this.absences = absences;
		this.timeline = timeline;
		this.audit = audit;
		this.events = events;
		this.zone = zone;
	}

	ZoneId zone() {
		return zone;
	}

	@ApplicationModuleListener
	void on(CheckInAbnormal event) {
		receive(event, Instant.now());
	}

	@ApplicationModuleListener
	void on(RollCallAbnormal event) {
		receive(event, Instant.now());
	}

	/** What a task is told: an abnormal check-in or an abnormal roll-call mark. */
	private record Incoming(long schoolId, long personId, Long checkInId, Long rollCallRevisionId, LocalDate checkDate,
			String slotCode, BigDecimal temperature, List<String> symptoms, List<String> rules, boolean onCampus,
			Instant measuredAt) {
	}

	/**
	 * Opens the person's task or adds the check-in to the open one; the same event delivered again
	 * (the publication registry resubmits unfinished ones) changes nothing.
	 *
	 * @return the task's id
	 */
	@Transactional
	long receive(CheckInAbnormal e, Instant now) {
		return receive(new Incoming(e.schoolId(), e.personId(), e.checkInId(), null, e.checkDate(), e.slotCode(),
				e.temperature(), e.symptoms(), e.rules(), e.onCampus(), e.measuredAt()), now);
	}

	/** The same for a roll-call mark: the person was seen at school, so on campus. */
	@Transactional
	long receive(RollCallAbnormal e, Instant now) {
		return receive(new Incoming(e.schoolId(), e.personId(), null, e.revisionId(), e.checkDate(), e.slotCode(),
				e.temperature(), e.symptoms(), List.of(RollCallAbnormal.RULE), true, e.markedAt()), now);
	}

	private long receive(Incoming e, Instant now) {
		// one writer per person at a time; the unique index on open_person_id holds even without it
		jdbc.sql("select id from person where id = ? for update").param(e.personId()).query(Long.class).optional();
		OffsetDateTime measured = e.measuredAt().atOffset(ZoneOffset.UTC);
		Optional<Long> seen = e.checkInId() != null
				? jdbc.sql("select task_id from triage_signal where school_id = ? and check_in_id = ? and measured_at = ?")
					.params(e.schoolId(), e.checkInId(), measured).query(Long.class).optional()
				: jdbc.sql("""
						select s.task_id from triage_signal s join triage_task t on t.id = s.task_id
						where s.school_id = ? and s.roll_call_revision_id = ? and t.person_id = ?""")
					.params(e.schoolId(), e.rollCallRevisionId(), e.personId()).query(Long.class).optional();
		if (seen.isPresent()) {
			return seen.get();
		}
		TriageRules.Signal signal = new TriageRules.Signal(e.temperature(), e.symptoms(), e.rules(), e.measuredAt());
		Optional<Object[]> open = jdbc.sql("""
				select id, signal_count, max_temperature, symptoms, rules, last_signal_at from triage_task
				where school_id = ? and open_person_id = ? for update""")
			.params(e.schoolId(), e.personId())
			.query((rs, i) -> new Object[] {rs.getLong(1), new TriageRules.Summary(rs.getInt(2), rs.getBigDecimal(3),
					split(rs.getString(4)), split(rs.getString(5)), rs.getObject(6, OffsetDateTime.class).toInstant())})
			.optional();
		long taskId;
		if (open.isPresent()) {
			taskId = (long) open.get()[0];
			TriageRules.Summary s = ((TriageRules.Summary) open.get()[1]).add(signal);
			jdbc.sql("""
					update triage_task set signal_count = ?, max_temperature = ?, symptoms = ?, rules = ?, last_signal_at = ?,
					version = version + 1 where id = ?""")
				.params(s.signals(), s.maxTemperature(), join(s.symptoms()), join(s.rules()),
						s.lastSignalAt().atOffset(ZoneOffset.UTC), taskId)
				.update();
		}
		else {
			TriageRules.Summary s = TriageRules.Summary.of(signal);
			jdbc.sql("""
					insert into triage_task (school_id, person_id, open_person_id, status, opened_at, last_signal_at,
					signal_count, max_temperature, symptoms, rules) values (?, ?, ?, 'OPEN', ?, ?, 1, ?, ?, ?)""")
				.params(e.schoolId(), e.personId(), e.personId(), now.atOffset(ZoneOffset.UTC), measured,
						s.maxTemperature(), join(s.symptoms()), join(s.rules()))
				.update();
			taskId = jdbc.sql("select id from triage_task where school_id = ? and open_person_id = ?")
				.params(e.schoolId(), e.personId()).query(Long.class).single();
			timeline.record(e.personId(), "health", "triageOpened",
					(e.temperature() == null ? "" : e.temperature() + "℃ ") + String.join(",", e.symptoms()), now);
		}
		jdbc.sql("""
				insert into triage_signal (school_id, task_id, check_in_id, roll_call_revision_id, check_date, slot_code,
				temperature, symptoms, rules, on_campus, measured_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(e.schoolId(), taskId, e.checkInId(), e.rollCallRevisionId(), e.checkDate(), e.slotCode(), e.temperature(),
					join(e.symptoms()), join(e.rules()), e.onCampus(), measured)
			.update();
		return taskId;
	}

	/** One page of the queue within the user's scope, oldest first unless sorted otherwise. */
	@Transactional(readOnly = true)
	PageResult<Task> search(CurrentUser user, Filter filter, PageQuery page) {
		if (!user.can(Permission.TRIAGE_MANAGE)) {
			return new PageResult<>(List.of(), page.page(), page.size(), 0, false);
		}
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, params);
		String order = SORTS.getOrDefault(page.sort(), "t.opened_at") + (page.descending() ? " desc" : "") + ", t.id";
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<Task> items = jdbc.sql("select " + COLUMNS + " " + FROM + " where " + where + " order by " + order
				+ " limit ? offset ?").params(pageParams).query(Triage::task).list();
		return PageResult.counted(items, page.page(), page.size(), cap -> {
			List<Object> countParams = new ArrayList<>(params);
			countParams.add(cap);
			return jdbc.sql("select count(*) from (select 1 from triage_task t join person p on p.id = t.person_id where " + where + " limit ?) c")
				.params(countParams).query(Long.class).single();
		});
	}

	/** Every task of the filter, oldest first, as rows arrive (exports). */
	@Transactional(readOnly = true)
	void stream(CurrentUser user, Filter filter, Consumer<Task> sink) {
		if (!user.can(Permission.TRIAGE_MANAGE)) {
			return;
		}
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, params);
		template.query(con -> {
			var ps = con.prepareStatement("select " + COLUMNS + " " + FROM + " where " + where + " order by t.opened_at, t.id",
					ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			ps.setFetchSize(1000);
			for (int i = 0; i < params.size(); i++) {
				ps.setObject(i + 1, params.get(i));
			}
			return ps;
		}, rs -> {
			sink.accept(task(rs, 0));
		});
	}

	private String where(CurrentUser user, Filter f, List<Object> params) {
		StringBuilder where = new StringBuilder("t.school_id = ?");
		params.add(user.schoolId());
		where.append(" and ").append(registry.personInScope(user, params));
		View view = f.view() == null ? View.ACTIVE : f.view();
		switch (view) {
			case ACTIVE -> where.append(" and t.status <> 'DONE'");
			case OPEN, IN_PROGRESS, DONE -> {
				where.append(" and t.status = ?");
				params.add(view.name());
			}
			case ALL -> {
			}
		}
		if (f.from() != null) {
			where.append(" and t.opened_at >= ?");
			params.add(f.from().atStartOfDay(zone).toOffsetDateTime());
		}
		if (f.to() != null) {
			where.append(" and t.opened_at < ?");
			params.add(f.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
		}
		if (f.outcome() != null) {
			where.append(" and t.outcome = ?");
			params.add(f.outcome().name());
		}
		if (f.orgUnitId() != null) {
			where.append(" and ").append(registry.personInOrgUnit(f.orgUnitId(), params));
		}
		String typed = registry.personNameOrCodeStartsWith(f.q(), params);
		if (typed != null) {
			where.append(" and ").append(typed);
		}
		return where.toString();
	}

	/** A task within the user's scope. */
	@Transactional(readOnly = true)
	Optional<Task> find(CurrentUser user, long id) {
		if (!user.can(Permission.TRIAGE_MANAGE)) {
			return Optional.empty();
		}
		List<Object> params = new ArrayList<>();
		params.add(id);
		params.add(user.schoolId());
		String scope = registry.personInScope(user, params);
		return jdbc.sql("select " + COLUMNS + " " + FROM + " where t.id = ? and t.school_id = ? and " + scope)
			.params(params).query(Triage::task).optional();
	}

	/** The abnormal check-ins and roll-call marks behind a task, newest first. */
	@Transactional(readOnly = true)
	List<Signal> signals(long taskId) {
		return jdbc.sql("""
				select check_in_id, check_date, slot_code, temperature, symptoms, rules, on_campus, measured_at
				from triage_signal where task_id = ? order by measured_at desc, id desc""")
			.param(taskId)
			.query((rs, i) -> new Signal(rs.getObject(1, Long.class), rs.getObject(2, LocalDate.class), rs.getString(3),
					rs.getBigDecimal(4), split(rs.getString(5)), split(rs.getString(6)), rs.getBoolean(7),
					rs.getObject(8, OffsetDateTime.class).toInstant()))
			.list();
	}

	/** A doctor takes the task: others see it in progress and by whom. */
	@Transactional
	Outcome start(CurrentUser user, long id, int version, Instant now) {
		Optional<Task> task = find(user, id);
		if (task.isEmpty()) {
			return new NotFound();
		}
		if (!task.get().startable() || task.get().version() != version) {
			return new Conflict(task.get());
		}
		int updated = jdbc.sql("""
				update triage_task set status = 'IN_PROGRESS', started_by = ?, started_at = ?, version = version + 1
				where id = ? and version = ? and status = 'OPEN'""")
			.params(user.id(), now.atOffset(ZoneOffset.UTC), id, version).update();
		Task current = find(user, id).orElseThrow();
		if (updated == 0) {
			return new Conflict(current);
		}
		audit.record(AuditAction.UPDATE, "triage_task", id, "started triage of " + current.personName());
		return new Done(current);
	}

	/**
	 * Records the outcome, once: the version read by the doctor must still be the task's, so of two
	 * doctors concluding at once one wins and the other is told. With {@code registerAbsence} (home
	 * observation, hospital) a sick absence is registered from today in the same transaction.
	 */
	@Transactional
	Outcome conclude(CurrentUser user, long id, int version, TriageOutcome outcome, String note,
			boolean registerAbsence, Instant now) {
		Optional<Task> found = find(user, id);
		if (found.isEmpty()) {
			return new NotFound();
		}
		Task task = found.get();
		if (!task.open() || task.version() != version) {
			return new Conflict(task);
		}
		List<FieldProblem> problems = new ArrayList<>(TriageRules.conclusion(outcome, note, registerAbsence));
		if (registerAbsence && !user.can(Permission.ABSENCE_RECORD)) {
			problems.add(FieldProblem.of("registerAbsence", "triage.absence.notAllowed"));
		}
		else if (registerAbsence && registry.find(user, task.personId()).filter(Registry.Subject::active).isEmpty()) {
			// a record deactivated (left school, merged) while its task was open takes no new absence
			problems.add(FieldProblem.of("registerAbsence", "triage.absence.personInactive"));
		}
		if (!problems.isEmpty()) {
			return new Rejected(List.copyOf(problems));
		}
		String cleanNote = note == null || note.isBlank() ? null : note.strip();
		int updated = jdbc.sql("""
				update triage_task set status = 'DONE', open_person_id = null, outcome = ?, note = ?, concluded_by = ?,
				concluded_at = ?, version = version + 1 where id = ? and version = ? and status <> 'DONE'""")
			.params(outcome.name(), cleanNote, user.id(), now.atOffset(ZoneOffset.UTC), id, version).update();
		if (updated == 0) {
			return new Conflict(find(user, id).orElseThrow());
		}
		if (registerAbsence) {
			Absences.Outcome registered = absences.register(user, new Absences.Registration(task.personId(),
					AbsenceKind.SICK, now.atZone(zone).toLocalDate(), null, cleanNote, task.symptoms(), null,
					Absences.Source.CLINIC), now);
			if (registered instanceof Absences.Registered r) {
				jdbc.sql("update triage_task set absence_id = ? where id = ?").params(r.absenceId(), id).update();
			}
			else {
				throw new IllegalStateException("sick absence not registered for triage task " + id + ": " + registered);
			}
		}
		audit.record(AuditAction.UPDATE, "triage_task", id, "triage of " + task.personName() + ": " + outcome,
				task.status().name(), outcome.name() + (cleanNote == null ? "" : " " + cleanNote));
		timeline.record(task.personId(), "health", "triageConcluded",
				outcome.name() + (cleanNote == null ? "" : " " + cleanNote), now);
		events.publishEvent(new TriageConcluded(user.schoolId(), task.personId(), id, outcome, cleanNote, now));
		return new Done(find(user, id).orElseThrow());
	}

	private static Task task(ResultSet rs, int i) throws SQLException {
		String outcome = rs.getString(16);
		OffsetDateTime started = rs.getObject(14, OffsetDateTime.class);
		OffsetDateTime concluded = rs.getObject(18, OffsetDateTime.class);
		return new Task(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
				Status.valueOf(rs.getString(7)), rs.getObject(8, OffsetDateTime.class).toInstant(),
				rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getInt(10), rs.getBigDecimal(11),
				split(rs.getString(12)), split(rs.getString(13)), started == null ? null : started.toInstant(),
				rs.getString(15), outcome == null ? null : TriageOutcome.valueOf(outcome), rs.getString(17),
				concluded == null ? null : concluded.toInstant(), rs.getString(19), rs.getObject(20, Long.class),
				rs.getInt(21));
	}

	static List<String> split(String s) {
		return s == null || s.isEmpty() ? List.of() : Arrays.stream(s.split(",")).filter(x -> !x.isBlank()).toList();
	}

	private static String join(List<String> values) {
		String s = values == null ? "" : String.join(",", values);
		return s.length() <= 500 ? s : s.substring(0, 500);
	}
}
