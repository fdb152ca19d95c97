package org.bulwark.screening;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.directory.Registry;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Return-to-campus filing over REST: campaigns, filing, the unit's list and bulk decisions, completeness, admission. */
@RestController
@RequestMapping("/api/v1/return-filings")
@Tag(name = "Return filings", description = "返校备案: a term's campaign, everyone files arrival and test, pre-return "
		+ "check-ins read from health, the unit approves, the gates ask whether a person is admitted")
class ReturnFilingsApi {

	private final ReturnFilings filings;
	private final Registry registry;
	private final TravelResponses responses;

	ReturnFilingsApi(ReturnFilings filings, Registry registry, TravelResponses responses) {
		this.filings = filings;
		this.registry = registry;
		this.responses = responses;
	}

	record FilingBody(String arriveOn, Transport transport, String transportDetail, String fromRegion, String fromAddress,
			ReturnRules.TestResult testResult, String testDate, Integer version) {
	}

	record BulkDecision(long campaign, List<ReturnFilings.Item> items, TravelChain.Decision decision, String reason) {
	}

	record Version(int version) {
	}

	@GetMapping("/campaigns")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The school's filing campaigns, newest first")
	List<ReturnFilings.Campaign> campaigns() {
		return filings.campaigns(CurrentUser.get().schoolId());
	}

	@PostMapping("/campaigns")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	@Operation(summary = "Open a campaign for a term", description = "arriveFrom/arriveTo: the arrival window; checkInDays: "
			+ "days of check-ins before arrival (0–30); testRequired with testValidDays; orgUnit: a unit code (its subtree), "
			+ "populations: who must file (everyone when empty); 422 by field")
	ResponseEntity<?> create(@RequestBody ReturnFilings.CampaignForm form, Locale locale) {
		return responses.filing(filings.createCampaign(CurrentUser.get(), form), locale, HttpStatus.CREATED);
	}

	@PostMapping("/campaigns/{id}/close")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	@Operation(summary = "Close a campaign: no more filings, the gates no longer ask for it")
	ResponseEntity<?> close(@PathVariable long id, @RequestBody Version body, Locale locale) {
		return responses.filing(filings.closeCampaign(CurrentUser.get(), id, body.version()), locale, HttpStatus.OK);
	}

	@GetMapping("/mine")
	@PreAuthorize("hasAuthority('PERM_SELF_SERVICE')")
	@Operation(summary = "The open campaigns the caller must file for, with their filing")
	List<ReturnFilings.Own> mine() {
		return filings.mine(CurrentUser.get());
	}

	@PostMapping("/campaigns/{id}/filing")
	@PreAuthorize("hasAuthority('PERM_SELF_SERVICE')")
	@Operation(summary = "File or correct one's own arrival", description = "version: the filing's version when correcting "
			+ "(409 when stale), left out the first time; 422 by field (arriveOn outside the window, unknown fromRegion, "
			+ "test missing when required)")
	ResponseEntity<?> file(@PathVariable long id, @RequestBody FilingBody body, Locale locale) {
		return responses.filing(filings.file(CurrentUser.get(), id, new ReturnFilings.FilingForm(body.arriveOn(),
				body.transport(), body.transportDetail(), body.fromRegion(), body.fromAddress(), body.testResult(),
				body.testDate()), body.version()), locale, HttpStatus.OK);
	}

	@GetMapping
	@PreAuthorize("hasAnyAuthority('PERM_TRAVEL_APPROVE', 'PERM_SCREENING_READ')")
	@Operation(summary = "The people a campaign expects within the caller's scope, with their filing",
			description = "view: ALL, FILED, APPROVED, REJECTED or MISSING; checkInsDone of checkInsRequired and shortfalls per filing")
	PageResult<ReturnFilings.Filing> list(@RequestParam long campaign,
			@RequestParam(defaultValue = "ALL") ReturnFilings.View view, @RequestParam(required = false) String q,
			@Parameter(description = "an org unit code: its subtree") @RequestParam(required = false) String unit,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		CurrentUser user = CurrentUser.get();
		ReturnFilings.Campaign c = filings.campaign(user.schoolId(), campaign)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return filings.filings(user, c, new ReturnFilings.Filter(view, q, unitId(user, unit)),
				new PageQuery(page, size, null, false));
	}

	@PostMapping("/decisions")
	@PreAuthorize("hasAuthority('PERM_TRAVEL_APPROVE')")
	@Operation(summary = "Approve or reject filings at once, all or none", description = "items: id and version as read; "
			+ "409 when one changed meanwhile; 422 names items[i] (already decided, not ready: missing check-ins or test)")
	ResponseEntity<?> decide(@RequestBody BulkDecision body, Locale locale) {
		return responses.filing(filings.decide(CurrentUser.get(), body.campaign(), body.items(), body.decision(),
				body.reason()), locale, HttpStatus.OK);
	}

	@GetMapping("/completeness")
	@PreAuthorize("hasAnyAuthority('PERM_TRAVEL_APPROVE', 'PERM_SCREENING_READ')")
	@Operation(summary = "Expected, filed, approved and missing per org unit", description = "unit: the code of the unit "
			+ "whose children are listed; the top units of the caller's scope when left out")
	List<ReturnFilings.UnitLine> completeness(@RequestParam long campaign, @RequestParam(required = false) String unit) {
		CurrentUser user = CurrentUser.get();
		ReturnFilings.Campaign c = filings.campaign(user.schoolId(), campaign)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return filings.completeness(user, c, unitId(user, unit));
	}

	@GetMapping("/admission")
	@PreAuthorize("hasAnyAuthority('PERM_PEOPLE_READ', 'PERM_SCREENING_READ')")
	@Operation(summary = "Whether a person is admitted on a day as far as return filing goes",
			description = "person: the person's id, or code: their number (学号/工号); date: today when left out. reason: "
					+ "APPROVED, NOT_REQUIRED, NO_CAMPAIGN, NOT_FILED, PENDING, REJECTED or EARLY. Out of scope is 404")
	ReturnFilings.Admission admission(@RequestParam(required = false) Long person,
			@RequestParam(required = false) String code,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
		CurrentUser user = CurrentUser.get();
		var subject = person != null ? registry.find(user, person) : registry.findByCode(user, code);
		long id = subject.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)).personId();
		return filings.admitted(user.schoolId(), id, date == null ? filings.today() : date);
	}

	private Long unitId(CurrentUser user, String unit) {
		if (unit == null || unit.isBlank()) {
			return null;
		}
		return registry.orgUnitsByCode(user, List.of(unit.strip())).stream().findFirst().map(Registry.OrgUnitRef::id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
