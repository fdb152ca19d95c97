package org.bulwark.directory;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Importing people from a spreadsheet in two steps: upload and review (every row checked, problems
 * listed by row and field, nothing written), then commit — all rows or none, or only the valid
 * ones. A person already registered with the same ID number is updated, not duplicated.
 */
@Service
class PeopleImport {

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final ScopeFilter scopes;
	private final AuditLog audit;

	PeopleImport(JdbcClient jdbc, JdbcTemplate template, ScopeFilter scopes, AuditLog audit) {
		this.jdbc = jdbc;
		this.template = template;
		this.scopes = scopes;
		this.audit = audit;
	}

	enum Mode { ALL_OR_NOTHING, VALID_ONLY }

	record Preview(String id, String fileName, String format, String encoding, List<String> header,
			Map<Integer, ColumnMapping.Field> mapping, List<PersonRows.Parsed> rows, long valid, long invalid,
			long updates, String status, String summary) {

		List<PersonRows.Parsed> problems() {
			return rows.stream().filter(r -> !r.valid()).toList();
		}

		boolean hasName() {
			return mapping.containsValue(ColumnMapping.Field.NAME);
		}
	}

	/** Stores the upload and returns its id, or throws when the file cannot be read at all. */
	@Transactional
	String upload(CurrentUser user, String fileName, byte[] content) throws SpreadsheetReader.Unreadable {
		SpreadsheetReader.Table table = SpreadsheetReader.read(content, fileName);
		if (ColumnMapping.headerRow(table.rows()) < 0) {
			throw new SpreadsheetReader.Unreadable("noHeader");
		}
		String id = UUID.randomUUID().toString();
		jdbc.sql("insert into people_import (id, school_id, created_by, file_name, content) values (?, ?, ?, ?, ?)")
			.params(id, user.schoolId(), user.getUsername(), fileName == null ? "upload" : fileName, content).update();
		return id;
	}

	@Transactional
	void choose(CurrentUser user, String id, Map<String, String> choices) {
		String text = choices.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
		jdbc.sql("update people_import set mapping = ? where id = ? and school_id = ? and status = 'PREVIEW'")
			.params(text, id, user.schoolId()).update();
	}

	@Transactional(readOnly = true)
	Optional<Preview> preview(CurrentUser user, String id) {
		return jdbc.sql("select file_name, content, mapping, status, summary from people_import where id = ? and school_id = ?")
			.params(id, user.schoolId())
			.query((rs, i) -> new Object[] {rs.getString(1), rs.getBytes(2), rs.getString(3), rs.getString(4), rs.getString(5)})
			.optional()
			.map(r -> analyse(user, id, (String) r[0], (byte[]) r[1], (String) r[2], (String) r[3], (String) r[4]));
	}

	private Preview analyse(CurrentUser user, String id, String fileName, byte[] content, String mappingText,
			String status, String summary) {
		SpreadsheetReader.Table table;
		try {
			table = SpreadsheetReader.read(content, fileName);
		} catch (SpreadsheetReader.Unreadable e) {
			throw new IllegalStateException("stored upload became unreadable", e);
		}
		int headerRow = ColumnMapping.headerRow(table.rows());
		List<String> header = table.rows().get(headerRow);
		Map<String, String> choices = new HashMap<>();
		if (mappingText != null) {
			for (String line : mappingText.split("\n")) {
				String[] kv = line.split("=", 2);
				if (kv.length == 2) {
					choices.put(kv[0], kv[1]);
				}
			}
		}
		Map<Integer, ColumnMapping.Field> mapping = ColumnMapping.map(header, choices);
		Map<String, Long> units = orgUnits(user);
		List<PersonRows.Parsed> rows = PersonRows.parse(table.rows(), headerRow, mapping,
				unit -> Optional.ofNullable(units.get(unit)), LocalDate.now());
		Map<String, Long> existing = existing(user.schoolId());
		Set<Long> visible = user.scope().all() ? null : visiblePeople(user);
		List<PersonRows.Parsed> checked = new ArrayList<>(rows.size());
		long updates = 0;
		for (PersonRows.Parsed row : rows) {
			if (row.valid() && row.data().idNumber() != null) {
				Long personId = existing.get(row.data().idType() + ":" + row.data().idNumber());
				if (personId != null && visible != null && !visible.contains(personId)) {
					row = new PersonRows.Parsed(row.rowNumber(), null,
							List.of(FieldProblem.of("idNumber", "existsOutOfScope")), row.cells());
				} else if (personId != null) {
					updates++;
				}
			}
			if (row.valid() && row.data().orgUnitId() == null && !user.scope().all()) {
				row = new PersonRows.Parsed(row.rowNumber(), null, List.of(FieldProblem.of("orgUnit", "required")),
						row.cells());
			}
			checked.add(row);
		}
		long valid = checked.stream().filter(PersonRows.Parsed::valid).count();
		return new Preview(id, fileName, table.format(), table.encoding(), header, mapping, checked, valid,
				checked.size() - valid, updates, status, summary);
	}

	/** The outcome of a commit: counts, or the reason nothing was written. */
	record Committed(int inserted, int updated, int skipped, String refusal) {
	}

	@Transactional
	Committed commit(CurrentUser user, String id, Mode mode) {
		Preview preview = preview(user, id).orElse(null);
		if (preview == null) {
			return new Committed(0, 0, 0, "import.notFound");
		}
		if (!preview.hasName()) {
			return new Committed(0, 0, 0, "import.noNameColumn");
		}
		if (mode == Mode.ALL_OR_NOTHING && preview.invalid() > 0) {
			return new Committed(0, 0, 0, "import.hasErrors");
		}
		if (preview.valid() == 0) {
			return new Committed(0, 0, 0, "import.nothingValid");
		}
		// claims the upload first, so a second click or a retry cannot import the same file twice
		int claimed = jdbc.sql("update people_import set status = 'COMMITTED', committed_at = ? where id = ? and status = 'PREVIEW'")
			.params(OffsetDateTime.now(), id).update();
		if (claimed == 0) {
			return new Committed(0, 0, 0, "import.alreadyCommitted");
		}
		Map<String, Long> existing = existing(user.schoolId());
		List<Object[]> inserts = new ArrayList<>();
		List<Object[]> updates = new ArrayList<>();
		OffsetDateTime now = OffsetDateTime.now();
		for (PersonRows.Parsed row : preview.rows()) {
			if (!row.valid()) {
				continue;
			}
			PersonData d = row.data();
			Long personId = d.idNumber() == null ? null : existing.get(d.idType() + ":" + d.idNumber());
			if (personId == null) {
				inserts.add(new Object[] {user.schoolId(), d.code(), d.name(), d.population().name(), d.idType().name(),
						d.idNumber(), d.phone(), d.gender(), d.birthDate(), d.nationality(), d.language(), d.orgUnitId(),
						d.livingAlone(), d.bedridden(), d.noSmartphone(), d.abroad()});
			} else {
				updates.add(new Object[] {d.code(), d.name(), d.population().name(), d.phone(), d.gender(), d.birthDate(),
						d.nationality(), d.language(), d.orgUnitId(), d.livingAlone(), d.bedridden(), d.noSmartphone(), now,
						personId});
			}
		}
		batch("""
				insert into person (school_id, code, name, population, id_type, id_number, phone, gender, birth_date,
				                    nationality, language, org_unit_id, living_alone, bedridden, no_smartphone, abroad)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
		batch("""
				update person set code = coalesce(?, code), name = ?, population = ?, phone = coalesce(?, phone),
				       gender = ?, birth_date = ?, nationality = ?, language = ?, org_unit_id = coalesce(?, org_unit_id),
				       living_alone = ?, bedridden = ?, no_smartphone = ?, updated_at = ?, version = version + 1
				where id = ?""", updates);
		int skipped = (int) preview.invalid();
		String summary = inserts.size() + " added, " + updates.size() + " updated, " + skipped + " rows skipped";
		jdbc.sql("update people_import set summary = ? where id = ?").params(summary, id).update();
		audit.record(AuditAction.IMPORT, "person", null, "import of " + preview.fileName() + " (" + id + "): " + summary);
		return new Committed(inserts.size(), updates.size(), skipped, null);
	}

	private void batch(String sql, List<Object[]> rows) {
		for (int from = 0; from < rows.size(); from += 1000) {
			template.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + 1000)));
		}
	}

	/** Org units the importer may place people in, by code and by name (a name shared by two units is left out). */
	private Map<String, Long> orgUnits(CurrentUser user) {
		List<Object> params = new ArrayList<>(List.of(user.schoolId()));
		String scope = scopes.orgUnitPredicate(scopes.roots(user), "o", params);
		Map<String, Long> byKey = new LinkedHashMap<>();
		Set<String> ambiguous = new java.util.HashSet<>();
		jdbc.sql("select o.id, o.code, o.name from org_unit o where o.school_id = ? and o.active = true and " + scope)
			.params(params).query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}).list()
			.forEach(r -> {
				byKey.put((String) r[1], (Long) r[0]);
				if (byKey.containsKey((String) r[2]) && !byKey.get((String) r[2]).equals(r[0])) {
					ambiguous.add((String) r[2]);
				}
				byKey.putIfAbsent((String) r[2], (Long) r[0]);
			});
		ambiguous.forEach(byKey::remove);
		return byKey;
	}

	private Map<String, Long> existing(long schoolId) {
		Map<String, Long> map = new HashMap<>();
		template.query("select id, id_type, id_number from person where school_id = ? and id_number is not null",
				rs -> {
					map.put(rs.getString(2) + ":" + rs.getString(3), rs.getLong(1));
				}, schoolId);
		return map;
	}

	private Set<Long> visiblePeople(CurrentUser user) {
		List<Object> params = new ArrayList<>(List.of(user.schoolId()));
		String scope = scopes.personPredicate(scopes.roots(user), params);
		return new java.util.HashSet<>(jdbc.sql("select p.id from person p where p.school_id = ? and " + scope)
			.params(params).query(Long.class).list());
	}
}
