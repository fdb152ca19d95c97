package org.bulwark.directory;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "My people": everyone the signed-in person answers for, as a counselor, grid worker or member of
 * a "1+4" team, within their data scope. Exports are always masked.
 */
@Controller
@PreAuthorize("hasAuthority('PERM_PEOPLE_READ')")
class MyPeopleController {

	private final People people;
	private final Responsibilities responsibilities;
	private final PeopleExport export;

	MyPeopleController(People people, Responsibilities responsibilities, PeopleExport export) {
		this.people = people;
		this.responsibilities = responsibilities;
		this.export = export;
	}

	@GetMapping("/my-people")
	String list(PeopleController.PersonListParams params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		model.addAttribute("params", params);
		model.addAttribute("result", search(CurrentUser.get(), params));
		model.addAttribute("populations", Population.values());
		model.addAttribute("linked", CurrentUser.get().personId().isPresent());
		return htmx != null && boosted == null ? "directory/my-people :: results" : "directory/my-people";
	}

	@GetMapping("/my-people/export")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_EXPORT')")
	void export(PeopleController.PersonListParams params, @RequestParam(defaultValue = "xlsx") String format,
			Locale locale, HttpServletResponse response) throws IOException {
		CurrentUser user = CurrentUser.get();
		export.write(user, params.toFilter(), restriction(user), format, false, locale, response);
	}

	PageResult<PersonSummary> search(CurrentUser user, PeopleController.PersonListParams params) {
		return people.search(user, params.toFilter(), params.toPage(), restriction(user)).map(PersonSummary::masked);
	}

	/** A user not linked to a person answers for nobody. */
	People.Restriction restriction(CurrentUser user) {
		return user.personId().map(responsibilities::answeredBy)
			.orElse(new People.Restriction("1=0", java.util.List.of()));
	}
}
