package org.bulwark.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bulwark.directory.imports.ColumnMapping;
import org.bulwark.directory.imports.ImportKind;
import org.bulwark.shared.PhoneNumber;

/**
 * A pushed list read with a column mapping: the header row below any title rows, each row's cells
 * normalised, with its problems (an ID whose check digit is wrong, an unreadable date, no name and
 * no ID, a duplicate of an earlier row), before anything is written.
 */
final class PushListReading {

	enum Field { NAME, ID_NUMBER, PHONE, BIRTH_DATE }

	enum RowStatus { VALID, INVALID, DUPLICATE }

	/** Headers the directory's import does not know but the authorities' lists use. */
	private static final Map<String, Field> EXTRA = new HashMap<>();

	static {
		for (String h : List.of("核查对象", "人员姓名", "对象姓名", "患者姓名", "旅客姓名", "姓名拼音")) {
			EXTRA.put(ColumnMapping.key(h), Field.NAME);
		}
		for (String h : List.of("身份证件号码", "证件号", "证件号码(身份证/护照)", "身份证号/护照号", "公民身份证号", "身份证件号")) {
			EXTRA.put(ColumnMapping.key(h), Field.ID_NUMBER);
		}
		for (String h : List.of("联系号码", "手机号码", "本人电话", "电话号码", "移动电话")) {
			EXTRA.put(ColumnMapping.key(h), Field.PHONE);
		}
		for (String h : List.of("出生年月", "出生时间")) {
			EXTRA.put(ColumnMapping.key(h), Field.BIRTH_DATE);
		}
	}

	record Row(int rowNumber, List<String> cells, String name, PushNormalizer.Id id, String phone, LocalDate birthDate,
			List<String> problems, RowStatus status, Integer duplicateOf) {

		PushMatching.Row toMatch() {
			return new PushMatching.Row(name, id, phone, birthDate);
		}

		/** The row's cells as the file had them, tab-separated, for the record. */
		String raw() {
			String s = String.join("\t", cells.stream().map(c -> c == null ? "" : c.replace('\t', ' ')).toList());
			return s.length() > 2000 ? s.substring(0, 2000) : s;
		}
	}

	/**
	 * @param mapping column index → field
	 * @param missing true when neither an ID nor a name column is mapped: nothing can be matched
	 */
	record Result(int headerRow, List<String> header, Map<Integer, Field> mapping, boolean missing, List<Row> rows) {

		public long count(RowStatus status) {
			return rows.stream().filter(r -> r.status() == status).count();
		}

		public long flagged() {
			return rows.stream().filter(r -> r.status() == RowStatus.VALID && !r.problems().isEmpty()).count();
		}
	}

	private PushListReading() {
	}

	static Optional<Field> fieldOf(String header) {
		Field extra = EXTRA.get(ColumnMapping.key(header));
		if (extra != null) {
			return Optional.of(extra);
		}
		return ColumnMapping.fieldOf(header, ImportKind.PEOPLE).flatMap(f -> switch (f) {
			case NAME -> Optional.of(Field.NAME);
			case ID_NUMBER -> Optional.of(Field.ID_NUMBER);
			case PHONE -> Optional.of(Field.PHONE);
			case BIRTH_DATE -> Optional.of(Field.BIRTH_DATE);
			default -> Optional.empty();
		});
	}

	/**
	 * The first of the first 20 rows naming one of the fields or a column the source's mapping knows;
	 * failing that, the first with at least two cells (a title row has one), so the user can map it.
	 */
	static int headerRow(List<List<String>> rows, Map<String, String> choices) {
		int limit = Math.min(20, rows.size());
		for (int r = 0; r < limit; r++) {
			if (rows.get(r).stream().anyMatch(h -> fieldOf(h).isPresent() || choices.containsKey(ColumnMapping.key(h)))) {
				return r;
			}
		}
		for (int r = 0; r < limit; r++) {
			if (rows.get(r).stream().filter(c -> c != null && !c.isBlank()).count() >= 2) {
				return r;
			}
		}
		return 0;
	}

	/** "header key=FIELD" lines (or =IGNORE), as a source remembers them. */
	static Map<String, String> parseChoices(String text) {
		Map<String, String> choices = new LinkedHashMap<>();
		if (text != null) {
			for (String line : text.split("\n")) {
				int eq = line.lastIndexOf('=');
				if (eq > 0) {
					choices.put(line.substring(0, eq), line.substring(eq + 1));
				}
			}
		}
		return choices;
	}

	static String formatChoices(Map<String, String> choices) {
		StringBuilder sb = new StringBuilder();
		choices.forEach((k, v) -> {
			if (!k.isBlank() && !k.contains("\n") && !k.contains("=")) {
				sb.append(k).append('=').append(v).append('\n');
			}
		});
		return sb.toString();
	}

	static Map<Integer, Field> map(List<String> header, Map<String, String> choices) {
		Map<Integer, Field> mapping = new LinkedHashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String chosen = choices.get(ColumnMapping.key(header.get(i)));
			Optional<Field> field;
			if (chosen != null) {
				field = "IGNORE".equals(chosen) ? Optional.empty() : parse(chosen);
			}
			else {
				field = fieldOf(header.get(i));
			}
			int column = i;
			field.filter(f -> !mapping.containsValue(f)).ifPresent(f -> mapping.put(column, f));
		}
		return mapping;
	}

	private static Optional<Field> parse(String s) {
		try {
			return Optional.of(Field.valueOf(s));
		} catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	static Result read(List<List<String>> rows, Map<String, String> choices) {
		if (rows.isEmpty()) {
			return new Result(0, List.of(), Map.of(), true, List.of());
		}
		int h = headerRow(rows, choices);
		List<String> header = rows.get(h).stream().map(c -> c == null ? "" : c.strip().replace("\uFEFF", "")).toList();
		Map<Integer, Field> mapping = map(header, choices);
		boolean missing = !mapping.containsValue(Field.NAME) && !mapping.containsValue(Field.ID_NUMBER);
		Map<Field, Integer> column = new HashMap<>();
		mapping.forEach((i, f) -> column.put(f, i));
		List<Row> result = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (int r = h + 1; r < rows.size(); r++) {
			List<String> cells = rows.get(r);
			if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
				continue;
			}
			result.add(row(r + 1, cells, column, seen));
		}
		return new Result(h, header, mapping, missing, result);
	}

	private static Row row(int rowNumber, List<String> cells, Map<Field, Integer> column, Map<String, Integer> seen) {
		String rawName = cell(cells, column.get(Field.NAME));
		String rawId = cell(cells, column.get(Field.ID_NUMBER));
		String rawPhone = cell(cells, column.get(Field.PHONE));
		String rawBirth = cell(cells, column.get(Field.BIRTH_DATE));
		String name = PushNormalizer.name(rawName);
		PushNormalizer.Id id = PushNormalizer.id(rawId);
		String phone = PushNormalizer.phone(rawPhone);
		List<String> problems = new ArrayList<>();
		switch (id.flag()) {
			case CHECK_DIGIT -> problems.add("ID_CHECK_DIGIT");
			case INVALID -> problems.add("ID_INVALID");
			default -> {
			}
		}
		if (!phone.isEmpty() && PhoneNumber.parse(phone).isEmpty()) {
			problems.add("PHONE_INVALID");
		}
		LocalDate birth = PushNormalizer.birthDate(rawBirth);
		if (!rawBirth.isBlank() && birth == null) {
			problems.add("BIRTH_DATE_INVALID");
		}
		LocalDate fromId = PushNormalizer.birthDateOf(id);
		if (birth != null && fromId != null && !birth.equals(fromId)) {
			problems.add("BIRTH_DATE_DIFFERS_FROM_ID");
		}
		if (birth == null) {
			birth = fromId;
		}
		if (name.isEmpty()) {
			problems.add("NAME_MISSING");
		}
		boolean identifiable = id.flag() == PushNormalizer.IdFlag.VALID || id.flag() == PushNormalizer.IdFlag.PASSPORT
				|| id.flag() == PushNormalizer.IdFlag.CHECK_DIGIT || !name.isEmpty();
		if (!identifiable) {
			problems.add("NOTHING_TO_MATCH");
			return new Row(rowNumber, cells, name, id, phone, birth, problems, RowStatus.INVALID, null);
		}
		// the same person twice in one list: the same ID, or without one the same name and phone
		String key = id.flag() == PushNormalizer.IdFlag.VALID || id.flag() == PushNormalizer.IdFlag.PASSPORT
				? "id:" + id.value() : "np:" + name + "|" + phone + "|" + birth;
		Integer earlier = seen.putIfAbsent(key, rowNumber);
		if (earlier != null) {
			problems.add("DUPLICATE");
			return new Row(rowNumber, cells, name, id, phone, birth, problems, RowStatus.DUPLICATE, earlier);
		}
		return new Row(rowNumber, cells, name, id, phone, birth, problems, RowStatus.VALID, null);
	}

	private static String cell(List<String> cells, Integer i) {
		return i != null && i < cells.size() && cells.get(i) != null ? cells.get(i) : "";
	}
}
