package org.bulwark.system.admin;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.system.CurrentUser;
import org.bulwark.system.UserAccounts;
import org.bulwark.system.security.ApiTokens;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** API tokens: issue for an account (the secret is shown once), list, revoke. */
@Controller
@PreAuthorize("hasAuthority('PERM_TOKENS_MANAGE')")
@Tag(name = "Tokens", description = "API tokens of the caller's school")
class TokensController {

	private final ApiTokens tokens;
	private final UserAccounts accounts;
	private final JdbcClient jdbc;
	private final MessageSource messages;

	TokensController(ApiTokens tokens, UserAccounts accounts, JdbcClient jdbc, MessageSource messages) {
		this.tokens = tokens;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.messages = messages;
	}

	@GetMapping("/system/tokens")
	String page(@RequestParam(required = false) String user, Model model) {
		model.addAttribute("tokens", tokens.list(CurrentUser.get().schoolId()));
		model.addAttribute("holder", user);
		return "system/tokens";
	}

	@PostMapping("/system/tokens")
	String issue(@RequestParam String holder, @RequestParam String name,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expires,
			Locale locale, RedirectAttributes redirect) {
		Object result = issue(holder, name, expires);
		if (result instanceof String key) {
			redirect.addFlashAttribute("error", messages.getMessage(key, null, locale));
		} else {
			redirect.addFlashAttribute("secret", ((ApiTokens.IssuedToken) result).secret());
		}
		return "redirect:/system/tokens";
	}

	@PostMapping("/system/tokens/{id}/revoke")
	String revoke(@PathVariable long id, RedirectAttributes redirect) {
		if (!tokens.revoke(CurrentUser.get().schoolId(), id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("notice", "tokens.revoked");
		return "redirect:/system/tokens";
	}

	@PostMapping("/api/v1/system/tokens")
	@ResponseBody
	@Operation(summary = "Issue a token for an account", description = "The secret is in the answer, and only there.")
	ResponseEntity<?> apiIssue(@RequestParam String holder, @RequestParam String name,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expires,
			Locale locale) {
		Object result = issue(holder, name, expires);
		if (result instanceof String key) {
			return ResponseEntity.unprocessableContent().body(Map.of("error", messages.getMessage(key, null, locale)));
		}
		ApiTokens.IssuedToken token = (ApiTokens.IssuedToken) result;
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", token.id(), "secret", token.secret()));
	}

	@DeleteMapping("/api/v1/system/tokens/{id}")
	@ResponseBody
	@Operation(summary = "Revoke a token")
	ResponseEntity<Void> apiRevoke(@PathVariable long id) {
		return tokens.revoke(CurrentUser.get().schoolId(), id) ? ResponseEntity.noContent().build()
				: ResponseEntity.notFound().build();
	}

	/** The issued token, or the message key of what is wrong. */
	private Object issue(String holder, String name, LocalDate expires) {
		long schoolId = CurrentUser.get().schoolId();
		if (name == null || name.isBlank()) {
			return "validation.required";
		}
		if (expires != null && !expires.isAfter(LocalDate.now())) {
			return "tokens.expiryPast";
		}
		Long userId = accounts.findId(holder == null ? "" : holder.strip())
			.filter(id -> jdbc.sql("select count(*) from app_user where id = ? and school_id = ? and enabled = true")
				.params(id, schoolId).query(Long.class).single() > 0)
			.orElse(null);
		if (userId == null) {
			return "tokens.unknownHolder";
		}
		OffsetDateTime expiry = expires == null ? null : expires.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toOffsetDateTime();
		return tokens.issue(schoolId, userId, name.strip(), expiry);
	}
}
