package org.bulwark.directory;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.shared.PageQuery;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
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

/** The people list, the person page, revealing identifiers and exporting lists. */
@Controller
@PreAuthorize("hasAuthority('PERM_PEOPLE_READ')")
class PeopleController {

	private final People people;
	private final PersonProfiles profiles;
	private final AuditLog audit;
	private final PeopleExport export;
	private final Duplicates duplicates;

	PeopleController(People people, PersonProfiles profiles, AuditLog audit, PeopleExport export, Duplicates duplicates) {
		this.duplicates = duplicates;
		this.people = people;
		this.profiles = profiles;
		this.audit = audit;
		this.export = export;
	}

	/** The whole page, or only the results when htmx asks (search as you type, paging, sorting). */
	@GetMapping("/people")
	String list(PersonListParams params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		CurrentUser user = CurrentUser.get();
		model.addAttribute("params", params);
		model.addAttribute("result", people.search(user, params.toFilter(), params.toPage()).map(PersonSummary::masked));
		model.addAttribute("populations", Population.values());
		return htmx != null && boosted == null ? "directory/people :: results" : "directory/people";
	}

	@GetMapping("/people/{id}")
	String show(@PathVariable long id, Model model) {
		PersonProfile profile = profiles.find(CurrentUser.get(), id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("profile", profile);
		model.addAttribute("person", profile.person().masked());
		model.addAttribute("version", profiles.version(id));
		model.addAttribute("mergedInto", duplicates.mergedInto(CurrentUser.get(), id).orElse(null));
		return "directory/person";
	}

	/** Shows the full ID and phone numbers of one person, and records that they were seen. */
	@PostMapping("/people/{id}/reveal")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_REVEAL')")
	String reveal(@PathVariable long id, Model model) {
		PersonSummary person = people.find(CurrentUser.get(), id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		audit.record(AuditAction.REVEAL, "person", id, "id number and phone of " + person.name());
		model.addAttribute("person", person);
		model.addAttribute("revealed", true);
		return "directory/person :: identifiers";
	}

	/** Streams the filtered list as xlsx or CSV. */
	@GetMapping("/people/export")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_EXPORT')")
	void export(PersonListParams params, @RequestParam(defaultValue = "xlsx") String format,
			@RequestParam(defaultValue = "false") boolean reveal, Locale locale, HttpServletResponse response)
			throws IOException {
		export.write(CurrentUser.get(), params.toFilter(), format, reveal, locale, response);
	}

	/** The query string of the people list. */
	public record PersonListParams(String q, Population population, Long orgUnit, Long place, String flag, String status,
			String sort, String dir, Integer page, Integer size) {

		public PersonFilter toFilter() {
			Boolean active = "all".equals(status) ? null : !"inactive".equals(status);
			return new PersonFilter(q, population, orgUnit, place, active, flag);
		}

		public PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, size == null ? 20 : size, sort == null ? "name" : sort,
					"desc".equals(dir));
		}
	}
}
