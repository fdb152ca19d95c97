package org.bulwark.directory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bulwark.system.AuditHistory;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;

/** Adding and editing people, deactivating and reactivating them, and their change history. */
@Controller
class PersonEditController {

	private final PersonEditing editing;
	private final People people;
	private final OrgUnits orgUnits;
	private final AuditHistory history;
	private final MessageSource messages;
	private final Duplicates duplicates;

	PersonEditController(PersonEditing editing, People people, OrgUnits orgUnits, AuditHistory history,
			MessageSource messages, Duplicates duplicates) {
		this.duplicates = duplicates;
		this.editing = editing;
		this.people = people;
		this.orgUnits = orgUnits;
		this.history = history;
		this.messages = messages;
	}

	@GetMapping("/people/new")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_WRITE')")
	String newForm(Model model) {
		return form(model, new PersonForm(null, null, null, IdType.RESIDENT_ID, null, null, null, null, "CHN", null, null,
				false, false, false, false), null, null, Map.of());
	}

	@PostMapping("/people")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_WRITE')")
	String create(PersonForm form, Model model, Locale locale, RedirectAttributes redirect) {
		PersonEditing.Result result = editing.create(CurrentUser.get(), form);
		if (result instanceof PersonEditing.Saved saved) {
			redirect.addFlashAttribute("notice", "person.saved");
			return "redirect:/people/" + saved.id();
		}
		return form(model, form, null, null, errors(((PersonEditing.Rejected) result).problems(), locale));
	}

	@GetMapping("/people/{id}/edit")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_WRITE')")
	String editForm(@PathVariable long id, Model model) {
		visible(id);
		PersonData d = editing.load(id);
		PersonForm form = new PersonForm(d.code(), d.name(), d.population(), d.idType(), d.idNumber(), d.phone(),
				d.gender(), d.birthDate(), d.nationality(), d.language(), d.orgUnitId(), d.livingAlone(), d.bedridden(),
				d.noSmartphone(), d.abroad());
		return form(model, form, id, editing.version(id), Map.of());
	}

	@PostMapping("/people/{id}")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_WRITE')")
	String update(@PathVariable long id, @RequestParam int version, PersonForm form, Model model, Locale locale,
			RedirectAttributes redirect) {
		PersonEditing.Result result = editing.update(CurrentUser.get(), id, version, form);
		if (result instanceof PersonEditing.Saved) {
			redirect.addFlashAttribute("notice", "person.saved");
			return "redirect:/people/" + id;
		}
		if (result instanceof PersonEditing.Rejected rejected) {
			if (rejected.problems().stream().anyMatch(p -> p.code().equals("notFound"))) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			return form(model, form, id, version, errors(rejected.problems(), locale));
		}
		return form(model, form, id, version, Map.of("form", List.of(msg("validation.conflict", locale))));
	}

	@PostMapping("/people/{id}/active")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_WRITE')")
	String setActive(@PathVariable long id, @RequestParam int version, @RequestParam boolean active,
			@RequestParam(required = false) String reason, Locale locale, RedirectAttributes redirect) {
		PersonEditing.Result result = editing.setActive(CurrentUser.get(), id, version, active, reason);
		if (result instanceof PersonEditing.Saved) {
			redirect.addFlashAttribute("notice", active ? "person.reactivated" : "person.deactivated");
		} else if (result instanceof PersonEditing.Rejected rejected) {
			if (rejected.problems().stream().anyMatch(p -> p.code().equals("notFound"))) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			redirect.addFlashAttribute("error", msg("validation.reasonRequired", locale));
		} else {
			redirect.addFlashAttribute("error", msg("validation.conflict", locale));
		}
		return "redirect:/people/" + id;
	}

	@GetMapping("/people/{id}/history")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_READ')")
	String history(@PathVariable long id, Model model) {
		visible(id);
		// a lead record shows the history of the records merged into it as well
		List<AuditHistory.Entry> entries = new java.util.ArrayList<>(history.of(CurrentUser.get().schoolId(), "person", id, 100));
		for (long merged : duplicates.mergedFrom(id)) {
			entries.addAll(history.of(CurrentUser.get().schoolId(), "person", merged, 100));
		}
		entries.sort(java.util.Comparator.comparing(AuditHistory.Entry::occurredAt).reversed());
		model.addAttribute("entries", entries);
		return "directory/_person-parts :: history";
	}

	/** Org units in the editor's scope matching what they type, as options of the unit select. */
	@GetMapping("/people/org-unit-options")
	@PreAuthorize("hasAnyAuthority('PERM_PEOPLE_WRITE', 'PERM_RESIDENCES_WRITE')")
	String orgUnitOptions(@RequestParam(defaultValue = "") String orgUnitQuery, Model model) {
		model.addAttribute("options", orgUnits.search(CurrentUser.get(), new OrgUnits.Filter(orgUnitQuery, null, null),
				new org.bulwark.shared.PageQuery(0, 50, "name", false)).items());
		return "directory/_person-parts :: options";
	}

	private void visible(long id) {
		if (people.find(CurrentUser.get(), id).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

	private String form(Model model, PersonForm form, Long id, Integer version, Map<String, List<String>> errors) {
		model.addAttribute("form", form);
		model.addAttribute("personId", id);
		model.addAttribute("version", version);
		model.addAttribute("errors", errors);
		model.addAttribute("populations", Population.values());
		model.addAttribute("idTypes", IdType.values());
		model.addAttribute("currentOrgUnit", form.orgUnitId() == null ? null
				: orgUnits.find(CurrentUser.get(), form.orgUnitId()).orElse(null));
		return "directory/person-edit";
	}

	private Map<String, List<String>> errors(List<FieldProblem> problems, Locale locale) {
		Map<String, List<String>> errors = new LinkedHashMap<>();
		for (FieldProblem p : problems) {
			errors.computeIfAbsent(p.field(), f -> new java.util.ArrayList<>())
				.add(messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale));
		}
		return errors;
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
