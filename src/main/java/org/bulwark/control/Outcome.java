package org.bulwark.control;

import java.util.List;

import org.bulwark.directory.FieldProblem;

/** What a change did: the id of what it saved (and how many rows it touched), or the problems by field. */
record Outcome(Long id, int count, List<FieldProblem> problems) {

	static Outcome ok(long id) {
		return new Outcome(id, 1, List.of());
	}

	static Outcome ok(long id, int count) {
		return new Outcome(id, count, List.of());
	}

	static Outcome refused(String field, String code, Object... args) {
		return new Outcome(null, 0, List.of(FieldProblem.of(field, code, args)));
	}

	static Outcome refused(List<FieldProblem> problems) {
		return new Outcome(null, 0, List.copyOf(problems));
	}

	boolean saved() {
		return problems.isEmpty();
	}
}
