package org.bulwark.directory.imports;

import static org.bulwark.directory.imports.ColumnMapping.Field.*;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bulwark.directory.imports.ColumnMapping.Field;

/**
 * What a file brings into the registry: people, org units, places, or who lives where. Each kind
 * knows the columns it reads, the columns that identify a row (so its header can be found below
 * title rows) and the columns it cannot do without.
 */
public enum ImportKind {
	PEOPLE(EnumSet.of(NAME, CODE, POPULATION, ID_TYPE, ID_NUMBER, PHONE, GENDER, BIRTH_DATE, NATIONALITY, LANGUAGE,
			ORG_UNIT, LIVING_ALONE, BEDRIDDEN, NO_SMARTPHONE), EnumSet.of(NAME, ID_NUMBER), List.of(Set.of(NAME))),
	ORG_UNITS(EnumSet.of(CODE, NAME, PARENT, KIND), EnumSet.of(CODE, NAME), List.of(Set.of(CODE), Set.of(NAME), Set.of(KIND))),
	PLACES(EnumSet.of(CODE, NAME, PARENT, KIND, USAGE, CAPACITY), EnumSet.of(CODE, NAME),
			List.of(Set.of(CODE), Set.of(NAME), Set.of(KIND), Set.of(USAGE))),
	RESIDENCES(EnumSet.of(ID_NUMBER, CODE, NAME, PLACE, BED, MOVED_IN), EnumSet.of(ID_NUMBER, CODE, PLACE),
			List.of(Set.of(ID_NUMBER, CODE), Set.of(PLACE)));

	private final Set<Field> fields;
	private final Set<Field> identifying;
	private final List<Set<Field>> required;

	ImportKind(Set<Field> fields, Set<Field> identifying, List<Set<Field>> required) {
		this.fields = fields;
		this.identifying = identifying;
		this.required = required;
	}

	public Set<Field> fields() {
		return fields;
	}

	public boolean identifies(Field field) {
		return identifying.contains(field);
	}

	/** Required columns the mapping lacks: each entry is a set of which any one would do. */
	public List<Set<Field>> missing(Map<Integer, Field> mapping) {
		return required.stream().filter(any -> any.stream().noneMatch(mapping::containsValue)).toList();
	}
}
