package org.bulwark.screening;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.bulwark.directory.FieldProblem;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** Answers of the travel and return-filing API and pages: 422 by field, 409 with the record as it is now, 404. */
@Component
class TravelResponses {

	/** A rejected change: each problem with its field, code and message in the caller's language. */
	record Problems(String error, List<Problem> problems) {

		record Problem(String field, String code, String message) {
		}
	}

	record ConflictBody(String error, String message, List<?> current) {
	}

	private final MessageSource messages;

	TravelResponses(MessageSource messages) {
		this.messages = messages;
	}

	ResponseEntity<?> travel(TravelReports.Result result, Locale locale, HttpStatus success) {
		if (result instanceof TravelReports.Done d) {
			return ResponseEntity.status(success).body(Map.of("id", d.id(), "count", d.count()));
		}
		if (result instanceof TravelReports.Rejected r) {
			return unprocessable(r.problems(), locale);
		}
		if (result instanceof TravelReports.Conflict c) {
			return conflict(c.current(), locale);
		}
		throw new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

	ResponseEntity<?> filing(ReturnFilings.Result result, Locale locale, HttpStatus success) {
		if (result instanceof ReturnFilings.Done d) {
			return ResponseEntity.status(success).body(Map.of("id", d.id(), "count", d.count()));
		}
		if (result instanceof ReturnFilings.Rejected r) {
			return unprocessable(r.problems(), locale);
		}
		if (result instanceof ReturnFilings.Conflict c) {
			return conflict(c.current(), locale);
		}
		throw new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

	private ResponseEntity<?> unprocessable(List<FieldProblem> problems, Locale locale) {
		if (problems.size() == 1 && problems.get(0).code().equals("notFound") && problems.get(0).field().equals("id")) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return ResponseEntity.unprocessableContent().body(new Problems("invalid", problems.stream()
			.map(p -> new Problems.Problem(p.field(), p.code(), message(p, locale))).toList()));
	}

	private ResponseEntity<?> conflict(List<?> current, Locale locale) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.body(new ConflictBody("conflict", text("travel.conflict", locale), current));
	}

	String message(FieldProblem p, Locale locale) {
		return messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale);
	}

	String text(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}

	/** One line for a page: each problem with its field's name. */
	String describe(List<FieldProblem> problems, Locale locale) {
		return problems.stream().map(p -> {
			String field = p.field().replaceAll("\\[\\d+]", "").replaceAll("^.*\\.", "");
			String row = p.field().matches(".*\\[(\\d+)].*") ? text("travel.row", locale,
					Integer.parseInt(p.field().replaceAll(".*?\\[(\\d+)].*", "$1")) + 1) + " " : "";
			return row + messages.getMessage("field." + field, null, field, locale) + ": " + message(p, locale);
		}).collect(Collectors.joining(" "));
	}

	/** The page text of a result that is not done, or null when it is; not found is a 404. */
	String refusal(Object result, Locale locale) {
		if (result instanceof TravelReports.Rejected r) {
			return describe(r.problems(), locale);
		}
		if (result instanceof ReturnFilings.Rejected r) {
			return describe(r.problems(), locale);
		}
		if (result instanceof TravelReports.Conflict || result instanceof ReturnFilings.Conflict) {
			return text("travel.conflict", locale);
		}
		if (result instanceof TravelReports.NotFound || result instanceof ReturnFilings.NotFound) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return null;
	}
}
