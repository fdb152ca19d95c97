package org.bulwark.screening;

import java.time.Instant;
import java.util.List;

import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.server.ResponseStatusException;

/** The regions of China: search, browse down the tree, see the risk of each region now. */
@Controller
@PreAuthorize("hasAuthority('PERM_SCREENING_READ')")
class RegionsController {

	private final Regions regions;
	private final RiskAreas riskAreas;
	private final JdbcClient jdbc;

	RegionsController(Regions regions, RiskAreas riskAreas, JdbcClient jdbc) {
		this.regions = regions;
		this.riskAreas = riskAreas;
		this.jdbc = jdbc;
	}

	public record Dataset(String source, String version, int rows, Instant loadedAt) {
	}

	@GetMapping("/screening/regions")
	String list(Params params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		model.addAttribute("params", params);
		addResults(model, regions.search(params.q(), null, params.toPage()));
		model.addAttribute("dataset", jdbc.sql("""
				select source, version, row_count, loaded_at from region_dataset order by loaded_at desc, id desc limit 1""")
			.query((rs, n) -> new Dataset(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant()))
			.optional().orElse(null));
		return htmx != null && boosted == null ? "screening/regions :: results" : "screening/regions";
	}

	@GetMapping("/screening/regions/{code}")
	String show(@PathVariable String code, Params params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		Region region = regions.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		CurrentUser user = CurrentUser.get();
		Instant now = riskAreas.now();
		model.addAttribute("params", params);
		model.addAttribute("region", region);
		model.addAttribute("ancestors", regions.ancestors(region.code()));
		model.addAttribute("risk", riskAreas.riskOf(user.schoolId(), region.code(), now).orElse(null));
		model.addAttribute("covering", riskAreas.covering(user, region.code(), now));
		addResults(model, regions.search(null, region.code(), params.toPage()));
		return htmx != null && boosted == null ? "screening/region :: results" : "screening/region";
	}

	/** Regions to choose from in the designation form. */
	@GetMapping("/screening/regions/pick")
	String pick(Params params, Model model) {
		String q = params.q() == null ? "" : params.q().strip();
		model.addAttribute("choices", q.isEmpty() ? List.of() : regions.search(q, null, new PageQuery(0, 20, "code", false)).items());
		return "screening/risk-areas :: choices";
	}

	private void addResults(Model model, PageResult<Region> result) {
		model.addAttribute("result", result);
		model.addAttribute("risks", riskAreas.riskOf(CurrentUser.get().schoolId(),
				result.items().stream().map(Region::code).toList(), riskAreas.now()));
	}

	public record Params(String q, Integer page, Integer size) {

		public PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, size == null ? 50 : size, "code", false);
		}
	}
}
