package org.bulwark.directory;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.shared.PageQuery;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.bulwark.system.TableExport;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;

/** The coverage audit: counts per problem and org unit, the people behind each count, and fixes. */
@Controller
@PreAuthorize("hasAuthority('PERM_COVERAGE_READ')")
class CoverageController {

	private final Coverage coverage;
	private final CoverageFixing fixing;
	private final People people;
	private final AuditLog audit;
	private final MessageSource messages;

	CoverageController(Coverage coverage, CoverageFixing fixing, People people, AuditLog audit, MessageSource messages) {
		this.coverage = coverage;
		this.fixing = fixing;
		this.people = people;
		this.audit = audit;
		this.messages = messages;
	}

	@GetMapping("/coverage")
	String report(@RequestParam(required = false) Long unit, Model model) {
		model.addAttribute("report", coverage.report(CurrentUser.get(), unit));
		model.addAttribute("problems", Coverage.Problem.values());
		return "directory/coverage";
	}

	/** The query string of a problem's people list. */
	public record Params(Coverage.Problem problem, Long unit, String q, String dir, Integer page, Integer size) {

		Coverage.Filter toFilter() {
			return new Coverage.Filter(problem == null ? Coverage.Problem.NO_RESPONSIBLE : problem, unit, q);
		}

		PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, size == null ? 20 : size, "name", "desc".equals(dir));
		}
	}

	@GetMapping("/coverage/people")
	String people(Params params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		CurrentUser user = CurrentUser.get();
		model.addAttribute("params", params);
		model.addAttribute("problem", params.toFilter().problem());
		var result = coverage.people(user, params.toFilter(), params.toPage());
		model.addAttribute("result", result.map(PersonSummary::masked));
		model.addAttribute("versions", coverage.versions(result.items().stream().map(PersonSummary::id).toList()));
		model.addAttribute("roles", ResponsibilityRole.values());
		return htmx != null && boosted == null ? "directory/coverage-people :: results" : "directory/coverage-people";
	}

	@GetMapping("/coverage/people/export")
	@PreAuthorize("hasAuthority('PERM_COVERAGE_READ') and hasAuthority('PERM_PEOPLE_EXPORT')")
	void export(Params params, @RequestParam(defaultValue = "xlsx") String format,
			@RequestParam(defaultValue = "false") boolean reveal, Locale locale, HttpServletResponse response)
			throws IOException {
		CurrentUser user = CurrentUser.get();
		boolean unmasked = reveal && user.can(Permission.PEOPLE_REVEAL);
		Coverage.Filter filter = params.toFilter();
		TableExport.Format f = TableExport.Format.of(format);
		long count;
		String file = "coverage-" + filter.problem().name().toLowerCase(Locale.ROOT) + "-" + LocalDate.now();
		try (TableExport out = TableExport.download(response, f, file, msg("coverage.title", locale))) {
			out.header(List.of(msg("person.code", locale), msg("person.name", locale), msg("person.population", locale),
					msg("person.idNumber", locale), msg("person.phone", locale), msg("person.orgUnit", locale),
					msg("person.residence", locale), msg("coverage.problem", locale)));
			String problem = msg("coverage.problem." + filter.problem(), locale);
			coverage.stream(user, filter, p -> {
				PersonSummary s = unmasked ? p : p.masked();
				List<Object> row = new ArrayList<>(8);
				row.add(s.code());
				row.add(s.name());
				row.add(msg("population." + s.population(), locale));
				row.add(s.idNumber());
				row.add(s.phone());
				row.add(s.orgUnitName());
				row.add(s.residenceName());
				row.add(problem);
				out.row(row);
			});
			count = out.rowsWritten();
		}
		audit.record(AuditAction.EXPORT, "person", null, count + " people with coverage problem " + filter.problem()
				+ " as " + f.extension() + (unmasked ? ", identifiers revealed" : ", masked") + "; filter " + filter);
	}

	/** People in scope matching what the user types, as options of the responsible person select. */
	@GetMapping("/coverage/responsible-options")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_WRITE')")
	String responsibleOptions(@RequestParam(defaultValue = "") String responsibleQuery, Model model) {
		model.addAttribute("options", responsibleQuery.isBlank() ? List.of()
				: people.search(CurrentUser.get(), new PersonFilter(responsibleQuery, null, null, null, true, null),
						new PageQuery(0, 30, "name", false)).items());
		return "directory/coverage-people :: options";
	}

	@PostMapping("/coverage/responsible")
	@PreAuthorize("hasAuthority('PERM_COVERAGE_READ') and hasAuthority('PERM_PEOPLE_WRITE')")
	String assignResponsible(@RequestParam(name = "person", required = false) List<Long> personIds,
			@RequestParam(required = false) Long responsible, @RequestParam(required = false) String role,
			@RequestParam(required = false) String back, Locale locale, RedirectAttributes redirect) {
		PersonEditing.Result result = fixing.assignResponsible(CurrentUser.get(), personIds, responsible, role);
		if (result instanceof PersonEditing.Saved saved) {
			redirect.addFlashAttribute("notice", msg("coverage.assigned", new Object[] {saved.id()}, locale));
		} else if (result instanceof PersonEditing.Rejected rejected) {
			redirect.addFlashAttribute("error", problems(rejected, locale));
		}
		return "redirect:" + back(back, Coverage.Problem.NO_RESPONSIBLE);
	}

	@PostMapping("/coverage/phone")
	@PreAuthorize("hasAuthority('PERM_COVERAGE_READ') and hasAuthority('PERM_PEOPLE_WRITE')")
	String setPhone(@RequestParam long person, @RequestParam int version, @RequestParam(required = false) String phone,
			@RequestParam(required = false) String back, Locale locale, RedirectAttributes redirect) {
		PersonEditing.Result result = fixing.setPhone(CurrentUser.get(), person, version, phone);
		if (result instanceof PersonEditing.Saved) {
			redirect.addFlashAttribute("notice", msg("coverage.phoneSaved", null, locale));
		} else if (result instanceof PersonEditing.Rejected rejected) {
			if (rejected.problems().stream().anyMatch(p -> p.code().equals("notFound"))) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			redirect.addFlashAttribute("error", problems(rejected, locale));
		} else {
			redirect.addFlashAttribute("error", msg("validation.conflict", null, locale));
		}
		return "redirect:" + back(back, Coverage.Problem.UNREACHABLE);
	}

	/** Back to the list the fix came from, never to another site. */
	private static String back(String back, Coverage.Problem problem) {
		return back != null && back.startsWith("/coverage/people") && !back.startsWith("//") ? back
				: "/coverage/people?problem=" + problem;
	}

	private String problems(PersonEditing.Rejected rejected, Locale locale) {
		List<String> lines = new ArrayList<>();
		for (FieldProblem p : rejected.problems()) {
			lines.add(msg("coverage.field." + p.field(), null, locale) + ": "
					+ messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale));
		}
		return String.join(" ", lines);
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	private String msg(String key, Object[] args, Locale locale) {
		return messages.getMessage(key, args, key, locale);
	}
}
