package org.bulwark.control;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.control.ControlCases.Case;
import org.bulwark.control.ControlPolicy.Phase;
import org.bulwark.control.ControlPolicy.StartReference;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Control cases and policies over REST: the case list with its filters, one case with its plan and
 * timeline, opening one case or a list (all or nothing, problems by row), the actions (each with a
 * reason and the version read: 409 when someone acted first), policies and their versions, the
 * re-application preview and its confirmation. Cases of people outside the caller's scope are "not found".
 */
@RestController
@RequestMapping("/api/v1/control")
@Tag(name = "Control", description = "Control cases (隔离管控) and control policies")
class ControlApi {

	private final ControlCases cases;
	private final CaseOpening opening;
	private final CaseActions actions;
	private final ControlPolicies policies;
	private final MessageSource messages;

	ControlApi(ControlCases cases, CaseOpening opening, CaseActions actions, ControlPolicies policies, MessageSource messages) {
		this.cases = cases;
		this.opening = opening;
		this.actions = actions;
		this.policies = policies;
		this.messages = messages;
	}

	record Problems(String error, List<Problem> problems) {

		record Problem(String field, Integer row, String code, String message) {
		}
	}

	record CaseView(Case summary, List<CasePlan.Dated> phases, List<LocalDate> testDates, List<ControlCases.Event> events) {
	}

	record BulkRequest(ControlCategory category, Long profileId, LocalDate date, List<String> lines, String notes) {
	}

	record BulkCreated(int count, List<Long> caseIds) {
	}

	record Created(long id) {
	}

	record PolicyRequest(Integer version, StartReference startFrom, List<Phase> phases, List<Integer> testDays,
			Integer daysAddedPerMissedFollowUp, Integer checksPerDay, String releaseCriteria) {
	}

	record PolicyView(long id, long profileId, ControlCategory category, int version, boolean current, ControlPolicy policy) {

		static PolicyView of(ControlPolicies.Version v) {
			return new PolicyView(v.id(), v.profileId(), v.category(), v.version(), v.current(), v.policy());
		}
	}

	record ReapplyRequest(Integer expectedChanges) {
	}

	@GetMapping("/cases")
	@PreAuthorize("hasAuthority('PERM_CONTROL_READ')")
	@Operation(summary = "Search control cases",
			description = "view OPEN (default), CLOSED or ALL; phase NOT_STARTED, IN_PHASE, DUE_FOR_RELEASE; due TODAY (release date today or"
					+ " past) or TOMORROW; measure: the measure of today's phase; q: name or number prefix; sort release|start|opened|name")
	PageResult<Case> list(@RequestParam(required = false) ControlCases.View view, @RequestParam(required = false) ControlCategory category,
			@RequestParam(required = false) Measure measure, @RequestParam(required = false) ControlCases.Phase phase,
			@RequestParam(required = false) ControlCases.Due due, @RequestParam(required = false) Long orgUnitId,
			@RequestParam(required = false) String q, @RequestParam(required = false) Boolean missedFollowUps,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
			@RequestParam(defaultValue = "release") String sort, @RequestParam(defaultValue = "asc") String dir) {
		return cases.search(CurrentUser.get(), new ControlCases.Filter(view, category, measure, phase, due, orgUnitId, q, missedFollowUps),
				new PageQuery(page, size, sort, "desc".equals(dir)));
	}

	@GetMapping("/cases/{id}")
	@PreAuthorize("hasAuthority('PERM_CONTROL_READ')")
	@Operation(summary = "One case with its phases, test dates and the timeline of actions")
	ResponseEntity<?> get(@PathVariable long id) {
		CurrentUser user = CurrentUser.get();
		return cases.find(user, id).<ResponseEntity<?>>map(c -> {
			CasePlan plan = cases.plan(user.schoolId(), c);
			return ResponseEntity.ok(new CaseView(c, plan.phases(), plan.testDates(), cases.events(id)));
		}).orElseGet(ControlApi::notFound);
	}

	@PostMapping("/cases")
	@PreAuthorize("hasAuthority('PERM_CONTROL_MANAGE')")
	@Operation(summary = "Open a case for one person",
			description = "the dates come from the current policy of the category; 201 with the id, 422 naming the field (the date the policy"
					+ " counts from is missing, a case of the category is already open, a date in the future), 404 outside the scope")
	ResponseEntity<?> open(@RequestBody CaseOpening.Opening body, Locale locale) {
		CaseResult r = opening.open(CurrentUser.get(), body);
		if (r.saved()) {
			return ResponseEntity.status(HttpStatus.CREATED).body(new Created(r.id()));
		}
		if (r.problems().stream().anyMatch(p -> p.field().equals("personId") && p.code().equals("notFound"))) {
			return notFound();
		}
		return respond(r, locale);
	}

	@PostMapping("/cases/bulk")
	@PreAuthorize("hasAuthority('PERM_CONTROL_MANAGE')")
	@Operation(summary = "Open cases for a list: each line a student/staff or ID number, optionally followed by a date",
			description = "the date (or `date` for lines without one) is the one the policy counts from. All or nothing: 201 with the cases,"
					+ " or 422 with the problems by row (not found, duplicate, already open, bad date) and nothing written; 409 when a case was"
					+ " opened for one of them meanwhile")
	ResponseEntity<?> bulk(@RequestBody BulkRequest body, Locale locale) {
		CaseOpening.BulkResult r = opening.openAll(CurrentUser.get(), body.category(), body.profileId(), body.date(),
				body.lines() == null ? "" : String.join("\n", body.lines()), body.notes());
		if (r.conflict()) {
			return ResponseEntity.status(HttpStatus.CONFLICT).body(new Problems("conflict", List.of()));
		}
		if (!r.saved()) {
			return ResponseEntity.unprocessableContent().body(new Problems("invalid", r.problems().stream()
				.map(p -> new Problems.Problem(p.field(), p.row() == 0 ? null : p.row(), p.code(),
						messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale))).toList()));
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(new BulkCreated(r.caseIds().size(), r.caseIds()));
	}

	@PostMapping("/cases/{id}/actions")
	@PreAuthorize("hasAuthority('PERM_CONTROL_MANAGE')")
	@Operation(summary = "Act on a case: EXTEND or SHORTEN (days), CHANGE_MEASURE (measure of today's phase), CHANGE_CATEGORY, TRANSFER"
			+ " (to hospital), RELEASE, CANCEL — always with a reason and the version read",
			description = "200 with the case as it is now; 409 when the version is not the current one (someone acted first); 422 naming the"
					+ " field; closing a case checks the person out of their isolation room")
	ResponseEntity<?> act(@PathVariable long id, @RequestBody CaseActions.Request body, Locale locale) {
		CaseResult r = actions.act(CurrentUser.get(), id, body);
		if (r.saved()) {
			return get(id);
		}
		return respond(r, locale);
	}

	@GetMapping("/policies")
	@PreAuthorize("hasAuthority('PERM_CONTROL_READ')")
	@Operation(summary = "The current policy of every category for a disease profile (the school's default profile when absent)")
	List<PolicyView> policies(@RequestParam(required = false) Long profileId) {
		CurrentUser user = CurrentUser.get();
		long profile = profileId != null ? profileId : policies.defaultProfile(user.schoolId());
		if (policies.profiles(user.schoolId()).stream().noneMatch(p -> p.id() == profile)) {
			return List.of();
		}
		return policies.current(user.schoolId(), profile).stream().map(PolicyView::of).toList();
	}

	@GetMapping("/policies/{id}")
	@PreAuthorize("hasAuthority('PERM_CONTROL_READ')")
	@Operation(summary = "One policy version")
	ResponseEntity<?> policy(@PathVariable long id) {
		return policies.find(CurrentUser.get().schoolId(), id).<ResponseEntity<?>>map(v -> ResponseEntity.ok(PolicyView.of(v)))
			.orElseGet(ControlApi::notFound);
	}

	@PutMapping("/policies/{profileId}/{category}")
	@PreAuthorize("hasAuthority('PERM_CONTROL_POLICY_MANAGE')")
	@Operation(summary = "Save a new version of a category's policy",
			description = "`version` is the current version the edit started from; 201 with the new version's id, 409 when someone saved a"
					+ " version first, 422 naming the field. Open cases keep their version until it is re-applied")
	ResponseEntity<?> edit(@PathVariable long profileId, @PathVariable ControlCategory category, @RequestBody PolicyRequest body,
			Locale locale) {
		if (body.version() == null) {
			return respond(CaseResult.refused("version", "required"), locale);
		}
		ControlPolicies.Form form = new ControlPolicies.Form(body.startFrom(), body.phases() == null ? List.of() : body.phases(),
				body.testDays() == null ? "" : String.join(",", body.testDays().stream().map(String::valueOf).toList()),
				body.daysAddedPerMissedFollowUp(), body.checksPerDay(), body.releaseCriteria());
		try {
			CaseResult r = policies.edit(CurrentUser.get(), profileId, category, body.version(), form);
			return r.saved() ? ResponseEntity.status(HttpStatus.CREATED).body(new Created(r.id())) : respond(r, locale);
		} catch (ControlPolicies.ConcurrentEdit e) {
			return respond(CaseResult.conflicted(), locale);
		}
	}

	@GetMapping("/policies/{id}/reapply")
	@PreAuthorize("hasAuthority('PERM_CONTROL_POLICY_MANAGE')")
	@Operation(summary = "Preview re-applying a version to the open cases of older versions: every case whose dates would change")
	ResponseEntity<?> preview(@PathVariable long id) {
		return actions.preview(CurrentUser.get(), id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(ControlApi::notFound);
	}

	@PostMapping("/policies/{id}/reapply")
	@PreAuthorize("hasAuthority('PERM_CONTROL_POLICY_MANAGE')")
	@Operation(summary = "Re-apply a version to the open cases of older versions, as previewed",
			description = "`expectedChanges`: the number of changed cases the preview showed. 200 with the number of cases moved; 409 when the"
					+ " version is no longer current or the cases changed since the preview (nothing written)")
	ResponseEntity<?> reapply(@PathVariable long id, @RequestBody(required = false) ReapplyRequest body, Locale locale) {
		try {
			CaseResult r = actions.reapply(CurrentUser.get(), id, body == null ? null : body.expectedChanges());
			return r.saved() ? ResponseEntity.ok(java.util.Map.of("moved", r.count())) : respond(r, locale);
		} catch (CaseActions.ReapplyConflict e) {
			return respond(CaseResult.conflicted(), locale);
		}
	}

	private ResponseEntity<?> respond(CaseResult r, Locale locale) {
		if (r.conflict()) {
			return ResponseEntity.status(HttpStatus.CONFLICT).body(new Problems("conflict", List.of(new Problems.Problem("version", null,
					"control.conflict", messages.getMessage("validation.control.conflict", null, locale)))));
		}
		if (r.notFound()) {
			return notFound();
		}
		return ResponseEntity.unprocessableContent().body(new Problems("invalid", r.problems().stream()
			.map(p -> new Problems.Problem(p.field(), null, p.code(), messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale)))
			.toList()));
	}


	private static ResponseEntity<?> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Problems("notFound", List.of()));
	}
}
