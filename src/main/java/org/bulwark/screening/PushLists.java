package org.bulwark.screening;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PersonTimeline;
import org.bulwark.directory.Registry;
import org.bulwark.directory.imports.ColumnMapping;
import org.bulwark.directory.imports.SpreadsheetReader;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.BulkWriter;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lists of people the authorities push: upload (kept as bytes, previewed with every row's
 * problems), confirmation (rows written, matched against the registry set-based, accepted matches
 * turned into verification tasks for the people's responsible staff), review of the band,
 * the call outcome and the classification for control.
 */
@Service
class PushLists {

	/** Where the time of a confirmation goes, step by step (debug level), as the bench needs it. */
	private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PushLists.class);

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final BulkWriter bulk;
	private final Registry registry;
	private final AuditLog audit;
	private final PersonTimeline timeline;
	private final ApplicationEventPublisher events;
	private final PushMatching.Thresholds thresholds;
	private final Duration verifyWithin;

	PushLists(JdbcClient jdbc, JdbcTemplate template, BulkWriter bulk, Registry registry, AuditLog audit,
			PersonTimeline timeline, ApplicationEventPublisher events,
			@Value("${bulwark.screening.push.accept:85}") int accept, @Value("${bulwark.screening.push.review:60}") int review,
			@Value("${bulwark.screening.push.verify-within:PT12H}") Duration verifyWithin) {
		this.jdbc = jdbc;
		this.template = template;
		this.bulk = bulk;
		this.registry = registry;
		this.audit = audit;
		this.timeline = timeline;
		this.events = events;
		this.thresholds = new PushMatching.Thresholds(accept, review);
		this.verifyWithin = verifyWithin;
	}

	PushMatching.Thresholds thresholds() {
		return thresholds;
	}

	sealed interface Result permits Done, Rejected {
	}

	record Done(long id, Map<String, Long> counts) implements Result {
	}

	record Rejected(List<FieldProblem> problems) implements Result {

		static Rejected of(String field, String code, Object... args) {
			return new Rejected(List.of(FieldProblem.of(field, code, args)));
		}
	}

	record Source(long id, String name, String mapping) {
	}

	record PushList(long id, long sourceId, String sourceName, LocalDate pushedOn, String fileName, String format,
			String encoding, String status, String createdBy, Instant createdAt, Instant confirmedAt, int totalRows,
			int invalidRows, int duplicateRows, int acceptedRows, int reviewRows, int notOursRows, int version) {
	}

	/** A list's preview: the reading of its stored file with the mapping, nothing written. */
	record Preview(PushList list, PushListReading.Result reading, String encoding) {
	}

	record Filter(String q, Long sourceId, String status, LocalDate from, LocalDate to) {
	}

	// ---- sources and upload

	List<Source> sources(CurrentUser user) {
		return jdbc.sql("select id, name, mapping from push_source where school_id = ? order by name")
			.param(user.schoolId()).query((rs, i) -> new Source(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
	}

	/** Stores the file of a list for its preview; the rows enter the queue only on {@link #confirm}. */
	@Transactional
	Result upload(CurrentUser user, String sourceName, LocalDate pushedOn, String fileName, byte[] content) {
		List<FieldProblem> problems = new ArrayList<>();
		String source = sourceName == null ? "" : PushNormalizer.halfWidth(sourceName).replaceAll("\\s+", " ");
		if (source.isEmpty()) {
			problems.add(FieldProblem.of("source", "required"));
		}
		else if (source.length() > 100) {
			problems.add(FieldProblem.of("source", "tooLong", 100));
		}
		SpreadsheetReader.Table table = null;
		try {
			table = SpreadsheetReader.read(content, fileName);
			if (table.rows().isEmpty()) {
				problems.add(FieldProblem.of("file", "pushList.unusable.empty"));
			}
		} catch (SpreadsheetReader.Unreadable e) {
			problems.add(FieldProblem.of("file", "pushList.unusable." + e.reason()));
		}
		if (!problems.isEmpty()) {
			return new Rejected(problems);
		}
		long sourceId = sourceId(user, source);
		var key = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into push_list (school_id, source_id, pushed_on, file_name, format, encoding, content, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(user.schoolId(), sourceId, Date.valueOf(pushedOn == null ? LocalDate.now() : pushedOn),
					fileName == null || fileName.isBlank() ? "list" : trim(fileName, 255), table.format(), table.encoding(),
					content, user.getUsername())
			.update(key, "id");
		long id = key.getKey().longValue();
		audit.record(AuditAction.IMPORT, "push_list", id, "uploaded " + fileName + " from " + source + " ("
				+ table.format() + (table.encoding() == null ? "" : ", " + table.encoding()) + ", " + table.rows().size()
				+ " rows), for preview");
		return new Done(id, Map.of());
	}

	private long sourceId(CurrentUser user, String name) {
		Optional<Long> found = jdbc.sql("select id from push_source where school_id = ? and name = ?")
			.params(user.schoolId(), name).query(Long.class).optional();
		if (found.isPresent()) {
			return found.get();
		}
		// two uploads naming a new source at once: the unique key keeps one, the other reads it
		jdbc.sql("""
				insert into push_source (school_id, name, updated_by) select ?, ?, ?
				where not exists (select 1 from push_source where school_id = ? and name = ?)""")
			.params(user.schoolId(), name, user.getUsername(), user.schoolId(), name).update();
		return jdbc.sql("select id from push_source where school_id = ? and name = ?").params(user.schoolId(), name)
			.query(Long.class).single();
	}

	Optional<PushList> find(CurrentUser user, long id) {
		return jdbc.sql("select " + LIST_COLUMNS + " from push_list l join push_source s on s.id = l.source_id"
				+ " where l.id = ? and l.school_id = ?").params(id, user.schoolId()).query(PushLists::list).optional();
	}

	/** The preview with the list's own mapping, else the one its source remembers, else the headers' names. */
	Optional<Preview> preview(CurrentUser user, long id) {
		Optional<PushList> list = find(user, id);
		if (list.isEmpty()) {
			return Optional.empty();
		}
		Object[] stored = jdbc.sql("select l.content, coalesce(l.mapping, s.mapping) from push_list l"
				+ " join push_source s on s.id = l.source_id where l.id = ?").param(id)
			.query((rs, i) -> new Object[] {rs.getBytes(1), rs.getString(2)}).single();
		try {
			SpreadsheetReader.Table table = SpreadsheetReader.read((byte[]) stored[0], list.get().fileName());
			return Optional.of(new Preview(list.get(),
					PushListReading.read(table.rows(), PushListReading.parseChoices((String) stored[1])), table.encoding()));
		} catch (SpreadsheetReader.Unreadable e) {
			throw new IllegalStateException("a stored list became unreadable: " + e.reason(), e);
		}
	}

	/**
	 * The columns chosen for a list (header key → field or IGNORE), remembered for its source so the
	 * next file of the same authority maps itself.
	 */
	@Transactional
	Result saveMapping(CurrentUser user, long id, Map<String, String> choices) {
		Optional<PushList> list = find(user, id);
		if (list.isEmpty()) {
			return Rejected.of("id", "notFound");
		}
		if (!"PREVIEW".equals(list.get().status())) {
			return Rejected.of("id", "pushList.alreadyConfirmed");
		}
		Map<String, String> clean = new LinkedHashMap<>();
		choices.forEach((k, v) -> {
			String key = ColumnMapping.key(k);
			if (!key.isEmpty() && v != null && ("IGNORE".equals(v) || isField(v))) {
				clean.put(key, v);
			}
		});
		String text = PushListReading.formatChoices(clean);
		if (text.length() > 2000) {
			return Rejected.of("mapping", "tooLong", 2000);
		}
		jdbc.sql("update push_list set mapping = ?, version = version + 1 where id = ? and school_id = ?")
			.params(text, id, user.schoolId()).update();
		jdbc.sql("update push_source set mapping = ?, updated_by = ?, updated_at = ? where id = ? and school_id = ?")
			.params(text, user.getUsername(), Timestamp.from(Instant.now()), list.get().sourceId(), user.schoolId()).update();
		audit.record(AuditAction.UPDATE, "push_source", list.get().sourceId(), "column mapping of "
				+ list.get().sourceName() + ": " + text.replace('\n', ' ').strip());
		return new Done(id, Map.of());
	}

	private static boolean isField(String v) {
		for (PushListReading.Field f : PushListReading.Field.values()) {
			if (f.name().equals(v)) {
				return true;
			}
		}
		return false;
	}

	/** Discards a list that was never confirmed. */
	@Transactional
	Result discard(CurrentUser user, long id) {
		int deleted = jdbc.sql("delete from push_list where id = ? and school_id = ? and status = 'PREVIEW'")
			.params(id, user.schoolId()).update();
		if (deleted == 0) {
			return find(user, id).isPresent() ? Rejected.of("id", "pushList.alreadyConfirmed") : Rejected.of("id", "notFound");
		}
		audit.record(AuditAction.DELETE, "push_list", id, "discarded before confirmation");
		return new Done(id, Map.of());
	}

	// ---- confirmation and matching

	/**
	 * Writes every row, matches the valid ones against the registry within the user's scope and opens
	 * a verification task for every accepted match; all of it or nothing, and once (the list row is
	 * locked and must still be a preview).
	 */
	@Transactional
	Result confirm(CurrentUser user, long id) {
		Optional<String> status = jdbc.sql("select status from push_list where id = ? and school_id = ? for update")
			.params(id, user.schoolId()).query(String.class).optional();
		if (status.isEmpty()) {
			return Rejected.of("id", "notFound");
		}
		if (!"PREVIEW".equals(status.get())) {
			return Rejected.of("id", "pushList.alreadyConfirmed");
		}
		long t0 = System.nanoTime();
		Preview preview = preview(user, id).orElseThrow();
		LOG.debug("confirm {}: preview {} ms", id, (System.nanoTime() - t0) / 1_000_000);
		PushListReading.Result reading = preview.reading();
		if (reading.missing()) {
			return Rejected.of("mapping", "pushList.columnsMissing");
		}
		if (reading.rows().isEmpty()) {
			return Rejected.of("file", "pushList.unusable.empty");
		}
		Map<String, Long> counts = match(user, id, reading.rows(), Instant.now());
		jdbc.sql("""
				update push_list set status = 'CONFIRMED', confirmed_by = ?, confirmed_at = ?, total_rows = ?, invalid_rows = ?,
				  duplicate_rows = ?, accepted_rows = ?, review_rows = ?, not_ours_rows = ?, version = version + 1
				where id = ?""")
			.params(user.getUsername(), Timestamp.from(Instant.now()), reading.rows().size(), counts.get("INVALID"),
					counts.get("DUPLICATE"), counts.get("ACCEPTED"), counts.get("REVIEW"), counts.get("NOT_OURS"), id)
			.update();
		audit.record(AuditAction.IMPORT, "push_list", id, "confirmed " + preview.list().fileName() + " from "
				+ preview.list().sourceName() + ": " + counts);
		LOG.debug("confirm {}: {} ms in all before the commit", id, ms(t0, System.nanoTime()));
		return new Done(id, counts);
	}

	/**
	 * Decided in one pass, written once: the valid rows' keys go into a temporary table (COPY), three
	 * set-based joins of it with the registry find the candidates (by row number), they are scored in
	 * Java, and every row is written with COPY once, with its decision
	 * ({@link BulkWriter#insertReturningIds}, so the tasks can name their rows); then the tasks, with COPY. A handful of statements whatever the length of the list.
	 */
	Map<String, Long> match(CurrentUser user, long listId, List<PushListReading.Row> rows, Instant now) {
		long school = user.schoolId();
		long t0 = System.nanoTime();
		List<Object[]> values = new ArrayList<>(rows.size());
		List<Object[]> keys = new ArrayList<>();
		Map<Integer, PushMatching.Row> pending = new HashMap<>();
		for (int i = 0; i < rows.size(); i++) {
			PushListReading.Row r = rows.get(i);
			String status = switch (r.status()) {
				case VALID -> "PENDING";
				case INVALID -> "INVALID";
				case DUPLICATE -> "DUPLICATE";
			};
			List<String> problems = new ArrayList<>(r.problems());
			if (r.duplicateOf() != null) {
				problems.set(problems.indexOf("DUPLICATE"), "DUPLICATE:" + r.duplicateOf());
			}
			String name = emptyToNull(trim(r.name(), 100));
			String idNumber = emptyToNull(trim(r.id().value(), 32));
			String phone = emptyToNull(trim(r.phone(), 32));
			Date birth = r.birthDate() == null ? null : Date.valueOf(r.birthDate());
			// person_id, score and reasons (the last three) are set below for the valid rows
			values.add(new Object[] {school, listId, r.rowNumber(), r.raw(), name, idNumber, r.id().flag().name(),
					phone, birth, emptyToNull(trim(String.join(",", problems), 500)), status, null, 0, null});
			if (r.status() == PushListReading.RowStatus.VALID) {
				keys.add(new Object[] {r.rowNumber(), name, idNumber, phone, birth});
				pending.put(r.rowNumber(), r.toMatch());
			}
		}
		bulk.stage("push_match", "push_row", List.of("row_number", "name", "id_number", "phone", "birth_date"), keys);
		long t1 = System.nanoTime();
		Map<Integer, Map<Long, PushMatching.Candidate>> candidates = new HashMap<>();
		Registry.Condition scope = registry.personScope(user);
		String select = "select r.row_number, p.id, p.name, p.id_type, p.id_number, p.phone, p.birth_date from push_match r, person p"
				+ " where p.school_id = ? and p.active = true and p.merged_into_id is null and " + scope.sql() + " and ";
		for (String on : List.of("p.id_number = r.id_number", "p.phone = r.phone",
				"p.name = r.name and p.birth_date = r.birth_date")) {
			List<Object> params = new ArrayList<>(List.of(school));
			params.addAll(scope.params());
			jdbc.sql(select + on).params(params).query(rs -> {
				candidates.computeIfAbsent(rs.getInt(1), k -> new LinkedHashMap<>()).putIfAbsent(rs.getLong(2),
						new PushMatching.Candidate(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
								rs.getString(6), rs.getObject(7, LocalDate.class)));
			});
		}
		bulk.unstage("push_match");
		long t2 = System.nanoTime();
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String s : List.of("ACCEPTED", "REVIEW", "NOT_OURS", "INVALID", "DUPLICATE")) {
			counts.put(s, 0L);
		}
		rows.forEach(r -> {
			if (r.status() != PushListReading.RowStatus.VALID) {
				counts.merge(r.status().name(), 1L, Long::sum);
			}
		});
		Map<Long, Integer> acceptedIndex = new LinkedHashMap<>();
		Map<Long, Integer> acceptedAt = new HashMap<>();
		for (int i = 0; i < rows.size(); i++) {
			PushListReading.Row row = rows.get(i);
			PushMatching.Row key = pending.get(row.rowNumber());
			if (key == null) {
				continue;
			}
			PushMatching.Decision d = PushMatching.decide(key,
					List.copyOf(candidates.getOrDefault(row.rowNumber(), Map.of()).values()), thresholds);
			String status = d.status().name();
			List<String> problems = row.problems();
			if (d.status() == PushMatching.Status.ACCEPTED) {
				Integer earlier = acceptedAt.putIfAbsent(d.personId(), row.rowNumber());
				if (earlier != null) {
					// the same person twice in one list, by other cells (an ID here, name and phone there):
					// a duplicate of the earlier row, found only now that both are matched
					status = "DUPLICATE";
					problems = new ArrayList<>(problems);
					problems.add("DUPLICATE:" + earlier);
				}
				else {
					acceptedIndex.put(d.personId(), i);
				}
			}
			counts.merge(status, 1L, Long::sum);
			Object[] v = values.get(i);
			v[9] = emptyToNull(trim(String.join(",", problems), 500));
			v[10] = status;
			v[11] = d.personId();
			v[12] = d.score();
			v[13] = trim(String.join(",", d.reasons()), 500);
		}
		long t3 = System.nanoTime();
		List<Long> ids = bulk.insertReturningIds("push_row", List.of("school_id", "list_id", "row_number", "raw", "name", "id_number", "id_flag",
				"phone", "birth_date", "problems", "match_status", "person_id", "score", "reasons"), values);
		Map<Long, Long> accepted = new LinkedHashMap<>();
		acceptedIndex.forEach((person, i) -> accepted.put(person, ids.get(i)));
		long t4 = System.nanoTime();
		openTasks(user, listId, accepted, now);
		long t5 = System.nanoTime();
		LOG.debug("match {}: {} rows staged {} ms, {} candidates of {} rows found {} ms, scored {} ms, rows written {} ms,"
				+ " {} tasks opened {} ms", listId, rows.size(), ms(t0, t1), candidates.values().stream().mapToInt(Map::size).sum(),
				candidates.size(), ms(t1, t2), ms(t2, t3), ms(t3, t4), accepted.size(), ms(t4, t5));
		return counts;
	}

	private static long ms(long from, long to) {
		return (to - from) / 1_000_000;
	}

	/**
	 * A verification task per person (row given). Who phones is not written with it: the task is for
	 * whoever answers for the person ({@link Registry#answeredBy}), read with the task list, so the
	 * confirmation writes one row per person instead of one per person and staff member, and a
	 * handover of a class or building takes its open tasks along.
	 */
	private void openTasks(CurrentUser user, long listId, Map<Long, Long> rowByPerson, Instant now) {
		if (rowByPerson.isEmpty()) {
			return;
		}
		Set<Long> existing = new LinkedHashSet<>(jdbc.sql("select person_id from push_task where list_id = ?")
			.param(listId).query(Long.class).list());
		Timestamp due = Timestamp.from(now.plus(verifyWithin));
		List<Object[]> tasks = new ArrayList<>();
		rowByPerson.forEach((person, row) -> {
			if (!existing.contains(person)) {
				tasks.add(new Object[] {user.schoolId(), listId, row, person, due});
			}
		});
		long t0 = System.nanoTime();
		bulk.insert("push_task", List.of("school_id", "list_id", "row_id", "person_id", "due_at"), tasks);
		LOG.debug("tasks of list {}: {} written {} ms", listId, tasks.size(), ms(t0, System.nanoTime()));
	}

	// ---- review

	/** Accepts a row of the band (as its candidate, or another person in scope) or rejects it as not ours. */
	@Transactional
	Result review(CurrentUser user, long rowId, boolean accept, Long otherPersonId, int version) {
		Registry.Condition scope = registry.personScope(user);
		List<Object> params = new ArrayList<>(List.of(rowId, user.schoolId()));
		params.addAll(scope.params());
		boolean seen = jdbc.sql("select count(*) from push_row r left join person p on p.id = r.person_id"
				+ " where r.id = ? and r.school_id = ? and (r.person_id is null or " + scope.sql() + ")")
			.params(params).query(Integer.class).single() > 0;
		Optional<Object[]> row = !seen ? Optional.empty() : jdbc.sql("select list_id, person_id, match_status, version"
				+ " from push_row where id = ? for update").param(rowId).query((rs, i) -> new Object[] {rs.getLong(1), rs.getObject(2, Long.class), rs.getString(3),
					rs.getInt(4)})
			.optional();
		if (row.isEmpty()) {
			return Rejected.of("id", "notFound");
		}
		if ((int) row.get()[3] != version || !"REVIEW".equals(row.get()[2])) {
			return Rejected.of("id", "pushRow.changed");
		}
		long listId = (long) row.get()[0];
		Long person = otherPersonId != null ? otherPersonId : (Long) row.get()[1];
		if (accept) {
			if (person == null || !registry.inScope(user, person)) {
				return Rejected.of("person", "notFound");
			}
			jdbc.sql("""
					update push_row set match_status = 'ACCEPTED', person_id = ?, reasons = concat(coalesce(reasons, ''), ',REVIEWED'),
					  reviewed_by = ?, reviewed_at = ?, version = version + 1 where id = ?""")
				.params(person, user.getUsername(), Timestamp.from(Instant.now()), rowId).update();
			openTasks(user, listId, Map.of(person, rowId), Instant.now());
		}
		else {
			jdbc.sql("""
					update push_row set match_status = 'REJECTED', reviewed_by = ?, reviewed_at = ?, version = version + 1
					where id = ?""").params(user.getUsername(), Timestamp.from(Instant.now()), rowId).update();
		}
		recount(listId);
		audit.record(AuditAction.UPDATE, "push_row", rowId, (accept ? "accepted as person " + person : "rejected as not ours")
				+ " on review");
		return new Done(rowId, Map.of());
	}

	private void recount(long listId) {
		jdbc.sql("""
				update push_list set
				  accepted_rows = (select count(*) from push_row where list_id = ? and match_status = 'ACCEPTED'),
				  review_rows = (select count(*) from push_row where list_id = ? and match_status = 'REVIEW'),
				  not_ours_rows = (select count(*) from push_row where list_id = ? and match_status in ('NOT_OURS', 'REJECTED'))
				where id = ?""").params(listId, listId, listId, listId).update();
	}

	// ---- calls and classification

	/** Records what a call found; the task must be the caller's (or they manage screening) and unchanged since read. */
	@Transactional
	Result recordCall(CurrentUser user, long taskId, CallOutcome outcome, String notes, int version) {
		if (outcome == null) {
			return Rejected.of("outcome", "required");
		}
		Optional<Integer> current = lockTask(user, taskId);
		if (current.isEmpty()) {
			return Rejected.of("id", "notFound");
		}
		if (current.get() != version) {
			return Rejected.of("id", "pushTask.changed");
		}
		Instant now = Instant.now();
		jdbc.sql("""
				update push_task set outcome = ?, notes = ?, called_by = ?, called_at = ?, version = version + 1
				where id = ? and classified_at is null""")
			.params(outcome.name(), trim(notes, 1000), user.getUsername(), Timestamp.from(now), taskId).update();
		long person = jdbc.sql("select person_id from push_task where id = ?").param(taskId).query(Long.class).single();
		timeline.record(person, "screening", "pushListCall", outcome.name() + (notes == null || notes.isBlank() ? ""
				: ": " + trim(notes, 200)), now);
		audit.record(AuditAction.UPDATE, "push_task", taskId, "call: " + outcome);
		return new Done(taskId, Map.of());
	}

	/**
	 * Classifies verified people for control with a proposed category, one task or many: every task
	 * must be visible to the user, reached and found ours, and not yet classified; all or none.
	 */
	@Transactional
	Result classify(CurrentUser user, List<Long> taskIds, ProposedCategory category, String notes) {
		if (category == null) {
			return Rejected.of("category", "required");
		}
		if (taskIds.isEmpty()) {
			return Rejected.of("tasks", "required");
		}
		List<FieldProblem> problems = new ArrayList<>();
		List<Object[]> tasks = new ArrayList<>();
		for (long id : new LinkedHashSet<>(taskIds)) {
			if (lockTask(user, id).isEmpty()) {
				problems.add(FieldProblem.of("tasks", "pushTask.notFound", id));
				continue;
			}
			Object[] t = jdbc.sql("""
					select t.outcome, t.classified_at, t.person_id, t.list_id, s.name, t.notes from push_task t
					join push_list l on l.id = t.list_id join push_source s on s.id = l.source_id where t.id = ?""")
				.param(id).query((rs, i) -> new Object[] {rs.getString(1), rs.getTimestamp(2), rs.getLong(3), rs.getLong(4),
						rs.getString(5), rs.getString(6)})
				.single();
			if (t[1] != null) {
				problems.add(FieldProblem.of("tasks", "pushTask.alreadyClassified", id));
			}
			else if (t[0] == null || !CallOutcome.valueOf((String) t[0]).verified()) {
				problems.add(FieldProblem.of("tasks", "pushTask.notVerified", id));
			}
			else {
				tasks.add(new Object[] {id, t[2], t[3], t[4], t[0], t[5]});
			}
		}
		if (!problems.isEmpty()) {
			return new Rejected(problems);
		}
		Instant now = Instant.now();
		for (Object[] t : tasks) {
			long id = (long) t[0];
			jdbc.sql("update push_task set category = ?, classified_by = ?, classified_at = ?, version = version + 1 where id = ?")
				.params(category.name(), user.getUsername(), Timestamp.from(now), id).update();
			long person = (long) t[1];
			String why = notes == null || notes.isBlank() ? (String) t[5] : trim(notes, 1000);
			events.publishEvent(new PersonClassified(user.schoolId(), person, (long) t[2], id, category.name(), (String) t[4],
					(String) t[3], why, user.getUsername(), now));
			timeline.record(person, "screening", "pushListClassified", category.name() + " (" + t[3] + ")", now);
		}
		audit.record(AuditAction.UPDATE, "push_task", tasks.size() == 1 ? tasks.get(0)[0] : null, "classified "
				+ tasks.size() + " as " + category);
		return new Done(tasks.size(), Map.of("classified", (long) tasks.size()));
	}

	/** Locks a task the user may work on: one they answer for, or any in their scope if they manage screening. */
	private Optional<Integer> lockTask(CurrentUser user, long taskId) {
		List<Object> params = new ArrayList<>(List.of(taskId, user.schoolId()));
		String visible = taskVisibility(user, params);
		boolean seen = jdbc.sql("select count(*) from push_task t join person p on p.id = t.person_id where t.id = ?"
				+ " and t.school_id = ? and " + visible).params(params).query(Integer.class).single() > 0;
		if (!seen) {
			return Optional.empty();
		}
		return jdbc.sql("select version from push_task where id = ? for update").param(taskId).query(Integer.class).optional();
	}

	/** Tasks a user sees: those they answer for; with SCREENING_MANAGE, all of their scope. */
	String taskVisibility(CurrentUser user, List<Object> params) {
		List<String> parts = new ArrayList<>();
		Registry.Condition mine = registry.answeredBy(user);
		parts.add(mine.sql());
		params.addAll(mine.params());
		if (user.can("SCREENING_MANAGE")) {
			Registry.Condition scope = registry.personScope(user);
			parts.add(scope.sql());
			params.addAll(scope.params());
		}
		return "(" + String.join(" or ", parts) + ")";
	}

	// ---- reading

	private static final String LIST_COLUMNS = """
			l.id, l.source_id, s.name, l.pushed_on, l.file_name, l.format, l.encoding, l.status, l.created_by, l.created_at,
			l.confirmed_at, l.total_rows, l.invalid_rows, l.duplicate_rows, l.accepted_rows, l.review_rows, l.not_ours_rows,
			l.version""";

	PageResult<PushList> search(CurrentUser user, Filter filter, PageQuery page) {
		List<Object> params = new ArrayList<>();
		String where = listWhere(user, filter, params);
		String order = switch (page.sort()) {
			case "source" -> "s.name";
			case "rows" -> "l.total_rows";
			default -> "l.pushed_on";
		} + (page.descending() ? " desc" : "") + ", l.id desc";
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<PushList> items = jdbc.sql("select " + LIST_COLUMNS + " from push_list l join push_source s on s.id = l.source_id"
				+ " where " + where + " order by " + order + " limit ? offset ?").params(pageParams).query(PushLists::list).list();
		long total = jdbc.sql("select count(*) from push_list l join push_source s on s.id = l.source_id where " + where)
			.params(params).query(Long.class).single();
		return new PageResult<>(items, page.page(), page.size(), total, false);
	}

	List<PushList> all(CurrentUser user, Filter filter) {
		List<Object> params = new ArrayList<>();
		String where = listWhere(user, filter, params);
		return jdbc.sql("select " + LIST_COLUMNS + " from push_list l join push_source s on s.id = l.source_id where "
				+ where + " order by l.pushed_on desc, l.id desc").params(params).query(PushLists::list).list();
	}

	private static String listWhere(CurrentUser user, Filter f, List<Object> params) {
		StringBuilder where = new StringBuilder("l.school_id = ?");
		params.add(user.schoolId());
		String q = f.q() == null ? "" : f.q().strip().replace("%", "").replace("_", "");
		if (!q.isEmpty()) {
			where.append(" and (s.name like ? or l.file_name like ?)");
			params.add("%" + q + "%");
			params.add("%" + q + "%");
		}
		if (f.sourceId() != null) {
			where.append(" and l.source_id = ?");
			params.add(f.sourceId());
		}
		if (f.status() != null && !f.status().isBlank()) {
			where.append(" and l.status = ?");
			params.add(f.status());
		}
		if (f.from() != null) {
			where.append(" and l.pushed_on >= ?");
			params.add(Date.valueOf(f.from()));
		}
		if (f.to() != null) {
			where.append(" and l.pushed_on <= ?");
			params.add(Date.valueOf(f.to()));
		}
		return where.toString();
	}

	/** A row of a confirmed list with its match; the person's name only when the user's scope covers them. */
	record PushRow(long id, long listId, int rowNumber, String raw, String name, String idNumber, String idFlag,
			String phone, LocalDate birthDate, List<String> problems, String status, Long personId, String personName,
			String personCode, int score, List<String> reasons, String reviewedBy, int version, String sourceName) {
	}

	/** The rows of a list (or the review queue when listId is null and status REVIEW), filtered by status and text. */
	PageResult<PushRow> rows(CurrentUser user, Long listId, String status, String q, PageQuery page) {
		List<Object> params = new ArrayList<>();
		String where = rowWhere(user, listId, status, q, params);
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		String order = "score".equals(page.sort()) ? "r.score" + (page.descending() ? " desc" : "") + ", r.id" : "r.list_id desc, r.row_number";
		List<PushRow> items = jdbc.sql(ROW_SELECT + " where " + where + " order by " + order + " limit ? offset ?")
			.params(pageParams).query(PushLists::row).list();
		long total = jdbc.sql("select count(*) from push_row r join push_list l on l.id = r.list_id"
				+ " join push_source s on s.id = l.source_id left join person p on p.id = r.person_id where " + where)
			.params(params).query(Long.class).single();
		return new PageResult<>(items, page.page(), page.size(), total, false);
	}

	List<PushRow> allRows(CurrentUser user, long listId, String status, String q) {
		List<Object> params = new ArrayList<>();
		String where = rowWhere(user, listId, status, q, params);
		return jdbc.sql(ROW_SELECT + " where " + where + " order by r.row_number").params(params).query(PushLists::row)
			.list();
	}

	private static final String ROW_SELECT = """
			select r.id, r.list_id, r.row_number, r.raw, r.name, r.id_number, r.id_flag, r.phone, r.birth_date, r.problems,
			  r.match_status, r.person_id, p.name, p.code, r.score, r.reasons, r.reviewed_by, r.version, s.name
			from push_row r join push_list l on l.id = r.list_id join push_source s on s.id = l.source_id
			left join person p on p.id = r.person_id""";

	private String rowWhere(CurrentUser user, Long listId, String status, String q, List<Object> params) {
		Registry.Condition scope = registry.personScope(user);
		StringBuilder where = new StringBuilder("r.school_id = ? and (r.person_id is null or " + scope.sql() + ")");
		params.add(user.schoolId());
		params.addAll(scope.params());
		if (listId != null) {
			where.append(" and r.list_id = ?");
			params.add(listId);
		}
		if (status != null && !status.isBlank()) {
			where.append(" and r.match_status = ?");
			params.add(status);
		}
		String text = q == null ? "" : PushNormalizer.halfWidth(q).replace("%", "").replace("_", "");
		if (!text.isEmpty()) {
			where.append(" and (r.name like ? or r.id_number = ? or r.phone = ?)");
			params.add(text + "%");
			params.add(PushNormalizer.id(text).value());
			params.add(PushNormalizer.phone(text));
		}
		return where.toString();
	}

	record Task(long id, long listId, String sourceName, LocalDate pushedOn, long personId, String personName,
			String personCode, String phone, String orgUnit, Instant dueAt, String outcome, String notes, String calledBy,
			Instant calledAt, String category, Instant classifiedAt, int score, String reasons, String staff, int version) {

		public boolean overdue() {
			return outcome == null && dueAt.isBefore(Instant.now());
		}

		public java.time.LocalDateTime localDue() {
			return java.time.LocalDateTime.ofInstant(dueAt, java.time.ZoneId.systemDefault());
		}

		public java.time.LocalDateTime localCalled() {
			return calledAt == null ? null : java.time.LocalDateTime.ofInstant(calledAt, java.time.ZoneId.systemDefault());
		}

		public boolean classifiable() {
			return classifiedAt == null && outcome != null && CallOutcome.valueOf(outcome).verified();
		}
	}

	/**
	 * @param view "open" (no outcome yet), "overdue", "verified" (ours, not classified), "done", or all
	 * @param mine only tasks the user answers for, even when they manage screening
	 */
	record TaskFilter(String q, Long listId, String view, boolean mine) {
	}

	PageResult<Task> tasks(CurrentUser user, TaskFilter filter, PageQuery page) {
		List<Object> params = new ArrayList<>();
		String where = taskWhere(user, filter, params);
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<Task> items = withStaff(user, jdbc.sql(TASK_SELECT + " where " + where + " order by t.classified_at desc nulls first,"
				+ " t.outcome nulls first, t.due_at, t.id limit ? offset ?").params(pageParams).query(PushLists::task).list());
		long total = jdbc.sql("select count(*) from push_task t join person p on p.id = t.person_id where " + where)
			.params(params).query(Long.class).single();
		return new PageResult<>(items, page.page(), page.size(), total, false);
	}

	Optional<Task> task(CurrentUser user, long id) {
		List<Object> params = new ArrayList<>(List.of(id));
		String where = "t.id = ? and " + taskWhere(user, new TaskFilter(null, null, null, false), params);
		return jdbc.sql(TASK_SELECT + " where " + where).params(params).query(PushLists::task).optional()
			.map(t -> withStaff(user, List.of(t)).get(0));
	}

	private static final String TASK_SELECT = """
			select t.id, t.list_id, (select s.name from push_list l join push_source s on s.id = l.source_id where l.id = t.list_id),
			  (select l.pushed_on from push_list l where l.id = t.list_id), t.person_id, p.name, p.code, p.phone,
			  (select o.name from org_unit o where o.id = p.org_unit_id), t.due_at, t.outcome, t.notes, t.called_by, t.called_at,
			  t.category, t.classified_at, (select r.score from push_row r where r.id = t.row_id),
			  (select r.reasons from push_row r where r.id = t.row_id),
			  cast(null as varchar(100)), t.version
			from push_task t join person p on p.id = t.person_id""";

	/**
	 * The tasks with who answers for their people now (the first name in order, as the list shows one),
	 * looked up school-wide for the page's people only: a task the user may see names its staff even
	 * when one of them works outside the user's scope.
	 */
	private List<Task> withStaff(CurrentUser user, List<Task> tasks) {
		if (tasks.isEmpty()) {
			return tasks;
		}
		CurrentUser school = new CurrentUser(0, user.schoolId(), "system", "system", null, Set.of(), Set.of(),
				DataScope.everything(), true, false, null);
		Map<Long, List<Registry.ResponsibleStaff>> staff = registry.responsibleStaffOf(school,
				tasks.stream().map(Task::personId).toList());
		return tasks.stream().map(t -> {
			String first = staff.getOrDefault(t.personId(), List.of()).stream().map(Registry.ResponsibleStaff::name)
				.filter(n -> n != null).min(java.util.Comparator.naturalOrder()).orElse(null);
			return new Task(t.id(), t.listId(), t.sourceName(), t.pushedOn(), t.personId(), t.personName(), t.personCode(),
					t.phone(), t.orgUnit(), t.dueAt(), t.outcome(), t.notes(), t.calledBy(), t.calledAt(), t.category(),
					t.classifiedAt(), t.score(), t.reasons(), first, t.version());
		}).toList();
	}

	private String taskWhere(CurrentUser user, TaskFilter f, List<Object> params) {
		StringBuilder where = new StringBuilder("t.school_id = ? and ");
		params.add(user.schoolId());
		if (f.mine()) {
			Registry.Condition mine = registry.answeredBy(user);
			where.append(mine.sql());
			params.addAll(mine.params());
		}
		else {
			where.append(taskVisibility(user, params));
		}
		if (f.listId() != null) {
			where.append(" and t.list_id = ?");
			params.add(f.listId());
		}
		String q = f.q() == null ? "" : f.q().strip().replace("%", "").replace("_", "");
		if (!q.isEmpty()) {
			where.append(" and (p.name like ? or p.code = ?)");
			params.add(q + "%");
			params.add(q);
		}
		String view = f.view() == null ? "" : f.view();
		switch (view) {
			case "open" -> where.append(" and t.outcome is null");
			case "overdue" -> {
				where.append(" and t.outcome is null and t.due_at < ?");
				params.add(Timestamp.from(Instant.now()));
			}
			case "verified" -> where.append(" and t.outcome in ('LIVES_ON_CAMPUS', 'BELONGS_TO_SCHOOL') and t.classified_at is null");
			case "done" -> where.append(" and (t.classified_at is not null or t.outcome in ('NOT_OURS'))");
			default -> {
			}
		}
		return where.toString();
	}

	// ---- the funnel

	/** pushed → matched → verified → classified for control, for one list or one day. */
	record FunnelLine(LocalDate day, Long listId, String sourceName, long pushed, long matched, long review, long notOurs,
			long verified, long classified) {
	}

	/** Per list (byDay false) or per day, lists pushed between the dates. */
	List<FunnelLine> funnel(CurrentUser user, LocalDate from, LocalDate to, boolean byDay) {
		String sql = """
				select x.pushed_on, %1$s, sum(x.total), sum(x.matched), sum(x.review), sum(x.not_ours), sum(x.verified),
				  sum(x.classified)
				from (select l.pushed_on, l.id, s.name, l.total_rows as total,
				        (select count(*) from push_row r where r.list_id = l.id and r.match_status = 'ACCEPTED') as matched,
				        (select count(*) from push_row r where r.list_id = l.id and r.match_status = 'REVIEW') as review,
				        (select count(*) from push_row r where r.list_id = l.id and r.match_status in ('NOT_OURS', 'REJECTED')) as not_ours,
				        (select count(*) from push_task t where t.list_id = l.id
				           and t.outcome in ('LIVES_ON_CAMPUS', 'BELONGS_TO_SCHOOL')) as verified,
				        (select count(*) from push_task t where t.list_id = l.id and t.classified_at is not null) as classified
				      from push_list l join push_source s on s.id = l.source_id
				      where l.school_id = ? and l.status = 'CONFIRMED' and l.pushed_on >= ? and l.pushed_on <= ?) x
				group by x.pushed_on%2$s order by 1 desc, 2 desc""".formatted(
				byDay ? "cast(null as bigint), cast(null as varchar(100))" : "x.id, x.name", byDay ? "" : ", x.id, x.name");
		return jdbc.sql(sql).params(user.schoolId(), Date.valueOf(from), Date.valueOf(to))
			.query((rs, i) -> new FunnelLine(rs.getObject(1, LocalDate.class), rs.getObject(2, Long.class), rs.getString(3),
					rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)))
			.list();
	}

	// ---- mapping rows

	private static PushList list(ResultSet rs, int i) throws SQLException {
		return new PushList(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, LocalDate.class), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10), instant(rs, 11),
				rs.getInt(12), rs.getInt(13), rs.getInt(14), rs.getInt(15), rs.getInt(16), rs.getInt(17), rs.getInt(18));
	}

	private static PushRow row(ResultSet rs, int i) throws SQLException {
		return new PushRow(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6),
				rs.getString(7), rs.getString(8), rs.getObject(9, LocalDate.class), split(rs.getString(10)), rs.getString(11),
				rs.getObject(12, Long.class), rs.getString(13), rs.getString(14), rs.getInt(15), split(rs.getString(16)),
				rs.getString(17), rs.getInt(18), rs.getString(19));
	}

	private static Task task(ResultSet rs, int i) throws SQLException {
		return new Task(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, LocalDate.class), rs.getLong(5),
				rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10), rs.getString(11),
				rs.getString(12), rs.getString(13), instant(rs, 14), rs.getString(15), instant(rs, 16), rs.getInt(17),
				rs.getString(18), rs.getString(19), rs.getInt(20));
	}

	private static List<String> split(String s) {
		return s == null || s.isBlank() ? List.of() : List.of(s.split(","));
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	private static String trim(String value, int max) {
		if (value == null || value.isBlank()) {
			return value == null ? null : "";
		}
		String v = value.strip();
		return v.length() > max ? v.substring(0, max) : v;
	}

	private static String emptyToNull(String s) {
		return s == null || s.isEmpty() ? null : s;
	}
}
