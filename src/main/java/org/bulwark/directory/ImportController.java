package org.bulwark.directory;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.directory.imports.ColumnMapping;
import org.bulwark.directory.imports.ImportKind;
import org.bulwark.directory.imports.SpreadsheetReader;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.TableExport;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Importing people, org units, places and residences: upload, review (map columns, correct rows), commit, follow the progress. */
@Controller
@PreAuthorize("hasAnyAuthority('PERM_PEOPLE_WRITE', 'PERM_ORG_UNITS_WRITE', 'PERM_PLACES_WRITE', 'PERM_RESIDENCES_WRITE')")
class ImportController {

	static final int PROBLEMS_PER_PAGE = 50;

	private final Imports imports;
	private final ImportTemplates templates;

	ImportController(Imports imports, ImportTemplates templates) {
		this.imports = imports;
		this.templates = templates;
	}

	@GetMapping("/imports")
	String start(@RequestParam(defaultValue = "PEOPLE") ImportKind kind, Model model) {
		List<ImportKind> allowed = Imports.allowed(CurrentUser.get());
		model.addAttribute("kind", allowed.contains(kind) ? kind : allowed.get(0));
		model.addAttribute("kinds", allowed);
		model.addAttribute("populations", Population.values());
		model.addAttribute("recent", imports.recent(CurrentUser.get(), 20));
		model.addAttribute("maxRows", SpreadsheetReader.MAX_ROWS);
		return "directory/import";
	}

	@PostMapping("/imports")
	String upload(@RequestParam(defaultValue = "PEOPLE") ImportKind kind, @RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) Population population, Model model) throws IOException {
		String reason;
		if (file == null || file.isEmpty()) {
			reason = "empty";
		} else {
			try {
				String id = imports.upload(CurrentUser.get(), kind, file.getOriginalFilename(), file.getBytes(), population);
				return "redirect:/imports/" + id;
			} catch (SpreadsheetReader.Unreadable e) {
				reason = e.reason();
			}
		}
		model.addAttribute("fileError", "import.file." + reason);
		model.addAttribute("fileName", file == null ? null : file.getOriginalFilename());
		model.addAttribute("population", population);
		return start(kind, model);
	}

	/** The review page; htmx asks for the problems fragment when paging and for the status while committing. */
	@GetMapping("/imports/{id}")
	String review(@PathVariable String id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(required = false) String part,
			@RequestHeader(value = "HX-Request", required = false) String htmx, HttpServletResponse response,
			Model model) {
		CurrentUser user = CurrentUser.get();
		Imports.Summary summary = imports.find(user, id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("upload", summary);
		if (htmx != null && "status".equals(part)) {
			if (summary.status() != Imports.Status.COMMITTING) {
				// the commit has ended: the whole page changes (counts, buttons), so htmx reloads it
				response.setHeader("HX-Refresh", "true");
			}
			return "directory/import-review :: status";
		}
		int count = imports.problemCount(id);
		int pages = Math.max(1, (count + PROBLEMS_PER_PAGE - 1) / PROBLEMS_PER_PAGE);
		int current = Math.max(0, Math.min(page, pages - 1));
		model.addAttribute("problems", imports.problems(user, id, current * PROBLEMS_PER_PAGE, PROBLEMS_PER_PAGE));
		model.addAttribute("problemCount", count);
		model.addAttribute("page", current);
		model.addAttribute("pages", pages);
		model.addAttribute("populations", Population.values());
		model.addAttribute("keys", summary.header().stream().map(ColumnMapping::key).toList());
		return htmx != null && "problems".equals(part) ? "directory/import-review :: problems" : "directory/import-review";
	}

	/** Column choices: one select per header column, named {@code col<index>}, plus the default population. */
	@PostMapping("/imports/{id}/mapping")
	String mapping(@PathVariable String id, @RequestParam Map<String, String> form,
			@RequestParam(required = false) Population population, RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		Imports.Summary summary = imports.find(user, id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Map<String, String> choices = new LinkedHashMap<>();
		for (int i = 0; i < summary.header().size(); i++) {
			String chosen = form.get("col" + i);
			if (chosen != null && !summary.header().get(i).isBlank()) {
				boolean known = "IGNORE".equals(chosen)
						|| Arrays.stream(ColumnMapping.Field.values()).anyMatch(f -> f.name().equals(chosen));
				choices.put(ColumnMapping.key(summary.header().get(i)), known ? chosen : "IGNORE");
			}
		}
		boolean done = imports.remap(user, id, choices, population);
		redirect.addFlashAttribute("message", done ? "import.mapping.saved" : "import.alreadyCommitted");
		return "redirect:/imports/" + id;
	}

	/** The correction form of one row (an htmx fragment), with the cells of the mapped columns. */
	@GetMapping("/imports/{id}/rows/{row}")
	String editRow(@PathVariable String id, @PathVariable int row, Model model) {
		CurrentUser user = CurrentUser.get();
		Imports.Summary summary = imports.find(user, id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		List<String> cells = imports.row(user, id, row).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("upload", summary);
		model.addAttribute("rowNumber", row);
		model.addAttribute("cells", cells);
		return "directory/import-review :: rowEditor";
	}

	@PostMapping("/imports/{id}/rows/{row}")
	String correctRow(@PathVariable String id, @PathVariable int row, @RequestParam Map<String, String> form,
			RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		Imports.Summary summary = imports.find(user, id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Map<Integer, String> cells = new HashMap<>();
		summary.mapping().keySet().forEach(column -> {
			String value = form.get("cell" + column);
			if (value != null) {
				cells.put(column, value);
			}
		});
		boolean done = imports.correct(user, id, row, cells);
		redirect.addFlashAttribute("message", done ? "import.row.corrected" : "import.alreadyCommitted");
		redirect.addFlashAttribute("messageArgs", List.of(row));
		return "redirect:/imports/" + id;
	}

	@PostMapping("/imports/{id}/commit")
	String commit(@PathVariable String id, @RequestParam Imports.Mode mode, RedirectAttributes redirect) {
		Imports.Committed refused = imports.commitInBackground(CurrentUser.get(), id, mode);
		if (refused != null) {
			redirect.addFlashAttribute("error", refused.refusal());
		}
		return "redirect:/imports/" + id;
	}

	@GetMapping("/imports/template")
	void template(@RequestParam(defaultValue = "PEOPLE") ImportKind kind,
			@RequestParam(defaultValue = "UNDERGRADUATE") Population population,
			@RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response)
			throws IOException {
		TableExport.Format f = TableExport.Format.of(format);
		String name = kind == ImportKind.PEOPLE ? "people-" + population.name() : kind.name();
		response.setContentType(f.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				"attachment; filename=\"" + name.toLowerCase(Locale.ROOT) + "." + f.extension() + "\"");
		templates.write(kind, population, f, locale, response.getOutputStream());
	}
}
