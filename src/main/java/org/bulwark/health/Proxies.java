package org.bulwark.health;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PersonSummary;
import org.bulwark.directory.PersonTimeline;
import org.bulwark.directory.Registry;
import org.bulwark.directory.Registry.Subject;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who reports for whom: a household head for the members of their households (from the directory),
 * and proxies a manager names explicitly for one dependant each (a grid worker for an elderly
 * resident, a parent living elsewhere for a child).
 */
@Service
class Proxies {

	private final JdbcClient jdbc;
	private final Registry registry;
	private final AuditLog audit;
	private final PersonTimeline timeline;

	Proxies(JdbcClient jdbc, Registry registry, AuditLog audit, PersonTimeline timeline) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.audit = audit;
		this.timeline = timeline;
	}

	enum Basis {
		HOUSEHOLD, NAMED
	}

	record Dependant(Subject person, Basis basis) {
	}

	record ProxyRow(long id, long proxyPersonId, String proxyCode, String proxyName, long dependantPersonId,
			String dependantCode, String dependantName, Instant createdAt, String createdBy) {
	}

	sealed interface Outcome {
	}

	record Named(long id) implements Outcome {
	}

	record Rejected(List<FieldProblem> problems) implements Outcome {
	}

	/** The people a person may report for, active ones only, household first. */
	List<Dependant> dependants(long schoolId, long proxyPersonId) {
		List<Subject> household = registry.householdOf(schoolId, proxyPersonId);
		Set<Long> householdIds = household.stream().map(Subject::personId).collect(Collectors.toSet());
		Set<Long> namedIds = Set.copyOf(named(schoolId, proxyPersonId));
		Map<Long, Dependant> out = new LinkedHashMap<>();
		for (Subject s : household) {
			out.putIfAbsent(s.personId(), new Dependant(s, Basis.HOUSEHOLD));
		}
		for (long id : namedIds) {
			if (!out.containsKey(id)) {
				registry.findInSchool(schoolId, id).ifPresent(s -> out.put(id, new Dependant(s, Basis.NAMED)));
			}
		}
		return out.values().stream().filter(d -> d.person().active())
			.filter(d -> ProxyRules.mayReportFor(proxyPersonId, d.person().personId(), householdIds, namedIds))
			.sorted(java.util.Comparator.comparing((Dependant d) -> d.basis()).thenComparing(d -> d.person().name()))
			.toList();
	}

	private List<Long> named(long schoolId, long proxyPersonId) {
		return jdbc.sql("select dependant_person_id from check_in_proxy where school_id = ? and proxy_person_id = ? order by id")
			.params(schoolId, proxyPersonId).query(Long.class).list();
	}

	/** Names a proxy for a dependant; both must be within the manager's scope. */
	Outcome name(CurrentUser user, Long proxyPersonId, Long dependantPersonId) {
		if (!user.can(Permission.CHECK_IN_LINKS_MANAGE)) {
			return new Rejected(List.of(FieldProblem.of("proxy", "proxy.notFound")));
		}
		List<FieldProblem> problems = new ArrayList<>();
		Optional<PersonSummary> proxy = proxyPersonId == null ? Optional.empty()
				: registry.summary(user, proxyPersonId).filter(PersonSummary::active);
		Optional<PersonSummary> dependant = dependantPersonId == null ? Optional.empty()
				: registry.summary(user, dependantPersonId).filter(PersonSummary::active);
		if (proxy.isEmpty()) {
			problems.add(FieldProblem.of("proxy", "proxy.notFound"));
		}
		if (dependant.isEmpty()) {
			problems.add(FieldProblem.of("dependant", "proxy.notFound"));
		}
		if (problems.isEmpty() && proxyPersonId.equals(dependantPersonId)) {
			problems.add(FieldProblem.of("dependant", "proxy.self"));
		}
		if (!problems.isEmpty()) {
			return new Rejected(problems);
		}
		try {
			jdbc.sql("insert into check_in_proxy (school_id, proxy_person_id, dependant_person_id, created_by) values (?, ?, ?, ?)")
				.params(user.schoolId(), proxyPersonId, dependantPersonId, user.id()).update();
		}
		catch (DuplicateKeyException e) {
			return new Rejected(List.of(FieldProblem.of("dependant", "proxy.already", proxy.get().name(), dependant.get().name())));
		}
		long id = jdbc.sql("select id from check_in_proxy where school_id = ? and proxy_person_id = ? and dependant_person_id = ?")
			.params(user.schoolId(), proxyPersonId, dependantPersonId).query(Long.class).single();
		audit.record(AuditAction.CREATE, "check_in_proxy", id, "named person " + proxyPersonId + " proxy for person "
				+ dependantPersonId);
		timeline.record(dependantPersonId, "health", "checkInProxyNamed", proxy.get().name(), Instant.now());
		return new Named(id);
	}

	/** A person of the manager's scope by number, to name a proxy on the page. */
	Optional<Long> byCode(CurrentUser user, String code) {
		if (code == null || code.isBlank()) {
			return Optional.empty();
		}
		return jdbc.sql("select id from person where school_id = ? and code = ?").params(user.schoolId(), code.strip())
			.query(Long.class).optional().filter(id -> registry.inScope(user, id));
	}

	boolean remove(CurrentUser user, long id) {
		if (!user.can(Permission.CHECK_IN_LINKS_MANAGE)) {
			return false;
		}
		Optional<long[]> row = jdbc.sql("select proxy_person_id, dependant_person_id from check_in_proxy where id = ? and school_id = ?")
			.params(id, user.schoolId()).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).optional()
			.filter(r -> registry.inScope(user, r[1]));
		if (row.isEmpty()) {
			return false;
		}
		int n = jdbc.sql("delete from check_in_proxy where id = ?").param(id).update();
		if (n > 0) {
			audit.record(AuditAction.DELETE, "check_in_proxy", id, "person " + row.get()[0] + " no longer proxy for person "
					+ row.get()[1]);
			timeline.record(row.get()[1], "health", "checkInProxyRemoved", "", Instant.now());
		}
		return n > 0;
	}

	/** Named proxies whose dependant is within the user's scope, searched by either person's name or number. */
	PageResult<ProxyRow> search(CurrentUser user, String q, PageQuery page) {
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		StringBuilder where = new StringBuilder("x.school_id = ? and ").append(registry.personScope(user, params));
		String query = q == null ? "" : q.strip().replace("\\", "").replace("%", "").replace("_", "");
		if (!query.isEmpty()) {
			where.append(" and (p.name like ? or p.code like ? or px.name like ? or px.code like ?)");
			for (int i = 0; i < 4; i++) {
				params.add(query + "%");
			}
		}
		String from = " from check_in_proxy x join person p on p.id = x.dependant_person_id join person px on px.id = x.proxy_person_id"
				+ " left join app_user u on u.id = x.created_by where ";
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size() + 1);
		pageParams.add(page.offset());
		List<ProxyRow> rows = jdbc.sql("select x.id, px.id, px.code, px.name, p.id, p.code, p.name, x.created_at, u.username"
				+ from + where + " order by p.name, p.id, px.name limit ? offset ?").params(pageParams)
			.query((rs, i) -> new ProxyRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
					rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getString(9)))
			.list();
		long total;
		boolean capped = false;
		if (page.page() == 0 && rows.size() <= page.size()) {
			total = rows.size();
		}
		else {
			List<Object> countParams = new ArrayList<>(params);
			countParams.add(PageResult.COUNT_CAP + 1);
			total = jdbc.sql("select count(*) from (select 1" + from + where + " limit ?) t").params(countParams)
				.query(Long.class).single();
			if (total > PageResult.COUNT_CAP) {
				total = PageResult.COUNT_CAP;
				capped = true;
			}
		}
		return new PageResult<>(rows.size() > page.size() ? rows.subList(0, page.size()) : rows, page.page(), page.size(),
				total, capped);
	}
}
