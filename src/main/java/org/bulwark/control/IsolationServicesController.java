package org.bulwark.control;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.control.ServicePlan.Status;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

/**
 * The service pages: staff's phone page of a zone's rounds (now, later today, done), the site manager's
 * task list with the overdue ones, the zones' service settings, and the isolation dashboard.
 */
@Controller
class IsolationServicesController {

	/** "Now" on the phone page: open rounds due within this much time (and every overdue one). */
	static final Duration AHEAD = Duration.ofHours(2);
	static final int PHONE_LIMIT = 1_000;
	static final int EXPORT_LIMIT = 50_000;

	private final ServiceTasks tasks;
	private final ServiceSettings settings;
	private final IsolationZones zones;
	private final IsolationRooms rooms;
	private final MessageSource messages;
	private final AuditLog audit;
	private final JsonMapper json;

	IsolationServicesController(ServiceTasks tasks, ServiceSettings settings, IsolationZones zones, IsolationRooms rooms,
			MessageSource messages, AuditLog audit, JsonMapper json) {
		this.tasks = tasks;
		this.settings = settings;
		this.zones = zones;
		this.rooms = rooms;
		this.messages = messages;
		this.audit = audit;
		this.json = json;
	}

	// --- the phone page

	/** The rounds of one floor, and the batches it offers ("all 11:30 meals of this floor delivered"). */
	record FloorGroup(String label, List<ServiceTasks.Task> tasks, List<BatchOption> batches) {
	}

	record BatchOption(ServiceKind service, LocalDate day, String slot, String meal, List<Long> taskIds) {
	}

	@GetMapping("/isolation/services")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_SERVICE')")
	String phone(@RequestParam(required = false) Long zone, @RequestParam(defaultValue = "now") String tab, Model model) {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		LocalDate today = tasks.today(now);
		List<IsolationZones.Zone> visible = zones.all(user, new IsolationZones.Filter(null, null, true));
		Long chosen = zone != null && visible.stream().anyMatch(z -> z.id() == zone) ? zone
				: visible.isEmpty() ? null : visible.get(0).id();
		String view = List.of("now", "later", "done").contains(tab) ? tab : "now";
		model.addAttribute("zones", visible);
		model.addAttribute("zone", chosen);
		model.addAttribute("tab", view);
		model.addAttribute("now", now);
		model.addAttribute("today", today);
		model.addAttribute("timeZone", tasks.zone());
		if (chosen == null) {
			model.addAttribute("groups", List.of());
			return "isolation/services";
		}
		ServiceTasks.Filter nowFilter = new ServiceTasks.Filter(today.minusDays(1), today, chosen, null, null, null, Status.PENDING, false,
				now.plus(AHEAD), null, null);
		ServiceTasks.Filter laterFilter = new ServiceTasks.Filter(today, today, chosen, null, null, null, Status.PENDING, false, null,
				now.plus(AHEAD), null);
		ServiceTasks.Filter doneFilter = new ServiceTasks.Filter(today, today, chosen, null, null, null, Status.DONE, false, null, null, null);
		List<ServiceTasks.Task> nowTasks = tasks.all(user, nowFilter, now, PHONE_LIMIT);
		List<ServiceTasks.Task> laterTasks = tasks.all(user, laterFilter, now, PHONE_LIMIT);
		List<ServiceTasks.Task> doneTasks = tasks.all(user, doneFilter, now, PHONE_LIMIT);
		List<ServiceTasks.Task> shown = switch (view) {
			case "later" -> laterTasks;
			case "done" -> doneTasks;
			default -> nowTasks;
		};
		model.addAttribute("counts", Map.of("now", nowTasks.size(), "later", laterTasks.size(), "done", doneTasks.size(),
				"overdue", nowTasks.stream().filter(t -> t.overdueAt(now)).count()));
		model.addAttribute("groups", groups(shown, !"done".equals(view)));
		model.addAttribute("occupants", tasks.occupants(shown.stream().filter(t -> t.service().recordsTemperature())
			.map(ServiceTasks.Task::roomId).toList()));
		model.addAttribute("readings", "done".equals(view) ? tasks.readings(shown.stream().map(ServiceTasks.Task::id).toList()) : Map.of());
		model.addAttribute("feverFrom", tasks.feverFrom());
		return "isolation/services";
	}

	private static List<FloorGroup> groups(List<ServiceTasks.Task> shown, boolean batches) {
		Map<String, List<ServiceTasks.Task>> byFloor = new LinkedHashMap<>();
		shown.stream().sorted(Comparator.comparing(ServiceTasks.Task::floorLabel))
			.forEach(t -> byFloor.computeIfAbsent(t.floorLabel(), k -> new ArrayList<>()).add(t));
		List<FloorGroup> groups = new ArrayList<>();
		byFloor.forEach((label, list) -> {
			List<BatchOption> options = new ArrayList<>();
			if (batches) {
				Map<String, List<ServiceTasks.Task>> bySlot = new LinkedHashMap<>();
				list.stream().filter(t -> !t.service().recordsTemperature())
					.forEach(t -> bySlot.computeIfAbsent(t.service() + "@" + t.day() + "@" + t.slot(), k -> new ArrayList<>()).add(t));
				bySlot.values().stream().filter(l -> l.size() > 1).forEach(l -> options.add(new BatchOption(l.get(0).service(), l.get(0).day(), l.get(0).slot(),
						l.get(0).meal(), l.stream().map(ServiceTasks.Task::id).toList())));
			}
			groups.add(new FloorGroup(label, list, options));
		});
		return groups;
	}

	@PostMapping("/isolation/services/tasks/{id}/done")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_SERVICE')")
	String markDone(@PathVariable long id, @RequestParam(required = false) String note, @RequestParam Map<String, String> form,
			@RequestParam(required = false) Long zone, @RequestParam(defaultValue = "now") String tab, Locale locale,
			RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		ServiceTasks.Task task = tasks.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		List<ServiceTasks.TemperatureInput> temperatures = new ArrayList<>();
		List<FieldProblem> problems = new ArrayList<>();
		form.forEach((k, v) -> {
			if (k.matches("t\\d+") && v != null && !v.isBlank()) {
				try {
					temperatures.add(new ServiceTasks.TemperatureInput(Long.parseLong(k.substring(1)), new BigDecimal(v.strip().replace(',', '.'))));
				} catch (NumberFormatException e) {
					problems.add(FieldProblem.of("temperature", "isolation.services.badTemperature", v.strip()));
				}
			}
		});
		Outcome outcome = problems.isEmpty() ? tasks.markDone(user, id, note, temperatures, Instant.now()) : Outcome.refused(problems);
		if (outcome.saved()) {
			redirect.addFlashAttribute("notice", "isolation.services.notice.done");
			redirect.addFlashAttribute("noticeArgs", List.of(task.roomName() + " " + label(task, locale)));
		} else {
			redirect.addFlashAttribute("error", task.roomName() + " " + label(task, locale) + ": " + describe(outcome.problems(), locale));
		}
		return "redirect:/isolation/services?zone=" + task.zoneId() + "&tab=" + tab + "#floor-top";
	}

	@PostMapping("/isolation/services/batch")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_SERVICE')")
	String markAll(@RequestParam(name = "task", required = false) List<Long> ids, @RequestParam(required = false) String note,
			@RequestParam(required = false) Long zone, @RequestParam(defaultValue = "now") String tab, Locale locale,
			RedirectAttributes redirect) {
		ServiceTasks.Batch batch = tasks.markAllDone(CurrentUser.get(), ids, note, Instant.now());
		if (!batch.problems().isEmpty()) {
			redirect.addFlashAttribute("error", describe(batch.problems(), locale));
		} else {
			redirect.addFlashAttribute("notice", batch.skipped() == 0 ? "isolation.services.notice.batch" : "isolation.services.notice.batchSkipped");
			redirect.addFlashAttribute("noticeArgs", List.of(batch.done(), batch.skipped()));
		}
		return "redirect:/isolation/services?" + (zone == null ? "" : "zone=" + zone + "&") + "tab=" + tab;
	}

	// --- the manager's list

	record TaskParams(String view, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day, Long zone, Long building, Long floor,
			ServiceKind service, Status status, String q, String sort, String dir, Integer page, Integer size) {

		public boolean overdueOnly() {
			return !"all".equals(view);
		}

		ServiceTasks.Filter toFilter() {
			return new ServiceTasks.Filter(day, day, zone, building, floor, service, overdueOnly() ? null : status, overdueOnly(), null, null, q);
		}

		PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, size == null ? 50 : size, sort == null ? "due" : sort, "desc".equals(dir));
		}
	}

	@GetMapping("/isolation/services/tasks")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_READ')")
	String list(TaskParams params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		model.addAttribute("params", params);
		model.addAttribute("now", now);
		model.addAttribute("timeZone", tasks.zone());
		model.addAttribute("result", tasks.search(user, params.toFilter(), params.toPage(), now));
		if (htmx != null && boosted == null) {
			return "isolation/service-tasks :: results";
		}
		model.addAttribute("zones", zones.all(user, new IsolationZones.Filter(null, null, null)));
		model.addAttribute("floors", floors(user, params.zone()));
		model.addAttribute("services", ServiceKind.values());
		model.addAttribute("statuses", Status.values());
		return "isolation/service-tasks";
	}

	record FloorOption(long buildingId, String buildingName, Long floorId, String floorName) {
	}

	private List<FloorOption> floors(CurrentUser user, Long zoneId) {
		Map<String, FloorOption> options = new LinkedHashMap<>();
		for (IsolationRooms.Room r : rooms.all(user, new IsolationRooms.Filter(zoneId, null, null, null, null, null))) {
			options.putIfAbsent(r.buildingId() + "/" + r.floorId(), new FloorOption(r.buildingId(), r.buildingName(), r.floorId(), r.floorName()));
		}
		return List.copyOf(options.values());
	}

	@GetMapping("/isolation/services/tasks/export")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_READ')")
	void export(TaskParams params, @RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response)
			throws IOException {
		Instant now = Instant.now();
		List<ServiceTasks.Task> rows = tasks.all(CurrentUser.get(), params.toFilter(), now, EXPORT_LIMIT);
		TableExport.Format f = TableExport.Format.of(format);
		ZoneId zone = tasks.zone();
		try (TableExport out = TableExport.download(response, f, "isolation-services-" + tasks.today(now),
				msg("isolation.services.tasks.title", locale))) {
			out.header(List.of(msg("isolation.services.day", locale), msg("isolation.services.time", locale), msg("isolation.services.service", locale),
					msg("isolation.zone", locale), msg("isolation.building", locale), msg("isolation.floor", locale), msg("isolation.room", locale),
					msg("isolation.occupants", locale), msg("isolation.services.status", locale), msg("isolation.services.deadline", locale),
					msg("isolation.services.doneAt", locale), msg("isolation.services.doneBy", locale), msg("field.note", locale)));
			for (ServiceTasks.Task t : rows) {
				out.row(List.of(t.day().toString(), t.slot(), label(t, locale), t.zoneName(), t.buildingName(), t.floorName() == null ? "" : t.floorName(),
						t.roomName(), t.occupants(), t.overdueAt(now) ? msg("isolation.services.overdue", locale) : msg("serviceStatus." + t.status(), locale),
						ServicePlan.HH_MM.format(t.overdueAt().atZoneSameInstant(zone)),
						t.doneAt() == null ? "" : t.doneAt().atZoneSameInstant(zone).toLocalDateTime().withNano(0).toString().replace('T', ' '),
						t.doneBy() == null ? "" : t.doneBy(), t.note() == null ? "" : t.note()));
			}
		}
		audit.record(AuditAction.EXPORT, "isolation_service_task", null, rows.size() + " isolation service tasks as " + format);
	}

	// --- settings

	@GetMapping("/isolation/services/settings")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_READ')")
	String settings(@RequestParam(required = false) Long zone, Model model) {
		CurrentUser user = CurrentUser.get();
		List<IsolationZones.Zone> all = zones.all(user, new IsolationZones.Filter(null, null, null));
		Long chosen = zone != null ? zone : all.isEmpty() ? null : all.get(0).id();
		model.addAttribute("zones", all);
		model.addAttribute("zone", chosen);
		if (chosen != null) {
			model.addAttribute("settings", settings.of(user, chosen).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		}
		return "isolation/service-settings";
	}

	@PostMapping("/isolation/services/settings")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	String saveSettings(@RequestParam long zone, @RequestParam(required = false) Integer stamp,
			@RequestParam(defaultValue = "false") boolean allZones, @RequestParam Map<String, String> form, Locale locale,
			RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		List<ServiceSettings.Input> inputs = new ArrayList<>();
		for (ServiceKind k : ServiceKind.values()) {
			String grace = form.get("grace." + k);
			Integer minutes;
			try {
				minutes = grace == null || grace.isBlank() ? null : Integer.valueOf(grace.strip());
			} catch (NumberFormatException e) {
				minutes = -1;
			}
			inputs.add(new ServiceSettings.Input(k, "true".equals(form.get("enabled." + k)), form.get("times." + k), minutes));
		}
		Outcome outcome = settings.save(user, zone, inputs, stamp, allZones);
		if (!outcome.saved()) {
			if (outcome.problems().stream().anyMatch(p -> p.field().equals("zone"))) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			redirect.addFlashAttribute("error", describe(outcome.problems(), locale));
			return "redirect:/isolation/services/settings?zone=" + zone;
		}
		Instant now = Instant.now();
		int added = 0;
		for (IsolationZones.Zone z : allZones ? zones.all(user, new IsolationZones.Filter(null, null, null)) : zones.find(user, zone).stream().toList()) {
			added += tasks.reconcile(user.schoolId(), z.id(), now);
		}
		redirect.addFlashAttribute("notice", "isolation.services.notice.settingsSaved");
		redirect.addFlashAttribute("noticeArgs", List.of(outcome.count(), added));
		return "redirect:/isolation/services/settings?zone=" + zone;
	}

	@PostMapping("/isolation/services/generate")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	String generate(@RequestParam(required = false) Long zone, RedirectAttributes redirect) {
		CurrentUser user = CurrentUser.get();
		if (zone != null && zones.find(user, zone).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		int added = tasks.generate(user.schoolId(), tasks.today(Instant.now()), null, zone);
		audit.record(AuditAction.CREATE, "isolation_service_task", null, "generated " + added + " service tasks for today"
				+ (zone == null ? "" : " in zone " + zone));
		redirect.addFlashAttribute("notice", "isolation.services.notice.generated");
		redirect.addFlashAttribute("noticeArgs", List.of(added));
		return "redirect:/isolation/services/settings" + (zone == null ? "" : "?zone=" + zone);
	}

	// --- the dashboard

	@GetMapping("/isolation/dashboard")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_READ')")
	String dashboard(@RequestParam(required = false) Long zone, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model, Locale locale) {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		LocalDate today = tasks.today(now);
		IsolationRooms.Board board = rooms.board(user, zone);
		List<ServiceTasks.ServiceCount> completion = tasks.completion(user, zone, today, now);
		List<ServiceTasks.Overdue> overdue = tasks.overdueByZone(user, now).stream().filter(o -> zone == null || o.zoneId() == zone).toList();
		List<IsolationRooms.Room> awaiting = rooms.all(user, new IsolationRooms.Filter(zone, RoomState.AWAITING_DISINFECTION, null, null, null, null));
		int due = completion.stream().mapToInt(ServiceTasks.ServiceCount::due).sum();
		int done = completion.stream().mapToInt(ServiceTasks.ServiceCount::done).sum();
		model.addAttribute("board", board);
		model.addAttribute("completion", completion);
		model.addAttribute("overdueTotal", overdue.stream().mapToInt(ServiceTasks.Overdue::count).sum());
		model.addAttribute("overdueRows", overdue);
		model.addAttribute("awaiting", awaiting);
		model.addAttribute("rate", due == 0 ? null : Math.round(100f * done / due));
		model.addAttribute("today", today);
		model.addAttribute("zone", zone);
		model.addAttribute("now", now);
		model.addAttribute("timeZone", tasks.zone());
		model.addAttribute("occupancyChart", json.writeValueAsString(occupancyChart(board, locale)));
		model.addAttribute("overdueChart", json.writeValueAsString(overdueChart(overdue, locale)));
		model.addAttribute("completionChart", json.writeValueAsString(completionChart(completion, locale)));
		if (htmx != null && boosted == null) {
			return "isolation/dashboard :: results";
		}
		model.addAttribute("zones", zones.all(user, new IsolationZones.Filter(null, null, null)));
		return "isolation/dashboard";
	}

	private Map<String, Object> occupancyChart(IsolationRooms.Board board, Locale locale) {
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("categories", board.zones().stream().map(IsolationRooms.Line::name).toList());
		chart.put("series", List.of(
				serie(msg("isolation.occupiedBeds", locale), "#0d6efd", board.zones().stream().map(z -> z.counts().occupiedBeds()).toList()),
				serie(msg("isolation.freeBeds", locale), "#198754", board.zones().stream().map(z -> z.counts().freeBeds()).toList())));
		return chart;
	}

	private Map<String, Object> overdueChart(List<ServiceTasks.Overdue> overdue, Locale locale) {
		List<String> zoneNames = overdue.stream().map(ServiceTasks.Overdue::zoneName).distinct().toList();
		String[] colors = {"#fd7e14", "#6f42c1", "#6c757d", "#20c997", "#dc3545"};
		List<Map<String, Object>> series = new ArrayList<>();
		for (ServiceKind k : ServiceKind.values()) {
			List<Integer> data = zoneNames.stream().map(z -> overdue.stream().filter(o -> o.zoneName().equals(z) && o.service() == k)
				.mapToInt(ServiceTasks.Overdue::count).sum()).toList();
			series.add(serie(msg("serviceKind." + k, locale), colors[k.ordinal()], data));
		}
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("categories", zoneNames);
		chart.put("series", series);
		return chart;
	}

	private Map<String, Object> completionChart(List<ServiceTasks.ServiceCount> completion, Locale locale) {
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("categories", completion.stream().map(c -> msg("serviceKind." + c.service(), locale)).toList());
		chart.put("series", List.of(
				serie(msg("serviceStatus.DONE", locale), "#198754", completion.stream().map(ServiceTasks.ServiceCount::done).toList()),
				serie(msg("isolation.services.onTime", locale), "#adb5bd", completion.stream().map(ServiceTasks.ServiceCount::onTime).toList()),
				serie(msg("isolation.services.overdue", locale), "#dc3545", completion.stream().map(ServiceTasks.ServiceCount::overdue).toList()),
				serie(msg("serviceStatus.MISSED", locale), "#6c757d", completion.stream().map(ServiceTasks.ServiceCount::missed).toList())));
		return chart;
	}

	private static Map<String, Object> serie(String name, String color, List<Integer> data) {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("name", name);
		s.put("color", color);
		s.put("data", data);
		return s;
	}

	// --- helpers

	String label(ServiceTasks.Task t, Locale locale) {
		return (t.meal() != null ? msg("meal." + t.meal(), locale) : msg("serviceKind." + t.service(), locale)) + " " + t.slot();
	}

	String describe(List<FieldProblem> problems, Locale locale) {
		return problems.stream().map(p -> fieldName(p.field(), locale) + ": "
				+ messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale)).collect(Collectors.joining(" "));
	}

	private String fieldName(String field, Locale locale) {
		int dot = field.indexOf('.');
		if (dot > 0 && (field.startsWith("times.") || field.startsWith("grace."))) {
			return msg("serviceKind." + field.substring(dot + 1), locale) + " " + msg("isolation.services.field." + field.substring(0, dot), locale);
		}
		return messages.getMessage("field." + field, null, field, locale);
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
