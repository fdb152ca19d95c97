package org.bulwark.directory;

import java.util.List;

import org.bulwark.shared.PageQuery;
import org.bulwark.system.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.server.ResponseStatusException;

/** The org unit tree: colleges down to classes, departments, employers. */
@Controller
@PreAuthorize("hasAuthority('PERM_ORG_UNITS_READ')")
class OrgUnitsController {

	private final OrgUnits orgUnits;
	private final ScopeFilter scopes;

	OrgUnitsController(OrgUnits orgUnits, ScopeFilter scopes) {
		this.orgUnits = orgUnits;
		this.scopes = scopes;
	}

	@GetMapping("/org-units")
	String list(Params params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		model.addAttribute("params", params);
		model.addAttribute("result", orgUnits.search(CurrentUser.get(), params.toFilter(), params.toPage()));
		model.addAttribute("kinds", OrgUnitKind.values());
		return htmx != null && boosted == null ? "directory/org-units :: results" : "directory/org-units";
	}

	@GetMapping("/org-units/{id}")
	String show(@PathVariable long id, Params params, Model model) {
		CurrentUser user = CurrentUser.get();
		OrgUnitSummary unit = orgUnits.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("unit", unit);
		List<OrgUnitSummary> trail = orgUnits.trail(id);
		model.addAttribute("trail", trail);
		model.addAttribute("reachable", scopes.reachable(user, ScopeFilter.Records.ORG_UNITS,
				trail.stream().map(OrgUnitSummary::id).toList()));
		model.addAttribute("members", orgUnits.members(id));
		model.addAttribute("params", params);
		model.addAttribute("kinds", OrgUnitKind.values());
		model.addAttribute("children", orgUnits.search(user, new OrgUnits.Filter(null, null, id), params.toPage()));
		return "directory/org-unit";
	}

	public record Params(String q, OrgUnitKind kind, Long parent, String sort, String dir, Integer page, Integer size) {

		public OrgUnits.Filter toFilter() {
			return new OrgUnits.Filter(q, kind, parent);
		}

		public PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, size == null ? 50 : size, sort == null ? "name" : sort,
					"desc".equals(dir));
		}
	}
}
