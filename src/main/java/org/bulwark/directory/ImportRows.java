package org.bulwark.directory;

import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import org.bulwark.directory.imports.ColumnMapping.Field;
import org.bulwark.directory.imports.ImportKind;
import org.bulwark.system.CurrentUser;

/**
 * What one kind of import does with the rows of a file: check each against the rules and the
 * registry (writing nothing), and write the valid ones. {@link Imports} does the rest: the stored
 * upload, mappings, corrections, review, commit modes and progress.
 */
interface ImportRows {

	ImportKind kind();

	/** One data row after checking: what it would write, whether it changes an existing record, or its problems. */
	record Checked(int rowNumber, Object data, boolean update, List<FieldProblem> problems, List<String> cells) {

		static Checked invalid(int rowNumber, List<FieldProblem> problems, List<String> cells) {
			return new Checked(rowNumber, null, false, List.copyOf(problems), cells);
		}

		boolean valid() {
			return problems.isEmpty();
		}
	}

	record Written(int inserted, int updated) {
	}

	/** Thrown while writing when the registry no longer allows a row (someone changed it since the check). */
	final class Refused extends RuntimeException {

		Refused(int rowNumber, FieldProblem problem) {
			super("row " + rowNumber + ": " + problem.field() + " " + problem.code() + " " + problem.args());
		}
	}

	List<Checked> check(CurrentUser user, List<List<String>> rows, int headerRow, Map<Integer, Field> mapping,
			Population defaultPopulation);

	/** Writes the valid rows in the caller's transaction, reporting how many are done as it goes. */
	Written write(CurrentUser user, List<Checked> valid, String source, IntConsumer progress);
}
