package org.bulwark.directory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bulwark.directory.imports.ColumnMapping.Field;
import org.bulwark.directory.imports.ImportKind;
import org.bulwark.system.TableExport;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Empty import sheets per population: a line that says how to fill it in, then the header row in
 * the user's language. The headers are ones the importer recognises, so a filled-in template maps
 * itself.
 */
@Component
class ImportTemplates {

	private final MessageSource messages;

	ImportTemplates(MessageSource messages) {
		this.messages = messages;
	}

	/** The fields of a template, in column order. */
	static List<Field> fields(ImportKind kind, Population population) {
		return switch (kind) {
			case PEOPLE -> fields(population);
			case ORG_UNITS -> List.of(Field.CODE, Field.NAME, Field.KIND, Field.PARENT);
			case PLACES -> List.of(Field.CODE, Field.NAME, Field.KIND, Field.USAGE, Field.CAPACITY, Field.PARENT);
			case RESIDENCES -> List.of(Field.ID_NUMBER, Field.NAME, Field.PLACE, Field.BED, Field.MOVED_IN);
		};
	}

	private static List<Field> fields(Population population) {
		List<Field> fields = new ArrayList<>(List.of(Field.CODE, Field.NAME, Field.ID_TYPE, Field.ID_NUMBER, Field.PHONE,
				Field.GENDER, Field.BIRTH_DATE, Field.ORG_UNIT));
		if (population == Population.INTERNATIONAL_STUDENT || population == Population.FOREIGN_TEACHER) {
			fields.addAll(List.of(Field.NATIONALITY, Field.LANGUAGE));
		}
		if (population == Population.RETIREE || population == Population.RESIDENT) {
			fields.addAll(List.of(Field.LIVING_ALONE, Field.BEDRIDDEN, Field.NO_SMARTPHONE));
		}
		return fields;
	}

	/** The header of a field's column; the code column is called after what the population's numbers are. */
	String header(Field field, Population population, Locale locale) {
		if (field == Field.CODE && population != null) {
			String kind = population.isStudent() || population == Population.PUPIL ? "student"
					: population == Population.FACULTY || population == Population.STAFF
							|| population == Population.FOREIGN_TEACHER ? "staff" : "other";
			return msg("import.column.CODE." + kind, locale);
		}
		return msg("import.column." + field.name(), locale);
	}

	void write(ImportKind kind, Population population, TableExport.Format format, Locale locale, OutputStream out)
			throws IOException {
		List<Field> fields = fields(kind, population);
		String title = kind == ImportKind.PEOPLE ? msg("population." + population, locale) : msg("import.kind." + kind, locale);
		try (TableExport sheet = new TableExport(format, out, title)) {
			sheet.row(List.of(msg("import.template.instructions." + kind, locale, title)));
			sheet.header(fields.stream().map(f -> header(f, population, locale)).toList());
		}
	}

	private String msg(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}
}
