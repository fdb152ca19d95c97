package org.bulwark.directory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bulwark.directory.imports.ColumnMapping.Field;
import org.bulwark.directory.imports.PersonRows;

/** The cells of one row by field: trimmed, full-width folded, Excel's leading apostrophe dropped. */
final class ImportRowValues {

	private ImportRowValues() {
	}

	static Map<Field, String> of(List<String> cells, Map<Integer, Field> mapping) {
		Map<Field, String> values = new HashMap<>();
		mapping.forEach((column, field) -> values.put(field, column < cells.size() ? PersonRows.clean(cells.get(column)) : ""));
		return values;
	}
}
