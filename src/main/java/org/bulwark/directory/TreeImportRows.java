package org.bulwark.directory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

import org.bulwark.directory.imports.ColumnMapping;
import org.bulwark.directory.imports.ColumnMapping.Field;
import org.bulwark.directory.imports.ImportKind;
import org.bulwark.directory.imports.PersonRows;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Org units or places from a file, one node a row, parents before children: a parent is a node
 * already in the registry (inside the importer's scope) or one on an earlier row. Codes are unique in
 * the school, so a code already taken is a problem, never an overwrite. Written through
 * {@link TreeEditing}, the same rules as adding a node on its page.
 */
class TreeImportRows implements ImportRows {

	private final ImportKind kind;
	private final JdbcClient jdbc;
	private final ScopeFilter scopes;
	private final TreeEditing editing;
	private final Map<String, String> kinds = new HashMap<>();
	private final Map<String, String> usages = new HashMap<>();

	TreeImportRows(ImportKind kind, JdbcClient jdbc, ScopeFilter scopes, TreeEditing editing, MessageSource messages) {
		this.kind = kind;
		this.jdbc = jdbc;
		this.scopes = scopes;
		this.editing = editing;
		// a kind or usage may be written as its name or as the label the pages show, in either language
		for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
			for (Enum<?> k : kind == ImportKind.ORG_UNITS ? OrgUnitKind.values() : PlaceKind.values()) {
				String prefix = kind == ImportKind.ORG_UNITS ? "orgUnitKind." : "placeKind.";
				kinds.put(ColumnMapping.key(k.name()), k.name());
				kinds.put(ColumnMapping.key(messages.getMessage(prefix + k.name(), null, k.name(), locale)), k.name());
			}
			for (PlaceUsage u : PlaceUsage.values()) {
				usages.put(ColumnMapping.key(u.name()), u.name());
				usages.put(ColumnMapping.key(messages.getMessage("placeUsage." + u.name(), null, u.name(), locale)), u.name());
			}
		}
	}

	@Override
	public ImportKind kind() {
		return kind;
	}

	/** A node to add: its parent is either a registered node or the node of an earlier row (by code). */
	record Node(String code, String name, String kind, String usage, Integer capacity, Long parentId, String parentCode) {
	}

	@Override
	public List<Checked> check(CurrentUser user, List<List<String>> rows, int headerRow, Map<Integer, Field> mapping,
			Population defaultPopulation) {
		boolean places = kind == ImportKind.PLACES;
		String table = places ? "place" : "org_unit";
		Set<String> taken = ImportLookups.codes(jdbc, table, user.schoolId());
		Map<String, ImportLookups.Node> parents = places ? ImportLookups.places(jdbc, scopes, user)
				: ImportLookups.orgUnitNodes(jdbc, scopes, user);
		Map<String, Integer> inFile = new HashMap<>();
		List<Checked> checked = new ArrayList<>();
		for (int r = headerRow + 1; r < rows.size(); r++) {
			List<String> cells = rows.get(r);
			if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
				continue;
			}
			int rowNumber = r + 1;
			Map<Field, String> v = ImportRowValues.of(cells, mapping);
			List<FieldProblem> problems = new ArrayList<>(PersonRows.formulas(v));
			String code = v.getOrDefault(Field.CODE, "");
			String name = PersonRules.collapse(v.getOrDefault(Field.NAME, ""));
			problems.addAll(TreeEditing.codeAndName(code, name));
			if (taken.contains(code)) {
				problems.add(FieldProblem.of("code", "codeTaken", code));
			} else if (inFile.containsKey(code)) {
				problems.add(FieldProblem.of("code", "duplicateInFile", inFile.get(code)));
			}
			String nodeKind = lookup(kinds, v.get(Field.KIND), "kind", problems);
			String usage = places ? lookup(usages, v.get(Field.USAGE), "usage", problems) : null;
			Integer capacity = null;
			String cap = v.getOrDefault(Field.CAPACITY, "");
			if (!cap.isEmpty()) {
				try {
					capacity = Integer.valueOf(cap);
					if (capacity < 0 || capacity > 100_000) {
						problems.add(FieldProblem.of("capacity", "range", 0, 100_000));
					}
				} catch (NumberFormatException e) {
					problems.add(FieldProblem.of("capacity", "range", 0, 100_000));
				}
			}
			String parentCode = v.getOrDefault(Field.PARENT, "");
			Long parentId = null;
			if (parentCode.isEmpty()) {
				if (!user.scope().all()) {
					problems.add(FieldProblem.of("parent", "required"));
				}
			} else if (parents.containsKey(parentCode)) {
				parentId = parents.get(parentCode).id();
			} else if (!inFile.containsKey(parentCode)) {
				problems.add(FieldProblem.of("parent", "unknownParent", parentCode));
			}
			if (!code.isEmpty() && !inFile.containsKey(code)) {
				inFile.put(code, rowNumber);
			}
			checked.add(problems.isEmpty()
					? new Checked(rowNumber, new Node(code, name, nodeKind, usage, capacity, parentId,
							parentId == null && !parentCode.isEmpty() ? parentCode : null), false, List.of(), cells)
					: Checked.invalid(rowNumber, problems, cells));
		}
		// a row whose parent is on a row with problems cannot be added either
		Map<String, Boolean> validCodes = new HashMap<>();
		List<Checked> result = new ArrayList<>(checked.size());
		for (Checked c : checked) {
			if (c.valid() && ((Node) c.data()).parentCode() != null && !validCodes.containsKey(((Node) c.data()).parentCode())) {
				c = Checked.invalid(c.rowNumber(), List.of(FieldProblem.of("parent", "parentInvalid",
						((Node) c.data()).parentCode())), c.cells());
			}
			if (c.valid()) {
				validCodes.put(((Node) c.data()).code(), true);
			}
			result.add(c);
		}
		return result;
	}

	private static String lookup(Map<String, String> names, String value, String field, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			problems.add(FieldProblem.of(field, "required"));
			return null;
		}
		String found = names.get(ColumnMapping.key(value));
		if (found == null) {
			problems.add(FieldProblem.of(field, "unknownValue", value));
		}
		return found;
	}

	@Override
	public Written write(CurrentUser user, List<Checked> rows, String source, IntConsumer progress) {
		Map<String, Long> added = new HashMap<>();
		int done = 0;
		for (Checked row : rows) {
			Node n = (Node) row.data();
			Long parentId = n.parentId() != null ? n.parentId() : n.parentCode() == null ? null : added.get(n.parentCode());
			TreeEditing.Result result = kind == ImportKind.PLACES
					? editing.addPlace(user, parentId, PlaceKind.valueOf(n.kind()), PlaceUsage.valueOf(n.usage()), n.code(),
							n.name(), n.capacity())
					: editing.addOrgUnit(user, parentId, OrgUnitKind.valueOf(n.kind()), n.code(), n.name());
			if (!result.saved()) {
				throw new Refused(row.rowNumber(), result.problems().get(0));
			}
			added.put(n.code(), result.id());
			if (++done % 100 == 0) {
				progress.accept(done);
			}
		}
		progress.accept(done);
		return new Written(done, 0);
	}
}
