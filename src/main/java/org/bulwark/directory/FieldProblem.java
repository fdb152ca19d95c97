package org.bulwark.directory;

import java.util.List;

/**
 * One thing wrong with one field: a message key ({@code validation.<code>}) and its arguments, so
 * pages and import reports say it in the user's language.
 */
public record FieldProblem(String field, String code, List<Object> args) {

	public static FieldProblem of(String field, String code, Object... args) {
		return new FieldProblem(field, code, List.of(args));
	}

	public String messageKey() {
		return "validation." + code;
	}
}
