package org.bulwark.screening;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PersonTimeline;
import org.bulwark.directory.Population;
import org.bulwark.directory.Registry;
import org.bulwark.health.CheckInHistory;
import org.bulwark.screening.ReturnRules.Shortfall;
import org.bulwark.screening.ReturnRules.TestResult;
import org.bulwark.screening.TravelChain.Decision;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Return-to-campus filing (返校备案) for a term: the office opens a campaign, everyone it covers files
 * their arrival (with a test result when the policy asks), the pre-return check-ins are read from the
 * health module, the unit approves in bulk, and the gates ask {@link #admitted} whether a person may
 * come in. Who is expected is computed from the registry each time (active people of the campaign's
 * org unit subtree and populations), never stored.
 */
@Service
public class ReturnFilings {

	public enum Status {
		FILED, APPROVED, REJECTED
	}

	/** Filings list views; MISSING lists expected people who have not filed. */
	public enum View {
		ALL, FILED, APPROVED, REJECTED, MISSING
	}

	public record CampaignForm(String term, String name, String arriveFrom, String arriveTo, Integer checkInDays,
			Boolean testRequired, Integer testValidDays, String orgUnit, List<Population> populations) {
	}

	public record Campaign(long id, String term, String name, LocalDate arriveFrom, LocalDate arriveTo, int checkInDays,
			boolean testRequired, int testValidDays, Long orgUnitId, String orgUnitName, List<Population> populations,
			String status, Instant createdAt, int version, long schoolId) {

		ReturnRules.Policy policy() {
			return new ReturnRules.Policy(checkInDays, testRequired, testValidDays);
		}

		public boolean open() {
			return "OPEN".equals(status);
		}
	}

	public record FilingForm(String arriveOn, Transport transport, String transportDetail, String fromRegion,
			String fromAddress, TestResult testResult, String testDate) {
	}

	/** An expected person with their filing; {@code id} is null for one who has not filed. */
	public record Filing(Long id, long campaignId, long personId, String personName, String personCode, String orgUnitName,
			LocalDate arriveOn, Transport transport, String transportDetail, String fromRegion, String fromRegionName,
			String fromAddress, TestResult testResult, LocalDate testDate, Status status, String decidedBy,
			Instant decidedAt, String decisionReason, Instant filedAt, int version, int checkInsDone, int checkInsRequired,
			List<Shortfall> shortfalls) {

		public boolean ready() {
			return id != null && shortfalls.isEmpty();
		}
	}

	public record Filter(View view, String q, Long unitId) {
	}

	public record Item(long id, int version) {
	}

	public record UnitLine(Long unitId, String code, String name, boolean hasChildren, long expected, long filed,
			long approved) {

		public long missing() {
			return expected - filed;
		}
	}

	/**
	 * What the gates are told: {@code reason} APPROVED, NOT_REQUIRED (the campaign in force does not
	 * cover the person), NO_CAMPAIGN, NOT_FILED, PENDING, REJECTED or EARLY (approved for a later day).
	 */
	public record Admission(long personId, LocalDate date, boolean admitted, String reason, Long campaignId, String term,
			Long filingId, LocalDate arriveOn) {
	}

	public sealed interface Result permits Done, Rejected, Conflict, NotFound {
	}

	public record Done(long id, int count) implements Result {
	}

	public record Rejected(List<FieldProblem> problems) implements Result {
	}

	public record Conflict(List<Filing> current) implements Result {
	}

	public record NotFound() implements Result {
	}

	private final JdbcClient jdbc;
	private final Registry registry;
	private final TravelReports travel;
	private final CheckInHistory checkIns;
	private final AuditLog audit;
	private final PersonTimeline timeline;

	ReturnFilings(JdbcClient jdbc, Registry registry, TravelReports travel, CheckInHistory checkIns, AuditLog audit,
			PersonTimeline timeline) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.travel = travel;
		this.checkIns = checkIns;
		this.audit = audit;
		this.timeline = timeline;
	}

	public LocalDate today() {
		return travel.today();
	}

	// ---- campaigns ------------------------------------------------------------------------------

	@Transactional
	public Result createCampaign(CurrentUser user, CampaignForm form) {
		List<FieldProblem> problems = new ArrayList<>();
		String term = TravelReports.trim(form.term(), 64);
		if (term == null) {
			problems.add(FieldProblem.of("term", "required"));
		}
		String name = TravelReports.trim(form.name(), 200);
		if (name == null) {
			name = term;
		}
		LocalDate from = TravelReports.date(form.arriveFrom(), "arriveFrom", true, problems);
		LocalDate to = TravelReports.date(form.arriveTo(), "arriveTo", true, problems);
		if (from != null && to != null && to.isBefore(from)) {
			problems.add(FieldProblem.of("arriveTo", "travel.toBeforeFrom"));
		}
		int days = form.checkInDays() == null ? 14 : form.checkInDays();
		if (days < 0 || days > 30) {
			problems.add(FieldProblem.of("checkInDays", "range", 0, 30));
		}
		int valid = form.testValidDays() == null ? 2 : form.testValidDays();
		if (valid < 0 || valid > 14) {
			problems.add(FieldProblem.of("testValidDays", "range", 0, 14));
		}
		Long unitId = null;
		if (form.orgUnit() != null && !form.orgUnit().isBlank()) {
			unitId = registry.orgUnitsByCode(user, List.of(form.orgUnit().strip())).stream().findFirst()
				.map(Registry.OrgUnitRef::id).orElse(null);
			if (unitId == null) {
				problems.add(FieldProblem.of("orgUnit", "unknownOrgUnit", form.orgUnit().strip()));
			}
		}
		if (term != null && jdbc.sql("select count(*) from return_campaign where school_id = ? and term = ?")
			.params(user.schoolId(), term).query(Long.class).single() > 0) {
			problems.add(FieldProblem.of("term", "returnFiling.termTaken", term));
		}
		if (!problems.isEmpty()) {
			return new Rejected(problems);
		}
		List<Population> pops = form.populations() == null ? List.of() : form.populations().stream().distinct().toList();
		var key = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into return_campaign (school_id, term, name, arrive_from, arrive_to, check_in_days, test_required,
				  test_valid_days, org_unit_id, populations, created_by, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(user.schoolId(), term, name, Date.valueOf(from), Date.valueOf(to), days, Boolean.TRUE.equals(form.testRequired()), valid, unitId,
					pops.isEmpty() ? null : String.join(",", pops.stream().map(Enum::name).toList()), user.displayName(),
					Timestamp.from(Instant.now()))
			.update(key, "id");
		long id = key.getKey().longValue();
		audit.record(AuditAction.CREATE, "return_campaign", id, term + " " + from + "–" + to + ", " + days
				+ " days of check-ins" + (Boolean.TRUE.equals(form.testRequired()) ? ", test required" : ""));
		return new Done(id, 1);
	}

	/** Closes a campaign: no more filings, and the gates no longer ask for it. */
	@Transactional
	public Result closeCampaign(CurrentUser user, long id, int version) {
		if (campaign(user.schoolId(), id).isEmpty()) {
			return new NotFound();
		}
		int updated = jdbc.sql("update return_campaign set status = 'CLOSED', version = version + 1 where id = ? and school_id = ?"
				+ " and version = ? and status = 'OPEN'").params(id, user.schoolId(), version).update();
		if (updated != 1) {
			return new Conflict(List.of());
		}
		audit.record(AuditAction.UPDATE, "return_campaign", id, "closed");
		return new Done(id, 1);
	}

	private static final String CAMPAIGN_COLUMNS = """
			c.id, c.term, c.name, c.arrive_from, c.arrive_to, c.check_in_days, c.test_required, c.test_valid_days,
			c.org_unit_id, o.name as unit_name, c.populations, c.status, c.created_at, c.version, c.school_id
			from return_campaign c left join org_unit o on o.id = c.org_unit_id""";

	@Transactional(readOnly = true)
	public List<Campaign> campaigns(long schoolId) {
		return jdbc.sql("select " + CAMPAIGN_COLUMNS + " where c.school_id = ? order by c.arrive_from desc, c.id desc")
			.param(schoolId).query(ReturnFilings::campaign).list();
	}

	@Transactional(readOnly = true)
	public Optional<Campaign> campaign(long schoolId, long id) {
		return jdbc.sql("select " + CAMPAIGN_COLUMNS + " where c.school_id = ? and c.id = ?").params(schoolId, id)
			.query(ReturnFilings::campaign).optional();
	}

	/** The people a campaign expects, as a condition on {@code person p}. */
	private String expected(Campaign c, List<Object> params) {
		StringBuilder sql = new StringBuilder("p.school_id = ? and p.active = true");
		params.add(c.schoolId());
		if (c.orgUnitId() != null) {
			sql.append(" and ").append(registry.personInOrgUnit(c.orgUnitId(), params));
		}
		if (!c.populations().isEmpty()) {
			sql.append(" and p.population in (")
				.append(String.join(",", Collections.nCopies(c.populations().size(), "?"))).append(")");
			c.populations().forEach(p -> params.add(p.name()));
		}
		return sql.toString();
	}

	private boolean expects(Campaign c, long personId) {
		List<Object> params = new ArrayList<>();
		String where = expected(c, params);
		params.add(personId);
		return jdbc.sql("select count(*) from person p where " + where + " and p.id = ?").params(params).query(Long.class)
			.single() > 0;
	}

	// ---- the person's own filing ----------------------------------------------------------------

	/** A campaign the person is expected in, with their filing when they have filed. */
	public record Own(Campaign campaign, Filing filing) {
	}

	@Transactional(readOnly = true)
	public List<Own> mine(CurrentUser user) {
		if (user.personId().isEmpty()) {
			return List.of();
		}
		long me = user.personId().get();
		List<Own> out = new ArrayList<>();
		for (Campaign c : campaigns(user.schoolId())) {
			if (!c.open() || !expects(c, me)) {
				continue;
			}
			out.add(new Own(c, load(c, List.of(me)).stream().findFirst().filter(f -> f.id() != null).orElse(null)));
		}
		return out;
	}

	/** Files (or corrects, while not approved) the user's own arrival for a campaign. */
	@Transactional
	public Result file(CurrentUser user, long campaignId, FilingForm form, Integer version) {
		Optional<Campaign> found = campaign(user.schoolId(), campaignId);
		if (found.isEmpty() || user.personId().isEmpty() || !found.get().open() || !expects(found.get(), user.personId().get())) {
			return new NotFound();
		}
		Campaign c = found.get();
		long me = user.personId().get();
		List<FieldProblem> problems = new ArrayList<>();
		LocalDate arrive = TravelReports.date(form.arriveOn(), "arriveOn", true, problems);
		if (arrive != null && (arrive.isBefore(c.arriveFrom()) || arrive.isAfter(c.arriveTo()))) {
			problems.add(FieldProblem.of("arriveOn", "returnFiling.outsideWindow", c.arriveFrom(), c.arriveTo()));
		}
		if (form.transport() == null) {
			problems.add(FieldProblem.of("transport", "required"));
		}
		Optional<Region> from = travel.region(form.fromRegion());
		if (form.fromRegion() == null || form.fromRegion().isBlank()) {
			problems.add(FieldProblem.of("fromRegion", "required"));
		}
		else if (from.isEmpty()) {
			problems.add(FieldProblem.of("fromRegion", "regionUnknown", form.fromRegion().strip()));
		}
		LocalDate testDate = TravelReports.date(form.testDate(), "testDate", c.testRequired(), problems);
		if (c.testRequired() && form.testResult() == null) {
			problems.add(FieldProblem.of("testResult", "required"));
		}
		if (testDate != null && testDate.isAfter(today())) {
			problems.add(FieldProblem.of("testDate", "future"));
		}
		if (form.testResult() != null && testDate == null && !c.testRequired()) {
			problems.add(FieldProblem.of("testDate", "required"));
		}
		if (!problems.isEmpty()) {
			return new Rejected(problems);
		}
		Instant now = Instant.now();
		Optional<Integer> stored = jdbc.sql("select version from return_filing where campaign_id = ? and person_id = ? for update")
			.params(campaignId, me).query(Integer.class).optional();
		Optional<String> status = jdbc.sql("select status from return_filing where campaign_id = ? and person_id = ?")
			.params(campaignId, me).query(String.class).optional();
		Object[] values = {Date.valueOf(arrive), form.transport().name(), TravelReports.trim(form.transportDetail(), 200),
			from.get().code(), TravelReports.trim(form.fromAddress(), 300),
			form.testResult() == null ? null : form.testResult().name(), testDate == null ? null : Date.valueOf(testDate)};
		long id;
		if (stored.isEmpty()) {
			var key = new GeneratedKeyHolder();
			int inserted = jdbc.sql("""
					insert into return_filing (school_id, campaign_id, person_id, arrive_on, transport, transport_detail,
					  from_region, from_address, test_result, test_date, status, filed_at, updated_at)
					select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'FILED', ?, ?
					where not exists (select 1 from return_filing where campaign_id = ? and person_id = ?)""")
				.params(user.schoolId(), campaignId, me, values[0], values[1], values[2], values[3], values[4], values[5],
						values[6], Timestamp.from(now), Timestamp.from(now), campaignId, me)
				.update(key, "id");
			if (inserted != 1) {
				return new Conflict(load(c, List.of(me)));
			}
			id = key.getKey().longValue();
		}
		else {
			if (version == null || version.intValue() != stored.get()) {
				return new Conflict(load(c, List.of(me)));
			}
			if ("APPROVED".equals(status.orElse(null))) {
				return new Rejected(List.of(FieldProblem.of("id", "returnFiling.alreadyApproved")));
			}
			id = jdbc.sql("select id from return_filing where campaign_id = ? and person_id = ?").params(campaignId, me)
				.query(Long.class).single();
			jdbc.sql("""
					update return_filing set arrive_on = ?, transport = ?, transport_detail = ?, from_region = ?, from_address = ?,
					  test_result = ?, test_date = ?, status = 'FILED', decided_by_name = null, decided_at = null,
					  decision_reason = null, updated_at = ?, version = version + 1 where id = ?""")
				.params(values[0], values[1], values[2], values[3], values[4], values[5], values[6], Timestamp.from(now), id)
				.update();
		}
		audit.record(stored.isEmpty() ? AuditAction.CREATE : AuditAction.UPDATE, "return_filing", id,
				c.term() + ": arrives " + arrive + " from " + from.get().fullName());
		timeline.record(me, TravelReports.MODULE, "returnFiled", c.term() + " · " + arrive + " · " + from.get().fullName(), now);
		return new Done(id, 1);
	}

	// ---- the unit's list and decisions ----------------------------------------------------------

	@Transactional(readOnly = true)
	public PageResult<Filing> filings(CurrentUser user, Campaign c, Filter filter, PageQuery page) {
		List<Object> params = new ArrayList<>();
		String where = listWhere(user, c, filter, params);
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<Long> people = jdbc.sql("select p.id from person p left join return_filing f on f.campaign_id = " + c.id()
				+ " and f.person_id = p.id where " + where + " order by p.org_unit_id, p.code, p.id limit ? offset ?")
			.params(pageParams).query(Long.class).list();
		List<Filing> items = load(c, people);
		return PageResult.counted(items, page.page(), page.size(), cap -> {
			List<Object> countParams = new ArrayList<>(params);
			countParams.add(cap);
			return jdbc.sql("select count(*) from (select 1 from person p left join return_filing f on f.campaign_id = "
					+ c.id() + " and f.person_id = p.id where " + where + " limit ?) x").params(countParams)
				.query(Long.class).single();
		});
	}

	@Transactional(readOnly = true)
	public List<Filing> allFilings(CurrentUser user, Campaign c, Filter filter) {
		List<Object> params = new ArrayList<>();
		String where = listWhere(user, c, filter, params);
		List<Long> people = jdbc.sql("select p.id from person p left join return_filing f on f.campaign_id = " + c.id()
				+ " and f.person_id = p.id where " + where + " order by p.org_unit_id, p.code, p.id limit 100000")
			.params(params).query(Long.class).list();
		List<Filing> out = new ArrayList<>();
		for (int i = 0; i < people.size(); i += 1000) {
			out.addAll(load(c, people.subList(i, Math.min(people.size(), i + 1000))));
		}
		return out;
	}

	private String listWhere(CurrentUser user, Campaign c, Filter filter, List<Object> params) {
		StringBuilder where = new StringBuilder(expected(c, params));
		where.append(" and ").append(registry.personInScope(user, params));
		View view = filter.view() == null ? View.ALL : filter.view();
		switch (view) {
			case MISSING -> where.append(" and f.id is null");
			case FILED, APPROVED, REJECTED -> {
				where.append(" and f.status = ?");
				params.add(view.name());
			}
			default -> {
			}
		}
		String name = registry.personNameOrCodeStartsWith(filter.q(), params);
		if (name != null) {
			where.append(" and ").append(name);
		}
		if (filter.unitId() != null) {
			where.append(" and ").append(registry.personInOrgUnit(filter.unitId(), params));
		}
		return where.toString();
	}

	/** The campaign's rows for these people (filed or not), with check-ins and shortfalls, in the order given. */
	private List<Filing> load(Campaign c, List<Long> people) {
		if (people.isEmpty()) {
			return List.of();
		}
		String in = String.join(",", people.stream().map(String::valueOf).toList());
		Map<Long, Filing> byPerson = new HashMap<>();
		LocalDate today = today();
		List<Filing> raw = jdbc.sql("""
				select p.id as person_id, p.name, p.code, o.name as unit_name, f.id, f.arrive_on, f.transport, f.transport_detail,
				  f.from_region, r.full_name as region_name, f.from_address, f.test_result, f.test_date, f.status,
				  f.decided_by_name, f.decided_at, f.decision_reason, f.filed_at, f.version
				from person p left join org_unit o on o.id = p.org_unit_id
				left join return_filing f on f.campaign_id = ? and f.person_id = p.id
				left join region r on r.code = f.from_region
				where p.id in (""" + in + ")").param(c.id()).query((rs, n) -> filing(rs, c.id())).list();
		LocalDate min = null;
		LocalDate max = null;
		for (Filing f : raw) {
			if (f.arriveOn() != null) {
				LocalDate first = f.arriveOn().minusDays(Math.max(1, c.checkInDays()));
				min = min == null || first.isBefore(min) ? first : min;
				max = max == null || f.arriveOn().isAfter(max) ? f.arriveOn() : max;
			}
		}
		Map<Long, Set<LocalDate>> reported = min == null || c.checkInDays() == 0 ? Map.of()
				: checkIns.daysReported(c.schoolId(), people, min, max.minusDays(1));
		for (Filing f : raw) {
			if (f.id() == null) {
				byPerson.put(f.personId(), f);
				continue;
			}
			Set<LocalDate> days = reported.getOrDefault(f.personId(), Set.of());
			byPerson.put(f.personId(), new Filing(f.id(), f.campaignId(), f.personId(), f.personName(), f.personCode(),
					f.orgUnitName(), f.arriveOn(), f.transport(), f.transportDetail(), f.fromRegion(), f.fromRegionName(),
					f.fromAddress(), f.testResult(), f.testDate(), f.status(), f.decidedBy(), f.decidedAt(), f.decisionReason(),
					f.filedAt(), f.version(), ReturnRules.daysDone(days, f.arriveOn(), c.checkInDays()), c.checkInDays(),
					ReturnRules.shortfalls(c.policy(), f.arriveOn(), days, f.testResult(), f.testDate(), today)));
		}
		return people.stream().map(byPerson::get).filter(java.util.Objects::nonNull).toList();
	}

	/**
	 * The unit approves or rejects filings, all or none: a filing changed since it was read is a
	 * conflict; one out of the user's scope is not found; approving one with shortfalls is refused by row.
	 */
	@Transactional
	public Result decide(CurrentUser user, long campaignId, List<Item> items, Decision decision, String reason) {
		Optional<Campaign> found = campaign(user.schoolId(), campaignId);
		if (found.isEmpty()) {
			return new NotFound();
		}
		Campaign c = found.get();
		List<FieldProblem> problems = new ArrayList<>();
		if (items == null || items.isEmpty()) {
			return new Rejected(List.of(FieldProblem.of("items", "required")));
		}
		if (items.size() > 1000) {
			return new Rejected(List.of(FieldProblem.of("items", "travel.tooManyItems", 1000)));
		}
		if (decision == null) {
			return new Rejected(List.of(FieldProblem.of("decision", "required")));
		}
		String why = TravelReports.trim(reason, 500);
		if (decision == Decision.REJECTED && why == null) {
			return new Rejected(List.of(FieldProblem.of("reason", "travel.reasonRequired")));
		}
		List<Long> ids = items.stream().map(Item::id).distinct().sorted().toList();
		String in = String.join(",", ids.stream().map(String::valueOf).toList());
		Map<Long, Long> personOf = new LinkedHashMap<>();
		jdbc.sql("select id, person_id from return_filing where campaign_id = ? and id in (" + in + ") order by id for update")
			.param(campaignId).query(rs -> {
				personOf.put(rs.getLong(1), rs.getLong(2));
			});
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		String scope = registry.personInScope(user, params);
		Set<Long> inScope = user.can(Permission.TRAVEL_APPROVE) && !personOf.isEmpty()
				? Set.copyOf(jdbc.sql("select p.id from person p where p.school_id = ? and " + scope + " and p.id in ("
						+ String.join(",", personOf.values().stream().map(String::valueOf).toList()) + ")").params(params)
					.query(Long.class).list())
				: Set.of();
		Map<Long, Filing> current = new HashMap<>();
		load(c, List.copyOf(personOf.values())).forEach(f -> current.put(f.id(), f));
		List<Filing> conflicts = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			Item item = items.get(i);
			Long person = personOf.get(item.id());
			if (person == null || !inScope.contains(person)) {
				if (items.size() == 1) {
					return new NotFound();
				}
				problems.add(FieldProblem.of("items[" + i + "]", "notFound"));
				continue;
			}
			Filing f = current.get(item.id());
			if (f.version() != item.version()) {
				conflicts.add(f);
				continue;
			}
			if (f.status() != Status.FILED) {
				problems.add(FieldProblem.of("items[" + i + "]", "returnFiling.alreadyDecided", f.personName()));
			}
			else if (decision == Decision.APPROVED && !f.shortfalls().isEmpty()) {
				problems.add(FieldProblem.of("items[" + i + "]", "returnFiling.notReady", f.personName(),
						String.join(",", f.shortfalls().stream().map(Enum::name).toList())));
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
			int updated = jdbc.sql("""
					update return_filing set status = ?, decided_by_name = ?, decided_at = ?, decision_reason = ?,
					  version = version + 1, updated_at = ? where id = ? and version = ? and status = 'FILED'""")
				.params(decision.name(), user.displayName(), Timestamp.from(now), why, Timestamp.from(now), item.id(),
						item.version())
				.update();
			if (updated != 1) {
				throw new IllegalStateException("return filing " + item.id() + " changed under its lock");
			}
			Filing f = current.get(item.id());
			auditItems.add(new AuditLog.Item(item.id(), c.term() + " " + decision + (why == null ? "" : ": " + why), "FILED",
					decision.name()));
			entries.put(f.personId(), c.term() + (why == null ? "" : " · " + why));
		}
		audit.recordAll(AuditAction.UPDATE, "return_filing", auditItems);
		timeline.recordAll(entries, TravelReports.MODULE,
				decision == Decision.APPROVED ? "returnApproved" : "returnRejected", now);
		return new Done(campaignId, items.size());
	}

	// ---- completeness ---------------------------------------------------------------------------

	/** Expected, filed and approved per org unit (each with its subtree), for the children of {@code parentId} (the top units of the user's scope when null). */
	@Transactional(readOnly = true)
	public List<UnitLine> completeness(CurrentUser user, Campaign c, Long parentId) {
		List<Object> params = new ArrayList<>();
		String where = expected(c, params) + " and " + registry.personInScope(user, params);
		Map<Long, long[]> direct = new HashMap<>();
		long[] none = new long[3];
		jdbc.sql("select p.org_unit_id, count(*), count(f.id), sum(case when f.status = 'APPROVED' then 1 else 0 end)"
				+ " from person p left join return_filing f on f.campaign_id = " + c.id() + " and f.person_id = p.id where "
				+ where + " group by p.org_unit_id").params(params).query(rs -> {
					long[] v = {rs.getLong(2), rs.getLong(3), rs.getLong(4)};
					if (rs.getObject(1) == null) {
						none[0] += v[0];
						none[1] += v[1];
						none[2] += v[2];
					}
					else {
						direct.put(rs.getLong(1), v);
					}
				});
		List<Registry.OrgUnitNode> nodes = registry.orgUnitsInScope(user);
		Map<Long, Registry.OrgUnitNode> byId = new HashMap<>();
		nodes.forEach(n -> byId.put(n.id(), n));
		Map<Long, long[]> rolled = new HashMap<>();
		direct.forEach((unit, v) -> {
			Registry.OrgUnitNode node = byId.get(unit);
			if (node == null) {
				return;
			}
			for (String part : node.path().split("/")) {
				if (part.isEmpty()) {
					continue;
				}
				long ancestor = Long.parseLong(part);
				long[] sum = rolled.computeIfAbsent(ancestor, k -> new long[3]);
				sum[0] += v[0];
				sum[1] += v[1];
				sum[2] += v[2];
			}
		});
		Set<Long> parents = new java.util.HashSet<>();
		nodes.forEach(n -> {
			if (n.parentId() != null) {
				parents.add(n.parentId());
			}
		});
		List<UnitLine> out = new ArrayList<>();
		for (Registry.OrgUnitNode n : nodes) {
			boolean child = parentId == null ? n.parentId() == null || !byId.containsKey(n.parentId())
					: parentId.equals(n.parentId());
			long[] v = rolled.get(n.id());
			if (child && v != null) {
				out.add(new UnitLine(n.id(), n.code(), n.name(), parents.contains(n.id()), v[0], v[1], v[2]));
			}
		}
		if (parentId == null && none[0] > 0) {
			out.add(new UnitLine(null, null, null, false, none[0], none[1], none[2]));
		}
		return out;
	}

	// ---- admission ------------------------------------------------------------------------------

	/**
	 * Whether the person may come in on that day as far as return filing goes (see {@link Admission}):
	 * the newest open campaign in force that day (arrivals from on or before it) that expects the
	 * person decides; several may be in force at once, e.g. one per college.
	 */
	@Transactional(readOnly = true)
	public Admission admitted(long schoolId, long personId, LocalDate date) {
		List<Campaign> inForce = jdbc.sql("select " + CAMPAIGN_COLUMNS
				+ " where c.school_id = ? and c.status = 'OPEN' and c.arrive_from <= ? order by c.arrive_from desc, c.id desc")
			.params(schoolId, Date.valueOf(date)).query(ReturnFilings::campaign).list();
		if (inForce.isEmpty()) {
			return new Admission(personId, date, true, "NO_CAMPAIGN", null, null, null, null);
		}
		Optional<Campaign> expecting = inForce.stream().filter(c -> expects(c, personId)).findFirst();
		if (expecting.isEmpty()) {
			return new Admission(personId, date, true, "NOT_REQUIRED", null, null, null, null);
		}
		Campaign c = expecting.get();
		record Row(long id, String status, LocalDate arriveOn) {
		}
		Optional<Row> filing = jdbc.sql("select id, status, arrive_on from return_filing where campaign_id = ? and person_id = ?")
			.params(c.id(), personId).query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate()))
			.optional();
		if (filing.isEmpty()) {
			return new Admission(personId, date, false, "NOT_FILED", c.id(), c.term(), null, null);
		}
		Row f = filing.get();
		String reason = switch (f.status()) {
			case "APPROVED" -> date.isBefore(f.arriveOn()) ? "EARLY" : "APPROVED";
			case "REJECTED" -> "REJECTED";
			default -> "PENDING";
		};
		return new Admission(personId, date, "APPROVED".equals(reason), reason, c.id(), c.term(), f.id(), f.arriveOn());
	}

	// ---- mapping --------------------------------------------------------------------------------

	private static Campaign campaign(ResultSet rs, int n) throws SQLException {
		String pops = rs.getString("populations");
		return new Campaign(rs.getLong("id"), rs.getString("term"), rs.getString("name"), rs.getDate("arrive_from").toLocalDate(),
				rs.getDate("arrive_to").toLocalDate(), rs.getInt("check_in_days"), rs.getBoolean("test_required"),
				rs.getInt("test_valid_days"), rs.getObject("org_unit_id") == null ? null : rs.getLong("org_unit_id"),
				rs.getString("unit_name"),
				pops == null ? List.of() : Arrays.stream(pops.split(",")).map(Population::valueOf).toList(),
				rs.getString("status"), rs.getTimestamp("created_at").toInstant(), rs.getInt("version"), rs.getLong("school_id"));
	}

	private static Filing filing(ResultSet rs, long campaignId) throws SQLException {
		Long id = rs.getObject("id") == null ? null : rs.getLong("id");
		Date arrive = rs.getDate("arrive_on");
		Date test = rs.getDate("test_date");
		String transport = rs.getString("transport");
		String result = rs.getString("test_result");
		String status = rs.getString("status");
		Timestamp decided = rs.getTimestamp("decided_at");
		Timestamp filed = rs.getTimestamp("filed_at");
		return new Filing(id, campaignId, rs.getLong("person_id"), rs.getString("name"), rs.getString("code"),
				rs.getString("unit_name"), arrive == null ? null : arrive.toLocalDate(),
				transport == null ? null : Transport.valueOf(transport), rs.getString("transport_detail"),
				rs.getString("from_region"), rs.getString("region_name"), rs.getString("from_address"),
				result == null ? null : TestResult.valueOf(result), test == null ? null : test.toLocalDate(),
				status == null ? null : Status.valueOf(status), rs.getString("decided_by_name"),
				decided == null ? null : decided.toInstant(), rs.getString("decision_reason"),
				filed == null ? null : filed.toInstant(), id == null ? -1 : rs.getInt("version"), 0, 0, List.of());
	}
}
