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

/** The place tree: browse from the campus down to a room, see who lives there. */
@Controller
@PreAuthorize("hasAuthority('PERM_PLACES_READ')")
class PlacesController {

	private final Places places;
	private final ScopeFilter scopes;

	PlacesController(Places places, ScopeFilter scopes) {
		this.places = places;
		this.scopes = scopes;
	}

	@GetMapping("/places")
	String list(Params params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		model.addAttribute("params", params);
		model.addAttribute("result", places.search(CurrentUser.get(), params.toFilter(), params.toPage()));
		model.addAttribute("kinds", PlaceKind.values());
		model.addAttribute("usages", PlaceUsage.values());
		return htmx != null && boosted == null ? "directory/places :: results" : "directory/places";
	}

	@GetMapping("/places/{id}")
	String show(@PathVariable long id, Params params, Model model) {
		CurrentUser user = CurrentUser.get();
		PlaceSummary place = places.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("place", place);
		List<PlaceSummary> trail = places.trail(id);
		model.addAttribute("trail", trail);
		model.addAttribute("reachable", scopes.reachable(user, ScopeFilter.Records.PLACES,
				trail.stream().map(PlaceSummary::id).toList()));
		long[] occupancy = places.occupancy(id);
		model.addAttribute("residents", occupancy[0]);
		model.addAttribute("beds", occupancy[1]);
		model.addAttribute("params", params);
		model.addAttribute("kinds", PlaceKind.values());
		model.addAttribute("usages", PlaceUsage.values());
		model.addAttribute("children", places.search(user, new Places.Filter(null, null, null, id), params.toPage()));
		return "directory/place";
	}

	public record Params(String q, PlaceKind kind, PlaceUsage usage, Long parent, String sort, String dir,
			Integer page, Integer size) {

		public Places.Filter toFilter() {
			return new Places.Filter(q, kind, usage, parent);
		}

		public PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, size == null ? 50 : size, sort == null ? "name" : sort,
					"desc".equals(dir));
		}
	}
}
