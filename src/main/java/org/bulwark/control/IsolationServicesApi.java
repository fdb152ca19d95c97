package org.bulwark.control;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.control.ServicePlan.Status;
import org.bulwark.directory.FieldProblem;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Services to isolated people over REST: the zones' service settings, the day's tasks, marking them
 * done (one, with temperatures on a medical round, or many at once), the overdue list and the
 * dashboard's counts. Tasks of rooms outside the caller's data scope are "not found".
 */
@RestController
@RequestMapping("/api/v1/isolation/services")
@Tag(name = "Isolation services", description = "Daily services to isolated people: settings, tasks, marking done, overdue, dashboard")
class IsolationServicesApi {

	private final ServiceTasks tasks;
	private final ServiceSettings settings;
	private final IsolationZones zones;
	private final IsolationRooms rooms;
	private final MessageSource messages;
	private final AuditLog audit;

	IsolationServicesApi(ServiceTasks tasks, ServiceSettings settings, IsolationZones zones, IsolationRooms rooms, MessageSource messages,
			AuditLog audit) {
		this.tasks = tasks;
		this.settings = settings;
		this.zones = zones;
		this.rooms = rooms;
		this.messages = messages;
		this.audit = audit;
	}

	record SettingsRequest(Integer stamp, Boolean allZones, List<ServiceSettings.Input> settings) {
	}

	record DoneRequest(String note, List<ServiceTasks.TemperatureInput> temperatures) {
	}

	record BatchRequest(List<Long> taskIds, String note) {
	}

	record GenerateRequest(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day, Long zoneId) {
	}

	record TaskView(ServiceTasks.Task task, boolean overdue, List<ServiceTasks.Reading> temperatures) {
	}

	record Dashboard(LocalDate day, IsolationRooms.Counts occupancy, List<IsolationRooms.Line> zones, List<ServiceTasks.ServiceCount> completion,
			List<ServiceTasks.Overdue> overdue, List<AwaitingRoom> awaitingDisinfection) {
	}

	record AwaitingRoom(long roomId, String zoneName, String buildingName, String floorName, String roomName, java.time.OffsetDateTime since) {
	}

	@GetMapping("/settings")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_READ')")
	@Operation(summary = "A zone's service settings: every service with its times and grace, its own or the default, and the stamp to save with")
	ResponseEntity<?> settings(@RequestParam long zoneId) {
		return settings.of(CurrentUser.get(), zoneId).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(IsolationServicesApi::notFound);
	}

	@PutMapping("/settings")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	@Operation(summary = "Save a zone's service settings (or every zone's, allZones)",
			description = "all or nothing. Times are local \"HH:mm\" separated by commas, graceMinutes 0-720. 200 with the settings; "
					+ "409 when they changed since the stamp; 422 with problems by field (times.MEAL, grace.MEDICAL, ...). Today's open "
					+ "tasks that the new times no longer have are cancelled and the new ones generated")
	ResponseEntity<?> saveSettings(@RequestParam long zoneId, @RequestBody SettingsRequest body, Locale locale) {
		CurrentUser user = CurrentUser.get();
		boolean all = Boolean.TRUE.equals(body.allZones());
		Outcome outcome = settings.save(user, zoneId, body.settings() == null ? List.of() : body.settings(), body.stamp(), all);
		if (!outcome.saved()) {
			return refusal(outcome.problems(), locale);
		}
		Instant now = Instant.now();
		for (IsolationZones.Zone z : all ? zones.all(user, new IsolationZones.Filter(null, null, null)) : zones.find(user, zoneId).stream().toList()) {
			tasks.reconcile(user.schoolId(), z.id(), now);
		}
		return ResponseEntity.ok(settings.of(user, zoneId).orElseThrow());
	}

	@GetMapping("/tasks")
	@PreAuthorize("hasAnyAuthority('PERM_ISOLATION_READ', 'PERM_ISOLATION_SERVICE')")
	@Operation(summary = "Service tasks of a day (default today) by zone, building, floor, service, status; overdue=true only the overdue ones")
	PageResult<TaskView> tasks(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
			@RequestParam(required = false) Long zoneId, @RequestParam(required = false) Long buildingId,
			@RequestParam(required = false) Long floorId, @RequestParam(required = false) ServiceKind service,
			@RequestParam(required = false) Status status, @RequestParam(defaultValue = "false") boolean overdue,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		Instant now = Instant.now();
		LocalDate d = day == null ? tasks.today(now) : day;
		return views(tasks.search(CurrentUser.get(), new ServiceTasks.Filter(d, d, zoneId, buildingId, floorId, service, status, overdue, null,
				null, q), new PageQuery(page, size, "due", false), now), now);
	}

	@GetMapping("/overdue")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_READ')")
	@Operation(summary = "Open tasks past their deadline, of any day (or of one), oldest first, for the site manager")
	PageResult<TaskView> overdue(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
			@RequestParam(required = false) Long zoneId, @RequestParam(required = false) Long buildingId,
			@RequestParam(required = false) Long floorId, @RequestParam(required = false) ServiceKind service,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		Instant now = Instant.now();
		return views(tasks.search(CurrentUser.get(), new ServiceTasks.Filter(day, day, zoneId, buildingId, floorId, service, null, true, null,
				null, null), new PageQuery(page, size, "due", false), now), now);
	}

	@GetMapping("/tasks/{id}")
	@PreAuthorize("hasAnyAuthority('PERM_ISOLATION_READ', 'PERM_ISOLATION_SERVICE')")
	@Operation(summary = "One task with the temperatures taken on it")
	ResponseEntity<?> task(@PathVariable long id) {
		Instant now = Instant.now();
		return tasks.find(CurrentUser.get(), id).<ResponseEntity<?>>map(t -> ResponseEntity.ok(view(t, now)))
			.orElseGet(IsolationServicesApi::notFound);
	}

	@PostMapping("/tasks/{id}/done")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_SERVICE')")
	@Operation(summary = "Mark a task done, with an optional note and, on a medical round, each occupant's temperature",
			description = "200 with the task; 409 when it is already done (by whom and when) or no longer due: a retry or a second "
					+ "member of staff never records it twice; 422 with problems by field (temperature 34.0-43.0 of an occupant, note)")
	ResponseEntity<?> done(@PathVariable long id, @RequestBody(required = false) DoneRequest body, Locale locale) {
		CurrentUser user = CurrentUser.get();
		Outcome outcome = tasks.markDone(user, id, body == null ? null : body.note(), body == null ? null : body.temperatures(), Instant.now());
		if (!outcome.saved()) {
			return refusal(outcome.problems(), locale);
		}
		return ResponseEntity.ok(view(tasks.find(user, id).orElseThrow(), Instant.now()));
	}

	@PostMapping("/tasks/done")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_SERVICE')")
	@Operation(summary = "Mark many tasks done at once (e.g. all meals of a floor delivered); not medical rounds",
			description = "200 with how many were marked and how many were already done or no longer due (left as they were)")
	ResponseEntity<?> doneAll(@RequestBody BatchRequest body, Locale locale) {
		ServiceTasks.Batch batch = tasks.markAllDone(CurrentUser.get(), body.taskIds(), body.note(), Instant.now());
		if (!batch.problems().isEmpty()) {
			return refusal(batch.problems(), locale);
		}
		return ResponseEntity.ok(batch);
	}

	@PostMapping("/generate")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_MANAGE')")
	@Operation(summary = "Generate the tasks of a day (default today) for the occupied rooms, of one zone or all; idempotent",
			description = "200 with the number of tasks added; tasks that exist are never created twice")
	ResponseEntity<?> generate(@RequestBody(required = false) GenerateRequest body, Locale locale) {
		CurrentUser user = CurrentUser.get();
		Long zoneId = body == null ? null : body.zoneId();
		if (zoneId != null && zones.find(user, zoneId).isEmpty()) {
			return notFound();
		}
		LocalDate today = tasks.today(Instant.now());
		LocalDate day = body == null || body.day() == null ? today : body.day();
		if (day.isAfter(today.plusDays(1)) || day.isBefore(today.minusDays(7))) {
			return ResponseEntity.unprocessableContent().body(new IsolationApi.Problems("invalid", List.of(new IsolationApi.Problems.Problem("day",
					"range", messages.getMessage("validation.range", new Object[] {today.minusDays(7), today.plusDays(1)}, locale)))));
		}
		int added = tasks.generate(user.schoolId(), day, null, zoneId);
		audit.record(AuditAction.CREATE, "isolation_service_task", null, "generated " + added + " service tasks for " + day
				+ (zoneId == null ? "" : " in zone " + zoneId));
		return ResponseEntity.ok(java.util.Map.of("day", day.toString(), "added", added));
	}

	@GetMapping("/dashboard")
	@PreAuthorize("hasAuthority('PERM_ISOLATION_READ')")
	@Operation(summary = "The isolation dashboard's figures: occupancy and free beds per zone, today's service completion, overdue by zone and "
			+ "service, rooms awaiting terminal disinfection")
	Dashboard dashboard(@RequestParam(required = false) Long zoneId) {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		IsolationRooms.Board board = rooms.board(user, zoneId);
		return new Dashboard(tasks.today(now), board.total(), board.zones(), tasks.completion(user, zoneId, tasks.today(now), now),
				tasks.overdueByZone(user, now).stream().filter(o -> zoneId == null || o.zoneId() == zoneId).toList(),
				rooms.all(user, new IsolationRooms.Filter(zoneId, RoomState.AWAITING_DISINFECTION, null, null, null, null)).stream()
					.map(r -> new AwaitingRoom(r.id(), r.zoneName(), r.buildingName(), r.floorName(), r.name(), r.stateChangedAt())).toList());
	}

	private PageResult<TaskView> views(PageResult<ServiceTasks.Task> page, Instant now) {
		var readings = tasks.readings(page.items().stream().filter(t -> t.service().recordsTemperature()).map(ServiceTasks.Task::id).toList());
		return page.map(t -> new TaskView(t, t.overdueAt(now), readings.getOrDefault(t.id(), List.of())));
	}

	private TaskView view(ServiceTasks.Task t, Instant now) {
		return new TaskView(t, t.overdueAt(now), tasks.readings(List.of(t.id())).getOrDefault(t.id(), List.of()));
	}

	/** 404 out of scope, 409 already done / no longer due / changed meanwhile, 422 otherwise. */
	private ResponseEntity<?> refusal(List<FieldProblem> problems, Locale locale) {
		if (problems.stream().anyMatch(p -> p.code().equals("notFound") && List.of("zone", "task").contains(p.field()))) {
			return notFound();
		}
		var body = new IsolationApi.Problems("invalid", problems.stream().map(p -> new IsolationApi.Problems.Problem(p.field(), p.code(),
				messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale))).toList());
		boolean conflict = problems.stream().anyMatch(p -> p.code().equals("isolation.services.alreadyDone")
				|| p.code().equals("isolation.services.notDue") || p.code().equals("conflict"));
		return conflict ? ResponseEntity.status(HttpStatus.CONFLICT).body(new IsolationApi.Problems("conflict", body.problems()))
				: ResponseEntity.unprocessableContent().body(body);
	}

	private static ResponseEntity<?> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new IsolationApi.Problems("notFound", List.of()));
	}
}
