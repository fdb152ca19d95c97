package org.bulwark.directory;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.stream.Collectors;

import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The forms that add, rename, deactivate and reactivate org units and places, and build buildings. */
@Controller
class TreeEditController {

	private final TreeEditing editing;
	private final MessageSource messages;

	TreeEditController(TreeEditing editing, MessageSource messages) {
		this.editing = editing;
		this.messages = messages;
	}

	@PostMapping("/org-units")
	@PreAuthorize("hasAuthority('PERM_ORG_UNITS_WRITE')")
	String addOrgUnit(@RequestParam(required = false) Long parentId, @RequestParam(required = false) OrgUnitKind kind,
			@RequestParam String code, @RequestParam String name, Locale locale, RedirectAttributes redirect) {
		return outcome(editing.addOrgUnit(CurrentUser.get(), parentId, kind, code, name), "/org-units", parentId, locale,
				redirect);
	}

	@PostMapping("/places")
	@PreAuthorize("hasAuthority('PERM_PLACES_WRITE')")
	String addPlace(@RequestParam(required = false) Long parentId, @RequestParam(required = false) PlaceKind kind,
			@RequestParam(required = false) PlaceUsage usage, @RequestParam String code, @RequestParam String name,
			@RequestParam(required = false) Integer capacity, Locale locale, RedirectAttributes redirect) {
		return outcome(editing.addPlace(CurrentUser.get(), parentId, kind, usage, code, name, capacity), "/places",
				parentId, locale, redirect);
	}

	@PostMapping("/places/building")
	@PreAuthorize("hasAuthority('PERM_PLACES_WRITE')")
	String addBuilding(@RequestParam Long parentId, BuildingPattern pattern, Locale locale, RedirectAttributes redirect) {
		try {
			return outcome(editing.addBuilding(CurrentUser.get(), parentId, pattern), "/places", parentId, locale,
					redirect);
		} catch (TreeEditing.PatternClash e) {
			redirect.addFlashAttribute("error", messages.getMessage("validation.codesTaken", new Object[] {e.getMessage()},
					locale));
			return "redirect:/places/" + parentId;
		}
	}

	@PostMapping({"/places/{id}/rename", "/org-units/{id}/rename"})
	String rename(@PathVariable long id, @RequestParam String name,
			HttpServletRequest request,
			RedirectAttributes redirect) {
		String table = table(request.getServletPath());
		if (!editing.rename(CurrentUser.get(), table, id, name)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("notice", "tree.saved");
		return "redirect:" + base(table) + "/" + id;
	}

	@PostMapping({"/places/{id}/active", "/org-units/{id}/active"})
	String setActive(@PathVariable long id, @RequestParam boolean active,
			HttpServletRequest request,
			RedirectAttributes redirect) {
		String table = table(request.getServletPath());
		if (!editing.setActive(CurrentUser.get(), table, id, active)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("notice", "tree.saved");
		return "redirect:" + base(table) + "/" + id;
	}

	/** Checks the write permission of the tree the path belongs to. */
	private static String table(String path) {
		CurrentUser user = CurrentUser.get();
		String table = path.startsWith("/places") ? "place" : "org_unit";
		String permission = table.equals("place") ? "PLACES_WRITE" : "ORG_UNITS_WRITE";
		if (!user.can(permission)) {
			throw new org.springframework.security.access.AccessDeniedException(permission);
		}
		return table;
	}

	private static String base(String table) {
		return table.equals("place") ? "/places" : "/org-units";
	}

	private String outcome(TreeEditing.Result result, String base, Long parentId, Locale locale,
			RedirectAttributes redirect) {
		if (result.saved()) {
			redirect.addFlashAttribute("notice", "tree.saved");
			return "redirect:" + base + "/" + result.id();
		}
		if (result.problems().stream().anyMatch(p -> p.field().equals("parent") && p.code().equals("outOfScope"))
				&& parentId != null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("error", describe(result.problems(), locale));
		return "redirect:" + base + (parentId == null ? "" : "/" + parentId);
	}

	private String describe(List<FieldProblem> problems, Locale locale) {
		return problems.stream()
			.map(p -> messages.getMessage("field." + p.field(), null, p.field(), locale) + ": "
					+ messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale))
			.collect(Collectors.joining(" "));
	}
}
