package org.bulwark.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.bulwark.control.ControlPolicy.StartReference;
import org.bulwark.directory.FieldProblem;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The control policy pages: the categories of a disease profile, editing one (a new version), re-applying a version with its preview. */
@Controller
@PreAuthorize("hasAuthority('PERM_CONTROL_READ')")
class ControlPoliciesController {

	static final int PHASE_ROWS = 4;

	private final ControlPolicies policies;
	private final CaseActions actions;
	private final MessageSource messages;

	ControlPoliciesController(ControlPolicies policies, CaseActions actions, MessageSource messages) {
		this.policies = policies;
		this.actions = actions;
		this.messages = messages;
	}

	@GetMapping("/control/policies")
	String list(@RequestParam(required = false) Long profile, Model model) {
		CurrentUser user = CurrentUser.get();
		long id = profile(user, profile);
		model.addAttribute("profiles", policies.profiles(user.schoolId()));
		model.addAttribute("profile", id);
		model.addAttribute("policies", policies.current(user.schoolId(), id));
		return "control/policies";
	}

	private long profile(CurrentUser user, Long profile) {
		long id = profile != null ? profile : policies.defaultProfile(user.schoolId());
		if (policies.profiles(user.schoolId()).stream().noneMatch(p -> p.id() == id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return id;
	}

	@GetMapping("/control/policies/{profile}/{category}")
	String edit(@PathVariable long profile, @PathVariable ControlCategory category, Model model) {
		CurrentUser user = CurrentUser.get();
		profile(user, profile);
		model.addAttribute("profile", profile);
		model.addAttribute("profileName", policies.profiles(user.schoolId()).stream().filter(p -> p.id() == profile).findFirst().orElseThrow()
			.name(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
		model.addAttribute("category", category);
		ControlPolicies.Version current = policies.current(user.schoolId(), profile, category);
		model.addAttribute("current", current);
		model.addAttribute("history", policies.history(user.schoolId(), profile, category));
		model.addAttribute("openByVersion", policies.openCasesByVersion(user.schoolId(), profile, category));
		model.addAttribute("measures", Measure.values());
		model.addAttribute("starts", StartReference.values());
		model.addAttribute("rows", java.util.stream.IntStream.range(0, PHASE_ROWS).boxed().toList());
		return "control/policy";
	}

	@PostMapping("/control/policies/{profile}/{category}")
	@PreAuthorize("hasAuthority('PERM_CONTROL_POLICY_MANAGE')")
	String save(@PathVariable long profile, @PathVariable ControlCategory category, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) StartReference startFrom, @RequestParam(name = "measure", required = false) List<String> measures,
			@RequestParam(name = "days", required = false) List<String> days, @RequestParam(required = false) String testDays,
			@RequestParam(required = false) Integer daysAddedPerMissedFollowUp, @RequestParam(required = false) Integer checksPerDay,
			@RequestParam(required = false) String releaseCriteria, Locale locale, RedirectAttributes redirect) {
		String back = "redirect:/control/policies/" + profile + "/" + category;
		List<ControlPolicy.Phase> phases = new ArrayList<>();
		int n = Math.max(measures == null ? 0 : measures.size(), days == null ? 0 : days.size());
		for (int i = 0; i < n; i++) {
			String m = measures != null && i < measures.size() ? measures.get(i) : "";
			String d = days != null && i < days.size() ? days.get(i) : "";
			try {
				ControlPolicy.Phase p = ControlPolicies.phase(m.isBlank() ? null : Measure.valueOf(m), d.isBlank() ? null : Integer.valueOf(d.strip()));
				if (p != null) {
					phases.add(p);
				}
			} catch (IllegalArgumentException e) {
				redirect.addFlashAttribute("error", describe(List.of(FieldProblem.of("phases", "control.phase", i + 1)), locale));
				return back;
			}
		}
		if (version == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		CaseResult r;
		try {
			r = policies.edit(CurrentUser.get(), profile, category, version,
					new ControlPolicies.Form(startFrom, phases, testDays, daysAddedPerMissedFollowUp, checksPerDay, releaseCriteria));
		} catch (ControlPolicies.ConcurrentEdit e) {
			r = CaseResult.conflicted();
		}
		if (r.notFound()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		if (r.saved()) {
			redirect.addFlashAttribute("notice", "control.notice.policySaved");
		} else {
			redirect.addFlashAttribute("error", r.conflict() ? msg("validation.control.conflict", locale) : describe(r.problems(), locale));
		}
		return back;
	}

	@GetMapping("/control/policies/versions/{id}/reapply")
	@PreAuthorize("hasAuthority('PERM_CONTROL_POLICY_MANAGE')")
	String preview(@PathVariable long id, Model model) {
		CaseActions.Preview preview = actions.preview(CurrentUser.get(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("preview", preview);
		model.addAttribute("category", preview.policy().category());
		return "control/reapply";
	}

	@PostMapping("/control/policies/versions/{id}/reapply")
	@PreAuthorize("hasAuthority('PERM_CONTROL_POLICY_MANAGE')")
	String reapply(@PathVariable long id, @RequestParam(required = false) Integer expectedChanges, Locale locale, RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		ControlPolicies.Version v = policies.find(user.schoolId(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		CaseResult r;
		try {
			r = actions.reapply(user, id, expectedChanges);
		} catch (CaseActions.ReapplyConflict e) {
			r = CaseResult.conflicted();
		}
		if (r.saved()) {
			redirect.addFlashAttribute("notice", "control.notice.reapplied");
			redirect.addFlashAttribute("noticeArgs", List.of(r.count()));
			return "redirect:/control/policies/" + v.profileId() + "/" + v.category();
		}
		redirect.addFlashAttribute("error", r.conflict() ? msg("validation.control.reapplyConflict", locale) : describe(r.problems(), locale));
		return "redirect:/control/policies/versions/" + id + "/reapply";
	}

	private String describe(List<FieldProblem> problems, Locale locale) {
		return problems.stream()
			.map(p -> messages.getMessage("field." + p.field(), null, p.field(), locale) + ": "
					+ messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale))
			.collect(Collectors.joining(" "));
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
