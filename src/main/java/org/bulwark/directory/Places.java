package org.bulwark.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Campuses, areas, buildings, floors and rooms, read through the user's data scope. */
@Repository
class Places {

	private static final String COLUMNS = """
			pl.id, pl.parent_id, pl.kind, pl.usage, pl.code, pl.name, pl.capacity, pl.city, pl.active,
			(select count(*) from place c where c.parent_id = pl.id) as children""";

	private final JdbcClient jdbc;
	private final ScopeFilter scopes;

	Places(JdbcClient jdbc, ScopeFilter scopes) {
		this.jdbc = jdbc;
		this.scopes = scopes;
	}

	record Filter(String q, PlaceKind kind, PlaceUsage usage, Long parent) {
	}

	/** Without a search or parent, the top of the user's part of the tree. */
	PageResult<PlaceSummary> search(CurrentUser user, Filter filter, PageQuery page) {
		List<Object> params = new ArrayList<>();
		StringBuilder where = new StringBuilder("pl.school_id = ?");
		params.add(user.schoolId());
		where.append(" and ").append(scopes.placePredicate(scopes.roots(user), "pl", params));
		String q = filter.q() == null ? "" : filter.q().strip();
		if (!q.isEmpty()) {
			where.append(" and (pl.name like ? or pl.code like ?)");
			params.add("%" + q.replace("%", "") + "%");
			params.add(q.replace("%", "") + "%");
		}
		if (filter.kind() != null) {
			where.append(" and pl.kind = ?");
			params.add(filter.kind().name());
		}
		if (filter.usage() != null) {
			where.append(" and pl.usage = ?");
			params.add(filter.usage().name());
		}
		if (filter.parent() != null) {
			where.append(" and pl.parent_id = ?");
			params.add(filter.parent());
		} else if (q.isEmpty() && filter.kind() == null && filter.usage() == null) {
			where.append(" and (pl.parent_id is null or pl.parent_id not in (select vp.id from place vp where ")
				.append(scopes.placePredicate(scopes.roots(user), "vp", params)).append("))");
		}
		String order = switch (page.sort()) {
			case "code" -> "pl.code";
			case "kind" -> "pl.kind";
			default -> "pl.name";
		} + (page.descending() ? " desc" : "") + ", pl.id";
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<PlaceSummary> items = jdbc.sql("select " + COLUMNS + " from place pl where " + where + " order by " + order
				+ " limit ? offset ?").params(pageParams).query(Places::summary).list();
		long total = jdbc.sql("select count(*) from place pl where " + where).params(params).query(Long.class).single();
		return new PageResult<>(items, page.page(), page.size(), total, false);
	}

	Optional<PlaceSummary> find(CurrentUser user, long id) {
		List<Object> params = new ArrayList<>(List.of(id, user.schoolId()));
		String scope = scopes.placePredicate(scopes.roots(user), "pl", params);
		return jdbc.sql("select " + COLUMNS + " from place pl where pl.id = ? and pl.school_id = ? and " + scope)
			.params(params).query(Places::summary).optional();
	}

	/** The names from the campus down to this place. */
	List<PlaceSummary> trail(long id) {
		String path = jdbc.sql("select path from place where id = ?").param(id).query(String.class).single();
		List<Long> ids = PersonProfiles.idsOf(path);
		List<PlaceSummary> all = jdbc.sql("select " + COLUMNS + " from place pl where pl.id in ("
				+ String.join(",", ids.stream().map(String::valueOf).toList()) + ")").query(Places::summary).list();
		return ids.stream().flatMap(i -> all.stream().filter(p -> p.id() == i)).toList();
	}

	/** Current residents and beds of the subtree. */
	long[] occupancy(long id) {
		String path = jdbc.sql("select path from place where id = ?").param(id).query(String.class).single();
		long residents = jdbc.sql("""
				select count(*) from person p join place x on x.id = p.residence_place_id
				where x.path like ? and p.active = true""").param(path + "%").query(Long.class).single();
		Long beds = jdbc.sql("select sum(capacity) from place where path like ? and kind = 'ROOM'").param(path + "%")
			.query(Long.class).optional().orElse(0L);
		return new long[] {residents, beds == null ? 0 : beds};
	}

	static PlaceSummary summary(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new PlaceSummary(rs.getLong("id"), (Long) rs.getObject("parent_id", Long.class),
				PlaceKind.valueOf(rs.getString("kind")), PlaceUsage.valueOf(rs.getString("usage")), rs.getString("code"),
				rs.getString("name"), (Integer) rs.getObject("capacity", Integer.class), rs.getString("city"),
				rs.getBoolean("active"), rs.getInt("children"));
	}
}
