package org.bulwark.control;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.control.ControlCases.Case;
import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PlaceDirectory;
import org.bulwark.directory.Registry;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.TableExport;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The control case pages: the list, opening a case or a list, a case with its actions and documents, a room for it, the dashboard. */
@Controller
@PreAuthorize("hasAuthority('PERM_CONTROL_READ')")
class ControlController {

	private final ControlCases cases;
	private final CaseOpening opening;
	private final CaseActions actions;
	private final ControlPolicies policies;
	private final CaseDocuments documents;
	private final Allocations allocations;
	private final IsolationRooms rooms;
	private final IsolationZones zones;
	private final PlaceDirectory places;
	private final Registry registry;
	private final MessageSource messages;
	private final AuditLog audit;

	ControlController(ControlCases cases, CaseOpening opening, CaseActions actions, ControlPolicies policies, CaseDocuments documents,
			Allocations allocations, IsolationRooms rooms, IsolationZones zones, PlaceDirectory places, Registry registry,
			MessageSource messages, AuditLog audit) {
		this.cases = cases;
		this.opening = opening;
		this.actions = actions;
		this.policies = policies;
		this.documents = documents;
		this.allocations = allocations;
		this.rooms = rooms;
		this.zones = zones;
		this.places = places;
		this.registry = registry;
		this.messages = messages;
		this.audit = audit;
	}

	record ListParams(ControlCases.View view, ControlCategory category, Measure measure, ControlCases.Phase phase, ControlCases.Due due,
			Long unit, String q, Boolean missed, String sort, String dir, Integer page, Integer size) {

		ControlCases.Filter toFilter() {
			return new ControlCases.Filter(view, category, measure, phase, due, unit, q, missed);
		}

		PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, size == null ? 50 : size, sort == null ? "release" : sort, "desc".equals(dir));
		}
	}

	// --- the list

	@GetMapping("/control/cases")
	String list(ListParams params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		CurrentUser user = CurrentUser.get();
		model.addAttribute("params", params);
		model.addAttribute("result", cases.search(user, params.toFilter(), params.toPage()));
		if (htmx != null && boosted == null) {
			return "control/cases :: results";
		}
		model.addAttribute("categories", ControlCategory.values());
		model.addAttribute("measures", Measure.values());
		model.addAttribute("phases", List.of(ControlCases.Phase.NOT_STARTED, ControlCases.Phase.IN_PHASE, ControlCases.Phase.DUE_FOR_RELEASE));
		model.addAttribute("units", registry.orgUnitsInScope(user));
		return "control/cases";
	}

	@GetMapping("/control/cases/export")
	void export(ListParams params, @RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response)
			throws IOException {
		TableExport.Format f = TableExport.Format.of(format);
		long[] n = {0};
		try (TableExport out = TableExport.download(response, f, "control-cases-" + LocalDate.now(),
				msg("control.cases.title", locale))) {
			out.header(List.of(msg("field.code", locale), msg("field.name", locale), msg("control.unit", locale), msg("control.category", locale),
					msg("control.measureToday", locale), msg("control.phase", locale), msg("control.start", locale), msg("control.release", locale),
					msg("control.missed", locale), msg("control.status", locale), msg("control.source", locale)));
			cases.stream(CurrentUser.get(), params.toFilter(), c -> {
				n[0]++;
				out.row(List.of(c.personCode() == null ? "" : c.personCode(), c.personName(), c.orgUnitName() == null ? "" : c.orgUnitName(),
						msg("category." + c.category(), locale), c.measureToday() == null ? "" : msg("measure." + c.measureToday(), locale),
						msg("casePhase." + c.phase(), locale), c.startOn().toString(), c.releaseOn().toString(), c.missedFollowUps(),
						msg("caseStatus." + c.status(), locale), msg("caseSource." + c.source(), locale)));
			});
		}
		audit.record(AuditAction.EXPORT, "control_case", null, n[0] + " control cases as " + format);
	}

	// --- opening

	@GetMapping("/control/cases/new")
	@PreAuthorize("hasAuthority('PERM_CONTROL_MANAGE')")
	String newCase(@RequestParam(required = false) Long person, Model model) {
		CurrentUser user = CurrentUser.get();
		if (person != null) {
			registry.summary(user, person).ifPresent(p -> model.addAttribute("picked", p));
		}
		form(model);
		return "control/open";
	}

	private void form(Model model) {
		CurrentUser user = CurrentUser.get();
		model.addAttribute("categories", ControlCategory.values());
		model.addAttribute("profiles", policies.profiles(user.schoolId()));
		model.addAttribute("defaultProfile", policies.defaultProfile(user.schoolId()));
		model.addAttribute("today", cases.today());
	}

	@GetMapping("/control/cases/people")
	@PreAuthorize("hasAuthority('PERM_CONTROL_MANAGE')")
	String pickPeople(@RequestParam(required = false) String q, Model model) {
		model.addAttribute("picks", places.searchPeople(CurrentUser.get(), q, 20));
		model.addAttribute("q", q);
		return "control/open :: picks";
	}

	@PostMapping("/control/cases")
	@PreAuthorize("hasAuthority('PERM_CONTROL_MANAGE')")
	String open(@RequestParam(required = false) Long personId, @RequestParam(required = false) ControlCategory category,
			@RequestParam(required = false) Long profileId, @RequestParam(required = false) LocalDate lastExposureOn,
			@RequestParam(required = false) LocalDate arrivalOn, @RequestParam(required = false) LocalDate reportOn,
			@RequestParam(required = false) String notes, Model model, Locale locale, RedirectAttributes redirect) {
		CaseResult r = opening.open(CurrentUser.get(), new CaseOpening.Opening(personId, category, profileId, lastExposureOn, arrivalOn,
				reportOn, notes));
		if (r.saved()) {
			redirect.addFlashAttribute("notice", "control.notice.opened");
			return "redirect:/control/cases/" + r.id();
		}
		model.addAttribute("error", describe(r.problems(), locale));
		if (personId != null) {
			registry.summary(CurrentUser.get(), personId).ifPresent(p -> model.addAttribute("picked", p));
		}
		form(model);
		return "control/open";
	}

	record RowView(int row, String number, String message) {
	}

	@PostMapping("/control/cases/bulk")
	@PreAuthorize("hasAuthority('PERM_CONTROL_MANAGE')")
	String bulk(@RequestParam(required = false) ControlCategory category, @RequestParam(required = false) Long profileId,
			@RequestParam(required = false) LocalDate date, @RequestParam(required = false) String numbers,
			@RequestParam(required = false) String notes, Model model, Locale locale, RedirectAttributes redirect) {
		CaseOpening.BulkResult r = opening.openAll(CurrentUser.get(), category, profileId, date, numbers, notes);
		if (r.saved()) {
			redirect.addFlashAttribute("notice", "control.notice.bulkOpened");
			redirect.addFlashAttribute("noticeArgs", List.of(r.caseIds().size()));
			return "redirect:/control/cases";
		}
		model.addAttribute("bulkError", msg(r.conflict() ? "validation.control.conflict" : "control.bulk.problems", locale));
		model.addAttribute("rowProblems", r.problems().stream().map(p -> new RowView(p.row(), p.number(),
				messages.getMessage("field." + p.field(), null, p.field(), locale) + ": "
						+ messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale))).toList());
		model.addAttribute("numbers", numbers);
		model.addAttribute("bulkCategory", category);
		model.addAttribute("bulkDate", date);
		form(model);
		return "control/open";
	}

	// --- one case

	record PhaseView(String measure, LocalDate starts, LocalDate ends, boolean current) {
	}

	@GetMapping("/control/cases/{id}")
	String show(@PathVariable long id, Model model) {
		CurrentUser user = CurrentUser.get();
		Case c = cases.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		CasePlan plan = cases.plan(user.schoolId(), c);
		LocalDate today = cases.today();
		int position = plan.positionOn(today);
		List<PhaseView> phases = new ArrayList<>();
		for (int i = 0; i < plan.phases().size(); i++) {
			CasePlan.Dated d = plan.phases().get(i);
			phases.add(new PhaseView(d.measure().name(), d.starts(), d.ends(), c.open() && i == position && c.phase() == ControlCases.Phase.IN_PHASE));
		}
		model.addAttribute("c", c);
		model.addAttribute("phases", phases);
		model.addAttribute("testDates", plan.testDates());
		model.addAttribute("policy", plan.policy());
		model.addAttribute("events", cases.events(id));
		model.addAttribute("stay", allocations.openStayOf(user, c.personId()).orElse(null));
		model.addAttribute("needsRoom", c.open() && plan.phases().get(position).measure().needsRoom());
		model.addAttribute("kinds", CaseActions.Kind.values());
		model.addAttribute("measures", Measure.values());
		model.addAttribute("categories", ControlCategory.values());
		model.addAttribute("today", today);
		return "control/case";
	}

	@PostMapping("/control/cases/{id}/actions")
	@PreAuthorize("hasAuthority('PERM_CONTROL_MANAGE')")
	String act(@PathVariable long id, @RequestParam(required = false) CaseActions.Kind kind, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String reason, @RequestParam(required = false) Integer days,
			@RequestParam(required = false) Measure measure, @RequestParam(required = false) ControlCategory category, Locale locale,
			RedirectAttributes redirect) {
		CaseResult r = actions.act(CurrentUser.get(), id, new CaseActions.Request(kind, version, reason, days, measure, category));
		if (r.notFound()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		if (r.saved()) {
			redirect.addFlashAttribute("notice", "control.notice." + kind);
		} else {
			redirect.addFlashAttribute("error", r.conflict() ? msg("validation.control.conflict", locale) : describe(r.problems(), locale));
		}
		return "redirect:/control/cases/" + id;
	}

	@GetMapping("/control/cases/{id}/notice.pdf")
	ResponseEntity<byte[]> noticePdf(@PathVariable long id) {
		CurrentUser user = CurrentUser.get();
		Case c = cases.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		audit.record(AuditAction.EXPORT, "control_case", id, "printed the isolation notice of " + c.personName());
		return pdf(documents.notice(user.schoolId(), c, cases.plan(user.schoolId(), c)), "isolation-notice-" + id + ".pdf");
	}

	@GetMapping("/control/cases/{id}/certificate.pdf")
	ResponseEntity<byte[]> certificatePdf(@PathVariable long id) {
		CurrentUser user = CurrentUser.get();
		Case c = cases.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (c.status() == ControlCases.Status.CANCELLED || c.status() == ControlCases.Status.TRANSFERRED) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		CasePlan plan = cases.plan(user.schoolId(), c);
		LocalDate released = c.closedAt() != null ? cases.dateOf(c.closedAt().toInstant()) : plan.releaseDate();
		audit.record(AuditAction.EXPORT, "control_case", id, "printed the release certificate of " + c.personName());
		return pdf(documents.certificate(user.schoolId(), c, plan, released), "release-certificate-" + id + ".pdf");
	}

	private static ResponseEntity<byte[]> pdf(byte[] body, String name) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name).build().toString()).body(body);
	}

	// --- a room for the case

	record Offer(long id, String label, int beds, boolean accessible, String gender) {
	}

	@GetMapping("/control/cases/{id}/room")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	String room(@PathVariable long id, @RequestParam(required = false) Long zone, Model model) {
		CurrentUser user = CurrentUser.get();
		Case c = cases.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("c", c);
		model.addAttribute("zone", zone);
		model.addAttribute("zones", zones.all(user, new IsolationZones.Filter(null, null, true)));
		model.addAttribute("stay", allocations.openStayOf(user, c.personId()).orElse(null));
		model.addAttribute("offers", rooms.offered(user, zone).stream().limit(200)
			.map(r -> new Offer(r.id(), r.label(), r.beds(), r.accessible(), r.gender() == null ? null : r.gender().name())).toList());
		return "control/room";
	}

	@PostMapping("/control/cases/{id}/room")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	String allocate(@PathVariable long id, @RequestParam(required = false) Long roomId,
			@RequestParam(defaultValue = "false") boolean needsAccessible, Locale locale, RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		Case c = cases.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (roomId == null) {
			redirect.addFlashAttribute("error", describe(List.of(FieldProblem.of("roomId", "required")), locale));
			return "redirect:/control/cases/" + id + "/room";
		}
		Allocations.Confirmation done = allocations.allocate(user, List.of(c.personId()), roomId, needsAccessible, c.id());
		if (!done.saved()) {
			redirect.addFlashAttribute("error", done.problems().isEmpty()
					? done.conflicts().stream().map(x -> msg("isolation.reason." + x.reason(), locale)).distinct().collect(Collectors.joining(" "))
					: describe(done.problems(), locale));
			return "redirect:/control/cases/" + id + "/room";
		}
		redirect.addFlashAttribute("notice", "control.notice.roomAllocated");
		return "redirect:/control/cases/" + id;
	}

	// --- dashboard

	@GetMapping("/control/dashboard")
	String dashboard(Model model, Locale locale) {
		ControlCases.Dashboard d = cases.dashboard(CurrentUser.get());
		model.addAttribute("d", d);
		Map<String, Long> measures = new java.util.LinkedHashMap<>();
		for (Measure m : Measure.values()) {
			measures.put(msg("measure." + m, locale), d.byMeasure().getOrDefault(m, 0L));
		}
		Map<String, Long> categories = new java.util.LinkedHashMap<>();
		for (ControlCategory k : ControlCategory.values()) {
			categories.put(msg("category." + k, locale), d.byCategory().getOrDefault(k, 0L));
		}
		model.addAttribute("measureRows", new EnumMap<>(d.byMeasure()));
		model.addAttribute("categoryRows", new EnumMap<>(d.byCategory()));
		model.addAttribute("chart", "{\"measures\":" + json(measures) + ",\"categories\":" + json(categories) + "}");
		return "control/dashboard";
	}

	private static String json(Map<String, Long> values) {
		return "{\"names\":[" + values.keySet().stream().map(ControlController::quote).collect(Collectors.joining(",")) + "],\"values\":["
				+ values.values().stream().map(String::valueOf).collect(Collectors.joining(",")) + "]}";
	}

	private static String quote(String s) {
		return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	// --- helpers

	String describe(List<FieldProblem> problems, Locale locale) {
		return problems.stream()
			.map(p -> messages.getMessage("field." + p.field(), null, p.field(), locale) + ": "
					+ messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale))
			.collect(Collectors.joining(" "));
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
