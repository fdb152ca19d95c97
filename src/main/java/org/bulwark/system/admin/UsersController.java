package org.bulwark.system.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Accounts: list, create (people and integrations), edit roles and scope, enable, reset, unlock. */
@Controller
@PreAuthorize("hasAuthority('PERM_USERS_MANAGE')")
@Tag(name = "Users", description = "Accounts of the caller's school")
class UsersController {

	private final UserAdmin users;
	private final MessageSource messages;

	UsersController(UserAdmin users, MessageSource messages) {
		this.users = users;
		this.messages = messages;
	}

	@GetMapping("/system/users")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) String role,
			@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
			@RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		long schoolId = CurrentUser.get().schoolId();
		Boolean enabled = "enabled".equals(status) ? Boolean.TRUE : "disabled".equals(status) ? Boolean.FALSE : null;
		model.addAttribute("result", users.search(schoolId, q, role, enabled, new PageQuery(page, 50, "username", false)));
		model.addAttribute("roles", users.roles(schoolId));
		model.addAttribute("q", q);
		model.addAttribute("role", role);
		model.addAttribute("status", status);
		return htmx != null && boosted == null ? "system/users :: results" : "system/users";
	}

	@GetMapping("/system/users/new")
	String newForm(Model model) {
		return form(model, new UserAdmin.UserDetail(0, "", "", "HUMAN", true, false, Set.of(), "", 0, null), Map.of());
	}

	@PostMapping("/system/users")
	String create(@RequestParam String username, @RequestParam String displayName,
			@RequestParam(defaultValue = "HUMAN") String kind, @RequestParam(required = false) String password,
			@RequestParam(required = false) Set<String> roles, @RequestParam(required = false) String scopes,
			Model model, Locale locale, RedirectAttributes redirect) {
		boolean integration = "INTEGRATION".equals(kind);
		UserAdmin.Outcome outcome = users.create(CurrentUser.get(), username, displayName, integration, password, roles,
				scopes);
		if (outcome.saved()) {
			redirect.addFlashAttribute("notice", "users.saved");
			return "redirect:/system/users/" + outcome.id();
		}
		return form(model, new UserAdmin.UserDetail(0, username, displayName, kind, true, false,
				roles == null ? Set.of() : roles, scopes == null ? "" : scopes, 0, null), errors(outcome, locale));
	}

	@GetMapping("/system/users/{id}")
	String edit(@PathVariable long id, Model model) {
		return form(model, load(id), Map.of());
	}

	@PostMapping("/system/users/{id}")
	String update(@PathVariable long id, @RequestParam int version, @RequestParam String displayName,
			@RequestParam(defaultValue = "false") boolean enabled, @RequestParam(required = false) Set<String> roles,
			@RequestParam(required = false) String scopes, Model model, Locale locale, RedirectAttributes redirect) {
		UserAdmin.UserDetail current = load(id);
		UserAdmin.Outcome outcome = users.update(CurrentUser.get(), id, version, displayName, enabled, roles, scopes);
		if (outcome.saved()) {
			redirect.addFlashAttribute("notice", "users.saved");
			return "redirect:/system/users/" + id;
		}
		UserAdmin.UserDetail typed = new UserAdmin.UserDetail(id, current.username(), displayName, current.kind(), enabled,
				current.locked(), roles == null ? Set.of() : roles, scopes == null ? "" : scopes, version, current.personId());
		return form(model, typed, outcome.conflict()
				? Map.of("form", List.of(messages.getMessage("validation.conflict", null, locale))) : errors(outcome, locale));
	}

	@PostMapping("/system/users/{id}/password")
	String resetPassword(@PathVariable long id, @RequestParam String password, Locale locale,
			RedirectAttributes redirect) {
		load(id);
		UserAdmin.Outcome outcome = users.resetPassword(CurrentUser.get(), id, password);
		if (outcome.saved()) {
			redirect.addFlashAttribute("notice", "users.passwordReset");
		} else {
			redirect.addFlashAttribute("error", messages.getMessage(outcome.problems().get(0)[1],
					new Object[] {UserAdmin.MIN_PASSWORD}, locale));
		}
		return "redirect:/system/users/" + id;
	}

	@PostMapping("/system/users/{id}/unlock")
	String unlock(@PathVariable long id, RedirectAttributes redirect) {
		if (!users.unlock(CurrentUser.get(), id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("notice", "users.unlocked");
		return "redirect:/system/users/" + id;
	}

	@GetMapping("/api/v1/system/users")
	@ResponseBody
	@Operation(summary = "List accounts", description = "q: part of the username or display name")
	PageResult<UserAdmin.UserRow> api(@RequestParam(required = false) String q,
			@RequestParam(required = false) String role, @RequestParam(defaultValue = "0") int page) {
		return users.search(CurrentUser.get().schoolId(), q, role, null, new PageQuery(page, 50, "username", false));
	}

	private UserAdmin.UserDetail load(long id) {
		return users.find(CurrentUser.get().schoolId(), id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private String form(Model model, UserAdmin.UserDetail user, Map<String, List<String>> errors) {
		model.addAttribute("user", user);
		model.addAttribute("roles", users.roles(CurrentUser.get().schoolId()));
		model.addAttribute("errors", errors);
		model.addAttribute("minPassword", UserAdmin.MIN_PASSWORD);
		return "system/user";
	}

	private Map<String, List<String>> errors(UserAdmin.Outcome outcome, Locale locale) {
		Map<String, List<String>> errors = new LinkedHashMap<>();
		for (String[] p : outcome.problems()) {
			errors.computeIfAbsent(p[0], k -> new java.util.ArrayList<>())
				.add(messages.getMessage(p[1], new Object[] {UserAdmin.MIN_PASSWORD}, p[1], locale));
		}
		return errors;
	}
}
