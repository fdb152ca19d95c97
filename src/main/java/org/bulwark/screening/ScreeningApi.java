package org.bulwark.screening;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.directory.FieldProblem;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Regions and the caller's school's risk designations over REST, for travel checks and upstream platforms. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Screening", description = "Regions of China (GB/T 2260) and risk designations")
class ScreeningApi {

	private final Regions regions;
	private final RiskAreas riskAreas;
	private final MessageSource messages;

	ScreeningApi(Regions regions, RiskAreas riskAreas, MessageSource messages) {
		this.regions = regions;
		this.riskAreas = riskAreas;
		this.messages = messages;
	}

	/** A region with the regions above it and its risk now. */
	record RegionDetail(Region region, List<Region> ancestors, RiskLevel risk) {
	}

	record RegionRisk(String code, Instant at, RiskLevel risk) {
	}

	/** What a rejected change returns: each problem with its field, code and message in the caller's language. */
	record Problems(String error, List<Problem> problems) {

		record Problem(String field, String code, String message) {
		}
	}

	record Lift(String reason) {
	}

	@GetMapping("/regions")
	@PreAuthorize("hasAuthority('PERM_SCREENING_READ')")
	@Operation(summary = "Search regions", description = "q: part of the name or full name, or the start of the code; "
			+ "parent: the children of a region; neither: the provinces")
	PageResult<Region> regions(@RequestParam(required = false) String q, @RequestParam(required = false) String parent,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return regions.search(q, parent, new PageQuery(page, size, "code", false));
	}

	@GetMapping("/regions/{code}")
	@PreAuthorize("hasAuthority('PERM_SCREENING_READ')")
	@Operation(summary = "One region with its ancestors and its risk now")
	RegionDetail region(@PathVariable String code) {
		Region region = regions.find(RegionCode.normalize(code).orElse(code))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return new RegionDetail(region, regions.ancestors(region.code()),
				riskAreas.riskOf(CurrentUser.get().schoolId(), region.code(), riskAreas.now()).orElse(null));
	}

	@GetMapping("/regions/{code}/risk")
	@PreAuthorize("hasAuthority('PERM_SCREENING_READ')")
	@Operation(summary = "The risk of a region at an instant", description = "the highest level valid then on the "
			+ "region or a region above it; risk is null when there is none")
	RegionRisk risk(@PathVariable String code,
			@Parameter(description = "ISO instant, local date-time or date; now when left out") @RequestParam(required = false) String at) {
		Region region = regions.find(RegionCode.normalize(code).orElse(code))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Instant instant = instant(at);
		return new RegionRisk(region.code(), instant,
				riskAreas.riskOf(CurrentUser.get().schoolId(), region.code(), instant).orElse(null));
	}

	@GetMapping("/risk-areas")
	@PreAuthorize("hasAuthority('PERM_SCREENING_READ')")
	@Operation(summary = "Risk designations", description = "active=true (default): those valid at 'at' (now when left out); "
			+ "active=false: the whole history, lifted ones included")
	PageResult<RiskArea> riskAreas(@RequestParam(required = false) String at, @RequestParam(required = false) RiskLevel level,
			@RequestParam(defaultValue = "true") boolean active, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return riskAreas.search(CurrentUser.get(), new RiskAreas.Filter(q, level, !active, instant(at)),
				new PageQuery(page, size, "from", true));
	}

	@PostMapping("/risk-areas")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	@Operation(summary = "Designate a risk area", description = "201 with the new id, or 422 with every problem by field "
			+ "(unknown region, bad level, end not after start)")
	ResponseEntity<?> create(@RequestBody RiskAreaForm form, Locale locale) {
		return respond(riskAreas.create(CurrentUser.get(), form), locale, HttpStatus.CREATED);
	}

	@PostMapping("/risk-areas/{id}/lift")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	@Operation(summary = "Lift a designation now, with a reason", description = "the designation stays in the history")
	ResponseEntity<?> lift(@PathVariable long id, @RequestBody Lift lift, Locale locale) {
		return respond(riskAreas.lift(CurrentUser.get(), id, lift == null ? null : lift.reason()), locale, HttpStatus.OK);
	}

	private Instant instant(String at) {
		if (at == null || at.isBlank()) {
			return riskAreas.now();
		}
		return RiskAreas.parseInstant(at)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "at: not an instant or date"));
	}

	private ResponseEntity<?> respond(RiskAreas.Result result, Locale locale, HttpStatus success) {
		if (result instanceof RiskAreas.Saved saved) {
			return ResponseEntity.status(success).body(Map.of("id", saved.id()));
		}
		List<FieldProblem> problems = ((RiskAreas.Rejected) result).problems();
		if (problems.stream().anyMatch(p -> p.code().equals("notFound"))) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return ResponseEntity.unprocessableContent().body(new Problems("invalid", problems.stream()
			.map(p -> new Problems.Problem(p.field(), p.code(),
					messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale)))
			.toList()));
	}
}
