package org.bulwark.directory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import org.bulwark.directory.imports.ColumnMapping.Field;
import org.bulwark.directory.imports.ImportKind;
import org.bulwark.directory.imports.PersonRows;
import org.bulwark.shared.IdNumber;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who lives where, from a file: a person (by ID number or student/staff number, inside the importer's
 * scope) into a room (by code) and bed, from a date. Checked with {@link ResidenceRules} against the
 * room as it is now and the rows above, so a file cannot overfill a room or give one bed twice;
 * written through {@link Residences}, the same as a move-in on the room page.
 */
@Component
class ResidenceImportRows implements ImportRows {

	private final JdbcClient jdbc;
	private final ScopeFilter scopes;
	private final Residences residences;

	ResidenceImportRows(JdbcClient jdbc, ScopeFilter scopes, Residences residences) {
		this.jdbc = jdbc;
		this.scopes = scopes;
		this.residences = residences;
	}

	@Override
	public ImportKind kind() {
		return ImportKind.RESIDENCES;
	}

	record MoveIn(long personId, long placeId, String bed, LocalDate movedIn) {
	}

	private record Person(long id, String name, String code, String idNumber, Long placeId, LocalDate movedIn) {
	}

	private record RoomNow(long id, String label, boolean beds, Integer capacity, Set<String> takenBeds,
			Set<Long> occupants) {
	}

	@Override
	public List<Checked> check(CurrentUser user, List<List<String>> rows, int headerRow, Map<Integer, Field> mapping,
			Population defaultPopulation) {
		List<Map<Field, String>> values = new ArrayList<>();
		for (int r = headerRow + 1; r < rows.size(); r++) {
			values.add(ImportRowValues.of(rows.get(r), mapping));
		}
		Map<String, Person> people = people(user, values);
		Map<String, ImportLookups.Node> places = ImportLookups.places(jdbc, scopes, user);
		Map<Long, RoomNow> rooms = new HashMap<>();
		Map<Long, Integer> seenPeople = new HashMap<>();
		LocalDate today = LocalDate.now();
		List<Checked> checked = new ArrayList<>();
		for (int r = headerRow + 1; r < rows.size(); r++) {
			List<String> cells = rows.get(r);
			if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
				continue;
			}
			int rowNumber = r + 1;
			Map<Field, String> v = values.get(r - headerRow - 1);
			List<FieldProblem> problems = new ArrayList<>(PersonRows.formulas(v));
			Person person = find(people, v);
			if (person == null) {
				String given = v.getOrDefault(Field.ID_NUMBER, "").isEmpty() ? v.getOrDefault(Field.CODE, "")
						: v.get(Field.ID_NUMBER);
				problems.add(FieldProblem.of(v.getOrDefault(Field.ID_NUMBER, "").isEmpty() ? "code" : "idNumber",
						given.isEmpty() ? "required" : "personNotFound", given));
			} else {
				String name = PersonRules.collapse(v.getOrDefault(Field.NAME, ""));
				if (name != null && !name.isEmpty() && !name.equals(person.name())) {
					problems.add(FieldProblem.of("name", "nameMismatch", person.name()));
				}
				Integer earlier = seenPeople.putIfAbsent(person.id(), rowNumber);
				if (earlier != null) {
					problems.add(FieldProblem.of("idNumber", "duplicateInFile", earlier));
				}
			}
			String placeCode = v.getOrDefault(Field.PLACE, "");
			ImportLookups.Node place = places.get(placeCode);
			if (placeCode.isEmpty()) {
				problems.add(FieldProblem.of("place", "required"));
			} else if (place == null) {
				problems.add(FieldProblem.of("place", "unknownPlace", placeCode));
			} else if (!"ROOM".equals(place.kind())) {
				problems.add(FieldProblem.of("place", "notARoom", placeCode));
			}
			LocalDate movedIn = today;
			String date = v.getOrDefault(Field.MOVED_IN, "");
			if (!date.isEmpty()) {
				Optional<LocalDate> parsed = PersonRows.parseDate(date);
				if (parsed.isEmpty()) {
					problems.add(FieldProblem.of("movedIn", "badDate", date));
				}
				movedIn = parsed.orElse(null);
			}
			String bed = v.getOrDefault(Field.BED, "").replaceAll("(?i)[床号bed\\s]", "");
			if (problems.isEmpty()) {
				RoomNow room = rooms.computeIfAbsent(place.id(), id -> room(id, place));
				Set<Long> others = new HashSet<>(room.occupants());
				others.remove(person.id());
				Set<String> taken = takenBy(room, person.id());
				ResidenceRules.Room rules = new ResidenceRules.Room(room.id(), room.label(), room.beds(), room.capacity(),
						taken, others.size());
				problems.addAll(ResidenceRules.moveIn(rules, bed, movedIn,
						person.placeId() == null ? null : new ResidenceRules.Stay(person.placeId(), person.movedIn()), today));
				if (problems.isEmpty()) {
					String assigned = ResidenceRules.bedFor(rules, bed);
					if (room.beds() && assigned == null) {
						problems.add(FieldProblem.of("place", "roomFull", room.label(), room.capacity()));
					} else {
						// the rows below see this room with this person in it
						room.occupants().add(person.id());
						if (assigned != null) {
							room.takenBeds().add(person.id() + ":" + assigned);
						}
						checked.add(new Checked(rowNumber, new MoveIn(person.id(), place.id(), assigned, movedIn),
								person.placeId() != null, List.of(), cells));
						continue;
					}
				}
			}
			checked.add(Checked.invalid(rowNumber, problems, cells));
		}
		return checked;
	}

	/** Beds taken in the room by anyone but this person; entries are "person:bed". */
	private static Set<String> takenBy(RoomNow room, long personId) {
		return room.takenBeds().stream().filter(e -> !e.startsWith(personId + ":")).map(e -> e.substring(e.indexOf(':') + 1))
			.collect(Collectors.toSet());
	}

	private RoomNow room(long id, ImportLookups.Node place) {
		Set<Long> occupants = new HashSet<>();
		Set<String> beds = new HashSet<>();
		jdbc.sql("select person_id, bed from residence where place_id = ? and moved_out is null").param(id)
			.query((rs, i) -> {
				occupants.add(rs.getLong(1));
				if (rs.getString(2) != null) {
					beds.add(rs.getLong(1) + ":" + rs.getString(2));
				}
				return null;
			}).list();
		return new RoomNow(id, residences.label(id), "DORMITORY".equals(place.usage()) && place.capacity() != null,
				place.capacity(), beds, occupants);
	}

	private static Person find(Map<String, Person> people, Map<Field, String> v) {
		String id = v.getOrDefault(Field.ID_NUMBER, "");
		if (!id.isEmpty()) {
			String normalised = IdNumber.parse(id).map(IdNumber::value).orElse(id.toUpperCase(Locale.ROOT));
			return people.get("id:" + normalised);
		}
		String code = v.getOrDefault(Field.CODE, "");
		return code.isEmpty() ? null : people.get("code:" + code);
	}

	/** The people the rows name, within the importer's scope, by "id:" + ID number and "code:" + number. */
	private Map<String, Person> people(CurrentUser user, List<Map<Field, String>> values) {
		Set<String> ids = new HashSet<>();
		Set<String> codes = new HashSet<>();
		for (Map<Field, String> v : values) {
			String id = v.getOrDefault(Field.ID_NUMBER, "");
			if (!id.isEmpty()) {
				ids.add(IdNumber.parse(id).map(IdNumber::value).orElse(id.toUpperCase(Locale.ROOT)));
			} else if (!v.getOrDefault(Field.CODE, "").isEmpty()) {
				codes.add(v.get(Field.CODE));
			}
		}
		Map<String, Person> found = new HashMap<>();
		List<String> all = new ArrayList<>();
		ids.forEach(i -> all.add("I" + i));
		codes.forEach(c -> all.add("C" + c));
		for (int from = 0; from < all.size(); from += 1000) {
			List<String> chunk = all.subList(from, Math.min(all.size(), from + 1000));
			List<String> idChunk = chunk.stream().filter(s -> s.startsWith("I")).map(s -> s.substring(1)).toList();
			List<String> codeChunk = chunk.stream().filter(s -> s.startsWith("C")).map(s -> s.substring(1)).toList();
			List<Object> params = new ArrayList<>(List.of(user.schoolId()));
			params.addAll(idChunk);
			params.addAll(codeChunk);
			String scope = scopes.personPredicate(scopes.roots(user), params);
			String sql = """
					select p.id, p.name, p.code, p.id_number, r.place_id, r.moved_in from person p
					left join residence r on r.person_id = p.id and r.moved_out is null
					where p.school_id = ? and p.active = true and (p.id_number in (%s) or p.code in (%s)) and %s"""
				.formatted(marks(idChunk.size()), marks(codeChunk.size()), scope);
			jdbc.sql(sql).params(params).query((rs, i) -> new Person(rs.getLong(1), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getObject(5, Long.class), rs.getObject(6, LocalDate.class))).list()
				.forEach(p -> {
					if (p.idNumber() != null) {
						found.put("id:" + p.idNumber(), p);
					}
					if (p.code() != null) {
						found.merge("code:" + p.code(), p, (a, b) -> a.id() == b.id() ? a : null);
					}
				});
		}
		return found;
	}

	private static String marks(int n) {
		return n == 0 ? "null" : String.join(",", java.util.Collections.nCopies(n, "?"));
	}

	@Override
	public Written write(CurrentUser user, List<Checked> rows, String source, IntConsumer progress) {
		int done = 0;
		int moved = 0;
		for (Checked row : rows) {
			MoveIn m = (MoveIn) row.data();
			Residences.Outcome outcome = residences.moveIn(user, m.personId(), m.placeId(), m.bed(), null, m.movedIn());
			if (!outcome.saved()) {
				throw new Refused(row.rowNumber(), outcome.problems().get(0));
			}
			if (row.update()) {
				moved++;
			}
			if (++done % 100 == 0) {
				progress.accept(done);
			}
		}
		progress.accept(done);
		return new Written(done - moved, moved);
	}
}
