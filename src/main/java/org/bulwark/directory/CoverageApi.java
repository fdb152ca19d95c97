package org.bulwark.directory;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The coverage audit over REST, within the caller's data scope. */
@RestController
@RequestMapping("/api/v1/coverage")
@Tag(name = "Coverage", description = "People without a responsible person, residence or reachable phone, and suspected duplicates")
class CoverageApi {

	private final Coverage coverage;
	private final CoverageFixing fixing;
	private final MessageSource messages;

	CoverageApi(Coverage coverage, CoverageFixing fixing, MessageSource messages) {
		this.coverage = coverage;
		this.fixing = fixing;
		this.messages = messages;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('PERM_COVERAGE_READ')")
	@Operation(summary = "Counts per problem", description = "unit: the org unit whose sub-units are listed (rolled up)")
	Coverage.Report report(@RequestParam(required = false) Long unit) {
		return coverage.report(CurrentUser.get(), unit);
	}

	@GetMapping("/people")
	@PreAuthorize("hasAuthority('PERM_COVERAGE_READ')")
	@Operation(summary = "The people with one problem", description = "problem: NO_RESPONSIBLE, NO_RESIDENCE, UNREACHABLE or DUPLICATE; unit -1: without a unit")
	PageResult<PersonSummary> people(CoverageController.Params params) {
		return coverage.people(CurrentUser.get(), params.toFilter(), params.toPage()).map(PersonSummary::masked);
	}

	record Assign(List<Long> people, Long responsible, String role) {
	}

	@PostMapping("/responsible")
	@PreAuthorize("hasAuthority('PERM_COVERAGE_READ') and hasAuthority('PERM_PEOPLE_WRITE')")
	@Operation(summary = "Assign a responsible person to many people", description = "all or nothing; 422 by field")
	ResponseEntity<?> assign(@RequestBody Assign body, Locale locale) {
		var result = fixing.assignResponsible(CurrentUser.get(), body.people(), body.responsible(), body.role());
		if (result instanceof PersonEditing.Saved saved) {
			return ResponseEntity.ok(Map.of("assigned", saved.id()));
		}
		var rejected = (PersonEditing.Rejected) result;
		return ResponseEntity.unprocessableContent().body(new DirectoryApi.Problems("invalid", rejected.problems().stream()
			.map(p -> new DirectoryApi.Problems.Problem(p.field(), p.code(),
					messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale)))
			.toList()));
	}
}
