package org.bulwark.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.OrgUnitKind;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Unit daily reports and a unit's state of the day over REST. A unit outside the caller's data scope
 * is "not found", exactly like one that does not exist.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Unit reports", description = "Unit daily reports (zero reports), their completeness, and a unit's check status of a day")
class UnitReportsApi {

	/** The longest range of days one completeness or report list request may ask for. */
	static final int MAX_RANGE_DAYS = 366;

	private final UnitReports reports;
	private final Dashboard dashboard;
	private final MessageSource messages;

	UnitReportsApi(UnitReports reports, Dashboard dashboard, MessageSource messages) {
		this.reports = reports;
		this.dashboard = dashboard;
		this.messages = messages;
	}

	/**
	 * @param zero a zero report (零报告): counts may be left out and must not be above zero
	 * @param baseRevision the revision this one replaces: 0 (or absent) for the day's first report
	 */
	record UnitReportRequest(Long orgUnitId, LocalDate date, Integer fever, Integer symptoms, Integer sickAbsences,
			Integer other, Boolean zero, String note, Integer baseRevision) {
	}

	record UnitReportView(long id, long orgUnitId, LocalDate date, boolean zero, int abnormal, int fever, int symptoms,
			int sickAbsences, int other, String note, Instant firstSubmittedAt, Instant submittedAt, String submittedBy,
			boolean timely, boolean late, int revision) {

		static UnitReportView of(UnitReports.Report r) {
			return new UnitReportView(r.id(), r.orgUnitId(), r.date(), r.zero(), r.abnormal(), r.counts().fever(),
					r.counts().symptoms(), r.counts().sickAbsences(), r.counts().other(), r.note(), r.firstSubmittedAt(),
					r.submittedAt(), r.submittedBy(), r.timely(), r.late(), r.revision());
		}
	}

	record Accepted(UnitReportView report, boolean replayed) {
	}

	record ConflictView(String error, UnitReportView current) {
	}

	record TallyView(long expected, long actual, long timely, Double completeness, Double timeliness) {

		static TallyView of(Completeness.Tally t) {
			return new TallyView(t.expected(), t.actual(), t.timely(), t.completeness(), t.timeliness());
		}
	}

	record UnitTallyView(long orgUnitId, String code, String name, OrgUnitKind kind, boolean reports, boolean hasChildren,
			TallyView tally) {
	}

	record CompletenessView(long orgUnitId, LocalDate from, LocalDate to, TallyView total, List<UnitTallyView> children,
			List<Long> notReportedOnLastDay) {
	}

	record SlotStatusView(String code, String name, boolean pastDeadline, long expected, long reported, long late,
			long abnormal, long away, long notYet, long overdue, Double rate) {
	}

	record UnitStatusView(long orgUnitId, LocalDate date, List<SlotStatusView> slots) {
	}

	@PostMapping("/unit-reports")
	@Operation(summary = "Submit a unit's daily report", description = """
			A unit's abnormal people of a day by category (fever, symptoms, sickAbsences, other; other needs a note), or \
			zero=true for a zero report. 201 with the stored report (200 with replayed=true when the Idempotency-Key was \
			seen before: nothing is stored twice). A resubmission updates the report and keeps every version: it must \
			give baseRevision, the revision it replaces, or it is refused with 409 and the current report. After the \
			school's deadline it is accepted and marked late; timely stays as the first submission made it. 422 with \
			every problem by field (negative or missing counts, counts on a zero report, a future day, a unit that does \
			not report); 404 when the unit does not exist or is outside the caller's scope, or the caller lacks \
			UNIT_REPORT_SUBMIT.""")
	ResponseEntity<?> submit(@RequestBody UnitReportRequest request,
			@Parameter(description = "a key per intended submission; a retry sends the same key")
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Locale locale) {
		if (request == null || request.orgUnitId() == null) {
			return invalid(List.of(FieldProblem.of("orgUnitId", "unitReports.unit.required")), locale);
		}
		UnitReports.Outcome outcome = reports.submit(CurrentUser.get(), new UnitReports.Submission(request.orgUnitId(),
				request.date(), request.fever(), request.symptoms(), request.sickAbsences(), request.other(),
				Boolean.TRUE.equals(request.zero()), request.note(), request.baseRevision(), idempotencyKey), Instant.now());
		if (outcome instanceof UnitReports.Saved saved) {
			return ResponseEntity.status(saved.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
				.body(new Accepted(UnitReportView.of(saved.report()), saved.replayed()));
		}
		if (outcome instanceof UnitReports.Rejected rejected) {
			return invalid(rejected.problems(), locale);
		}
		if (outcome instanceof UnitReports.Conflict conflict) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(new ConflictView("conflict", UnitReportView.of(conflict.current())));
		}
		return notFound();
	}

	@GetMapping("/org-units/{id}/unit-reports")
	@Operation(summary = "A unit's daily reports", description = """
			The unit's reports between from and to (both default to today in the school's time zone, at most 366 days), \
			newest first. 404 when the unit does not exist or is outside the caller's scope.""")
	ResponseEntity<?> list(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Locale locale) {
		CurrentUser user = CurrentUser.get();
		if (!user.can(Permission.UNIT_REPORT_SUBMIT) && !user.can(Permission.HEALTH_READ)) {
			return notFound();
		}
		LocalDate today = reports.today(Instant.now());
		LocalDate start = from == null ? today : from;
		LocalDate end = to == null ? today : to;
		ResponseEntity<?> bad = range(start, end, locale);
		if (bad != null) {
			return bad;
		}
		return reports.reports(user, id, start, end)
			.<ResponseEntity<?>>map(list -> ResponseEntity.ok(list.stream().map(UnitReportView::of).toList()))
			.orElseGet(UnitReportsApi::notFound);
	}

	@GetMapping("/org-units/{id}/unit-report-completeness")
	@Operation(summary = "Completeness and timeliness of a unit subtree", description = """
			DHIS2's definition over the days from..to (default today; days after today are not counted): expected = \
			open reporting units x days, actual = reports submitted, timely = first submitted by the deadline; the \
			unit's figures include every unit below it, each child's line is given, and the units of the subtree that \
			have not reported on the last day. 404 when the unit does not exist or is outside the caller's scope.""")
	ResponseEntity<?> completeness(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Locale locale) {
		CurrentUser user = CurrentUser.get();
		if (!user.can(Permission.HEALTH_READ)) {
			return notFound();
		}
		Instant now = Instant.now();
		LocalDate today = reports.today(now);
		LocalDate start = from == null ? today : from;
		LocalDate end = to == null ? today : to;
		ResponseEntity<?> bad = range(start, end, locale);
		if (bad != null) {
			return bad;
		}
		return reports.completeness(user, id, start, end, now)
			.<ResponseEntity<?>>map(v -> ResponseEntity.ok(new CompletenessView(id, v.from(), v.to(), TallyView.of(v.total()),
					v.lines().stream().map(l -> new UnitTallyView(l.unit().id(), l.unit().code(), l.unit().name(),
							l.unit().kind(), l.reports(), l.hasChildren(), TallyView.of(l.tally()))).toList(),
					v.missing().stream().map(m -> m.unit().id()).toList())))
			.orElseGet(UnitReportsApi::notFound);
	}

	@GetMapping("/org-units/{id}/health-status")
	@Operation(summary = "A unit's check status of a day", description = """
			For each check slot of the day, the people of the unit's subtree (within the caller's scope) who are \
			expected, reported (on time or late; late and abnormal are parts of it), away (an absence, no check-in), \
			not yet (nothing, still on time) and overdue (nothing, past the deadline plus grace), and the reporting \
			rate (reported of expected minus away, %). date defaults to today in the school's time zone. The same \
			counts as the dashboard. 404 when the unit does not exist or is outside the caller's scope.""")
	ResponseEntity<?> status(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, Locale locale) {
		CurrentUser user = CurrentUser.get();
		if (!user.can(Permission.HEALTH_READ)) {
			return notFound();
		}
		Instant now = Instant.now();
		LocalDate day = date == null ? now.atZone(dashboard.zone()).toLocalDate() : date;
		if (day.isAfter(now.atZone(dashboard.zone()).toLocalDate())) {
			return invalid(List.of(FieldProblem.of("date", "unitReports.date.future")), locale);
		}
		return dashboard.view(user, day, id, now)
			.<ResponseEntity<?>>map(v -> ResponseEntity.ok(new UnitStatusView(id, day, v.slots().stream().map(s -> {
				SlotCounts total = s.counts();
				return new SlotStatusView(s.slot().code(), s.slot().name(locale), s.pastDeadline(), total.expected(),
						total.reported(), total.late(), total.abnormal(), total.away(), total.notYet(), total.overdue(),
						total.rate());
			}).toList())))
			.orElseGet(UnitReportsApi::notFound);
	}

	private ResponseEntity<?> range(LocalDate from, LocalDate to, Locale locale) {
		if (to.isBefore(from)) {
			return invalid(List.of(FieldProblem.of("to", "unitReports.range.beforeFrom")), locale);
		}
		if (java.time.temporal.ChronoUnit.DAYS.between(from, to) >= MAX_RANGE_DAYS) {
			return invalid(List.of(FieldProblem.of("to", "unitReports.range.tooLong", MAX_RANGE_DAYS)), locale);
		}
		return null;
	}

	private ResponseEntity<?> invalid(List<FieldProblem> problems, Locale locale) {
		return ResponseEntity.unprocessableContent().body(new HealthApi.Problems("invalid", problems.stream()
			.map(p -> new HealthApi.Problems.Problem(p.field(), p.code(),
					messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale)))
			.toList()));
	}

	private static ResponseEntity<?> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new HealthApi.Problems("notFound", List.of()));
	}
}
