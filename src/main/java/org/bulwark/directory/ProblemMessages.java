package org.bulwark.directory;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Says field problems in the user's language: one line for a page, a 422 body for the API. */
@Component
class ProblemMessages {

	private final MessageSource messages;

	ProblemMessages(MessageSource messages) {
		this.messages = messages;
	}

	String describe(List<FieldProblem> problems, Locale locale) {
		return problems.stream()
			.map(p -> messages.getMessage("field." + p.field(), null, p.field(), locale) + ": " + message(p, locale))
			.collect(Collectors.joining(" "));
	}

	String message(FieldProblem p, Locale locale) {
		return messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale);
	}

	String text(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}

	/** 422 with every problem by field; a conflict 409. */
	ResponseEntity<DirectoryApi.Problems> unprocessable(List<FieldProblem> problems, Locale locale) {
		boolean conflict = problems.stream().anyMatch(p -> p.code().equals("conflict"));
		return ResponseEntity.status(conflict ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT)
			.body(new DirectoryApi.Problems(conflict ? "conflict" : "invalid", problems.stream()
				.map(p -> new DirectoryApi.Problems.Problem(p.field(), p.code(), message(p, locale)))
				.toList()));
	}
}
