package org.bulwark.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.bulwark.directory.imports.ColumnMapping;
import org.bulwark.directory.imports.PersonRows;
import org.bulwark.directory.imports.SpreadsheetReader;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.BulkWriter;
import org.bulwark.system.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Importing people from a spreadsheet in two steps. Upload: the file is read, its columns mapped
 * (by header name, or by the choices last made for files with the same columns), every row checked
 * and every problem stored by row and field; nothing is written to the registry. Commit: all rows or
 * none, or only the valid ones, in one transaction; a person already registered with the same ID
 * number is updated, not duplicated. Large commits run in the background with their progress stored.
 */
@Service
class PeopleImport {

	private static final Logger log = LoggerFactory.getLogger(PeopleImport.class);
	static final int BATCH = 1000;
	static final String CELL_SEPARATOR = "\u001f";
	private static final List<String> PERSON_COLUMNS = List.of("school_id", "code", "name", "population", "id_type",
			"id_number", "phone", "gender", "birth_date", "nationality", "language", "org_unit_id", "living_alone",
			"bedridden", "no_smartphone", "abroad");

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final ScopeFilter scopes;
	private final AuditLog audit;
	private final BulkWriter bulk;
	private final TaskExecutor executor;
	private final TransactionTemplate tx;
	private final TransactionTemplate separateTx;

	PeopleImport(JdbcClient jdbc, JdbcTemplate template, ScopeFilter scopes, AuditLog audit, BulkWriter bulk,
			@Qualifier("applicationTaskExecutor") TaskExecutor executor,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.template = template;
		this.scopes = scopes;
		this.audit = audit;
		this.bulk = bulk;
		this.executor = executor;
		this.tx = new TransactionTemplate(transactions);
		this.separateTx = new TransactionTemplate(transactions);
		this.separateTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	enum Mode { ALL_OR_NOTHING, VALID_ONLY }

	enum Status { ANALYSED, COMMITTING, COMMITTED }

	/** An upload as the review page shows it; read from its row, never by re-reading the file. */
	record Summary(String id, String fileName, String format, String encoding, String createdBy,
			OffsetDateTime createdAt, Population defaultPopulation, List<String> header,
			Map<Integer, ColumnMapping.Field> mapping, Status status, int total, int valid, int invalid, int updates,
			int progress, Integer inserted, Integer updated, Integer skipped, String failure) {

		public boolean hasName() {
			return mapping.containsValue(ColumnMapping.Field.NAME);
		}

		/** Header columns that map to no field: the user maps them or leaves them ignored. */
		public List<Integer> unmapped() {
			List<Integer> columns = new ArrayList<>();
			for (int i = 0; i < header.size(); i++) {
				if (!mapping.containsKey(i) && !header.get(i).isBlank()) {
					columns.add(i);
				}
			}
			return columns;
		}

		public int percent() {
			return valid == 0 ? 100 : Math.min(100, progress * 100 / valid);
		}
	}

	/** One problem of one row, with the row's cells to show where it is. */
	record RowProblem(int rowNumber, String field, String code, List<Object> args, String cells) {

		public String messageKey() {
			return "validation." + code;
		}

		public String shownCells() {
			return cells == null ? "" : cells.replace(CELL_SEPARATOR, " | ");
		}
	}

	/** The outcome of a commit: counts, or the message key of the reason nothing was written. */
	record Committed(int inserted, int updated, int skipped, String refusal) {
	}

	/** Stores the upload with its analysis and returns its id; throws when the file cannot be read at all. */
	String upload(CurrentUser user, String fileName, byte[] content, Population defaultPopulation)
			throws SpreadsheetReader.Unreadable {
		long started = System.nanoTime();
		SpreadsheetReader.Table table = SpreadsheetReader.read(content, fileName);
		long read = System.nanoTime();
		int headerRow = ColumnMapping.headerRow(table.rows());
		if (headerRow < 0) {
			throw new SpreadsheetReader.Unreadable("noHeader");
		}
		List<String> header = table.rows().get(headerRow);
		String sourceKey = sourceKey(header);
		String mapping = jdbc.sql("select mapping from import_mapping where school_id = ? and source_key = ?")
			.params(user.schoolId(), sourceKey).query(String.class).optional().orElse(null);
		Analysis analysis = analyse(user, table, mapping, defaultPopulation);
		String id = UUID.randomUUID().toString();
		READ.put(id, new java.lang.ref.SoftReference<>(table));
		tx.executeWithoutResult(status -> {
			jdbc.sql("""
					insert into people_import (id, school_id, created_by, file_name, format, encoding, content, source_key,
					                           default_population, mapping, header)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(id, user.schoolId(), user.getUsername(), fileName == null || fileName.isBlank() ? "upload" : fileName,
						table.format(), table.encoding(), content, sourceKey,
						defaultPopulation == null ? null : defaultPopulation.name(), mapping, String.join("\t", header))
				.update();
			store(id, analysis);
			audit.record(AuditAction.IMPORT, "people_import", id, "uploaded " + fileName + ": " + analysis.rows.size()
					+ " rows, " + analysis.invalid() + " with problems");
		});
		log.info("import {} uploaded: {} rows, {} with problems; read in {} ms, checked and stored in {} ms", id,
				analysis.rows.size(), analysis.invalid(), (read - started) / 1_000_000, (System.nanoTime() - read) / 1_000_000);
		return id;
	}

	/**
	 * Applies the user's column choices (header key → field name or IGNORE) and population, remembers the
	 * choices for files with the same columns, and checks every row again.
	 */
	boolean remap(CurrentUser user, String id, Map<String, String> choices, Population defaultPopulation) {
		Upload upload = load(user, id).orElse(null);
		if (upload == null || upload.status != Status.ANALYSED) {
			return false;
		}
		String mapping = choices.entrySet().stream().filter(e -> !e.getKey().isBlank())
			.map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
		if (mapping.length() > 2000) {
			mapping = mapping.substring(0, mapping.lastIndexOf('\n', 2000));
		}
		Analysis analysis = analyse(user, withEdits(id, upload.table()), mapping, defaultPopulation);
		String chosen = mapping;
		return Boolean.TRUE.equals(tx.execute(status -> {
			int changed = jdbc.sql("""
					update people_import set mapping = ?, default_population = ? where id = ? and school_id = ?
					and status = 'ANALYSED'""")
				.params(chosen, defaultPopulation == null ? null : defaultPopulation.name(), id, user.schoolId()).update();
			if (changed == 0) {
				return false;
			}
			jdbc.sql("delete from people_import_problem where import_id = ?").param(id).update();
			store(id, analysis);
			int saved = jdbc.sql("update import_mapping set mapping = ?, updated_by = ?, updated_at = ? where school_id = ? and source_key = ?")
				.params(chosen, user.getUsername(), OffsetDateTime.now(), user.schoolId(), upload.sourceKey).update();
			if (saved == 0) {
				jdbc.sql("insert into import_mapping (school_id, source_key, mapping, updated_by) values (?, ?, ?, ?)")
					.params(user.schoolId(), upload.sourceKey, chosen, user.getUsername()).update();
			}
			return true;
		}));
	}

	Optional<Summary> find(CurrentUser user, String id) {
		return jdbc.sql("""
				select id, file_name, format, encoding, created_by, created_at, default_population, mapping, header, status,
				       total_rows, valid_rows, invalid_rows, update_rows, progress, inserted, updated, skipped, failure
				from people_import where id = ? and school_id = ?""" + ownedBy(user))
			.params(ownerParams(user, id))
			.query((rs, i) -> {
				List<String> header = List.of(rs.getString(9).split("\t", -1));
				return new Summary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
						rs.getObject(6, OffsetDateTime.class),
						rs.getString(7) == null ? null : Population.valueOf(rs.getString(7)), header,
						ColumnMapping.map(header, choices(rs.getString(8))), Status.valueOf(rs.getString(10)), rs.getInt(11),
						rs.getInt(12), rs.getInt(13), rs.getInt(14), rs.getInt(15), rs.getObject(16, Integer.class),
						rs.getObject(17, Integer.class), rs.getObject(18, Integer.class), rs.getString(19));
			})
			.optional();
	}

	/** The problems of an upload in row order, a page at a time. */
	List<RowProblem> problems(CurrentUser user, String id, int offset, int limit) {
		if (find(user, id).isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select row_number, field, code, args, cells from people_import_problem where import_id = ?
				order by row_number, seq limit ? offset ?""")
			.params(id, limit, offset)
			.query((rs, i) -> new RowProblem(rs.getInt(1), rs.getString(2), rs.getString(3), args(rs.getString(4)),
					rs.getString(5)))
			.list();
	}

	int problemCount(String id) {
		return jdbc.sql("select count(*) from people_import_problem where import_id = ?").param(id).query(Integer.class).single();
	}

	/** The latest uploads: all of the school's for a user with a school-wide scope, else the user's own. */
	List<Summary> recent(CurrentUser user, int limit) {
		List<String> ids = jdbc.sql("select id from people_import where school_id = ?" + ownedBy(user)
				+ " order by created_at desc limit " + limit)
			.params(user.scope().all() ? List.of(user.schoolId()) : List.of(user.schoolId(), user.getUsername()))
			.query(String.class).list();
		return ids.stream().map(id -> find(user, id)).flatMap(Optional::stream).toList();
	}

	/** Commits in the request's thread: for the API and for small files. */
	Committed commit(CurrentUser user, String id, Mode mode) {
		Committed refused = claim(user, id, mode);
		return refused != null ? refused : run(user, id, mode);
	}

	/** Claims the upload and commits it in the background; the page follows its progress. */
	Committed commitInBackground(CurrentUser user, String id, Mode mode) {
		Committed refused = claim(user, id, mode);
		if (refused != null) {
			return refused;
		}
		executor.execute(new DelegatingSecurityContextRunnable(() -> run(user, id, mode)));
		return null;
	}

	/** Checks that the upload may be committed and marks it so a second click or a retry cannot import it twice. */
	private Committed claim(CurrentUser user, String id, Mode mode) {
		Summary summary = find(user, id).orElse(null);
		if (summary == null) {
			return new Committed(0, 0, 0, "import.notFound");
		}
		if (summary.status() != Status.ANALYSED) {
			return new Committed(0, 0, 0, "import.alreadyCommitted");
		}
		if (!summary.hasName()) {
			return new Committed(0, 0, 0, "import.noNameColumn");
		}
		if (mode == Mode.ALL_OR_NOTHING && summary.invalid() > 0) {
			return new Committed(0, 0, 0, "import.hasErrors");
		}
		if (summary.valid() == 0) {
			return new Committed(0, 0, 0, "import.nothingValid");
		}
		int claimed = jdbc.sql("update people_import set status = 'COMMITTING', progress = 0, failure = null where id = ? and status = 'ANALYSED'")
			.param(id).update();
		return claimed == 0 ? new Committed(0, 0, 0, "import.alreadyCommitted") : null;
	}

	private Committed run(CurrentUser user, String id, Mode mode) {
		try {
			Committed done = tx.execute(status -> write(user, id, mode));
			if (done.refusal() != null) {
				release(id, done.refusal());
			}
			return done;
		} catch (DataIntegrityViolationException e) {
			log.warn("import {} failed: the registry changed meanwhile", id, e);
			release(id, "import.failed.concurrent");
			return new Committed(0, 0, 0, "import.failed.concurrent");
		} catch (RuntimeException e) {
			log.error("import {} failed", id, e);
			release(id, "import.failed.error");
			return new Committed(0, 0, 0, "import.failed.error");
		}
	}

	/** Nothing was written: the upload can be reviewed and committed again. */
	private void release(String id, String failure) {
		separateTx.executeWithoutResult(status -> jdbc.sql(
				"update people_import set status = 'ANALYSED', progress = 0, failure = ? where id = ?")
			.params(failure, id).update());
	}

	private Committed write(CurrentUser user, String id, Mode mode) {
		long started = System.nanoTime();
		Upload upload = load(user, id).orElseThrow();
		// the registry may have changed since the review: check every row again against it now
		Analysis analysis = analyse(user, withEdits(id, upload.table()), upload.mapping, upload.defaultPopulation);
		if (mode == Mode.ALL_OR_NOTHING && analysis.invalid() > 0) {
			return new Committed(0, 0, 0, "import.hasErrors");
		}
		List<PersonData> valid = analysis.rows.stream().filter(PersonRows.Parsed::valid).map(PersonRows.Parsed::data)
			.toList();
		if (valid.isEmpty()) {
			return new Committed(0, 0, 0, "import.nothingValid");
		}
		long analysed = System.nanoTime();
		String source = "import " + upload.fileName + " (" + id + ")";
		int inserted = 0;
		int updated = 0;
		OffsetDateTime now = OffsetDateTime.now();
		for (int from = 0; from < valid.size(); from += BATCH) {
			List<PersonData> chunk = valid.subList(from, Math.min(valid.size(), from + BATCH));
			Map<String, Existing> existing = existing(user.schoolId(), chunk);
			List<Object[]> inserts = new ArrayList<>();
			List<PersonData> insertedData = new ArrayList<>();
			List<Object[]> updates = new ArrayList<>();
			List<AuditLog.Item> changes = new ArrayList<>();
			for (PersonData d : chunk) {
				Existing before = d.idNumber() == null ? null : existing.get(key(d.idType(), d.idNumber()));
				if (before == null) {
					inserts.add(new Object[] {user.schoolId(), d.code(), d.name(), d.population().name(), d.idType().name(),
							d.idNumber(), d.phone(), d.gender(), d.birthDate(), d.nationality(), d.language(), d.orgUnitId(),
							d.livingAlone(), d.bedridden(), d.noSmartphone(), d.abroad()});
					insertedData.add(d);
				} else {
					PersonData after = merged(before.data, d);
					if (!after.equals(before.data)) {
						updates.add(new Object[] {after.code(), after.name(), after.population().name(), after.phone(),
								after.gender(), after.birthDate(), after.nationality(), after.language(), after.orgUnitId(),
								after.livingAlone(), after.bedridden(), after.noSmartphone(), now, before.id});
						changes.add(new AuditLog.Item(before.id, "updated by " + source,
								PersonEditing.summary(before.data), PersonEditing.summary(after)));
					}
				}
			}
			if (!inserts.isEmpty()) {
				bulk.insert("person", PERSON_COLUMNS, inserts);
				Map<String, Existing> created = existing(user.schoolId(), insertedData);
				changes.addAll(insertedData.stream().filter(d -> d.idNumber() != null)
					.map(d -> new AuditLog.Item(created.get(key(d.idType(), d.idNumber())).id, "created by " + source, null,
							PersonEditing.summary(d)))
					.toList());
			}
			if (!updates.isEmpty()) {
				template.batchUpdate("""
						update person set code = ?, name = ?, population = ?, phone = ?, gender = ?, birth_date = ?,
						       nationality = ?, language = ?, org_unit_id = ?, living_alone = ?, bedridden = ?,
						       no_smartphone = ?, updated_at = ?, version = version + 1
						where id = ?""", updates);
			}
			audit.recordAll(AuditAction.IMPORT, "person", changes);
			inserted += inserts.size();
			updated += updates.size();
			int done = from + chunk.size();
			separateTx.executeWithoutResult(status -> jdbc.sql("update people_import set progress = ? where id = ?")
				.params(done, id).update());
		}
		int skipped = analysis.invalid();
		jdbc.sql("""
				update people_import set status = 'COMMITTED', committed_at = ?, inserted = ?, updated = ?, skipped = ?,
				       progress = ?, failure = null where id = ?""")
			.params(now, inserted, updated, skipped, valid.size(), id).update();
		audit.record(AuditAction.IMPORT, "people_import", id, "committed " + upload.fileName + ": " + inserted
				+ " added, " + updated + " updated, " + skipped + " rows skipped");
		log.info("import {} committed: {} added, {} updated, {} skipped; checked again in {} ms, written in {} ms", id,
				inserted, updated, skipped, (analysed - started) / 1_000_000, (System.nanoTime() - analysed) / 1_000_000);
		return new Committed(inserted, updated, skipped, null);
	}

	/** A re-import fills in and corrects, but a blank cell never erases what the registry knows. */
	private static PersonData merged(PersonData was, PersonData in) {
		return new PersonData(in.code() != null ? in.code() : was.code(), in.name(), in.population(), was.idType(),
				was.idNumber(), in.phone() != null ? in.phone() : was.phone(), in.gender() != null ? in.gender() : was.gender(),
				in.birthDate() != null ? in.birthDate() : was.birthDate(), in.nationality(), in.language(),
				in.orgUnitId() != null ? in.orgUnitId() : was.orgUnitId(), in.livingAlone(), in.bedridden(),
				in.noSmartphone(), was.abroad());
	}

	// ---- corrections on the review page

	/** The cells of one data row as the analysis sees them (the file's, with corrections applied). */
	Optional<List<String>> row(CurrentUser user, String id, int rowNumber) {
		return load(user, id).map(upload -> withEdits(id, upload.table()).rows()).filter(rows -> rowNumber >= 1
				&& rowNumber <= rows.size() && rowNumber - 1 > ColumnMapping.headerRow(rows)).map(rows -> rows.get(rowNumber - 1));
	}

	/** Stores corrections of one row's cells (column → text) and checks every row again. */
	boolean correct(CurrentUser user, String id, int rowNumber, Map<Integer, String> cells) {
		Upload upload = load(user, id).orElse(null);
		if (upload == null || upload.status != Status.ANALYSED || row(user, id, rowNumber).isEmpty()) {
			return false;
		}
		return Boolean.TRUE.equals(tx.execute(status -> {
			int locked = jdbc.sql("update people_import set progress = 0 where id = ? and status = 'ANALYSED'").param(id).update();
			if (locked == 0) {
				return false;
			}
			for (Map.Entry<Integer, String> cell : cells.entrySet()) {
				jdbc.sql("delete from people_import_edit where import_id = ? and row_number = ? and col = ?")
					.params(id, rowNumber, cell.getKey()).update();
				jdbc.sql("insert into people_import_edit (import_id, row_number, col, cell) values (?, ?, ?, ?)")
					.params(id, rowNumber, cell.getKey(), truncate(cell.getValue() == null ? "" : cell.getValue(), 500)).update();
			}
			Analysis analysis = analyse(user, withEdits(id, upload.table()), upload.mapping, upload.defaultPopulation);
			jdbc.sql("delete from people_import_problem where import_id = ?").param(id).update();
			store(id, analysis);
			return true;
		}));
	}

	private SpreadsheetReader.Table withEdits(String id, SpreadsheetReader.Table table) {
		List<Object[]> edits = jdbc.sql("select row_number, col, cell from people_import_edit where import_id = ?")
			.param(id).query((rs, i) -> new Object[] {rs.getInt(1), rs.getInt(2), rs.getString(3)}).list();
		if (edits.isEmpty()) {
			return table;
		}
		List<List<String>> rows = new ArrayList<>(table.rows());
		for (Object[] edit : edits) {
			int r = (Integer) edit[0] - 1;
			int c = (Integer) edit[1];
			if (r < rows.size()) {
				List<String> cells = new ArrayList<>(rows.get(r));
				while (cells.size() <= c) {
					cells.add("");
				}
				cells.set(c, (String) edit[2]);
				rows.set(r, cells);
			}
		}
		return new SpreadsheetReader.Table(table.format(), table.encoding(), rows);
	}

	// ---- analysis

	private record Analysis(List<PersonRows.Parsed> rows, int valid, int updates) {

		int invalid() {
			return rows.size() - valid;
		}
	}

	private Analysis analyse(CurrentUser user, SpreadsheetReader.Table table, String mappingText,
			Population defaultPopulation) {
		int headerRow = ColumnMapping.headerRow(table.rows());
		Map<Integer, ColumnMapping.Field> mapping = ColumnMapping.map(table.rows().get(headerRow), choices(mappingText));
		Map<String, Long> units = orgUnits(user);
		List<PersonRows.Parsed> rows = PersonRows.parse(table.rows(), headerRow, mapping,
				unit -> Optional.ofNullable(units.get(unit)), LocalDate.now(), defaultPopulation);
		boolean scoped = !user.scope().all();
		List<PersonRows.Parsed> checked = new ArrayList<>(rows.size());
		int valid = 0;
		int updates = 0;
		for (int from = 0; from < rows.size(); from += BATCH) {
			List<PersonRows.Parsed> chunk = rows.subList(from, Math.min(rows.size(), from + BATCH));
			Map<String, Existing> existing = existing(user.schoolId(),
					chunk.stream().filter(PersonRows.Parsed::valid).map(PersonRows.Parsed::data).toList());
			Set<Long> visible = scoped ? visible(user, existing.values()) : null;
			for (PersonRows.Parsed row : chunk) {
				if (row.valid() && row.data().idNumber() != null) {
					Existing match = existing.get(key(row.data().idType(), row.data().idNumber()));
					if (match != null && visible != null && !visible.contains(match.id)) {
						row = new PersonRows.Parsed(row.rowNumber(), null,
								List.of(FieldProblem.of("idNumber", "existsOutOfScope")), row.cells());
					} else if (match != null) {
						updates++;
					}
				}
				if (row.valid() && row.data().orgUnitId() == null && scoped) {
					row = new PersonRows.Parsed(row.rowNumber(), null, List.of(FieldProblem.of("orgUnit", "required")),
							row.cells());
				}
				if (row.valid()) {
					valid++;
				}
				checked.add(row);
			}
		}
		return new Analysis(checked, valid, updates);
	}

	private void store(String id, Analysis analysis) {
		List<Object[]> problems = new ArrayList<>();
		for (PersonRows.Parsed row : analysis.rows) {
			int seq = 0;
			String cells = truncate(String.join(CELL_SEPARATOR, row.cells()), 1000);
			for (FieldProblem p : row.problems()) {
				problems.add(new Object[] {id, row.rowNumber(), seq++, p.field(), p.code(),
						truncate(p.args().stream().map(String::valueOf).collect(Collectors.joining("\u001f")), 500), cells});
			}
			if (problems.size() >= BATCH) {
				insertProblems(problems);
			}
		}
		insertProblems(problems);
		jdbc.sql("update people_import set total_rows = ?, valid_rows = ?, invalid_rows = ?, update_rows = ?, failure = null where id = ?")
			.params(analysis.rows.size(), analysis.valid, analysis.invalid(), analysis.updates, id).update();
	}

	private void insertProblems(List<Object[]> problems) {
		if (!problems.isEmpty()) {
			template.batchUpdate("""
					insert into people_import_problem (import_id, row_number, seq, field, code, args, cells)
					values (?, ?, ?, ?, ?, ?, ?)""", problems);
			problems.clear();
		}
	}

	// ---- reading back

	private record Upload(String id, String fileName, byte[] content, String sourceKey, String mapping,
			Population defaultPopulation, Status status) {

		/** The stored file's rows; the same bytes always read the same, so the last few are kept on this node. */
		SpreadsheetReader.Table table() {
			var cached = READ.get(id);
			SpreadsheetReader.Table table = cached == null ? null : cached.get();
			if (table != null) {
				return table;
			}
			try {
				table = SpreadsheetReader.read(content, fileName);
			} catch (SpreadsheetReader.Unreadable e) {
				throw new IllegalStateException("a stored upload became unreadable", e);
			}
			READ.put(id, new java.lang.ref.SoftReference<>(table));
			return table;
		}
	}

	/** The files read last on this node (uploads are reviewed, then committed, soon after). */
	private static final Map<String, java.lang.ref.SoftReference<SpreadsheetReader.Table>> READ = java.util.Collections
		.synchronizedMap(new LinkedHashMap<>(4, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, java.lang.ref.SoftReference<SpreadsheetReader.Table>> eldest) {
				return size() > 2;
			}
		});

	private Optional<Upload> load(CurrentUser user, String id) {
		return jdbc.sql("select file_name, content, source_key, mapping, default_population, status from people_import"
				+ " where id = ? and school_id = ?" + ownedBy(user))
			.params(ownerParams(user, id))
			.query((rs, i) -> new Upload(id, rs.getString(1), rs.getBytes(2), rs.getString(3), rs.getString(4),
					rs.getString(5) == null ? null : Population.valueOf(rs.getString(5)), Status.valueOf(rs.getString(6))))
			.optional();
	}

	/** Someone with a narrower scope sees only their own uploads. */
	private static String ownedBy(CurrentUser user) {
		return user.scope().all() ? "" : " and created_by = ?";
	}

	private static List<Object> ownerParams(CurrentUser user, String id) {
		return user.scope().all() ? List.of(id, user.schoolId()) : List.of(id, user.schoolId(), user.getUsername());
	}

	private static Map<String, String> choices(String mappingText) {
		Map<String, String> choices = new HashMap<>();
		if (mappingText != null) {
			for (String line : mappingText.split("\n")) {
				String[] kv = line.split("=", 2);
				if (kv.length == 2) {
					choices.put(kv[0], kv[1]);
				}
			}
		}
		return choices;
	}

	private static List<Object> args(String text) {
		return text == null || text.isEmpty() ? List.of() : List.of((Object[]) text.split("\u001f"));
	}

	/** Files with the same columns (compared as the header mapping compares them) come from the same source. */
	static String sourceKey(List<String> header) {
		String joined = header.stream().map(ColumnMapping::key).collect(Collectors.joining("|"));
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Org units the importer may place people in, by code and by name (a name shared by two units is left out). */
	private Map<String, Long> orgUnits(CurrentUser user) {
		List<Object> params = new ArrayList<>(List.of(user.schoolId()));
		String scope = scopes.orgUnitPredicate(scopes.roots(user), "o", params);
		Map<String, Long> byCode = new HashMap<>();
		Map<String, Long> byName = new HashMap<>();
		Set<String> ambiguous = new HashSet<>();
		jdbc.sql("select o.id, o.code, o.name from org_unit o where o.school_id = ? and o.active = true and " + scope)
			.params(params).query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}).list()
			.forEach(r -> {
				byCode.put((String) r[1], (Long) r[0]);
				if (byName.putIfAbsent((String) r[2], (Long) r[0]) != null) {
					ambiguous.add((String) r[2]);
				}
			});
		ambiguous.forEach(byName::remove);
		Map<String, Long> byKey = new LinkedHashMap<>(byName);
		byKey.putAll(byCode);
		return byKey;
	}

	private record Existing(long id, PersonData data) {
	}

	/** The registered people with the ID numbers of these rows, keyed by type and number. */
	private Map<String, Existing> existing(long schoolId, List<PersonData> rows) {
		List<String> numbers = rows.stream().map(PersonData::idNumber).filter(n -> n != null).distinct().toList();
		Map<String, Existing> found = new HashMap<>();
		if (numbers.isEmpty()) {
			return found;
		}
		List<Object> params = new ArrayList<>();
		params.add(schoolId);
		params.addAll(numbers);
		String marks = numbers.stream().map(n -> "?").collect(Collectors.joining(","));
		template.query("""
				select id, code, name, population, id_type, id_number, phone, gender, birth_date, nationality, language,
				       org_unit_id, living_alone, bedridden, no_smartphone, abroad
				from person where school_id = ? and id_number in (%s)""".formatted(marks), rs -> {
			PersonData d = new PersonData(rs.getString(2), rs.getString(3), Population.valueOf(rs.getString(4)),
					IdType.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
					rs.getObject(9, LocalDate.class), rs.getString(10), rs.getString(11), rs.getObject(12, Long.class),
					rs.getBoolean(13), rs.getBoolean(14), rs.getBoolean(15), rs.getBoolean(16));
			found.put(key(d.idType(), d.idNumber()), new Existing(rs.getLong(1), d));
		}, params.toArray());
		return found;
	}

	private Set<Long> visible(CurrentUser user, java.util.Collection<Existing> people) {
		if (people.isEmpty()) {
			return Set.of();
		}
		List<Object> params = new ArrayList<>(List.of(user.schoolId()));
		String scope = scopes.personPredicate(scopes.roots(user), params);
		String ids = people.stream().map(e -> String.valueOf(e.id)).collect(Collectors.joining(","));
		return new HashSet<>(jdbc.sql("select p.id from person p where p.school_id = ? and p.id in (" + ids + ") and " + scope)
			.params(params).query(Long.class).list());
	}

	private static String key(IdType type, String number) {
		return type + ":" + number;
	}

	private static String truncate(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max - 1) + "…";
	}
}
