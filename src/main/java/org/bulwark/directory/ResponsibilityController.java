package org.bulwark.directory;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.bulwark.directory.ResponsibilityRole.Target;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Grids and who answers for whom: the grid list and page, assignments in bulk, ending them. */
@Controller
class ResponsibilityController {

	private final Grids grids;
	private final Responsibilities responsibilities;
	private final ProblemMessages problems;
	private final ScopeFilter scopes;

	ResponsibilityController(Grids grids, Responsibilities responsibilities, ProblemMessages problems, ScopeFilter scopes) {
		this.scopes = scopes;
		this.grids = grids;
		this.responsibilities = responsibilities;
		this.problems = problems;
	}

	@GetMapping("/grids")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_READ')")
	String grids(@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, @RequestParam(defaultValue = "0") int page,
			@RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		model.addAttribute("q", q);
		model.addAttribute("result", grids.search(CurrentUser.get(), q, new PageQuery(page, 20,
				sort == null ? "name" : sort, "desc".equals(dir))));
		return htmx != null && boosted == null ? "directory/grids :: results" : "directory/grids";
	}

	@PostMapping("/grids")
	@PreAuthorize("hasAuthority('PERM_RESPONSIBILITY_WRITE')")
	String create(@RequestParam(required = false) String code, @RequestParam(required = false) String name,
			Locale locale, RedirectAttributes redirect) {
		Residences.Outcome outcome = grids.create(CurrentUser.get(), code, name);
		if (outcome.saved()) {
			redirect.addFlashAttribute("notice", "grid.saved");
			return "redirect:/grids/" + outcome.id();
		}
		redirect.addFlashAttribute("error", problems.describe(outcome.problems(), locale));
		return "redirect:/grids";
	}

	@GetMapping("/grids/{id}")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_READ')")
	String grid(@PathVariable long id, Model model) {
		CurrentUser user = CurrentUser.get();
		var grid = grids.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("grid", grid);
		model.addAttribute("places", grids.places(id));
		model.addAttribute("orgUnits", grids.orgUnits(id));
		var team = responsibilities.search(user, null, null, Target.GRID, id, new PageQuery(0, 200, "name", false)).items();
		model.addAttribute("team", team);
		java.util.List<Long> people = new java.util.ArrayList<>(team.stream().map(a -> a.personId()).toList());
		if (grid.leaderPersonId() != null) {
			people.add(grid.leaderPersonId());
		}
		model.addAttribute("reachable", scopes.reachable(user, ScopeFilter.Records.PEOPLE, people));
		model.addAttribute("roles", java.util.List.of(ResponsibilityRole.GRID_MEMBER, ResponsibilityRole.DOCTOR,
				ResponsibilityRole.PARTY_CADRE, ResponsibilityRole.PROPERTY_WORKER, ResponsibilityRole.UNIT_LIAISON));
		return "directory/grid";
	}

	@PostMapping("/grids/{id}")
	@PreAuthorize("hasAuthority('PERM_RESPONSIBILITY_WRITE')")
	String update(@PathVariable long id, @RequestParam int version, @RequestParam(required = false) String name,
			@RequestParam(required = false) String leaderCode, Locale locale, RedirectAttributes redirect) {
		return done(grids.update(CurrentUser.get(), id, version, name, leaderCode), id, locale, redirect);
	}

	/** Adds a place or an org unit to the grid by its code. */
	@PostMapping("/grids/{id}/parts")
	@PreAuthorize("hasAuthority('PERM_RESPONSIBILITY_WRITE')")
	String addPart(@PathVariable long id, @RequestParam String kind, @RequestParam(required = false) String code,
			Locale locale, RedirectAttributes redirect) {
		return done(grids.addPart(CurrentUser.get(), id, "place".equals(kind) ? "place" : "org_unit", code), id, locale,
				redirect);
	}

	@PostMapping("/grids/{id}/parts/remove")
	@PreAuthorize("hasAuthority('PERM_RESPONSIBILITY_WRITE')")
	String removePart(@PathVariable long id, @RequestParam String kind, @RequestParam long partId, Locale locale,
			RedirectAttributes redirect) {
		return done(grids.removePart(CurrentUser.get(), id, "place".equals(kind) ? "place" : "org_unit", partId), id,
				locale, redirect);
	}

	@GetMapping("/responsibilities")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_READ')")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) ResponsibilityRole role,
			@RequestParam(required = false) Target target, @RequestParam(defaultValue = "0") int page,
			@RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		model.addAttribute("q", q);
		model.addAttribute("role", role);
		model.addAttribute("target", target);
		model.addAttribute("roles", ResponsibilityRole.values());
		model.addAttribute("targets", Target.values());
		model.addAttribute("teamRoles", ResponsibilityRules.TEAM);
		model.addAttribute("result", responsibilities.search(CurrentUser.get(), q, role, target, null,
				new PageQuery(page, 20, "name", false)));
		return htmx != null && boosted == null ? "directory/responsibilities :: results" : "directory/responsibilities";
	}

	/** One person in one role for many targets, given by their codes; {@code back} returns to a grid page. */
	@PostMapping("/responsibilities")
	@PreAuthorize("hasAuthority('PERM_RESPONSIBILITY_WRITE')")
	String assign(@RequestParam(required = false) String personCode, @RequestParam(required = false) ResponsibilityRole role,
			@RequestParam(required = false) Target target, @RequestParam(defaultValue = "") String targetCodes,
			@RequestParam(required = false) String back, Locale locale, RedirectAttributes redirect) {
		Residences.Outcome outcome = responsibilities.assign(CurrentUser.get(), personCode, role, target,
				ResidenceController.codes(targetCodes));
		return respond(outcome, back, locale, redirect);
	}

	/** The "1+4" team for every household of a building. */
	@PostMapping("/responsibilities/team")
	@PreAuthorize("hasAuthority('PERM_RESPONSIBILITY_WRITE')")
	String assignTeam(@RequestParam(required = false) String placeCode, @RequestParam(required = false) String DOCTOR,
			@RequestParam(required = false) String PARTY_CADRE, @RequestParam(required = false) String PROPERTY_WORKER,
			@RequestParam(required = false) String UNIT_LIAISON, Locale locale, RedirectAttributes redirect) {
		Map<ResponsibilityRole, String> team = new EnumMap<>(ResponsibilityRole.class);
		team.put(ResponsibilityRole.DOCTOR, DOCTOR);
		team.put(ResponsibilityRole.PARTY_CADRE, PARTY_CADRE);
		team.put(ResponsibilityRole.PROPERTY_WORKER, PROPERTY_WORKER);
		team.put(ResponsibilityRole.UNIT_LIAISON, UNIT_LIAISON);
		return respond(responsibilities.assignTeamToHouseholds(CurrentUser.get(), placeCode, team), null, locale,
				redirect);
	}

	@PostMapping("/responsibilities/{id}/revoke")
	@PreAuthorize("hasAuthority('PERM_RESPONSIBILITY_WRITE')")
	String revoke(@PathVariable long id, @RequestParam(required = false) String back, Locale locale,
			RedirectAttributes redirect) {
		Residences.Outcome outcome = responsibilities.revoke(CurrentUser.get(), id);
		if (outcome.notFound()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return respond(outcome, back, locale, redirect);
	}

	private String respond(Residences.Outcome outcome, String back, Locale locale, RedirectAttributes redirect) {
		if (outcome.saved()) {
			redirect.addFlashAttribute("notice", "responsibility.saved");
		} else {
			redirect.addFlashAttribute("error", problems.describe(outcome.problems(), locale));
		}
		return "redirect:" + (back != null && back.matches("/grids/\\d+") ? back : "/responsibilities");
	}

	private String done(Residences.Outcome outcome, long id, Locale locale, RedirectAttributes redirect) {
		if (outcome.notFound()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		if (outcome.saved()) {
			redirect.addFlashAttribute("notice", "grid.saved");
		} else {
			redirect.addFlashAttribute("error", problems.describe(outcome.problems(), locale));
		}
		return "redirect:/grids/" + id;
	}
}
