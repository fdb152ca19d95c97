package org.bulwark.directory;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.shared.PageQuery;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
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

/** Suspected duplicates within the user's scope: list, export, dismiss, and merge with a preview. */
@Controller
@PreAuthorize("hasAuthority('PERM_COVERAGE_READ')")
class DuplicatesController {

	private final Duplicates duplicates;
	private final PersonMerging merging;
	private final AuditLog audit;
	private final MessageSource messages;

	DuplicatesController(Duplicates duplicates, PersonMerging merging, AuditLog audit, MessageSource messages) {
		this.duplicates = duplicates;
		this.merging = merging;
		this.audit = audit;
		this.messages = messages;
	}

	/** The query string of the duplicates list. */
	public record Params(String q, DuplicateRules.Reason reason, String sort, String dir, Integer page, Integer size) {

		Duplicates.Filter toFilter() {
			return new Duplicates.Filter(q, reason);
		}

		PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, size == null ? 20 : size, sort == null ? "name" : sort,
					"desc".equals(dir));
		}
	}

	@GetMapping("/duplicates")
	String list(Params params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		model.addAttribute("params", params);
		model.addAttribute("result", duplicates.search(CurrentUser.get(), params.toFilter(), params.toPage())
			.map(Duplicates.Pair::masked));
		model.addAttribute("reasons", DuplicateRules.Reason.values());
		return htmx != null && boosted == null ? "directory/duplicates :: results" : "directory/duplicates";
	}

	/** The suspected pairs as xlsx or CSV, identifiers masked; audited. */
	@GetMapping("/duplicates/export")
	@PreAuthorize("hasAuthority('PERM_COVERAGE_READ') and hasAuthority('PERM_PEOPLE_EXPORT')")
	void export(Params params, @RequestParam(defaultValue = "xlsx") String format, Locale locale,
			HttpServletResponse response) throws IOException {
		CurrentUser user = CurrentUser.get();
		List<Duplicates.Pair> pairs = duplicates.all(user, params.toFilter());
		TableExport.Format f = TableExport.Format.of(format);
		try (TableExport out = TableExport.download(response, f, "duplicates-" + LocalDate.now(),
				msg("duplicates.title", locale))) {
			List<String> header = new ArrayList<>();
			for (String side : List.of("duplicates.first", "duplicates.second")) {
				String prefix = msg(side, locale) + " ";
				for (String key : List.of("person.code", "person.name", "person.birthDate", "person.idNumber",
						"person.phone", "person.orgUnit")) {
					header.add(prefix + msg(key, locale));
				}
			}
			header.add(msg("duplicates.reasons", locale));
			out.header(header);
			for (Duplicates.Pair pair : pairs) {
				Duplicates.Pair p = pair.masked();
				List<Object> row = new ArrayList<>();
				for (PersonSummary s : List.of(p.first(), p.second())) {
					row.add(s.code());
					row.add(s.name());
					row.add(s.birthDate() == null ? "" : s.birthDate().toString());
					row.add(s.idNumber());
					row.add(s.phone());
					row.add(s.orgUnitName());
				}
				row.add(String.join(", ", p.reasons().stream().map(r -> msg("duplicates.reason." + r, locale)).toList()));
				out.row(row);
			}
		}
		audit.record(AuditAction.EXPORT, "person", null, pairs.size() + " suspected duplicate pairs as " + f.extension()
				+ ", masked; filter " + params.toFilter());
	}

	@PostMapping("/duplicates/dismiss")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_MERGE')")
	String dismiss(@RequestParam long first, @RequestParam long second, RedirectAttributes redirect) {
		if (duplicates.dismiss(CurrentUser.get(), first, second) == Duplicates.Dismissal.NOT_FOUND) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("notice", "duplicates.dismissed");
		return "redirect:/duplicates";
	}

	/** Both records side by side, the value kept per field, and the result; the user confirms with POST. */
	@GetMapping("/duplicates/merge")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_MERGE')")
	String preview(@RequestParam long lead, @RequestParam long other, @RequestParam Map<String, String> params,
			Locale locale, Model model) {
		return page(lead, other, PersonMerging.choices(params), locale, model, Map.of());
	}

	@PostMapping("/duplicates/merge")
	@PreAuthorize("hasAuthority('PERM_PEOPLE_MERGE')")
	String merge(@RequestParam long lead, @RequestParam long other, @RequestParam int leadVersion,
			@RequestParam int otherVersion, @RequestParam Map<String, String> params, Locale locale, Model model,
			RedirectAttributes redirect) {
		var keep = PersonMerging.choices(params);
		PersonEditing.Result result = merging.merge(CurrentUser.get(), lead, other, leadVersion, otherVersion, keep);
		if (result instanceof PersonEditing.Saved) {
			redirect.addFlashAttribute("notice", "merge.done");
			return "redirect:/people/" + lead;
		}
		if (result instanceof PersonEditing.Rejected rejected) {
			if (rejected.problems().stream().anyMatch(p -> p.code().equals("notFound"))) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			Map<String, List<String>> errors = new LinkedHashMap<>();
			for (FieldProblem p : rejected.problems()) {
				errors.computeIfAbsent(p.field(), f -> new ArrayList<>())
					.add(messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale));
			}
			return page(lead, other, keep, locale, model, errors);
		}
		return page(lead, other, keep, locale, model, Map.of("form", List.of(msg("merge.conflict", locale))));
	}

	private String page(long lead, long other, Map<PersonMerging.Field, PersonMerging.Side> keep, Locale locale,
			Model model, Map<String, List<String>> errors) {
		PersonMerging.Preview preview = merging.preview(CurrentUser.get(), lead, other, locale)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("preview", preview.choosing(keep));
		model.addAttribute("errors", errors);
		return "directory/merge";
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
