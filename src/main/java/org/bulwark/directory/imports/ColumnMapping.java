package org.bulwark.directory.imports;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the header row below any title rows, and maps its columns to person fields by their names
 * in Chinese or English; a column it does not know is left for the user to map (or ignore).
 */
public final class ColumnMapping {

	public enum Field {
		NAME, CODE, POPULATION, ID_TYPE, ID_NUMBER, PHONE, GENDER, BIRTH_DATE, NATIONALITY, LANGUAGE, ORG_UNIT,
		LIVING_ALONE, BEDRIDDEN, NO_SMARTPHONE, PARENT, KIND, USAGE, CAPACITY, PLACE, BED, MOVED_IN
	}

	/** Header key → the fields it may name, in order; the first one the import kind reads wins. */
	private static final Map<String, List<Field>> ALIASES = new LinkedHashMap<>();

	static {
		alias(Field.NAME, "姓名", "名字", "name", "fullname", "全名");
		alias(Field.CODE, "学号", "工号", "学工号", "编号", "人员编号", "code", "studentno", "staffno", "number");
		alias(Field.POPULATION, "人员类别", "类别", "人员类型", "身份", "population", "category", "type");
		alias(Field.ID_TYPE, "证件类型", "idtype", "documenttype");
		alias(Field.ID_NUMBER, "身份证号", "身份证号码", "身份证", "证件号", "证件号码", "公民身份号码", "护照号", "护照号码",
				"idnumber", "idno", "id", "passport", "passportno");
		alias(Field.PHONE, "手机", "手机号", "手机号码", "联系电话", "电话", "联系方式", "phone", "mobile", "tel", "telephone");
		alias(Field.GENDER, "性别", "gender", "sex");
		alias(Field.BIRTH_DATE, "出生日期", "生日", "出生年月日", "birthdate", "dateofbirth", "birthday", "dob");
		alias(Field.NATIONALITY, "国籍", "nationality", "country");
		alias(Field.LANGUAGE, "语言", "language");
		alias(Field.ORG_UNIT, "所属单位", "单位", "院系", "学院", "部门", "班级", "单位编号", "orgunit", "unit", "department",
				"class", "college");
		alias(Field.LIVING_ALONE, "独居", "livingalone");
		alias(Field.BEDRIDDEN, "卧床", "bedridden");
		alias(Field.NO_SMARTPHONE, "无智能手机", "nosmartphone");
		alias(Field.NAME, "名称", "单位名称", "位置名称", "房间名称", "楼宇名称");
		alias(Field.CODE, "代码", "单位编号", "单位代码", "位置编号", "学号工号");
		alias(Field.PARENT, "上级编号", "上级", "上级单位", "上级单位编号", "上级位置", "上级位置编号", "所属楼宇", "parent",
				"parentcode");
		alias(Field.KIND, "类型", "层级", "级别", "单位类型", "位置类型", "kind", "level", "type");
		alias(Field.USAGE, "用途", "usage", "use");
		alias(Field.CAPACITY, "容量", "床位数", "可住人数", "capacity", "beds");
		alias(Field.PLACE, "房间", "宿舍", "宿舍号", "寝室", "住址编号", "房间编号", "入住房间", "room", "roomcode", "place",
				"dormitory");
		alias(Field.BED, "床位", "床号", "床位号", "bed");
		alias(Field.MOVED_IN, "入住日期", "入住时间", "movedin", "moveindate", "checkin");
	}

	private static void alias(Field field, String... names) {
		for (String n : names) {
			ALIASES.computeIfAbsent(key(n), k -> new java.util.ArrayList<>()).add(field);
		}
	}

	/** Header names are compared without spaces, punctuation, case or full-width forms. */
	public static String key(String header) {
		String s = Normalizer.normalize(header == null ? "" : header, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		return s.replaceAll("[\\s\\p{Punct}（）【】：*]", "");
	}

	public static Optional<Field> fieldOf(String header) {
		return fieldOf(header, ImportKind.PEOPLE);
	}

	/** The field a header names for this kind of import. */
	public static Optional<Field> fieldOf(String header, ImportKind kind) {
		return ALIASES.getOrDefault(key(header), List.of()).stream().filter(kind.fields()::contains).findFirst();
	}

	public static int headerRow(List<List<String>> rows) {
		return headerRow(rows, ImportKind.PEOPLE);
	}

	/** The first row among the first 20 that names at least two known fields, one of them identifying a row. */
	public static int headerRow(List<List<String>> rows, ImportKind kind) {
		for (int r = 0; r < Math.min(20, rows.size()); r++) {
			List<Optional<Field>> fields = rows.get(r).stream().map(h -> fieldOf(h, kind)).toList();
			long known = fields.stream().filter(Optional::isPresent).count();
			boolean identifying = fields.stream().anyMatch(f -> f.isPresent() && kind.identifies(f.get()));
			if (known >= 2 && identifying) {
				return r;
			}
		}
		return -1;
	}

	public static Map<Integer, Field> map(List<String> header, Map<String, String> choices) {
		return map(header, choices, ImportKind.PEOPLE);
	}

	/** Column index → field, from the header names and any choices the user made (header key → field name or "IGNORE"). */
	public static Map<Integer, Field> map(List<String> header, Map<String, String> choices, ImportKind kind) {
		Map<Integer, Field> mapping = new LinkedHashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String chosen = choices.get(key(header.get(i)));
			Optional<Field> field = (chosen != null ? parse(chosen) : fieldOf(header.get(i), kind))
				.filter(kind.fields()::contains);
			int column = i;
			field.filter(f -> !mapping.containsValue(f)).ifPresent(f -> mapping.put(column, f));
		}
		return mapping;
	}

	private static Optional<Field> parse(String chosen) {
		try {
			return Optional.of(Field.valueOf(chosen));
		} catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}
}
