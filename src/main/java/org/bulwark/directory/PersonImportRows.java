package org.bulwark.directory;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import org.bulwark.directory.imports.ColumnMapping.Field;
import org.bulwark.directory.imports.ImportKind;
import org.bulwark.directory.imports.PersonRows;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.BulkWriter;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * People from a file: every row checked with {@link PersonRows}; a person already registered with
 * the same ID number is updated (blank cells never erase), others are added with COPY; every person
 * written gets an audit entry of its own.
 */
@Component
class PersonImportRows implements ImportRows {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PersonImportRows.class);

	static final int BATCH = 1000;
	private static final int WRITE_BATCH = 5000;
	private static final List<String> PERSON_COLUMNS = List.of("school_id", "code", "name", "population", "id_type",
			"id_number", "phone", "gender", "birth_date", "nationality", "language", "org_unit_id", "living_alone",
			"bedridden", "no_smartphone", "abroad");

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final ScopeFilter scopes;
	private final AuditLog audit;
	private final BulkWriter bulk;

	PersonImportRows(JdbcClient jdbc, JdbcTemplate template, ScopeFilter scopes, AuditLog audit, BulkWriter bulk) {
		this.jdbc = jdbc;
		this.template = template;
		this.scopes = scopes;
		this.audit = audit;
		this.bulk = bulk;
	}

	@Override
	public ImportKind kind() {
		return ImportKind.PEOPLE;
	}

	@Override
	public List<Checked> check(CurrentUser user, List<List<String>> rows, int headerRow, Map<Integer, Field> mapping,
			Population defaultPopulation) {
		Map<String, Long> units = ImportLookups.orgUnits(jdbc, scopes, user);
		List<PersonRows.Parsed> parsed = PersonRows.parse(rows, headerRow, mapping,
				unit -> Optional.ofNullable(units.get(unit)), LocalDate.now(), defaultPopulation);
		boolean scoped = !user.scope().all();
		List<Checked> checked = new ArrayList<>(parsed.size());
		for (int from = 0; from < parsed.size(); from += BATCH) {
			List<PersonRows.Parsed> chunk = parsed.subList(from, Math.min(parsed.size(), from + BATCH));
			Map<String, Existing> existing = existing(user.schoolId(),
					chunk.stream().filter(PersonRows.Parsed::valid).map(PersonRows.Parsed::data).toList());
			Set<Long> visible = scoped ? visible(user, existing.values()) : null;
			for (PersonRows.Parsed row : chunk) {
				if (!row.valid()) {
					checked.add(Checked.invalid(row.rowNumber(), row.problems(), row.cells()));
					continue;
				}
				Existing match = row.data().idNumber() == null ? null
						: existing.get(key(row.data().idType(), row.data().idNumber()));
				if (match != null && visible != null && !visible.contains(match.id)) {
					checked.add(Checked.invalid(row.rowNumber(), List.of(FieldProblem.of("idNumber", "existsOutOfScope")),
							row.cells()));
				} else if (row.data().orgUnitId() == null && scoped) {
					checked.add(Checked.invalid(row.rowNumber(), List.of(FieldProblem.of("orgUnit", "required")), row.cells()));
				} else {
					checked.add(new Checked(row.rowNumber(), new Row(row.data(), match), match != null, List.of(), row.cells()));
				}
			}
		}
		return checked;
	}

	/** A checked row: the person's data and, when the ID number is registered, the person it updates. */
	private record Row(PersonData data, Existing before) {
	}

	/**
	 * Writes in the transaction of the commit, right after {@link #check} ran again in it, so the matches
	 * it found still hold; a person registered in between by someone else hits the unique key and the
	 * whole commit is refused as "changed meanwhile".
	 */
	@Override
	public Written write(CurrentUser user, List<Checked> rows, String source, IntConsumer progress) {
		int inserted = 0;
		int updated = 0;
		OffsetDateTime now = OffsetDateTime.now();
		long[] nanos = new long[3];
		for (int from = 0; from < rows.size(); from += WRITE_BATCH) {
			List<Checked> chunk = rows.subList(from, Math.min(rows.size(), from + WRITE_BATCH));
			long t0 = System.nanoTime();
			List<PersonData> news = chunk.stream().map(c -> (Row) c.data()).filter(r -> r.before() == null)
				.map(Row::data).toList();
			List<Object[]> inserts = new ArrayList<>(news.size());
			for (PersonData d : news) {
				inserts.add(new Object[] {user.schoolId(), d.code(), d.name(), d.population().name(), d.idType().name(),
						d.idNumber(), d.phone(), d.gender(), d.birthDate(), d.nationality(), d.language(), d.orgUnitId(),
						d.livingAlone(), d.bedridden(), d.noSmartphone(), d.abroad()});
			}
			List<AuditLog.Item> changes = new ArrayList<>(chunk.size());
			List<Object[]> updates = new ArrayList<>();
			for (Checked c : chunk) {
				Row row = (Row) c.data();
				if (row.before() == null) {
					continue;
				}
				PersonData after = merged(row.before().data, row.data());
				if (!after.equals(row.before().data)) {
					updates.add(new Object[] {after.code(), after.name(), after.population().name(), after.phone(),
							after.gender(), after.birthDate(), after.nationality(), after.language(), after.orgUnitId(),
							after.livingAlone(), after.bedridden(), after.noSmartphone(), now, row.before().id});
					changes.add(new AuditLog.Item(row.before().id, "updated by " + source,
							PersonEditing.summary(row.before().data), PersonEditing.summary(after)));
				}
			}
			long t1 = System.nanoTime();
			List<Long> ids = bulk.insertReturningIds("person", PERSON_COLUMNS, inserts);
			for (int i = 0; i < news.size(); i++) {
				changes.add(new AuditLog.Item(ids.get(i), "created by " + source, null, PersonEditing.summary(news.get(i))));
			}
			if (!updates.isEmpty()) {
				template.batchUpdate("""
						update person set code = ?, name = ?, population = ?, phone = ?, gender = ?, birth_date = ?,
						       nationality = ?, language = ?, org_unit_id = ?, living_alone = ?, bedridden = ?,
						       no_smartphone = ?, updated_at = ?, version = version + 1
						where id = ?""", updates);
			}
			long t2 = System.nanoTime();
			audit.recordAll(AuditAction.IMPORT, "person", changes);
			nanos[0] += t1 - t0;
			nanos[1] += t2 - t1;
			nanos[2] += System.nanoTime() - t2;
			inserted += inserts.size();
			updated += updates.size();
			progress.accept(from + chunk.size());
		}
		log.info("wrote {} people: preparing {} ms, copy and updates {} ms, audit {} ms", rows.size(),
				nanos[0] / 1_000_000, nanos[1] / 1_000_000, nanos[2] / 1_000_000);
		return new Written(inserted, updated);
	}

	/** A re-import fills in and corrects, but a blank cell never erases what the registry knows. */
	private static PersonData merged(PersonData was, PersonData in) {
		return new PersonData(in.code() != null ? in.code() : was.code(), in.name(), in.population(), was.idType(),
				was.idNumber(), in.phone() != null ? in.phone() : was.phone(), in.gender() != null ? in.gender() : was.gender(),
				in.birthDate() != null ? in.birthDate() : was.birthDate(), in.nationality(), in.language(),
				in.orgUnitId() != null ? in.orgUnitId() : was.orgUnitId(), in.livingAlone(), in.bedridden(),
				in.noSmartphone(), was.abroad());
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

	private Set<Long> visible(CurrentUser user, Collection<Existing> people) {
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
}
