package org.bulwark.screening;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.directory.FieldProblem;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.TableExport;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
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

/**
 * The pages of pushed lists: the lists with upload, a list's preview (columns mapped, every row's
 * problems) and confirmation, a confirmed list's rows with their matches, the review queue and the
 * funnel with its chart and export.
 */
@Controller
@PreAuthorize("hasAuthority('PERM_SCREENING_READ')")
class PushListsController {

	static final int PREVIEW_HEAD = 200;

	static final List<String> ROW_STATUSES = List.of("ACCEPTED", "REVIEW", "NOT_OURS", "REJECTED", "INVALID", "DUPLICATE");

	private final PushLists lists;
	private final MessageSource messages;
	private final AuditLog audit;

	PushListsController(PushLists lists, MessageSource messages, AuditLog audit) {
		this.lists = lists;
		this.messages = messages;
		this.audit = audit;
	}

	public record Params(String q, Long source, String status, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, String sort, String dir, Integer page, Integer size) {

		PushLists.Filter toFilter() {
			return new PushLists.Filter(q, source, status, from, to);
		}

		PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, size == null ? 50 : size, sort == null ? "pushed" : sort,
					dir == null || "desc".equals(dir));
		}
	}

	@GetMapping("/screening/push-lists")
	String lists(Params params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		CurrentUser user = CurrentUser.get();
		model.addAttribute("params", params);
		model.addAttribute("result", lists.search(user, params.toFilter(), params.toPage()));
		if (htmx != null && boosted == null) {
			return "screening/push-lists :: results";
		}
		model.addAttribute("sources", lists.sources(user));
		model.addAttribute("today", LocalDate.now());
		return "screening/push-lists";
	}

	@PostMapping("/screening/push-lists")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	String upload(@RequestParam(required = false) String source,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate pushedOn,
			@RequestParam(required = false) MultipartFile file, Locale locale, RedirectAttributes redirect) throws IOException {
		PushLists.Result result = lists.upload(CurrentUser.get(), source, pushedOn,
				file == null ? null : file.getOriginalFilename(), file == null ? new byte[0] : file.getBytes());
		if (result instanceof PushLists.Rejected rejected) {
			redirect.addFlashAttribute("error", describe(rejected.problems(), locale));
			return "redirect:/screening/push-lists";
		}
		return "redirect:/screening/push-lists/" + ((PushLists.Done) result).id();
	}

	@GetMapping("/screening/push-lists/{id}")
	String list(@PathVariable long id, @RequestParam(required = false) String status,
			@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			@RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		CurrentUser user = CurrentUser.get();
		PushLists.PushList list = lists.find(user, id).orElseThrow(PushListsController::notFound);
		model.addAttribute("list", list);
		if ("PREVIEW".equals(list.status())) {
			if (!user.can("SCREENING_MANAGE")) {
				throw notFound();
			}
			PushLists.Preview preview = lists.preview(user, id).orElseThrow(PushListsController::notFound);
			model.addAttribute("preview", preview);
			// a list of 100,000 rows is previewed by its problems and its head, not rendered whole
			List<PushListReading.Row> all = preview.reading().rows();
			List<PushListReading.Row> shown = new ArrayList<>();
			for (int i = 0; i < all.size() && shown.size() < 2000; i++) {
				if (i < PREVIEW_HEAD || !all.get(i).problems().isEmpty()) {
					shown.add(all.get(i));
				}
			}
			model.addAttribute("shown", shown);
			model.addAttribute("previewHead", PREVIEW_HEAD);
			model.addAttribute("fields", PushListReading.Field.values());
			return "screening/push-list-preview";
		}
		model.addAttribute("status", status);
		model.addAttribute("q", q);
		model.addAttribute("statuses", ROW_STATUSES);
		model.addAttribute("result", lists.rows(user, id, status, q, new PageQuery(page == null ? 0 : page, 50, null, false)));
		if (htmx != null && boosted == null) {
			return "screening/push-list-rows :: results";
		}
		return "screening/push-list-rows";
	}

	@PostMapping("/screening/push-lists/{id}/mapping")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	String mapping(@PathVariable long id, @RequestParam Map<String, String> form, Locale locale,
			RedirectAttributes redirect) {
		Map<String, String> choices = new LinkedHashMap<>();
		form.forEach((k, v) -> {
			if (k.startsWith("col.")) {
				choices.put(k.substring(4), v.isBlank() ? "IGNORE" : v);
			}
		});
		PushLists.Result result = lists.saveMapping(CurrentUser.get(), id, choices);
		if (result instanceof PushLists.Rejected rejected) {
			if (rejected.problems().get(0).code().equals("notFound")) {
				throw notFound();
			}
			redirect.addFlashAttribute("error", describe(rejected.problems(), locale));
		}
		else {
			redirect.addFlashAttribute("notice", "pushList.notice.mapped");
		}
		return "redirect:/screening/push-lists/" + id;
	}

	@PostMapping("/screening/push-lists/{id}/confirm")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	String confirm(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
		PushLists.Result result = lists.confirm(CurrentUser.get(), id);
		if (result instanceof PushLists.Rejected rejected) {
			if (rejected.problems().get(0).code().equals("notFound")) {
				throw notFound();
			}
			redirect.addFlashAttribute("error", describe(rejected.problems(), locale));
			return "redirect:/screening/push-lists/" + id;
		}
		Map<String, Long> c = ((PushLists.Done) result).counts();
		redirect.addFlashAttribute("notice", "pushList.notice.confirmed");
		redirect.addFlashAttribute("noticeArgs", new Object[] {c.get("ACCEPTED"), c.get("REVIEW"), c.get("NOT_OURS"),
				c.get("INVALID") + c.get("DUPLICATE")});
		return "redirect:/screening/push-lists/" + id;
	}

	@PostMapping("/screening/push-lists/{id}/discard")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	String discard(@PathVariable long id, Locale locale, RedirectAttributes redirect) {
		PushLists.Result result = lists.discard(CurrentUser.get(), id);
		if (result instanceof PushLists.Rejected rejected) {
			if (rejected.problems().get(0).code().equals("notFound")) {
				throw notFound();
			}
			redirect.addFlashAttribute("error", describe(rejected.problems(), locale));
			return "redirect:/screening/push-lists/" + id;
		}
		redirect.addFlashAttribute("notice", "pushList.notice.discarded");
		return "redirect:/screening/push-lists";
	}

	@GetMapping("/screening/push-review")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	String review(@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			@RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		model.addAttribute("q", q);
		model.addAttribute("result", lists.rows(CurrentUser.get(), null, "REVIEW", q,
				new PageQuery(page == null ? 0 : page, 50, "score", true)));
		if (htmx != null && boosted == null) {
			return "screening/push-review :: results";
		}
		return "screening/push-review";
	}

	@PostMapping("/screening/push-rows/{id}/review")
	@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
	String decide(@PathVariable long id, @RequestParam String decision, @RequestParam int version, Locale locale,
			RedirectAttributes redirect) {
		PushLists.Result result = lists.review(CurrentUser.get(), id, "accept".equals(decision), null, version);
		if (result instanceof PushLists.Rejected rejected) {
			if (rejected.problems().get(0).code().equals("notFound")) {
				throw notFound();
			}
			redirect.addFlashAttribute("error", describe(rejected.problems(), locale));
		}
		else {
			redirect.addFlashAttribute("notice", "accept".equals(decision) ? "pushReview.notice.accepted"
					: "pushReview.notice.rejected");
		}
		return "redirect:/screening/push-review";
	}

	@GetMapping("/screening/push-funnel")
	String funnel(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String by, Model model) {
		LocalDate end = to == null ? LocalDate.now() : to;
		LocalDate start = from == null ? end.minusDays(13) : from;
		boolean byDay = !"list".equals(by);
		List<PushLists.FunnelLine> lines = lists.funnel(CurrentUser.get(), start, end, byDay);
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		model.addAttribute("byDay", byDay);
		model.addAttribute("lines", lines);
		model.addAttribute("total", total(lines));
		return "screening/push-funnel";
	}

	static PushLists.FunnelLine total(List<PushLists.FunnelLine> lines) {
		return new PushLists.FunnelLine(null, null, null, lines.stream().mapToLong(PushLists.FunnelLine::pushed).sum(),
				lines.stream().mapToLong(PushLists.FunnelLine::matched).sum(),
				lines.stream().mapToLong(PushLists.FunnelLine::review).sum(),
				lines.stream().mapToLong(PushLists.FunnelLine::notOurs).sum(),
				lines.stream().mapToLong(PushLists.FunnelLine::verified).sum(),
				lines.stream().mapToLong(PushLists.FunnelLine::classified).sum());
	}

	@GetMapping("/screening/push-funnel/export")
	void exportFunnel(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String by, @RequestParam(defaultValue = "xlsx") String format, Locale locale,
			HttpServletResponse response) throws IOException {
		LocalDate end = to == null ? LocalDate.now() : to;
		LocalDate start = from == null ? end.minusDays(13) : from;
		boolean byDay = !"list".equals(by);
		List<PushLists.FunnelLine> lines = lists.funnel(CurrentUser.get(), start, end, byDay);
		TableExport.Format f = TableExport.Format.of(format);
		String file = "push-funnel-" + LocalDate.now();
		try (TableExport out = TableExport.download(response, f, file, msg("pushFunnel.title", locale))) {
			List<String> header = new ArrayList<>(List.of(msg("pushFunnel.day", locale)));
			if (!byDay) {
				header.add(msg("pushList.source", locale));
			}
			for (String k : List.of("pushed", "matched", "review", "notOurs", "verified", "classified")) {
				header.add(msg("pushFunnel." + k, locale));
			}
			out.header(header);
			for (PushLists.FunnelLine l : lines) {
				List<Object> row = new ArrayList<>(List.of(l.day().toString()));
				if (!byDay) {
					row.add(l.sourceName());
				}
				row.addAll(List.of(l.pushed(), l.matched(), l.review(), l.notOurs(), l.verified(), l.classified()));
				out.row(row);
			}
		}
		audit.record(AuditAction.EXPORT, "push_list", null, "funnel " + start + ".." + end + " as " + f.extension());
	}

	@GetMapping("/screening/push-lists/export")
	void exportLists(Params params, @RequestParam(defaultValue = "xlsx") String format, Locale locale,
			HttpServletResponse response) throws IOException {
		List<PushLists.PushList> all = lists.all(CurrentUser.get(), params.toFilter());
		TableExport.Format f = TableExport.Format.of(format);
		String file = "push-lists-" + LocalDate.now();
		ZoneId zone = ZoneId.systemDefault();
		try (TableExport out = TableExport.download(response, f, file, msg("pushLists.title", locale))) {
			out.header(List.of(msg("pushList.pushedOn", locale), msg("pushList.source", locale), msg("pushList.file", locale),
					msg("pushList.status", locale), msg("pushFunnel.pushed", locale), msg("pushFunnel.matched", locale),
					msg("pushFunnel.review", locale), msg("pushFunnel.notOurs", locale), msg("pushList.invalid", locale),
					msg("pushList.duplicates", locale), msg("pushList.confirmedAt", locale)));
			for (PushLists.PushList l : all) {
				out.row(List.of(l.pushedOn().toString(), l.sourceName(), l.fileName(), msg("pushList.status." + l.status(), locale),
						l.totalRows(), l.acceptedRows(), l.reviewRows(), l.notOursRows(), l.invalidRows(), l.duplicateRows(),
						l.confirmedAt() == null ? "" : LocalDateTime.ofInstant(l.confirmedAt(), zone).toString()));
			}
		}
		audit.record(AuditAction.EXPORT, "push_list", null, all.size() + " pushed lists as " + f.extension());
	}

	@GetMapping("/screening/push-lists/{id}/export")
	void exportRows(@PathVariable long id, @RequestParam(required = false) String status,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "xlsx") String format, Locale locale,
			HttpServletResponse response) throws IOException {
		CurrentUser user = CurrentUser.get();
		PushLists.PushList list = lists.find(user, id).filter(l -> !"PREVIEW".equals(l.status()))
			.orElseThrow(PushListsController::notFound);
		List<PushLists.PushRow> rows = lists.allRows(user, id, status, q);
		TableExport.Format f = TableExport.Format.of(format);
		String file = "push-list-" + id + "-" + LocalDate.now();
		try (TableExport out = TableExport.download(response, f, file, list.sourceName())) {
			out.header(List.of(msg("pushRow.row", locale), msg("pushRow.name", locale), msg("pushRow.id", locale),
					msg("pushRow.phone", locale), msg("pushRow.birthDate", locale), msg("pushRow.status", locale),
					msg("pushRow.person", locale), msg("pushRow.score", locale), msg("pushRow.reasons", locale),
					msg("pushRow.problems", locale)));
			for (PushLists.PushRow r : rows) {
				out.row(List.of(r.rowNumber(), nz(r.name()), nz(r.idNumber()), nz(r.phone()),
						r.birthDate() == null ? "" : r.birthDate().toString(), msg("pushRow.status." + r.status(), locale),
						r.personName() == null ? "" : r.personName() + (r.personCode() == null ? "" : " " + r.personCode()),
						r.score(), r.reasons().stream().map(x -> reason(x, locale)).collect(Collectors.joining("、")),
						r.problems().stream().map(x -> problem(x, locale)).collect(Collectors.joining("、"))));
			}
		}
		audit.record(AuditAction.EXPORT, "push_list", id, rows.size() + " rows as " + f.extension());
	}

	private String reason(String code, Locale locale) {
		return msg("pushReason." + code, locale);
	}

	private String problem(String code, Locale locale) {
		int colon = code.indexOf(':');
		if (colon > 0) {
			return messages.getMessage("pushProblem." + code.substring(0, colon), new Object[] {code.substring(colon + 1)},
					code, locale);
		}
		return msg("pushProblem." + code, locale);
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}

	static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
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
