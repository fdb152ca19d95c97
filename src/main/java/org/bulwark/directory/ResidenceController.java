package org.bulwark.directory;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.bulwark.shared.PageQuery;
import org.bulwark.system.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Who lives where: the residents part of a place page, moving people in and out from the place,
 * the person and the household pages, and filling a building's free beds in one step.
 */
@Controller
class ResidenceController {

	private final Residences residences;
	private final Households households;
	private final Places places;
	private final People people;
	private final ProblemMessages problems;

	ResidenceController(Residences residences, Households households, Places places, People people,
			ProblemMessages problems) {
		this.residences = residences;
		this.households = households;
		this.places = places;
		this.people = people;
		this.problems = problems;
	}

	/** The residents of a place's subtree with counts and free beds, loaded into the place page. */
	@GetMapping("/places/{id}/residents")
	@PreAuthorize("hasAuthority('PERM_PLACES_READ') and hasAuthority('PERM_PEOPLE_READ')")
	String residents(@PathVariable long id, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page, Model model) {
		CurrentUser user = CurrentUser.get();
		PlaceSummary place = places.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("place", place);
		model.addAttribute("q", q);
		model.addAttribute("occupancy", residences.occupancy(id));
		model.addAttribute("residents", residences.residents(user, id, q, new PageQuery(page, 20, "room", false)));
		model.addAttribute("freeBeds", place.kind() == PlaceKind.ROOM ? residences.freeBeds(place) : List.of());
		model.addAttribute("households", households.in(user, id));
		model.addAttribute("today", LocalDate.now());
		return "directory/_residents :: residents";
	}

	@PostMapping("/places/{id}/move-in")
	@PreAuthorize("hasAuthority('PERM_RESIDENCES_WRITE')")
	String moveInHere(@PathVariable long id, @RequestParam(required = false) String personCode,
			@RequestParam(required = false) String bed, @RequestParam(required = false) LocalDate movedIn, Locale locale,
			RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		visiblePlace(user, id);
		var person = residences.personByCode(user, personCode);
		Residences.Outcome outcome = person.isEmpty()
				? Residences.Outcome.rejected(FieldProblem.of("person", personCode == null || personCode.isBlank()
						? "required" : "unknownCode", personCode == null ? "" : personCode.strip()))
				: residences.moveIn(user, person.get().id(), id, bed, null, movedIn);
		return done(outcome, "/places/" + id, "residence.movedIn", locale, redirect);
	}

	@PostMapping("/people/{id}/move-in")
	@PreAuthorize("hasAuthority('PERM_RESIDENCES_WRITE')")
	String moveInPerson(@PathVariable long id, @RequestParam(required = false) String roomCode,
			@RequestParam(required = false) String bed, @RequestParam(required = false) LocalDate movedIn, Locale locale,
			RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		visiblePerson(user, id);
		var room = residences.roomByCode(user, roomCode);
		Residences.Outcome outcome = room.isEmpty()
				? Residences.Outcome.rejected(FieldProblem.of("place", roomCode == null || roomCode.isBlank()
						? "required" : "unknownRoom", roomCode == null ? "" : roomCode.strip()))
				: residences.moveIn(user, id, room.get().id(), bed, null, movedIn);
		return done(outcome, "/people/" + id, "residence.movedIn", locale, redirect);
	}

	/** Ends the current residence; {@code back} is the page to return to (a place or household). */
	@PostMapping("/people/{id}/move-out")
	@PreAuthorize("hasAuthority('PERM_RESIDENCES_WRITE')")
	String moveOut(@PathVariable long id, @RequestParam(required = false) LocalDate movedOut,
			@RequestParam(required = false) String back, Locale locale, RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		visiblePerson(user, id);
		String target = back != null && back.matches("/(places|households|people)/\\d+") ? back : "/people/" + id;
		return done(residences.moveOut(user, id, movedOut), target, "residence.movedOut", locale, redirect);
	}

	/** The residence actions of the person page: move in, move out. */
	@GetMapping("/people/{id}/residence")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_READ')")
	String personResidence(@PathVariable long id, Model model) {
		CurrentUser user = CurrentUser.get();
		model.addAttribute("personId", id);
		model.addAttribute("periods", residences.history(user, id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		model.addAttribute("current", residences.current(id));
		model.addAttribute("today", LocalDate.now());
		return "directory/_residents :: personResidence";
	}

	// ---- bulk ----

	@GetMapping("/places/{id}/bulk-assign")
	@PreAuthorize("hasAuthority('PERM_RESIDENCES_WRITE')")
	String bulkForm(@PathVariable long id, Model model) {
		return bulkPage(id, "", LocalDate.now(), null, model);
	}

	/** Shows who would go where; nothing is written. */
	@PostMapping("/places/{id}/bulk-assign/preview")
	@PreAuthorize("hasAuthority('PERM_RESIDENCES_WRITE')")
	String bulkPreview(@PathVariable long id, @RequestParam(defaultValue = "") String codes,
			@RequestParam(required = false) LocalDate movedIn, Model model) {
		CurrentUser user = CurrentUser.get();
		visiblePlace(user, id);
		return bulkPage(id, codes, movedIn, residences.plan(user, codes(codes), id), model);
	}

	@PostMapping("/places/{id}/bulk-assign")
	@PreAuthorize("hasAuthority('PERM_RESIDENCES_WRITE')")
	String bulkAssign(@PathVariable long id, @RequestParam(defaultValue = "") String codes,
			@RequestParam(required = false) LocalDate movedIn, Locale locale, Model model, RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		visiblePlace(user, id);
		Residences.Outcome outcome = residences.assignBulk(user, codes(codes), id, movedIn);
		if (outcome.notFound()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		if (outcome.saved()) {
			redirect.addFlashAttribute("notice", "residence.bulk.done");
			return "redirect:/places/" + id;
		}
		model.addAttribute("error", problems.describe(outcome.problems(), locale));
		return bulkPage(id, codes, movedIn, residences.plan(user, codes(codes), id), model);
	}

	/** Codes of people without a residence in an org unit's subtree, to paste into the bulk form. */
	@GetMapping("/places/{id}/bulk-assign/candidates")
	@PreAuthorize("hasAuthority('PERM_RESIDENCES_WRITE')")
	String candidates(@PathVariable long id, @RequestParam(required = false) Long orgUnit,
			@RequestParam(required = false) Population population, Model model) {
		CurrentUser user = CurrentUser.get();
		visiblePlace(user, id);
		StringBuilder codes = new StringBuilder();
		people.stream(user, new PersonFilter(null, population, orgUnit, null, true, null), p -> {
			if (p.residencePlaceId() == null && p.code() != null && codes.length() < 20_000) {
				codes.append(p.code()).append('\n');
			}
		});
		model.addAttribute("codes", codes.toString());
		return "directory/bulk-assign :: codes";
	}

	private String bulkPage(long id, String codes, LocalDate movedIn, Residences.BulkPlan plan, Model model) {
		CurrentUser user = CurrentUser.get();
		PlaceSummary place = places.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("place", place);
		model.addAttribute("codes", codes);
		model.addAttribute("movedIn", movedIn == null ? LocalDate.now() : movedIn);
		model.addAttribute("plan", plan);
		model.addAttribute("occupancy", residences.occupancy(id));
		model.addAttribute("populations", Population.values());
		return "directory/bulk-assign";
	}

	// ---- households ----

	@PostMapping("/places/{id}/households")
	@PreAuthorize("hasAuthority('PERM_RESIDENCES_WRITE')")
	String createHousehold(@PathVariable long id, @RequestParam(required = false) String code, Locale locale,
			RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		visiblePlace(user, id);
		Residences.Outcome outcome = households.create(user, id, code);
		if (outcome.saved()) {
			redirect.addFlashAttribute("notice", "household.saved");
			return "redirect:/households/" + outcome.id();
		}
		return done(outcome, "/places/" + id, "household.saved", locale, redirect);
	}

	@GetMapping("/households/{id}")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_READ') and hasAuthority('PERM_PLACES_READ')")
	String household(@PathVariable long id, Model model) {
		CurrentUser user = CurrentUser.get();
		Households.Household household = households.find(user, id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("household", household);
		model.addAttribute("placeLabel", residences.label(household.placeId()));
		model.addAttribute("members", households.members(id));
		model.addAttribute("today", LocalDate.now());
		return "directory/household";
	}

	@PostMapping("/households/{id}/members")
	@PreAuthorize("hasAuthority('PERM_RESIDENCES_WRITE')")
	String addMember(@PathVariable long id, @RequestParam(required = false) String personCode,
			@RequestParam(required = false) LocalDate movedIn, Locale locale, RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		households.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		var person = residences.personByCode(user, personCode);
		Residences.Outcome outcome = person.isEmpty()
				? Residences.Outcome.rejected(FieldProblem.of("person", personCode == null || personCode.isBlank()
						? "required" : "unknownCode", personCode == null ? "" : personCode.strip()))
				: residences.moveIn(user, person.get().id(), null, null, id, movedIn);
		return done(outcome, "/households/" + id, "residence.movedIn", locale, redirect);
	}

	@PostMapping("/households/{id}/head")
	@PreAuthorize("hasAuthority('PERM_RESIDENCES_WRITE')")
	String setHead(@PathVariable long id, @RequestParam int version, @RequestParam long personId, Locale locale,
			RedirectAttributes redirect) {
		return done(households.setHead(CurrentUser.get(), id, version, personId), "/households/" + id,
				"household.saved", locale, redirect);
	}

	private String done(Residences.Outcome outcome, String back, String notice, Locale locale,
			RedirectAttributes redirect) {
		if (outcome.saved()) {
			redirect.addFlashAttribute("notice", notice);
		} else if (outcome.problems().stream().anyMatch(p -> p.code().equals("notFound")
				&& (p.field().equals("person") || p.field().equals("household")) && !back.startsWith("/places/"))) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		} else {
			redirect.addFlashAttribute("error", problems.describe(outcome.problems(), locale));
		}
		return "redirect:" + back;
	}

	private void visiblePlace(CurrentUser user, long id) {
		if (places.find(user, id).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

	private void visiblePerson(CurrentUser user, long id) {
		if (people.find(user, id).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

	/** Codes pasted one per line, or separated by commas, spaces or tabs (as copied from a sheet). */
	static List<String> codes(String text) {
		return Arrays.stream(text.split("[\\s,;，；]+")).map(String::strip).filter(s -> !s.isEmpty()).distinct()
			.limit(2000).toList();
	}
}
