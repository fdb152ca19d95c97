package org.bulwark.system.admin;

import java.util.Locale;
import java.util.Set;

import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.springframework.context.MessageSource;
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

/** The role × permission matrix. */
@Controller
@PreAuthorize("hasAuthority('PERM_ROLES_MANAGE')")
class RolesController {

	private final RoleAdmin roles;
	private final MessageSource messages;

	RolesController(RoleAdmin roles, MessageSource messages) {
		this.roles = roles;
		this.messages = messages;
	}

	@GetMapping("/system/roles")
	String page(Model model) {
		model.addAttribute("roles", roles.list(CurrentUser.get().schoolId()));
		model.addAttribute("permissions", Permission.values());
		return "system/roles";
	}

	@PostMapping("/system/roles/{id}")
	String save(@PathVariable long id, @RequestParam(required = false) Set<String> permissions,
			RedirectAttributes redirect) {
		if (!roles.setPermissions(CurrentUser.get().schoolId(), id, permissions)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("notice", "roles.saved");
		return "redirect:/system/roles";
	}

	@PostMapping("/system/roles")
	String create(@RequestParam String code, @RequestParam String name, Locale locale, RedirectAttributes redirect) {
		Object result = roles.create(CurrentUser.get().schoolId(), code, name);
		if (result instanceof String key) {
			redirect.addFlashAttribute("error", messages.getMessage(key, new Object[] {code}, locale));
		} else {
			redirect.addFlashAttribute("notice", "roles.saved");
		}
		return "redirect:/system/roles";
	}

	@PostMapping("/system/roles/{id}/delete")
	String delete(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
		String problem = roles.delete(CurrentUser.get().schoolId(), id);
		if (problem != null) {
			redirect.addFlashAttribute("error", messages.getMessage(problem, null, locale));
		} else {
			redirect.addFlashAttribute("notice", "roles.deleted");
		}
		return "redirect:/system/roles";
	}
}
