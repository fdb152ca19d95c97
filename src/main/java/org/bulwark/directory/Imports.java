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
import org.bulwark.directory.imports.ImportKind;
import org.bulwark.directory.imports.SpreadsheetReader;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.BulkWriter;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
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
class Imports {

	private static final Logger log = LoggerFactory.getLogger(Imports.class);
	static final int BATCH = PersonImportRows.BATCH;
	static final String CELL_SEPARATOR = "\u001f";

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final AuditLog audit;
	private final Map<ImportKind, ImportRows> kinds = new java.util.EnumMap<>(ImportKind.class);
	private final TaskExecutor executor;
	private final TransactionTemplate tx;
	private final TransactionTemplate separateTx;

	Imports(JdbcClient jdbc, JdbcTemplate template, AuditLog audit, List<ImportRows> rows,
			@Qualifier("applicationTaskExecutor") TaskExecutor executor, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.template = template;
		this.audit = audit;
		rows.forEach(r -> kinds.put(r.kind(), r));
		this.executor = executor;
		this.tx = new TransactionTemplate(transactions);
		this.separateTx = new TransactionTemplate(transactions);
		this.separateTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	enum Mode { ALL_OR_NOTHING, VALID_ONLY }

	enum Status { ANALYSED, COMMITTING, COMMITTED }

	/** An upload as the review page shows it; read from its row, never by re-reading the file. */
	record Summary(String id, ImportKind kind, String fileName, String format, String encoding, String createdBy,
			OffsetDateTime createdAt, Population defaultPopulation, List<String> header,
			Map<Integer, ColumnMapping.Field> mapping, Status status, int total, int valid, int invalid, int updates,
			int progress, Integer inserted, Integer updated, Integer skipped, String failure) {

		/** Required columns not mapped yet, each a list of fields any one of which would do. */
		public List<List<ColumnMapping.Field>> missing() {
			return kind.missing(mapping).stream().map(any -> any.stream().sorted().toList()).toList();
		}

		public boolean complete() {
			return missing().isEmpty();
		}

		/** The fields a column of this kind of file may be mapped to. */
		public List<ColumnMapping.Field> fields() {
			return kind.fields().stream().sorted().toList();
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

	/** The right an importer needs for each kind: the same as for adding one such record by hand. */
	static Permission permission(ImportKind kind) {
		return switch (kind) {
			case PEOPLE -> Permission.PEOPLE_WRITE;
			case ORG_UNITS -> Permission.ORG_UNITS_WRITE;
			case PLACES -> Permission.PLACES_WRITE;
			case RESIDENCES -> Permission.RESIDENCES_WRITE;
		};
	}

	static List<ImportKind> allowed(CurrentUser user) {
		return java.util.Arrays.stream(ImportKind.values()).filter(k -> user.can(permission(k))).toList();
	}

	/** Stores the upload with its analysis and returns its id; throws when the file cannot be read at all. */
	String upload(CurrentUser user, ImportKind kind, String fileName, byte[] content, Population defaultPopulation)
			throws SpreadsheetReader.Unreadable {
		if (!user.can(permission(kind))) {
			throw new org.springframework.security.access.AccessDeniedException("no right to import " + kind);
		}
		long started = System.nanoTime();
		SpreadsheetReader.Table table = SpreadsheetReader.read(content, fileName);
		long read = System.nanoTime();
		int headerRow = ColumnMapping.headerRow(table.rows(), kind);
		if (headerRow < 0) {
			throw new SpreadsheetReader.Unreadable("noHeader." + kind);
		}
		List<String> header = table.rows().get(headerRow);
		String sourceKey = sourceKey(kind, header);
		String mapping = jdbc.sql("select mapping from import_mapping where school_id = ? and source_key = ?")
			.params(user.schoolId(), sourceKey).query(String.class).optional().orElse(null);
		Analysis analysis = analyse(user, kind, table, mapping, defaultPopulation);
		String id = UUID.randomUUID().toString();
		READ.put(id, new java.lang.ref.SoftReference<>(table));
		tx.executeWithoutResult(status -> {
			jdbc.sql("""
					insert into import_upload (id, kind, school_id, created_by, file_name, format, encoding, content, source_key,
					                           default_population, mapping, header)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(id, kind.name(), user.schoolId(), user.getUsername(), fileName == null || fileName.isBlank() ? "upload" : fileName,
						table.format(), table.encoding(), content, sourceKey,
						defaultPopulation == null ? null : defaultPopulation.name(), mapping, String.join("\t", header))
				.update();
			store(id, analysis);
			audit.record(AuditAction.IMPORT, "import_upload", id, "uploaded " + fileName + ": " + analysis.rows.size()
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
		Analysis analysis = analyse(user, upload.kind, withEdits(id, upload.table()), mapping, defaultPopulation);
		String chosen = mapping;
		return Boolean.TRUE.equals(tx.execute(status -> {
			int changed = jdbc.sql("""
					update import_upload set mapping = ?, default_population = ? where id = ? and school_id = ?
					and status = 'ANALYSED'""")
				.params(chosen, defaultPopulation == null ? null : defaultPopulation.name(), id, user.schoolId()).update();
			if (changed == 0) {
				return false;
			}
			jdbc.sql("delete from import_problem where import_id = ?").param(id).update();
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
				       total_rows, valid_rows, invalid_rows, update_rows, progress, inserted, updated, skipped, failure, kind
				from import_upload where id = ? and school_id = ?""" + ownedBy(user))
			.params(ownerParams(user, id))
			.query((rs, i) -> {
				List<String> header = List.of(rs.getString(9).split("\t", -1));
				ImportKind kind = ImportKind.valueOf(rs.getString(20));
				return new Summary(rs.getString(1), kind, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
						rs.getObject(6, OffsetDateTime.class),
						rs.getString(7) == null ? null : Population.valueOf(rs.getString(7)), header,
						ColumnMapping.map(header, choices(rs.getString(8)), kind), Status.valueOf(rs.getString(10)), rs.getInt(11),
						rs.getInt(12), rs.getInt(13), rs.getInt(14), rs.getInt(15), rs.getObject(16, Integer.class),
						rs.getObject(17, Integer.class), rs.getObject(18, Integer.class), rs.getString(19));
			})
			.optional()
			.filter(summary -> user.can(permission(summary.kind())));
	}

	/** The problems of an upload in row order, a page at a time. */
	List<RowProblem> problems(CurrentUser user, String id, int offset, int limit) {
		if (find(user, id).isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select row_number, field, code, args, cells from import_problem where import_id = ?
				order by row_number, seq limit ? offset ?""")
			.params(id, limit, offset)
			.query((rs, i) -> new RowProblem(rs.getInt(1), rs.getString(2), rs.getString(3), args(rs.getString(4)),
					rs.getString(5)))
			.list();
	}

	int problemCount(String id) {
		return jdbc.sql("select count(*) from import_problem where import_id = ?").param(id).query(Integer.class).single();
	}

	/** The latest uploads: all of the school's for a user with a school-wide scope, else the user's own. */
	List<Summary> recent(CurrentUser user, int limit) {
		List<String> ids = jdbc.sql("select id from import_upload where school_id = ?" + ownedBy(user)
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
		if (!summary.complete()) {
			return new Committed(0, 0, 0, "import.missingColumns");
		}
		if (mode == Mode.ALL_OR_NOTHING && summary.invalid() > 0) {
			return new Committed(0, 0, 0, "import.hasErrors");
		}
		if (summary.valid() == 0) {
			return new Committed(0, 0, 0, "import.nothingValid");
		}
		int claimed = jdbc.sql("""
				update import_upload set status = 'COMMITTING', progress = 0, progress_at = ?, failure = null
				where id = ? and status = 'ANALYSED'""")
			.params(OffsetDateTime.now(), id).update();
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

	/**
	 * A commit whose node stopped (a restart, a crash) rolled back and left its upload marked as
	 * committing; one that has reported no progress for 15 minutes is released so it can be committed
	 * again. Every node may run this: it is one conditional update.
	 */
	@org.springframework.scheduling.annotation.Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
	void releaseAbandonedCommits() {
		int released = jdbc.sql("""
				update import_upload set status = 'ANALYSED', progress = 0, failure = 'import.failed.interrupted'
				where status = 'COMMITTING' and progress_at < ?""")
			.param(OffsetDateTime.now().minusMinutes(15)).update();
		if (released > 0) {
			log.warn("released {} import(s) whose commit stopped without finishing", released);
		}
	}

	/** Nothing was written: the upload can be reviewed and committed again. */
	private void release(String id, String failure) {
		separateTx.executeWithoutResult(status -> jdbc.sql(
				"update import_upload set status = 'ANALYSED', progress = 0, failure = ? where id = ?")
			.params(failure, id).update());
	}

	private Committed write(CurrentUser user, String id, Mode mode) {
		long started = System.nanoTime();
		Upload upload = load(user, id).orElseThrow();
		ImportRows kind = kinds.get(upload.kind);
		// the registry may have changed since the review: check every row again against it now
		Analysis analysis = analyse(user, upload.kind, withEdits(id, upload.table()), upload.mapping,
				upload.defaultPopulation);
		if (mode == Mode.ALL_OR_NOTHING && analysis.invalid() > 0) {
			return new Committed(0, 0, 0, "import.hasErrors");
		}
		List<ImportRows.Checked> valid = analysis.rows.stream().filter(ImportRows.Checked::valid).toList();
		if (valid.isEmpty()) {
			return new Committed(0, 0, 0, "import.nothingValid");
		}
		long analysed = System.nanoTime();
		String source = "import " + upload.fileName + " (" + id + ")";
		ImportRows.Written written = kind.write(user, valid, source, done -> separateTx.executeWithoutResult(
				status -> jdbc.sql("update import_upload set progress = ?, progress_at = ? where id = ?")
					.params(done, OffsetDateTime.now(), id).update()));
		int skipped = analysis.invalid();
		jdbc.sql("""
				update import_upload set status = 'COMMITTED', committed_at = ?, inserted = ?, updated = ?, skipped = ?,
				       progress = ?, failure = null where id = ?""")
			.params(OffsetDateTime.now(), written.inserted(), written.updated(), skipped, valid.size(), id).update();
		audit.record(AuditAction.IMPORT, "import_upload", id, "committed " + upload.kind + " from " + upload.fileName
				+ ": " + written.inserted() + " added, " + written.updated() + " updated, " + skipped + " rows skipped");
		log.info("import {} of {} committed: {} added, {} updated, {} skipped; checked again in {} ms, written in {} ms",
				id, upload.kind, written.inserted(), written.updated(), skipped, (analysed - started) / 1_000_000,
				(System.nanoTime() - analysed) / 1_000_000);
		return new Committed(written.inserted(), written.updated(), skipped, null);
	}

	// ---- corrections on the review page

	/** The cells of one data row as the analysis sees them (the file's, with corrections applied). */
	Optional<List<String>> row(CurrentUser user, String id, int rowNumber) {
		return load(user, id).flatMap(upload -> {
			List<List<String>> rows = withEdits(id, upload.table()).rows();
			boolean data = rowNumber >= 1 && rowNumber <= rows.size()
					&& rowNumber - 1 > ColumnMapping.headerRow(rows, upload.kind);
			return data ? Optional.of(rows.get(rowNumber - 1)) : Optional.empty();
		});
	}

	/** Stores corrections of one row's cells (column → text) and checks every row again. */
	boolean correct(CurrentUser user, String id, int rowNumber, Map<Integer, String> cells) {
		Upload upload = load(user, id).orElse(null);
		if (upload == null || upload.status != Status.ANALYSED || row(user, id, rowNumber).isEmpty()) {
			return false;
		}
		return Boolean.TRUE.equals(tx.execute(status -> {
			int locked = jdbc.sql("update import_upload set progress = 0 where id = ? and status = 'ANALYSED'").param(id).update();
			if (locked == 0) {
				return false;
			}
			for (Map.Entry<Integer, String> cell : cells.entrySet()) {
				jdbc.sql("delete from import_edit where import_id = ? and row_number = ? and col = ?")
					.params(id, rowNumber, cell.getKey()).update();
				jdbc.sql("insert into import_edit (import_id, row_number, col, cell) values (?, ?, ?, ?)")
					.params(id, rowNumber, cell.getKey(), truncate(cell.getValue() == null ? "" : cell.getValue(), 500)).update();
			}
			Analysis analysis = analyse(user, upload.kind, withEdits(id, upload.table()), upload.mapping,
					upload.defaultPopulation);
			jdbc.sql("delete from import_problem where import_id = ?").param(id).update();
			store(id, analysis);
			return true;
		}));
	}

	private SpreadsheetReader.Table withEdits(String id, SpreadsheetReader.Table table) {
		List<Object[]> edits = jdbc.sql("select row_number, col, cell from import_edit where import_id = ?")
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

	private record Analysis(List<ImportRows.Checked> rows, int valid, int updates) {

		int invalid() {
			return rows.size() - valid;
		}
	}

	private Analysis analyse(CurrentUser user, ImportKind kind, SpreadsheetReader.Table table, String mappingText,
			Population defaultPopulation) {
		int headerRow = ColumnMapping.headerRow(table.rows(), kind);
		Map<Integer, ColumnMapping.Field> mapping = ColumnMapping.map(table.rows().get(headerRow), choices(mappingText),
				kind);
		List<ImportRows.Checked> rows = kinds.get(kind).check(user, table.rows(), headerRow, mapping, defaultPopulation);
		int valid = (int) rows.stream().filter(ImportRows.Checked::valid).count();
		int updates = (int) rows.stream().filter(r -> r.valid() && r.update()).count();
		return new Analysis(rows, valid, updates);
	}

	private void store(String id, Analysis analysis) {
		List<Object[]> problems = new ArrayList<>();
		for (ImportRows.Checked row : analysis.rows) {
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
		jdbc.sql("update import_upload set total_rows = ?, valid_rows = ?, invalid_rows = ?, update_rows = ?, failure = null where id = ?")
			.params(analysis.rows.size(), analysis.valid, analysis.invalid(), analysis.updates, id).update();
	}

	private void insertProblems(List<Object[]> problems) {
		if (!problems.isEmpty()) {
			template.batchUpdate("""
					insert into import_problem (import_id, row_number, seq, field, code, args, cells)
					values (?, ?, ?, ?, ?, ?, ?)""", problems);
			problems.clear();
		}
	}

	// ---- reading back

	private record Upload(String id, ImportKind kind, String fileName, byte[] content, String sourceKey, String mapping,
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
		return jdbc.sql("select file_name, content, source_key, mapping, default_population, status, kind from import_upload"
				+ " where id = ? and school_id = ?" + ownedBy(user))
			.params(ownerParams(user, id))
			.query((rs, i) -> new Upload(id, ImportKind.valueOf(rs.getString(7)), rs.getString(1), rs.getBytes(2), rs.getString(3), rs.getString(4),
					rs.getString(5) == null ? null : Population.valueOf(rs.getString(5)), Status.valueOf(rs.getString(6))))
			.optional()
			.filter(upload -> user.can(permission(upload.kind())));
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
	static String sourceKey(ImportKind kind, List<String> header) {
		String joined = kind + ":" + header.stream().map(ColumnMapping::key).collect(Collectors.joining("|"));
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String truncate(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max - 1) + "…";
	}
}
