package org.bulwark.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Grids (网格): places and org units grouped under a leader and members. A user sees a grid that is
 * in their scope, or that holds a place or org unit in their scope; they change only grids they see
 * and add only places and units they see.
 */
@Service
class Grids {

	private final JdbcClient jdbc;
	private final ScopeFilter scopes;
	private final People people;
	private final AuditLog audit;
	private final PersonTimeline timeline;

	Grids(JdbcClient jdbc, ScopeFilter scopes, People people, AuditLog audit, PersonTimeline timeline) {
		this.jdbc = jdbc;
		this.scopes = scopes;
		this.people = people;
		this.audit = audit;
		this.timeline = timeline;
	}

	record GridSummary(long id, String code, String name, Long leaderPersonId, String leaderName, int places,
			int orgUnits, int members, int version) {
	}

	record Part(long id, String code, String name) {
	}

	private static final String COLUMNS = """
			g.id, g.code, g.name, g.leader_person_id, lp.name as leader_name,
			(select count(*) from grid_place x where x.grid_id = g.id) as places,
			(select count(*) from grid_org_unit y where y.grid_id = g.id) as org_units,
			(select count(*) from responsibility z where z.target_kind = 'GRID' and z.target_id = g.id and z.role = 'GRID_MEMBER') as members,
			g.version from grid g left join person lp on lp.id = g.leader_person_id""";

	/** A predicate on a grid row {@code g}. */
	String visible(CurrentUser user, List<Object> params) {
		ScopeFilter.Roots roots = scopes.roots(user);
		if (roots.all()) {
			return "1=1";
		}
		List<String> parts = new ArrayList<>();
		if (!user.scope().gridIds().isEmpty()) {
			parts.add("g.id in (" + String.join(",", user.scope().gridIds().stream().map(String::valueOf).toList()) + ")");
		}
		parts.add("exists (select 1 from grid_place vgp join place vp on vp.id = vgp.place_id where vgp.grid_id = g.id and "
				+ scopes.placePredicate(roots, "vp", params) + ")");
		parts.add("exists (select 1 from grid_org_unit vgo join org_unit vo on vo.id = vgo.org_unit_id where vgo.grid_id = g.id and "
				+ scopes.orgUnitPredicate(roots, "vo", params) + ")");
		return "(" + String.join(" or ", parts) + ")";
	}

	PageResult<GridSummary> search(CurrentUser user, String q, PageQuery page) {
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		StringBuilder where = new StringBuilder("g.school_id = ? and ").append(visible(user, params));
		String query = q == null ? "" : q.strip().replace("%", "");
		if (!query.isEmpty()) {
			where.append(" and (g.name like ? or g.code like ?)");
			params.add("%" + query + "%");
			params.add(query + "%");
		}
		String order = ("code".equals(page.sort()) ? "g.code" : "g.name") + (page.descending() ? " desc" : "") + ", g.id";
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<GridSummary> items = jdbc.sql("select " + COLUMNS + " where " + where + " order by " + order
				+ " limit ? offset ?").params(pageParams).query(Grids::summary).list();
		long total = jdbc.sql("select count(*) from grid g where " + where).params(params).query(Long.class).single();
		return new PageResult<>(items, page.page(), page.size(), total, false);
	}

	Optional<GridSummary> find(CurrentUser user, long id) {
		List<Object> params = new ArrayList<>(List.of(id, user.schoolId()));
		return jdbc.sql("select " + COLUMNS + " where g.id = ? and g.school_id = ? and " + visible(user, params))
			.params(params).query(Grids::summary).optional();
	}

	List<Part> places(long gridId) {
		return jdbc.sql("select p.id, p.code, p.name from grid_place gp join place p on p.id = gp.place_id where gp.grid_id = ? order by p.code")
			.param(gridId).query((rs, i) -> new Part(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
	}

	List<Part> orgUnits(long gridId) {
		return jdbc.sql("select o.id, o.code, o.name from grid_org_unit go join org_unit o on o.id = go.org_unit_id where go.grid_id = ? order by o.code")
			.param(gridId).query((rs, i) -> new Part(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
	}

	@Transactional
	Residences.Outcome create(CurrentUser user, String code, String name) {
		List<FieldProblem> problems = TreeEditing.codeAndName(code, name);
		if (!problems.isEmpty()) {
			return Residences.Outcome.rejected(problems);
		}
		var key = new GeneratedKeyHolder();
		try {
			jdbc.sql("insert into grid (school_id, code, name) values (?, ?, ?)")
				.params(user.schoolId(), code.strip(), PersonRules.collapse(name)).update(key, "id");
		} catch (DuplicateKeyException e) {
			return Residences.Outcome.rejected(FieldProblem.of("code", "codeTaken", code.strip()));
		}
		long id = key.getKey().longValue();
		audit.record(AuditAction.CREATE, "grid", id, "grid " + name.strip() + " (" + code.strip() + ")");
		return Residences.Outcome.ok(id);
	}

	/** Renames a grid and sets its leader (a person code, or blank for none); {@code version} as read. */
	@Transactional
	Residences.Outcome update(CurrentUser user, long id, int version, String name, String leaderCode) {
		Optional<GridSummary> grid = find(user, id);
		if (grid.isEmpty()) {
			return Residences.Outcome.rejected(FieldProblem.of("grid", "notFound"));
		}
		if (name == null || name.isBlank()) {
			return Residences.Outcome.rejected(FieldProblem.of("name", "required"));
		}
		Long leader = null;
		if (leaderCode != null && !leaderCode.isBlank()) {
			Optional<PersonSummary> p = personByCode(user, leaderCode);
			if (p.isEmpty()) {
				return Residences.Outcome.rejected(FieldProblem.of("leader", "unknownCode", leaderCode.strip()));
			}
			leader = p.get().id();
		}
		int updated = jdbc.sql("update grid set name = ?, leader_person_id = ?, version = version + 1 where id = ? and version = ?")
			.params(PersonRules.collapse(name), leader, id, version).update();
		if (updated == 0) {
			return Residences.Outcome.rejected(FieldProblem.of("version", "conflict"));
		}
		Long before = grid.get().leaderPersonId();
		if (!java.util.Objects.equals(before, leader)) {
			jdbc.sql("delete from responsibility where role = 'GRID_LEADER' and target_kind = 'GRID' and target_id = ?")
				.param(id).update();
			if (leader != null) {
				jdbc.sql("insert into responsibility (school_id, responsible_person_id, role, target_kind, target_id) values (?, ?, 'GRID_LEADER', 'GRID', ?)")
					.params(user.schoolId(), leader, id).update();
				timeline.record(leader, PersonTimeline.DIRECTORY, "responsibilityAssigned", "GRID_LEADER " + name.strip(),
						null);
			}
			if (before != null) {
				timeline.record(before, PersonTimeline.DIRECTORY, "responsibilityRevoked", "GRID_LEADER " + name.strip(),
						null);
			}
		}
		audit.record(AuditAction.UPDATE, "grid", id, "edited grid " + name.strip(),
				"name=" + grid.get().name() + ", leader=" + before, "name=" + name.strip() + ", leader=" + leader);
		return Residences.Outcome.ok(id);
	}

	/** Adds a place or org unit, found by its code within the user's scope, to a grid. */
	@Transactional
	Residences.Outcome addPart(CurrentUser user, long id, String table, String code) {
		if (find(user, id).isEmpty()) {
			return Residences.Outcome.rejected(FieldProblem.of("grid", "notFound"));
		}
		String field = table.equals("place") ? "place" : "orgUnit";
		List<Object> params = new ArrayList<>(List.of(user.schoolId(), code == null ? "" : code.strip()));
		String scope = table.equals("place") ? scopes.placePredicate(scopes.roots(user), "t", params)
				: scopes.orgUnitPredicate(scopes.roots(user), "t", params);
		Optional<Long> part = jdbc.sql("select t.id from " + table + " t where t.school_id = ? and t.code = ? and " + scope)
			.params(params).query(Long.class).optional();
		if (part.isEmpty()) {
			return Residences.Outcome.rejected(FieldProblem.of(field, code == null || code.isBlank() ? "required"
					: "unknownPart", code == null ? "" : code.strip()));
		}
		String link = table.equals("place") ? "grid_place" : "grid_org_unit";
		String column = table.equals("place") ? "place_id" : "org_unit_id";
		jdbc.sql("insert into " + link + " (grid_id, " + column + ") select ?, ? where not exists (select 1 from " + link
				+ " where grid_id = ? and " + column + " = ?)").params(id, part.get(), id, part.get()).update();
		audit.record(AuditAction.UPDATE, "grid", id, "added " + table + " " + code.strip());
		return Residences.Outcome.ok(id);
	}

	@Transactional
	Residences.Outcome removePart(CurrentUser user, long id, String table, long partId) {
		if (find(user, id).isEmpty()) {
			return Residences.Outcome.rejected(FieldProblem.of("grid", "notFound"));
		}
		String link = table.equals("place") ? "grid_place" : "grid_org_unit";
		String column = table.equals("place") ? "place_id" : "org_unit_id";
		jdbc.sql("delete from " + link + " where grid_id = ? and " + column + " = ?").params(id, partId).update();
		audit.record(AuditAction.UPDATE, "grid", id, "removed " + table + " " + partId);
		return Residences.Outcome.ok(id);
	}

	private Optional<PersonSummary> personByCode(CurrentUser user, String code) {
		return jdbc.sql("select id from person where school_id = ? and code = ? order by id").params(user.schoolId(),
				code.strip()).query(Long.class).list().stream().findFirst().flatMap(pid -> people.find(user, pid));
	}

	static GridSummary summary(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new GridSummary(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
				rs.getObject("leader_person_id", Long.class), rs.getString("leader_name"), rs.getInt("places"),
				rs.getInt("org_units"), rs.getInt("members"), rs.getInt("version"));
	}
}
