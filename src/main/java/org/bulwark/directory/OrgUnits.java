package org.bulwark.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Colleges, majors, classes, departments, employers and schools, read through the user's data scope. */
@Repository
class OrgUnits {

	private static final String COLUMNS = """
			o.id, o.parent_id, o.kind, o.code, o.name, o.active,
			(select count(*) from org_unit c where c.parent_id = o.id) as children""";

	private final JdbcClient jdbc;
	private final ScopeFilter scopes;

	OrgUnits(JdbcClient jdbc, ScopeFilter scopes) {
		this.jdbc = jdbc;
		this.scopes = scopes;
	}

	record Filter(String q, OrgUnitKind kind, Long parent) {
	}

	PageResult<OrgUnitSummary> search(CurrentUser user, Filter filter, PageQuery page) {
		List<Object> params = new ArrayList<>();
		StringBuilder where = new StringBuilder("o.school_id = ?");
		params.add(user.schoolId());
		where.append(" and ").append(scopes.orgUnitPredicate(scopes.roots(user), "o", params));
		String q = filter.q() == null ? "" : filter.q().strip();
		if (!q.isEmpty()) {
			where.append(" and (o.name like ? or o.code like ?)");
			params.add("%" + q.replace("%", "") + "%");
			params.add(q.replace("%", "") + "%");
		}
		if (filter.kind() != null) {
			where.append(" and o.kind = ?");
			params.add(filter.kind().name());
		}
		if (filter.parent() != null) {
			where.append(" and o.parent_id = ?");
			params.add(filter.parent());
		} else if (q.isEmpty() && filter.kind() == null) {
			where.append(" and (o.parent_id is null or o.parent_id not in (select vo.id from org_unit vo where ")
				.append(scopes.orgUnitPredicate(scopes.roots(user), "vo", params)).append("))");
		}
		String order = switch (page.sort()) {
			case "code" -> "o.code";
			case "kind" -> "o.kind";
			default -> "o.name";
		} + (page.descending() ? " desc" : "") + ", o.id";
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<OrgUnitSummary> items = jdbc.sql("select " + COLUMNS + " from org_unit o where " + where + " order by "
				+ order + " limit ? offset ?").params(pageParams).query(OrgUnits::summary).list();
		long total = jdbc.sql("select count(*) from org_unit o where " + where).params(params).query(Long.class)
			.single();
		return new PageResult<>(items, page.page(), page.size(), total, false);
	}

	Optional<OrgUnitSummary> find(CurrentUser user, long id) {
		List<Object> params = new ArrayList<>(List.of(id, user.schoolId()));
		String scope = scopes.orgUnitPredicate(scopes.roots(user), "o", params);
		return jdbc.sql("select " + COLUMNS + " from org_unit o where o.id = ? and o.school_id = ? and " + scope)
			.params(params).query(OrgUnits::summary).optional();
	}

	List<OrgUnitSummary> trail(long id) {
		String path = jdbc.sql("select path from org_unit where id = ?").param(id).query(String.class).single();
		List<Long> ids = PersonProfiles.idsOf(path);
		List<OrgUnitSummary> all = jdbc.sql("select " + COLUMNS + " from org_unit o where o.id in ("
				+ String.join(",", ids.stream().map(String::valueOf).toList()) + ")").query(OrgUnits::summary).list();
		return ids.stream().flatMap(i -> all.stream().filter(o -> o.id() == i)).toList();
	}

	long members(long id) {
		String path = jdbc.sql("select path from org_unit where id = ?").param(id).query(String.class).single();
		return jdbc.sql("""
				select count(*) from person p join org_unit x on x.id = p.org_unit_id where x.path like ? and p.active = true""")
			.param(path + "%").query(Long.class).single();
	}

	static OrgUnitSummary summary(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new OrgUnitSummary(rs.getLong("id"), (Long) rs.getObject("parent_id", Long.class),
				OrgUnitKind.valueOf(rs.getString("kind")), rs.getString("code"), rs.getString("name"),
				rs.getBoolean("active"), rs.getInt("children"));
	}
}
