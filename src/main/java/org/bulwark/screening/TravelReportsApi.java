package org.bulwark.screening;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.directory.Population;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.springframework.format.annotation.DateTimeFormat;
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
import org.springframework.web.server.ResponseStatusException;

/** Travel reports over REST: applying, the approval queue and decisions, departure, return with the three histories, flags. */
@RestController
@RequestMapping("/api/v1/travel-reports")
@Tag(name = "Travel reports", description = "出行报备: apply before leaving, approval chain per population, departure, "
		+ "return with travel, contact and residence history; stays in risk areas flag the returnee")
class TravelReportsApi {

	private final TravelReports reports;
	private final TravelResponses responses;

	TravelReportsApi(TravelReports reports, TravelResponses responses) {
		this.reports = reports;
		this.responses = responses;
	}

	record Version(int version) {
	}

	record ReturnBody(int version, String returnedOn, List<TravelReports.StayForm> stays, Boolean contactRisk,
			String contactHistory, String residenceAddress) {
	}

	record DecisionBody(TravelChain.Decision decision, String reason, int version) {
	}

	record BulkDecision(List<TravelReports.Item> items, TravelChain.Decision decision, String reason) {
	}

	record ChainBody(String steps, int version) {
	}

	record Clearance(String note, int version) {
	}

	@GetMapping
	@PreAuthorize("hasAnyAuthority('PERM_TRAVEL_APPROVE', 'PERM_SCREENING_READ')")
	@Operation(summary = "Search travel reports", description = "view=queue: the reports whose current step the caller may "
			+ "decide; view=all: every report of the caller's scope. on: trips covering that day; region: a destination or "
			+ "stay in that region (code prefix)")
	PageResult<TravelReports.Report> search(@RequestParam(defaultValue = "all") String view,
			@RequestParam(required = false) TravelReports.Status status, @RequestParam(required = false) String q,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
			@RequestParam(required = false) String region, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return reports.search(CurrentUser.get(), new TravelReports.Filter(view, status, q, on, region),
				new PageQuery(page, size, "leave", "all".equals(view)));
	}

	@GetMapping("/mine")
	@PreAuthorize("hasAuthority('PERM_SELF_SERVICE')")
	@Operation(summary = "The caller's own travel reports, newest first")
	List<TravelReports.Report> mine() {
		return reports.mine(CurrentUser.get());
	}

	@PostMapping
	@PreAuthorize("hasAuthority('PERM_SELF_SERVICE')")
	@Operation(summary = "Apply for travel", description = "destinations: region codes (GB/T 2260, short or official form) "
			+ "or full names; 201 with the id, 422 by field (destinations[i], leaveOn, returnOn, purpose, transport); one "
			+ "open trip per person over the same days")
	ResponseEntity<?> apply(@RequestBody TravelReports.Application body, Locale locale) {
		return responses.travel(reports.apply(CurrentUser.get(), body), locale, HttpStatus.CREATED);
	}

	@GetMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "One travel report with destinations, decisions and stays", description = "the caller's own, one of "
			+ "their scope or one they approve; otherwise 404")
	TravelReports.Report report(@PathVariable long id) {
		return reports.find(CurrentUser.get(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	@PostMapping("/{id}/cancellation")
	@PreAuthorize("hasAuthority('PERM_SELF_SERVICE')")
	@Operation(summary = "Cancel one's own report before departure", description = "409 when the version is stale")
	ResponseEntity<?> cancel(@PathVariable long id, @RequestBody Version body, Locale locale) {
		return responses.travel(reports.cancel(CurrentUser.get(), id, body.version()), locale, HttpStatus.OK);
	}

	@PostMapping("/{id}/departure")
	@PreAuthorize("hasAuthority('PERM_SELF_SERVICE')")
	@Operation(summary = "Record leaving on an approved report")
	ResponseEntity<?> depart(@PathVariable long id, @RequestBody Version body, Locale locale) {
		return responses.travel(reports.depart(CurrentUser.get(), id, body.version()), locale, HttpStatus.OK);
	}

	@PostMapping("/{id}/return")
	@PreAuthorize("hasAuthority('PERM_SELF_SERVICE')")
	@Operation(summary = "Register the return with the three histories", description = "stays: the travel history (kind "
			+ "TRAVEL) and residence history (kind RESIDENCE), region with from/to days; contactRisk: contact with a "
			+ "confirmed or suspected case. count=1 in the answer: the returnee was flagged and screening.TravelFlagged published")
	ResponseEntity<?> registerReturn(@PathVariable long id, @RequestBody ReturnBody body, Locale locale) {
		return responses.travel(reports.registerReturn(CurrentUser.get(), id, body.version(),
				new TravelReports.ReturnForm(body.returnedOn(), body.stays(), body.contactRisk(), body.contactHistory(),
						body.residenceAddress())),
				locale, HttpStatus.OK);
	}

	@PostMapping("/{id}/decision")
	@PreAuthorize("hasAuthority('PERM_TRAVEL_APPROVE')")
	@Operation(summary = "Approve or reject the current step", description = "404 out of scope; 422 when the caller is not "
			+ "the step's approver or a rejection has no reason; 409 when someone decided first (the version is stale)")
	ResponseEntity<?> decide(@PathVariable long id, @RequestBody DecisionBody body, Locale locale) {
		return responses.travel(reports.decide(CurrentUser.get(), List.of(new TravelReports.Item(id, body.version())),
				body.decision(), body.reason()), locale, HttpStatus.OK);
	}

	@PostMapping("/decisions")
	@PreAuthorize("hasAuthority('PERM_TRAVEL_APPROVE')")
	@Operation(summary = "Approve or reject many reports at once, all or none", description = "problems name items[i]")
	ResponseEntity<?> decideAll(@RequestBody BulkDecision body, Locale locale) {
		return responses.travel(reports.decide(CurrentUser.get(), body.items(), body.decision(), body.reason()), locale,
				HttpStatus.OK);
	}

	@GetMapping("/chains")
	@PreAuthorize("hasAnyAuthority('PERM_TRAVEL_APPROVE', 'PERM_SCREENING_READ')")
	@Operation(summary = "The approval chain of every population", description = "configured=false: the default")
	List<TravelReports.ChainRow> chains() {
		return reports.chains(CurrentUser.get().schoolId());
	}

	@PutMapping("/chains/{population}")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	@Operation(summary = "Set a population's approval chain", description = "steps: RESPONSIBLE and/or UNIT, comma-separated, "
			+ "at most 4; version -1 for a population on the default. Reports already applied for keep their chain")
	ResponseEntity<?> saveChain(@PathVariable Population population, @RequestBody ChainBody body, Locale locale) {
		return responses.travel(reports.saveChain(CurrentUser.get(), population, body.steps(), body.version()), locale,
				HttpStatus.OK);
	}

	@GetMapping("/flags")
	@PreAuthorize("hasAuthority('PERM_SCREENING_READ')")
	@Operation(summary = "Flagged returnees of the caller's scope", description = "status OPEN or CLEARED")
	PageResult<TravelReports.FlagRow> flags(@RequestParam(required = false) String status,
			@RequestParam(required = false) RiskLevel level, @RequestParam(required = false) String q,
			@Parameter(description = "flagged on or after") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return reports.flags(CurrentUser.get(), new TravelReports.FlagFilter(status, level, q, from, to),
				new PageQuery(page, size, null, true));
	}

	@PostMapping("/flags/{id}/clearance")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	@Operation(summary = "Clear a flag with a note (control took over, or no risk after all)")
	ResponseEntity<?> clear(@PathVariable long id, @RequestBody Clearance body, Locale locale) {
		return responses.travel(reports.clearFlag(CurrentUser.get(), id, body.version(), body.note()), locale, HttpStatus.OK);
	}
}
