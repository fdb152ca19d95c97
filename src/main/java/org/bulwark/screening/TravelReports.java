package org.bulwark.screening;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PersonTimeline;
import org.bulwark.directory.Population;
import org.bulwark.directory.Registry;
import org.bulwark.screening.TravelChain.Decision;
import org.bulwark.screening.TravelChain.StepKind;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.DataScope;
import org.bulwark.system.Permission;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Travel reports (出行报备): a person applies before leaving, the report passes its approval chain
 * (configured per population, {@link TravelChain}), the person records departure and return, and
 * the return's three histories (travel, contact, residence) are checked against the risk areas
 * ({@link TravelRisk}); a flagged returnee is published as {@link TravelFlagged} for control. Every
 * change is checked against the version the actor read; of two approvers at once one wins.
 */
@Service
public class TravelReports {

	static final String MODULE = "screening";
	/** The responsibilities whose holders decide a RESPONSIBLE step; a household's doctor does not approve travel. */
	static final Set<String> APPROVING_ROLES = Set.of("COUNSELOR", "CLASS_TEACHER", "GRID_LEADER", "UNIT_LIAISON");
	static final int MAX_DESTINATIONS = 10;
	static final int MAX_STAYS = 20;

	public enum Status {
		PENDING, APPROVED, REJECTED, CANCELLED, DEPARTED, RETURNED;

		boolean open() {
			return this == PENDING || this == APPROVED || this == DEPARTED;
		}
	}

	public enum StayKind {
		TRAVEL, RESIDENCE
	}

	public record Application(List<String> destinations, String leaveOn, String returnOn, String purpose,
			Transport transport, String transportDetail) {
	}

	public record StayForm(StayKind kind, String region, String from, String to) {
	}

	/** The return registration: the day back and the three histories. */
	public record ReturnForm(String returnedOn, List<StayForm> stays, Boolean contactRisk, String contactHistory,
			String residenceAddress) {
	}

	public record Item(long id, int version) {
	}

	public sealed interface Result permits Done, Rejected, Conflict, NotFound {
	}

	public record Done(long id, int count) implements Result {
	}

	public record Rejected(List<FieldProblem> problems) implements Result {
	}

	/** Someone changed the report since it was read: as it is now. */
	public record Conflict(List<Report> current) implements Result {
	}

	public record NotFound() implements Result {
	}

	public record Destination(String code, String fullName) {
	}

	public record Approval(int step, StepKind kind, Decision decision, String reason, String decidedBy, Instant decidedAt) {
	}

	public record Stay(StayKind kind, String regionCode, String regionName, LocalDate from, LocalDate to) {
	}

	public record Report(long id, long personId, String personName, String personCode, String orgUnitName,
			Population population, LocalDate leaveOn, LocalDate returnOn, String purpose, Transport transport,
			String transportDetail, Status status, List<StepKind> steps, int step, StepKind stepKind, Instant departedAt,
			Instant returnedAt, LocalDate returnedOn, Boolean contactRisk, String contactHistory, String residenceAddress,
			boolean flagged, Instant createdAt, int version, List<Destination> destinations, List<Approval> approvals,
			List<Stay> stays) {

		Report with(List<Destination> d, List<Approval> a, List<Stay> s) {
			return new Report(id, personId, personName, personCode, orgUnitName, population, leaveOn, returnOn, purpose,
					transport, transportDetail, status, steps, step, stepKind, departedAt, returnedAt, returnedOn, contactRisk,
					contactHistory, residenceAddress, flagged, createdAt, version, d, a, s);
		}

		public String destinationNames() {
			return String.join("、", destinations.stream().map(Destination::fullName).toList());
		}

		public boolean cancellable() {
			return status == Status.PENDING || status == Status.APPROVED;
		}

		public boolean departable() {
			return status == Status.APPROVED;
		}

		public boolean returnable() {
			return status == Status.APPROVED || status == Status.DEPARTED;
		}
	}

	/** view: {@code queue} (what the user may decide now) or {@code all}. */
	public record Filter(String view, Status status, String q, LocalDate on, String region) {
	}

	private static final String COLUMNS = """
			t.id, t.person_id, p.name as person_name, p.code as person_code, o.name as org_unit_name, p.population,
			t.leave_on, t.return_on, t.purpose, t.transport, t.transport_detail, t.status, t.steps, t.step, t.step_kind,
			t.departed_at, t.returned_at, t.returned_on, t.contact_risk, t.contact_history, t.residence_address, t.flagged,
			t.created_at, t.version""";
	private static final String FROM = " from travel_report t join person p on p.id = t.person_id"
			+ " left join org_unit o on o.id = p.org_unit_id";

	private final JdbcClient jdbc;
	private final Registry registry;
	private final Regions regions;
	private final AuditLog audit;
	private final PersonTimeline timeline;
	private final ApplicationEventPublisher events;
	private final ZoneId zone;

	TravelReports(JdbcClient jdbc, Registry registry, Regions regions, AuditLog audit, PersonTimeline timeline,
			ApplicationEventPublisher events, @Value("${bulwark.health.time-zone:Asia/Shanghai}") ZoneId zone) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.regions = regions;
		this.audit = audit;
		this.timeline = timeline;
		this.events = events;
		this.zone = zone;
	}

	public ZoneId zone() {
		return zone;
	}

	public LocalDate today() {
		return LocalDate.now(zone);
	}

	// ---- applying -------------------------------------------------------------------------------

	@Transactional
	public Result apply(CurrentUser user, Application a) {
		if (user.personId().isEmpty()) {
			return new Rejected(List.of(FieldProblem.of("person", "travel.noPerson")));
		}
		long personId = user.personId().get();
		Optional<Registry.Subject> subject = registry.find(user, personId);
		if (subject.isEmpty()) {
			return new NotFound();
		}
		List<FieldProblem> problems = new ArrayList<>();
		List<Region> destinations = new ArrayList<>();
		List<String> given = a.destinations() == null ? List.of()
				: a.destinations().stream().filter(d -> d != null && !d.isBlank()).distinct().toList();
		if (given.isEmpty()) {
			problems.add(FieldProblem.of("destinations", "required"));
		}
		else if (given.size() > MAX_DESTINATIONS) {
			problems.add(FieldProblem.of("destinations", "travel.tooManyDestinations", MAX_DESTINATIONS));
		}
		for (int i = 0; i < given.size() && i < MAX_DESTINATIONS; i++) {
			Optional<Region> region = region(given.get(i));
			if (region.isEmpty()) {
				problems.add(FieldProblem.of("destinations[" + i + "]", "regionUnknown", given.get(i).strip()));
			}
			else {
				destinations.add(region.get());
			}
		}
		LocalDate leave = date(a.leaveOn(), "leaveOn", true, problems);
		LocalDate back = date(a.returnOn(), "returnOn", true, problems);
		if (leave != null && leave.isBefore(today())) {
			problems.add(FieldProblem.of("leaveOn", "travel.leaveInPast"));
		}
		if (leave != null && back != null && back.isBefore(leave)) {
			problems.add(FieldProblem.of("returnOn", "travel.returnBeforeLeave"));
		}
		if (leave != null && back != null && back.isAfter(leave.plusDays(366))) {
			problems.add(FieldProblem.of("returnOn", "travel.tooLong"));
		}
		String purpose = trim(a.purpose(), 500);
		if (purpose == null) {
			problems.add(FieldProblem.of("purpose", "required"));
		}
		if (a.transport() == null) {
			problems.add(FieldProblem.of("transport", "required"));
		}
		if (!problems.isEmpty()) {
			return new Rejected(problems);
		}
		// one open trip at a time over the same days: the person row is the lock, so two submissions
		// of one form (a double tap, a retry) make one report
		jdbc.sql("select id from person where id = ? for update").param(personId).query(Long.class).single();
		long overlapping = jdbc.sql("""
				select count(*) from travel_report where person_id = ? and status in ('PENDING', 'APPROVED', 'DEPARTED')
				  and leave_on <= ? and return_on >= ?""")
			.params(personId, Date.valueOf(back), Date.valueOf(leave)).query(Long.class).single();
		if (overlapping > 0) {
			return new Rejected(List.of(FieldProblem.of("leaveOn", "travel.overlap")));
		}
		Population population = subject.get().population();
		TravelChain chain = chainOf(user.schoolId(), population);
		List<Long> approvers = responsibleApprovers(user.schoolId(), personId);
		List<StepKind> steps = chain.resolve(!approvers.isEmpty());
		Instant now = Instant.now();
		var key = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into travel_report (school_id, person_id, leave_on, return_on, purpose, transport, transport_detail,
				  status, steps, step, step_kind, created_at, created_by, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, 0, ?, ?, ?, ?)""")
			.params(user.schoolId(), personId, Date.valueOf(leave), Date.valueOf(back), purpose, a.transport().name(),
					trim(a.transportDetail(), 200), String.join(",", steps.stream().map(Enum::name).toList()),
					steps.get(0).name(), Timestamp.from(now), user.id(), Timestamp.from(now))
			.update(key, "id");
		long id = key.getKey().longValue();
		for (int i = 0; i < destinations.size(); i++) {
			jdbc.sql("insert into travel_destination (report_id, seq, region_code) values (?, ?, ?)")
				.params(id, i, destinations.get(i).code()).update();
		}
		for (int s = 0; s < steps.size(); s++) {
			if (steps.get(s) == StepKind.RESPONSIBLE) {
				for (long staff : approvers) {
					jdbc.sql("insert into travel_approver (report_id, step, staff_person_id) values (?, ?, ?)")
						.params(id, s, staff).update();
				}
			}
		}
		String where = String.join("、", destinations.stream().map(Region::fullName).toList());
		audit.record(AuditAction.CREATE, "travel_report", id, "travel " + leave + "–" + back + " to " + where);
		timeline.record(personId, MODULE, "travelApplied", where + " " + leave + "–" + back, now);
		return new Done(id, 1);
	}

	/** The person cancels a report not yet under way. */
	@Transactional
	public Result cancel(CurrentUser user, long id, int version) {
		return ownChange(user, id, version, r -> r.cancellable() ? null : "travel.notCancellable", (r, now) -> {
			jdbc.sql("update travel_report set status = 'CANCELLED', step_kind = null, version = version + 1, updated_at = ? where id = ?")
				.params(Timestamp.from(now), id).update();
			audit.record(AuditAction.UPDATE, "travel_report", id, "cancelled");
			timeline.record(r.personId(), MODULE, "travelCancelled", r.destinationNames(), now);
		});
	}

	/** The person records leaving. */
	@Transactional
	public Result depart(CurrentUser user, long id, int version) {
		return ownChange(user, id, version, r -> r.departable() ? null : "travel.notApproved", (r, now) -> {
			jdbc.sql("update travel_report set status = 'DEPARTED', departed_at = ?, version = version + 1, updated_at = ? where id = ?")
				.params(Timestamp.from(now), Timestamp.from(now), id).update();
			audit.record(AuditAction.UPDATE, "travel_report", id, "departed");
			timeline.record(r.personId(), MODULE, "travelDeparted", r.destinationNames(), now);
		});
	}

	/** The person registers the return with the three histories; a risk found flags them for control. */
	@Transactional
	public Result registerReturn(CurrentUser user, long id, int version, ReturnForm form) {
		Optional<Report> found = own(user, id);
		if (found.isEmpty()) {
			return new NotFound();
		}
		List<FieldProblem> problems = new ArrayList<>();
		LocalDate returnedOn = date(form.returnedOn(), "returnedOn", true, problems);
		Report report = found.get();
		if (returnedOn != null && returnedOn.isAfter(today())) {
			problems.add(FieldProblem.of("returnedOn", "future"));
		}
		if (returnedOn != null && returnedOn.isBefore(report.leaveOn())) {
			problems.add(FieldProblem.of("returnedOn", "travel.returnBeforeLeave"));
		}
		List<StayForm> given = form.stays() == null ? List.of()
				: form.stays().stream().filter(s -> s != null && s.region() != null && !s.region().isBlank()).toList();
		if (given.stream().noneMatch(s -> s.kind() != StayKind.RESIDENCE)) {
			problems.add(FieldProblem.of("stays", "travel.staysRequired"));
		}
		if (given.size() > MAX_STAYS) {
			problems.add(FieldProblem.of("stays", "travel.tooManyStays", MAX_STAYS));
		}
		List<Stay> stays = new ArrayList<>();
		for (int i = 0; i < given.size() && i < MAX_STAYS; i++) {
			StayForm s = given.get(i);
			String field = "stays[" + i + "]";
			Optional<Region> region = region(s.region());
			if (region.isEmpty()) {
				problems.add(FieldProblem.of(field + ".region", "regionUnknown", s.region().strip()));
			}
			LocalDate from = date(s.from(), field + ".from", true, problems);
			LocalDate to = date(s.to(), field + ".to", true, problems);
			if (from != null && to != null && to.isBefore(from)) {
				problems.add(FieldProblem.of(field + ".to", "travel.toBeforeFrom"));
			}
			if (to != null && to.isAfter(today())) {
				problems.add(FieldProblem.of(field + ".to", "future"));
			}
			if (region.isPresent() && from != null && to != null) {
				stays.add(new Stay(s.kind() == null ? StayKind.TRAVEL : s.kind(), region.get().code(), region.get().fullName(),
						from, to));
			}
		}
		if (form.contactRisk() == null) {
			problems.add(FieldProblem.of("contactRisk", "required"));
		}
		String contact = trim(form.contactHistory(), 1000);
		if (Boolean.TRUE.equals(form.contactRisk()) && contact == null) {
			problems.add(FieldProblem.of("contactHistory", "travel.contactDetailsRequired"));
		}
		if (!problems.isEmpty()) {
			return new Rejected(problems);
		}
		Report locked = lock(List.of(id)).get(0);
		if (locked.version() != version) {
			return new Conflict(List.of(locked));
		}
		if (!locked.returnable()) {
			return new Rejected(List.of(FieldProblem.of("id", "travel.notUnderWay")));
		}
		Instant now = Instant.now();
		jdbc.sql("""
				update travel_report set status = 'RETURNED', returned_at = ?, returned_on = ?, departed_at = coalesce(departed_at, ?),
				  contact_risk = ?, contact_history = ?, residence_address = ?, version = version + 1, updated_at = ?
				where id = ?""")
			.params(Timestamp.from(now), Date.valueOf(returnedOn),
					Timestamp.from(report.leaveOn().atStartOfDay(zone).toInstant()), form.contactRisk(), contact,
					trim(form.residenceAddress(), 300), Timestamp.from(now), id)
			.update();
		for (int i = 0; i < stays.size(); i++) {
			Stay s = stays.get(i);
			jdbc.sql("insert into travel_stay (report_id, seq, kind, region_code, from_date, to_date) values (?, ?, ?, ?, ?, ?)")
				.params(id, i, s.kind().name(), s.regionCode(), Date.valueOf(s.from()), Date.valueOf(s.to())).update();
		}
		audit.record(AuditAction.UPDATE, "travel_report", id, "returned " + returnedOn);
		timeline.record(report.personId(), MODULE, "travelReturned", report.destinationNames() + " " + returnedOn, now);
		Optional<TravelRisk.Flag> flag = TravelRisk.assess(
				stays.stream().map(s -> new TravelRisk.Stay(s.regionCode(), s.from(), s.to())).toList(),
				Boolean.TRUE.equals(form.contactRisk()), designations(user.schoolId(), stays.stream().map(Stay::regionCode).toList()),
				zone);
		flag.ifPresent(f -> flag(user.schoolId(), report, f, stays, returnedOn, now));
		return new Done(id, flag.isPresent() ? 1 : 0);
	}

	private void flag(long schoolId, Report report, TravelRisk.Flag f, List<Stay> stays, LocalDate returnedOn, Instant now) {
		Map<String, String> names = new LinkedHashMap<>();
		stays.forEach(s -> names.put(s.regionCode(), s.regionName()));
		List<String> codes = f.hits().stream().map(TravelRisk.Hit::regionCode).toList();
		var key = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into travel_flag (school_id, report_id, person_id, level, regions, reasons, proposed_category, flagged_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(schoolId, report.id(), report.personId(), f.level() == null ? null : f.level().name(),
					codes.isEmpty() ? null : String.join(",", codes), String.join(",", f.reasons()), f.category().name(),
					Timestamp.from(now))
			.update(key, "id");
		long flagId = key.getKey().longValue();
		jdbc.sql("update travel_report set flagged = true where id = ?").param(report.id()).update();
		List<String> regionNames = codes.stream().map(names::get).toList();
		audit.record(AuditAction.CREATE, "travel_flag", flagId, report.personName() + ": " + f.reasons() + " "
				+ String.join("、", regionNames) + " → " + f.category());
		timeline.record(report.personId(), MODULE, "travelFlagged", String.join("、", regionNames) + " → " + f.category(), now);
		events.publishEvent(new TravelFlagged(schoolId, report.personId(), report.id(), flagId, f.category().name(),
				f.level() == null ? null : f.level().name(), codes, regionNames, f.reasons(), returnedOn, now));
	}

	private interface Change {
		void apply(Report report, Instant now);
	}

	private Result ownChange(CurrentUser user, long id, int version, java.util.function.Function<Report, String> refusal,
			Change change) {
		if (own(user, id).isEmpty()) {
			return new NotFound();
		}
		Report locked = lock(List.of(id)).get(0);
		if (locked.version() != version) {
			return new Conflict(List.of(locked));
		}
		String refused = refusal.apply(locked);
		if (refused != null) {
			return new Rejected(List.of(FieldProblem.of("id", refused)));
		}
		change.apply(locked, Instant.now());
		return new Done(id, 1);
	}

	// ---- deciding -------------------------------------------------------------------------------

	/**
	 * Decides the current step of every report given, all or none: a report changed since it was read
	 * is a conflict (409), one the user may not decide or a rejection without reason is refused by row.
	 */
	@Transactional
	public Result decide(CurrentUser user, List<Item> items, Decision decision, String reason) {
		List<FieldProblem> problems = new ArrayList<>();
		if (items == null || items.isEmpty()) {
			return new Rejected(List.of(FieldProblem.of("items", "required")));
		}
		if (items.size() > 500) {
			return new Rejected(List.of(FieldProblem.of("items", "travel.tooManyItems", 500)));
		}
		if (decision == null) {
			problems.add(FieldProblem.of("decision", "required"));
		}
		String why = trim(reason, 500);
		if (decision == Decision.REJECTED && why == null) {
			problems.add(FieldProblem.of("reason", "travel.reasonRequired"));
		}
		if (!problems.isEmpty()) {
			return new Rejected(problems);
		}
		List<Long> ids = items.stream().map(Item::id).distinct().toList();
		Set<Long> visible = visibleIds(user, ids);
		if (visible.size() < ids.size()) {
			if (items.size() == 1) {
				return new NotFound();
			}
			for (int i = 0; i < items.size(); i++) {
				if (!visible.contains(items.get(i).id())) {
					problems.add(FieldProblem.of("items[" + i + "]", "notFound"));
				}
			}
			return new Rejected(problems);
		}
		Map<Long, Report> locked = new HashMap<>();
		lock(ids).forEach(r -> locked.put(r.id(), r));
		List<Report> conflicts = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			Report r = locked.get(items.get(i).id());
			if (r.version() != items.get(i).version()) {
				conflicts.add(r);
				continue;
			}
			Optional<String> refusal = TravelChain.refusal(state(r), approver(user, r));
			if (refusal.isPresent()) {
				problems.add(FieldProblem.of("items[" + i + "]", refusal.get(), r.personName()));
			}
		}
		if (!conflicts.isEmpty()) {
			return new Conflict(conflicts);
		}
		if (!problems.isEmpty()) {
			return new Rejected(problems);
		}
		Instant now = Instant.now();
		List<AuditLog.Item> auditItems = new ArrayList<>();
		Map<Long, String> entries = new LinkedHashMap<>();
		for (Item item : items) {
			Report r = locked.get(item.id());
			TravelChain.State next = TravelChain.decide(state(r), decision);
			jdbc.sql("""
					insert into travel_approval (report_id, step, step_kind, decision, reason, decided_by, decided_by_name, decided_at)
					values (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(r.id(), r.step(), r.stepKind().name(), decision.name(), why, user.id(), user.displayName(),
						Timestamp.from(now))
				.update();
			String status = next.status() == TravelChain.Status.PENDING ? "PENDING" : next.status().name();
			int updated = jdbc.sql("""
					update travel_report set status = ?, step = ?, step_kind = ?, version = version + 1, updated_at = ?
					where id = ? and version = ?""")
				.params(status, next.step(), next.status() == TravelChain.Status.PENDING ? next.steps().get(next.step()).name()
						: null, Timestamp.from(now), r.id(), r.version())
				.update();
			if (updated != 1) {
				throw new IllegalStateException("travel report " + r.id() + " changed under its lock");
			}
			auditItems.add(new AuditLog.Item(r.id(), decision + " step " + (r.step() + 1) + " (" + r.stepKind() + ")"
					+ (why == null ? "" : ": " + why), r.status().name(), status));
			if (next.status() != TravelChain.Status.PENDING) {
				entries.put(r.personId(), r.destinationNames() + (why == null ? "" : " · " + why));
			}
		}
		audit.recordAll(AuditAction.UPDATE, "travel_report", auditItems);
		if (!entries.isEmpty()) {
			timeline.recordAll(entries, MODULE, decision == Decision.APPROVED ? "travelApproved" : "travelRejected", now);
		}
		return new Done(items.get(0).id(), items.size());
	}

	private static TravelChain.State state(Report r) {
		TravelChain.Status status = switch (r.status()) {
			case PENDING -> TravelChain.Status.PENDING;
			case REJECTED, CANCELLED -> TravelChain.Status.REJECTED;
			default -> TravelChain.Status.APPROVED;
		};
		return new TravelChain.State(r.steps(), r.step(), status);
	}

	private TravelChain.Approver approver(CurrentUser user, Report r) {
		boolean applicant = user.personId().map(p -> p == r.personId()).orElse(false);
		boolean responsible = user.can(Permission.TRAVEL_APPROVE) && user.personId().map(p -> jdbc.sql(
				"select count(*) from travel_approver where report_id = ? and step = ? and staff_person_id = ?")
			.params(r.id(), r.step(), p).query(Long.class).single() > 0).orElse(false);
		boolean unit = user.can(Permission.TRAVEL_APPROVE) && registry.inScope(user, r.personId());
		boolean earlier = jdbc.sql("select count(*) from travel_approval where report_id = ? and decided_by = ?")
			.params(r.id(), user.id()).query(Long.class).single() > 0;
		return new TravelChain.Approver(applicant, responsible, unit, earlier);
	}

	// ---- reading --------------------------------------------------------------------------------

	/** A report the user may see: their own, one of their scope, or one they are an approver of. */
	@Transactional(readOnly = true)
	public Optional<Report> find(CurrentUser user, long id) {
		return visibleIds(user, List.of(id)).isEmpty() ? Optional.empty() : load(List.of(id)).stream().findFirst();
	}

	/** The user's own report. */
	@Transactional(readOnly = true)
	public Optional<Report> own(CurrentUser user, long id) {
		if (user.personId().isEmpty()) {
			return Optional.empty();
		}
		return load(List.of(id)).stream().filter(r -> r.personId() == user.personId().get()).findFirst();
	}

	/** The user's own reports, newest first. */
	@Transactional(readOnly = true)
	public List<Report> mine(CurrentUser user) {
		if (user.personId().isEmpty()) {
			return List.of();
		}
		List<Long> ids = jdbc.sql("select id from travel_report where school_id = ? and person_id = ? order by leave_on desc, id desc limit 50")
			.params(user.schoolId(), user.personId().get()).query(Long.class).list();
		return load(ids);
	}

	@Transactional(readOnly = true)
	public PageResult<Report> search(CurrentUser user, Filter filter, PageQuery page) {
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, params);
		String order = switch (page.sort() == null ? "" : page.sort()) {
			case "name" -> "p.name";
			case "created" -> "t.created_at";
			default -> "t.leave_on";
		} + (page.descending() ? " desc" : "") + ", t.id" + (page.descending() ? " desc" : "");
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<Long> ids = jdbc.sql("select t.id" + FROM + " where " + where + " order by " + order + " limit ? offset ?")
			.params(pageParams).query(Long.class).list();
		List<Report> items = load(ids);
		return PageResult.counted(items, page.page(), page.size(), cap -> {
			List<Object> countParams = new ArrayList<>(params);
			countParams.add(cap);
			return jdbc.sql("select count(*) from (select 1" + FROM + " where " + where + " limit ?) c").params(countParams)
				.query(Long.class).single();
		});
	}

	/** Every report of the filter (at most 50,000), for an export. */
	@Transactional(readOnly = true)
	public List<Report> all(CurrentUser user, Filter filter) {
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, params);
		List<Long> ids = jdbc.sql("select t.id" + FROM + " where " + where + " order by t.leave_on desc, t.id desc limit 50000")
			.params(params).query(Long.class).list();
		List<Report> out = new ArrayList<>();
		for (int i = 0; i < ids.size(); i += 1000) {
			out.addAll(load(ids.subList(i, Math.min(ids.size(), i + 1000))));
		}
		return out;
	}

	private String where(CurrentUser user, Filter filter, List<Object> params) {
		StringBuilder where = new StringBuilder("t.school_id = ?");
		params.add(user.schoolId());
		long me = user.personId().orElse(-1L);
		if ("queue".equals(filter.view())) {
			where.append(" and t.status = 'PENDING' and t.person_id <> ? and ((t.step_kind = 'RESPONSIBLE' and exists (")
				.append("select 1 from travel_approver a where a.report_id = t.id and a.step = t.step and a.staff_person_id = ?))");
			params.add(me);
			params.add(me);
			if (user.can(Permission.TRAVEL_APPROVE)) {
				where.append(" or (t.step_kind = 'UNIT' and ").append(registry.personInScope(user, params))
					.append(" and not exists (select 1 from travel_approval d where d.report_id = t.id and d.decided_by = ?))");
				params.add(user.id());
			}
			where.append(")");
			if (!user.can(Permission.TRAVEL_APPROVE)) {
				where.append(" and 1 = 0");
			}
		}
		else {
			where.append(" and (").append(registry.personInScope(user, params))
				.append(" or exists (select 1 from travel_approver a where a.report_id = t.id and a.staff_person_id = ?))");
			params.add(me);
		}
		if (filter.status() != null) {
			where.append(" and t.status = ?");
			params.add(filter.status().name());
		}
		String name = registry.personNameOrCodeStartsWith(filter.q(), params);
		if (name != null) {
			where.append(" and ").append(name);
		}
		if (filter.on() != null) {
			where.append(" and t.leave_on <= ? and coalesce(t.returned_on, t.return_on) >= ?");
			params.add(Date.valueOf(filter.on()));
			params.add(Date.valueOf(filter.on()));
		}
		if (filter.region() != null && !filter.region().isBlank()) {
			String code = RegionCode.normalize(filter.region()).orElse(filter.region().strip().replace("%", ""));
			where.append(" and (exists (select 1 from travel_destination d where d.report_id = t.id and d.region_code like ?)"
					+ " or exists (select 1 from travel_stay s where s.report_id = t.id and s.region_code like ?))");
			params.add(code + "%");
			params.add(code + "%");
		}
		return where.toString();
	}

	private Set<Long> visibleIds(CurrentUser user, Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Set.of();
		}
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		String in = String.join(",", ids.stream().map(String::valueOf).toList());
		String scope = registry.personInScope(user, params);
		params.add(user.personId().orElse(-1L));
		params.add(user.personId().orElse(-1L));
		return new LinkedHashSet<>(jdbc.sql("select t.id" + FROM + " where t.school_id = ? and t.id in (" + in + ") and ("
				+ scope + " or t.person_id = ? or exists (select 1 from travel_approver a where a.report_id = t.id"
				+ " and a.staff_person_id = ?))").params(params).query(Long.class).list());
	}

	private List<Report> lock(List<Long> ids) {
		String in = String.join(",", ids.stream().sorted().map(String::valueOf).toList());
		jdbc.sql("select id from travel_report where id in (" + in + ") order by id for update").query(Long.class).list();
		return load(ids);
	}

	/** The reports with these ids in the order given, with destinations, decisions and stays. */
	private List<Report> load(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		String in = String.join(",", ids.stream().map(String::valueOf).toList());
		Map<Long, Report> byId = new HashMap<>();
		jdbc.sql("select " + COLUMNS + FROM + " where t.id in (" + in + ")").query(TravelReports::report).list()
			.forEach(r -> byId.put(r.id(), r));
		Map<Long, List<Destination>> destinations = new HashMap<>();
		jdbc.sql("select d.report_id, d.region_code, r.full_name from travel_destination d join region r on r.code = d.region_code"
				+ " where d.report_id in (" + in + ") order by d.report_id, d.seq")
			.query(rs -> {
				destinations.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
					.add(new Destination(rs.getString(2), rs.getString(3)));
			});
		Map<Long, List<Approval>> approvals = new HashMap<>();
		jdbc.sql("select report_id, step, step_kind, decision, reason, decided_by_name, decided_at from travel_approval"
				+ " where report_id in (" + in + ") order by report_id, step").query(rs -> {
					approvals.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
						.add(new Approval(rs.getInt(2), StepKind.valueOf(rs.getString(3)), Decision.valueOf(rs.getString(4)),
								rs.getString(5), rs.getString(6), instant(rs, 7)));
				});
		Map<Long, List<Stay>> stays = new HashMap<>();
		jdbc.sql("select s.report_id, s.kind, s.region_code, r.full_name, s.from_date, s.to_date from travel_stay s"
				+ " join region r on r.code = s.region_code where s.report_id in (" + in + ") order by s.report_id, s.seq")
			.query(rs -> {
				stays.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Stay(StayKind.valueOf(rs.getString(2)),
						rs.getString(3), rs.getString(4), rs.getDate(5).toLocalDate(), rs.getDate(6).toLocalDate()));
			});
		List<Report> out = new ArrayList<>();
		for (long id : ids) {
			Report r = byId.get(id);
			if (r != null) {
				out.add(r.with(destinations.getOrDefault(id, List.of()), approvals.getOrDefault(id, List.of()),
						stays.getOrDefault(id, List.of())));
			}
		}
		return out;
	}

	private static Report report(ResultSet rs, int n) throws SQLException {
		String stepKind = rs.getString("step_kind");
		Object contact = rs.getObject("contact_risk");
		Date returnedOn = rs.getDate("returned_on");
		return new Report(rs.getLong("id"), rs.getLong("person_id"), rs.getString("person_name"), rs.getString("person_code"),
				rs.getString("org_unit_name"), Population.valueOf(rs.getString("population")),
				rs.getDate("leave_on").toLocalDate(), rs.getDate("return_on").toLocalDate(), rs.getString("purpose"),
				Transport.valueOf(rs.getString("transport")), rs.getString("transport_detail"),
				Status.valueOf(rs.getString("status")), TravelChain.parseSteps(rs.getString("steps")), rs.getInt("step"),
				stepKind == null ? null : StepKind.valueOf(stepKind), instant(rs, "departed_at"), instant(rs, "returned_at"),
				returnedOn == null ? null : returnedOn.toLocalDate(), contact == null ? null : rs.getBoolean("contact_risk"),
				rs.getString("contact_history"), rs.getString("residence_address"), rs.getBoolean("flagged"),
				instant(rs, "created_at"), rs.getInt("version"), List.of(), List.of(), List.of());
	}

	// ---- chains ---------------------------------------------------------------------------------

	public record ChainRow(Population population, List<StepKind> steps, boolean configured, int version) {

		/** The steps as the chain form writes them ({@code RESPONSIBLE,UNIT}). */
		public String code() {
			return steps.stream().map(StepKind::name).collect(java.util.stream.Collectors.joining(","));
		}
	}

	/** The chain of every population: configured, or the default. */
	@Transactional(readOnly = true)
	public List<ChainRow> chains(long schoolId) {
		Map<Population, ChainRow> configured = new HashMap<>();
		jdbc.sql("select population, steps, version from travel_chain where school_id = ?").param(schoolId).query(rs -> {
			Population p = Population.valueOf(rs.getString(1));
			TravelChain.parse(rs.getString(2)).ifPresent(c -> {
				try {
					configured.put(p, new ChainRow(p, c.steps(), true, rs.getInt(3)));
				} catch (SQLException e) {
					throw new IllegalStateException(e);
				}
			});
		});
		List<ChainRow> out = new ArrayList<>();
		for (Population p : Population.values()) {
			out.add(configured.getOrDefault(p, new ChainRow(p, TravelChain.defaultFor(p).steps(), false, -1)));
		}
		return out;
	}

	TravelChain chainOf(long schoolId, Population population) {
		return jdbc.sql("select steps from travel_chain where school_id = ? and population = ?")
			.params(schoolId, population.name()).query(String.class).optional().flatMap(TravelChain::parse)
			.orElse(TravelChain.defaultFor(population));
	}

	/** Sets a population's chain; version -1 for a population still on the default. */
	@Transactional
	public Result saveChain(CurrentUser user, Population population, String steps, int version) {
		if (population == null) {
			return new Rejected(List.of(FieldProblem.of("population", "required")));
		}
		Optional<TravelChain> chain = TravelChain.parse(steps);
		if (chain.isEmpty()) {
			return new Rejected(List.of(FieldProblem.of("steps", "travel.chainInvalid", steps == null ? "" : steps)));
		}
		Instant now = Instant.now();
		int updated;
		if (version < 0) {
			updated = jdbc.sql("""
					insert into travel_chain (school_id, population, steps, updated_by, updated_at)
					select ?, ?, ?, ?, ? where not exists (select 1 from travel_chain where school_id = ? and population = ?)""")
				.params(user.schoolId(), population.name(), chain.get().written(), user.getUsername(), Timestamp.from(now),
						user.schoolId(), population.name())
				.update();
		}
		else {
			updated = jdbc.sql("""
					update travel_chain set steps = ?, updated_by = ?, updated_at = ?, version = version + 1
					where school_id = ? and population = ? and version = ?""")
				.params(chain.get().written(), user.getUsername(), Timestamp.from(now), user.schoolId(), population.name(),
						version)
				.update();
		}
		if (updated != 1) {
			return new Conflict(List.of());
		}
		audit.record(AuditAction.UPDATE, "travel_chain", population.name(), population + ": " + chain.get().written());
		return new Done(0, 1);
	}

	// ---- flags ----------------------------------------------------------------------------------

	public record FlagRow(long id, long reportId, long personId, String personName, String personCode, String orgUnitName,
			RiskLevel level, List<String> regionNames, List<String> reasons, ProposedCategory category, String status,
			Instant flaggedAt, LocalDate returnedOn, String clearedBy, String clearNote, int version) {
	}

	public record FlagFilter(String status, RiskLevel level, String q, LocalDate from, LocalDate to) {
	}

	@Transactional(readOnly = true)
	public PageResult<FlagRow> flags(CurrentUser user, FlagFilter filter, PageQuery page) {
		List<Object> params = new ArrayList<>();
		String where = flagWhere(user, filter, params);
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<FlagRow> items = jdbc.sql(FLAG_SELECT + " where " + where + " order by f.flagged_at desc, f.id desc limit ? offset ?")
			.params(pageParams).query(this::flagRow).list();
		return PageResult.counted(items, page.page(), page.size(), cap -> {
			List<Object> countParams = new ArrayList<>(params);
			countParams.add(cap);
			return jdbc.sql("select count(*) from (select 1 " + FLAG_FROM + " where " + where + " limit ?) c")
				.params(countParams).query(Long.class).single();
		});
	}

	@Transactional(readOnly = true)
	public List<FlagRow> allFlags(CurrentUser user, FlagFilter filter) {
		List<Object> params = new ArrayList<>();
		String where = flagWhere(user, filter, params);
		return jdbc.sql(FLAG_SELECT + " where " + where + " order by f.flagged_at desc, f.id desc limit 50000").params(params)
			.query(this::flagRow).list();
	}

	/** The office clears a flag (after control took over, or when the stay was no risk after all), with a note. */
	@Transactional
	public Result clearFlag(CurrentUser user, long id, int version, String note) {
		List<Object> params = new ArrayList<>();
		String where = flagWhere(user, new FlagFilter(null, null, null, null, null), params) + " and f.id = ?";
		params.add(id);
		Optional<FlagRow> flag = jdbc.sql(FLAG_SELECT + " where " + where).params(params).query(this::flagRow).optional();
		if (flag.isEmpty()) {
			return new NotFound();
		}
		String text = trim(note, 500);
		if (text == null) {
			return new Rejected(List.of(FieldProblem.of("note", "travel.reasonRequired")));
		}
		int updated = jdbc.sql("""
				update travel_flag set status = 'CLEARED', cleared_by = ?, cleared_at = ?, clear_note = ?, version = version + 1
				where id = ? and version = ? and status = 'OPEN'""")
			.params(user.displayName(), Timestamp.from(Instant.now()), text, id, version).update();
		if (updated != 1) {
			return new Conflict(List.of());
		}
		audit.record(AuditAction.UPDATE, "travel_flag", id, "cleared: " + text);
		return new Done(id, 1);
	}

	private static final String FLAG_FROM = """
			from travel_flag f join travel_report t on t.id = f.report_id join person p on p.id = f.person_id
			left join org_unit o on o.id = p.org_unit_id""";
	private static final String FLAG_SELECT = """
			select f.id, f.report_id, f.person_id, p.name, p.code, o.name as unit_name, f.level, f.regions, f.reasons,
			  f.proposed_category, f.status, f.flagged_at, t.returned_on, f.cleared_by, f.clear_note, f.version
			""" + FLAG_FROM;

	private String flagWhere(CurrentUser user, FlagFilter filter, List<Object> params) {
		StringBuilder where = new StringBuilder("f.school_id = ? and ");
		params.add(user.schoolId());
		where.append(registry.personInScope(user, params));
		if (filter.status() != null && !filter.status().isBlank()) {
			where.append(" and f.status = ?");
			params.add(filter.status().strip().toUpperCase(java.util.Locale.ROOT));
		}
		if (filter.level() != null) {
			where.append(" and f.level = ?");
			params.add(filter.level().name());
		}
		String name = registry.personNameOrCodeStartsWith(filter.q(), params);
		if (name != null) {
			where.append(" and ").append(name);
		}
		if (filter.from() != null) {
			where.append(" and f.flagged_at >= ?");
			params.add(Timestamp.from(filter.from().atStartOfDay(zone).toInstant()));
		}
		if (filter.to() != null) {
			where.append(" and f.flagged_at < ?");
			params.add(Timestamp.from(filter.to().plusDays(1).atStartOfDay(zone).toInstant()));
		}
		return where.toString();
	}

	private FlagRow flagRow(ResultSet rs, int n) throws SQLException {
		String regionsCsv = rs.getString("regions");
		List<String> codes = regionsCsv == null ? List.of() : List.of(regionsCsv.split(","));
		List<String> names = codes.stream().map(c -> regions.find(c).map(Region::fullName).orElse(c)).toList();
		String level = rs.getString("level");
		Date returned = rs.getDate("returned_on");
		return new FlagRow(rs.getLong("id"), rs.getLong("report_id"), rs.getLong("person_id"), rs.getString("name"),
				rs.getString("code"), rs.getString("unit_name"), level == null ? null : RiskLevel.valueOf(level), names,
				List.of(rs.getString("reasons").split(",")), ProposedCategory.valueOf(rs.getString("proposed_category")),
				rs.getString("status"), instant(rs, "flagged_at"), returned == null ? null : returned.toLocalDate(),
				rs.getString("cleared_by"), rs.getString("clear_note"), rs.getInt("version"));
	}

	// ---- helpers --------------------------------------------------------------------------------

	/** Everyone who may decide a RESPONSIBLE step for the person, as the directory knows them now. */
	private List<Long> responsibleApprovers(long schoolId, long personId) {
		CurrentUser system = new CurrentUser(0, schoolId, "system", "system", null, Set.of(), Set.of(),
				DataScope.everything(), true, false, null);
		return registry.responsibleStaffOf(system, List.of(personId)).getOrDefault(personId, List.of()).stream()
			.filter(s -> APPROVING_ROLES.contains(s.role()) && s.personId() != personId)
			.map(Registry.ResponsibleStaff::personId).distinct().sorted(Comparator.naturalOrder()).toList();
	}

	/** The designations of the school on these regions or the regions above them, whenever valid. */
	private List<RiskRules.Designation> designations(long schoolId, Collection<String> codes) {
		Set<String> all = new LinkedHashSet<>();
		codes.forEach(c -> all.addAll(RegionCode.selfAndAncestors(c)));
		if (all.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select region_code, level, valid_from, valid_to, lifted_at from risk_area
				where school_id = :school and region_code in (:codes)""")
			.param("school", schoolId).param("codes", List.copyOf(all))
			.query((rs, n) -> new RiskRules.Designation(rs.getString(1), RiskLevel.valueOf(rs.getString(2)), instant(rs, 3),
					instant(rs, 4), instant(rs, 5)))
			.list();
	}

	Optional<Region> region(String raw) {
		if (raw == null || raw.isBlank()) {
			return Optional.empty();
		}
		return RegionCode.normalize(raw).flatMap(regions::find).or(() -> regions.findByName(raw));
	}

	static LocalDate date(String raw, String field, boolean required, List<FieldProblem> problems) {
		if (raw == null || raw.isBlank()) {
			if (required) {
				problems.add(FieldProblem.of(field, "required"));
			}
			return null;
		}
		try {
			return LocalDate.parse(raw.strip().replace('/', '-'));
		} catch (DateTimeParseException e) {
			problems.add(FieldProblem.of(field, "badDate", raw.strip()));
			return null;
		}
	}

	static String trim(String value, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String v = value.strip();
		return v.length() > max ? v.substring(0, max) : v;
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}
}
