package org.bulwark.screening;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a file of regions would change: each row added, renamed, unchanged or refused with the
 * reason. A row's parent is the one its code says; a parent code given in the file must agree, and
 * the parent must exist already or come in the same file.
 */
public final class RegionUpdatePlan {

	public enum Outcome {
		ADDED, RENAMED, UNCHANGED, INVALID_CODE, MISSING_NAME, UNKNOWN_PARENT, PARENT_MISMATCH, DUPLICATE;

		public boolean applies() {
			return this == ADDED || this == RENAMED;
		}

		public boolean refused() {
			return !applies() && this != UNCHANGED;
		}
	}

	/** One row of the file as read: its line number, code, name and parent code as written. */
	public record Row(int line, String code, String name, String parentCode) {
	}

	/** A row with what it would do; {@code code} is the normalized code, {@code oldName} the name it replaces. */
	public record Change(int line, String code, String name, String oldName, String rawCode, Outcome outcome) {
	}

	private RegionUpdatePlan() {
	}

	/** @param existing the names of the regions in the database by code (only those the file names or needs) */
	public static List<Change> plan(List<Row> rows, Map<String, String> existing) {
		// parents before children, so a child of a refused new parent is refused too
		List<Row> byLevel = new ArrayList<>(rows);
		byLevel.sort(java.util.Comparator.comparingInt(r -> RegionCode.normalize(r.code()).map(RegionCode::level).orElse(0)));
		Set<String> added = new HashSet<>();
		Set<String> seen = new HashSet<>();
		List<Change> changes = new ArrayList<>(rows.size());
		for (Row row : byLevel) {
			String raw = row.code() == null ? "" : row.code().strip();
			String name = row.name() == null ? "" : row.name().strip();
			var code = RegionCode.normalize(raw);
			if (code.isEmpty()) {
				changes.add(new Change(row.line(), raw, name, null, raw, Outcome.INVALID_CODE));
				continue;
			}
			String c = code.get();
			String old = existing.get(c);
			if (!seen.add(c)) {
				changes.add(new Change(row.line(), c, name, old, raw, Outcome.DUPLICATE));
				continue;
			}
			if (name.isEmpty()) {
				changes.add(new Change(row.line(), c, name, old, raw, Outcome.MISSING_NAME));
				continue;
			}
			String parent = RegionCode.parent(c).orElse(null);
			if (row.parentCode() != null && !row.parentCode().isBlank()
					&& !RegionCode.normalize(row.parentCode()).map(p -> p.equals(parent)).orElse(false)) {
				changes.add(new Change(row.line(), c, name, old, raw, Outcome.PARENT_MISMATCH));
				continue;
			}
			if (parent != null && !existing.containsKey(parent) && !added.contains(parent)) {
				changes.add(new Change(row.line(), c, name, old, raw, Outcome.UNKNOWN_PARENT));
				continue;
			}
			Outcome outcome = old == null ? Outcome.ADDED : old.equals(name) ? Outcome.UNCHANGED : Outcome.RENAMED;
			if (outcome == Outcome.ADDED) {
				added.add(c);
			}
			changes.add(new Change(row.line(), c, name, old, raw, outcome));
		}
		changes.sort(java.util.Comparator.comparingInt(Change::line));
		return changes;
	}
}
