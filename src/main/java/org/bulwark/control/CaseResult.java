package org.bulwark.control;

import java.util.List;

import org.bulwark.directory.FieldProblem;

/**
 * What a change to a control case or policy did: the id it saved (and how many rows it touched), the
 * problems by field (nothing written), or a conflict: someone changed the record first (nothing written).
 */
record CaseResult(Long id, int count, List<FieldProblem> problems, boolean conflict) {

	static CaseResult ok(long id) {
		return new CaseResult(id, 1, List.of(), false);
	}

	static CaseResult ok(long id, int count) {
		return new CaseResult(id, count, List.of(), false);
	}

	static CaseResult refused(String field, String code, Object... args) {
		return new CaseResult(null, 0, List.of(FieldProblem.of(field, code, args)), false);
	}

	static CaseResult refused(List<FieldProblem> problems) {
		return new CaseResult(null, 0, List.copyOf(problems), false);
	}

	static CaseResult conflicted() {
		return new CaseResult(null, 0, List.of(), true);
	}

	boolean saved() {
		return problems.isEmpty() && !conflict;
	}

	boolean notFound() {
		return problems.stream().anyMatch(p -> p.code().equals("notFound") && (p.field().equals("case") || p.field().equals("policy")));
	}
}
