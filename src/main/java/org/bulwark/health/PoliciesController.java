package org.bulwark.health;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.Population;
import org.bulwark.directory.Registry;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The prevention office's pages for check policies and disease profiles. */
@Controller
@PreAuthorize("hasAuthority('PERM_HEALTH_POLICY_MANAGE')")
class PoliciesController {

	private final Policies policies;
	private final Profiles profiles;
	private final PolicyEditing editing;
	private final MessageSource messages;
	private final Registry registry;

	PoliciesController(Policies policies, Profiles profiles, PolicyEditing editing, MessageSource messages,
			Registry registry) {
		this.registry = registry;
		this.policies = policies;
		this.profiles = profiles;
		this.editing = editing;
		this.messages = messages;
	}

	@GetMapping("/health/policies")
	String list(Model model) {
		long schoolId = CurrentUser.get().schoolId();
		model.addAttribute("policies", policies.all(schoolId));
		model.addAttribute("profiles", profileNames(schoolId));
		return "health/policies";
	}

	@PostMapping("/health/policies")
	String create(@RequestParam(required = false) String code, @RequestParam(required = false) String name,
			RedirectAttributes redirect, Locale locale) {
		PolicyEditing.Result result = editing.create(CurrentUser.get(), code, name);
		if (!result.ok()) {
			redirect.addFlashAttribute("error", describe(result.problems(), locale));
			return "redirect:/health/policies";
		}
		redirect.addFlashAttribute("notice", "health.saved");
		return "redirect:/health/policies/" + result.id();
	}

	@GetMapping("/health/policies/{id}")
	String edit(@PathVariable long id, Model model) {
		long schoolId = CurrentUser.get().schoolId();
		CheckPolicy policy = policies.find(schoolId, id).orElseThrow(PolicyEditing.NotFound::new);
		model.addAttribute("policy", policy);
		model.addAttribute("profiles", profiles.all(schoolId));
		model.addAttribute("populations", Population.values());
		model.addAttribute("orgUnits", registry.orgUnitsById(schoolId, policy.orgUnitIds()));
		if (!model.containsAttribute("rows")) {
			List<PolicyEditing.SlotRow> rows = new ArrayList<>(policy.slots().stream()
				.map(s -> new PolicyEditing.SlotRow(s.code(), s.nameZh(), s.nameEn(), s.start().toString(), s.end().toString(),
						s.deadline().toString(), String.valueOf(s.graceMinutes())))
				.toList());
			rows.add(new PolicyEditing.SlotRow("", "", "", "", "", "", "0"));
			model.addAttribute("rows", rows);
		}
		return "health/policy";
	}

	@PostMapping("/health/policies/{id}")
	String saveSettings(@PathVariable long id, @RequestParam(required = false) String name, @RequestParam long profileId,
			@RequestParam(required = false) List<Population> populations, @RequestParam(required = false) String orgUnits,
			RedirectAttributes redirect, Locale locale) {
		Set<Population> chosen = populations == null || populations.isEmpty() ? Set.of() : EnumSet.copyOf(populations);
		PolicyEditing.Result result = editing.saveSettings(CurrentUser.get(), id, name, profileId, chosen, orgUnits);
		return done(id, result, redirect, locale);
	}

	@PostMapping("/health/policies/{id}/slots")
	String saveSlots(@PathVariable long id, HttpServletRequest request, RedirectAttributes redirect, Locale locale) {
		// Read as arrays: a comma in a name must not split a value, an empty cell must keep its place.
		String[] codes = values(request, "code");
		List<PolicyEditing.SlotRow> rows = new ArrayList<>();
		for (int i = 0; i < codes.length; i++) {
			rows.add(new PolicyEditing.SlotRow(codes[i], at(request, "nameZh", i), at(request, "nameEn", i),
					at(request, "start", i), at(request, "end", i), at(request, "deadline", i), at(request, "grace", i)));
		}
		PolicyEditing.Result result = editing.saveSlots(CurrentUser.get(), id, rows);
		if (!result.ok()) {
			rows.add(new PolicyEditing.SlotRow("", "", "", "", "", "", "0"));
			redirect.addFlashAttribute("rows", rows);
		}
		return done(id, result, redirect, locale);
	}

	@GetMapping("/health/profiles")
	String profiles(Model model) {
		model.addAttribute("profiles", profiles.all(CurrentUser.get().schoolId()));
		return "health/profiles";
	}

	private String done(long id, PolicyEditing.Result result, RedirectAttributes redirect, Locale locale) {
		if (result.ok()) {
			redirect.addFlashAttribute("notice", "health.saved");
		}
		else {
			redirect.addFlashAttribute("error", describe(result.problems(), locale));
		}
		return "redirect:/health/policies/" + id;
	}

	private Map<Long, DiseaseProfile> profileNames(long schoolId) {
		Map<Long, DiseaseProfile> byId = new LinkedHashMap<>();
		profiles.all(schoolId).forEach(p -> byId.put(p.id(), p));
		return byId;
	}

	private String describe(List<FieldProblem> problems, Locale locale) {
		List<String> lines = new ArrayList<>();
		for (FieldProblem p : problems) {
			String field = p.field().replaceAll("\\[(\\d+)]\\.", " $1 · ");
			lines.add(field + ": " + messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale));
		}
		return String.join(" ", lines);
	}

	private static String[] values(HttpServletRequest request, String name) {
		String[] v = request.getParameterValues(name);
		return v == null ? new String[0] : v;
	}

	private static String at(HttpServletRequest request, String name, int i) {
		String[] v = values(request, name);
		return i < v.length ? v[i] : null;
	}
}
