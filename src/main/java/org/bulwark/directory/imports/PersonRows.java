package org.bulwark.directory.imports;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.IdType;
import org.bulwark.directory.PersonData;
import org.bulwark.directory.PersonForm;
import org.bulwark.directory.PersonRules;
import org.bulwark.directory.Population;
import org.bulwark.directory.imports.ColumnMapping.Field;

/**
 * Turns the rows under the header into people, checking each with {@link PersonRules}; every
 * problem names its row (as numbered in the sheet) and its field. Rows repeating an ID number of
 * an earlier row are problems too.
 */
public final class PersonRows {

	public record Parsed(int rowNumber, PersonData data, List<FieldProblem> problems, List<String> cells) {

		public boolean valid() {
			return problems.isEmpty();
		}
	}

	private static final Map<String, Population> POPULATIONS = new HashMap<>();
	private static final DateTimeFormatter[] DATES = {DateTimeFormatter.ofPattern("yyyy-M-d"),
			DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyy.M.d"),
			DateTimeFormatter.ofPattern("yyyyMMdd"), DateTimeFormatter.ofPattern("yyyy年M月d日")};

	static {
		for (Population p : Population.values()) {
			POPULATIONS.put(p.name().toLowerCase(Locale.ROOT), p);
		}
		put(Population.UNDERGRADUATE, "本科生", "本科", "undergraduate");
		put(Population.POSTGRADUATE, "研究生", "硕士", "博士", "硕士研究生", "博士研究生", "postgraduate");
		put(Population.INTERNATIONAL_STUDENT, "留学生", "国际学生", "international student");
		put(Population.FACULTY, "教师", "教职工", "专任教师", "faculty", "teacher");
		put(Population.STAFF, "职工", "行政人员", "教辅人员", "staff");
		put(Population.FOREIGN_TEACHER, "外籍教师", "外教", "foreign teacher");
		put(Population.OUTSOURCED_WORKER, "外包人员", "劳务派遣", "outsourced worker");
		put(Population.EXTERNAL_WORKER, "驻校单位人员", "外来务工人员", "物业人员", "食堂人员", "external worker");
		put(Population.RETIREE, "离退休人员", "退休", "离休", "退休人员", "retiree");
		put(Population.RESIDENT, "家属", "住户", "居民", "家属及住户", "resident");
		put(Population.KINDERGARTEN_CHILD, "幼儿", "幼儿园儿童", "幼儿园", "kindergarten child");
		put(Population.PUPIL, "中小学生", "附属学校学生", "小学生", "中学生", "pupil");
	}

	private static void put(Population p, String... names) {
		for (String n : names) {
			POPULATIONS.put(n.toLowerCase(Locale.ROOT), p);
		}
	}

	private PersonRows() {
	}

	public static List<Parsed> parse(List<List<String>> rows, int headerRow, Map<Integer, Field> mapping,
			Function<String, Optional<Long>> orgUnits, LocalDate today) {
		return parse(rows, headerRow, mapping, orgUnits, today, null);
	}

	/**
	 * @param orgUnits finds an org unit id by its code or name among those the importer may use
	 * @param defaultPopulation the population of rows whose file has no population column or leaves it blank
	 */
	public static List<Parsed> parse(List<List<String>> rows, int headerRow, Map<Integer, Field> mapping,
			Function<String, Optional<Long>> orgUnits, LocalDate today, Population defaultPopulation) {
		List<Parsed> parsed = new ArrayList<>();
		Map<String, Integer> seenIds = new HashMap<>();
		for (int r = headerRow + 1; r < rows.size(); r++) {
			List<String> cells = rows.get(r);
			if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
				continue;
			}
			int rowNumber = r + 1;
			List<FieldProblem> problems = new ArrayList<>();
			Map<Field, String> v = new HashMap<>();
			mapping.forEach((column, field) -> v.put(field, column < cells.size() ? clean(cells.get(column)) : ""));
			problems.addAll(formulas(v));
			Population population = defaultPopulation;
			if (!v.getOrDefault(Field.POPULATION, "").isEmpty()) {
				population = POPULATIONS.get(v.get(Field.POPULATION).toLowerCase(Locale.ROOT));
				if (population == null) {
					problems.add(FieldProblem.of("population", "unknownValue", v.get(Field.POPULATION)));
				}
			}
			IdType idType = idType(v.getOrDefault(Field.ID_TYPE, ""), v.getOrDefault(Field.ID_NUMBER, ""));
			String gender = gender(v.getOrDefault(Field.GENDER, ""), problems);
			LocalDate birthDate = date(v.getOrDefault(Field.BIRTH_DATE, ""), problems);
			Long orgUnitId = null;
			String unit = v.getOrDefault(Field.ORG_UNIT, "");
			if (!unit.isEmpty()) {
				orgUnitId = orgUnits.apply(unit).orElse(null);
				if (orgUnitId == null) {
					problems.add(FieldProblem.of("orgUnit", "unknownOrgUnit", unit));
				}
			}
			PersonForm form = new PersonForm(v.get(Field.CODE), v.get(Field.NAME), population, idType,
					v.get(Field.ID_NUMBER), v.get(Field.PHONE), gender, birthDate, v.get(Field.NATIONALITY),
					v.get(Field.LANGUAGE), orgUnitId, yes(v.get(Field.LIVING_ALONE)), yes(v.get(Field.BEDRIDDEN)),
					yes(v.get(Field.NO_SMARTPHONE)), false);
			PersonData data = null;
			PersonRules.Outcome outcome = PersonRules.check(form, today);
			if (outcome instanceof PersonRules.Invalid invalid) {
				// a population, gender or date already reported as unreadable is not reported again as missing
				List<String> reported = problems.stream().map(FieldProblem::field).toList();
				invalid.problems().stream().filter(p -> !reported.contains(p.field())).forEach(problems::add);
			} else {
				data = ((PersonRules.Valid) outcome).data();
				if (data.idNumber() != null) {
					Integer earlier = seenIds.putIfAbsent(data.idType() + ":" + data.idNumber(), rowNumber);
					if (earlier != null) {
						problems.add(FieldProblem.of("idNumber", "duplicateInFile", earlier));
					}
				}
			}
			parsed.add(new Parsed(rowNumber, problems.isEmpty() ? data : null, List.copyOf(problems), cells));
		}
		return parsed;
	}

	/** Trims, folds full-width letters and digits (NFKC), drops a leading apostrophe Excel users type to keep zeros. */
	public static String clean(String s) {
		if (s == null) {
			return "";
		}
		String t = Normalizer.normalize(s, Normalizer.Form.NFKC).replace('\u00A0', ' ').strip();
		return t.startsWith("'") ? t.substring(1) : t;
	}

	private static IdType idType(String type, String number) {
		String t = type.toLowerCase(Locale.ROOT);
		if (t.contains("护照") || t.contains("passport")) {
			return IdType.PASSPORT;
		}
		if (t.isEmpty() || t.contains("身份证") || t.contains("resident")) {
			return t.isEmpty() && number.matches("(?i).*[a-wyz].*") ? IdType.PASSPORT : IdType.RESIDENT_ID;
		}
		return IdType.OTHER;
	}

	private static String gender(String g, List<FieldProblem> problems) {
		String s = g.toLowerCase(Locale.ROOT);
		if (s.isEmpty()) {
			return null;
		}
		if (s.equals("男") || s.equals("m") || s.equals("male")) {
			return "MALE";
		}
		if (s.equals("女") || s.equals("f") || s.equals("female")) {
			return "FEMALE";
		}
		problems.add(FieldProblem.of("gender", "unknownValue", g));
		return null;
	}

	private static LocalDate date(String d, List<FieldProblem> problems) {
		if (d.isEmpty()) {
			return null;
		}
		Optional<LocalDate> date = parseDate(d);
		if (date.isEmpty()) {
			problems.add(FieldProblem.of("birthDate", "badDate", d));
		}
		return date.orElse(null);
	}

	/**
	 * Cells that are spreadsheet formulas ("=…", "@…") are refused: no name, number or code starts so,
	 * and a formula stored here would run in the next spreadsheet that opens an export.
	 */
	public static List<FieldProblem> formulas(Map<Field, String> values) {
		List<FieldProblem> problems = new ArrayList<>();
		values.forEach((field, value) -> {
			if (value.startsWith("=") || value.startsWith("@")) {
				problems.add(FieldProblem.of(camel(field), "formula", value.length() > 40 ? value.substring(0, 40) + "…" : value));
			}
		});
		return problems;
	}

	/** ID_NUMBER → idNumber: the field names problems use. */
	public static String camel(Field field) {
		String[] parts = field.name().toLowerCase(Locale.ROOT).split("_");
		StringBuilder s = new StringBuilder(parts[0]);
		for (int i = 1; i < parts.length; i++) {
			s.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
		}
		return s.toString();
	}

	/** A date as offices write it: 2004-09-01, 2004/9/1, 2004.9.1, 20040901 or 2004年9月1日. */
	public static Optional<LocalDate> parseDate(String d) {
		for (DateTimeFormatter f : DATES) {
			try {
				return Optional.of(LocalDate.parse(d, f));
			} catch (DateTimeParseException ignored) {
				// try the next format
			}
		}
		return Optional.empty();
	}

	private static Boolean yes(String s) {
		if (s == null) {
			return false;
		}
		String t = s.toLowerCase(Locale.ROOT);
		return t.equals("是") || t.equals("y") || t.equals("yes") || t.equals("true") || t.equals("1") || t.equals("√");
	}
}
