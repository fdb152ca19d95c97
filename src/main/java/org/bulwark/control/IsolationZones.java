package org.bulwark.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PlaceDirectory;
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
 * Isolation zones and what they hold. A zone is seen by whoever sees the place that houses it (or by
 * everyone in the school when it names none); its rooms carry the data scope of their own places.
 */
@Service
class IsolationZones {

	private final JdbcClient jdbc;
	private final PlaceDirectory places;
	private final AuditLog audit;

	IsolationZones(JdbcClient jdbc, PlaceDirectory places, AuditLog audit) {
		this.jdbc = jdbc;
		this.places = places;
		this.audit = audit;
	}

	record Zone(long id, String code, String name, ZoneKind kind, Long sitePlaceId, String siteName, String notes,
			boolean active, int rooms, int beds, int occupiedBeds, int vacantRooms, int freeBeds, int occupiedRooms,
			int awaitingRooms, int outOfServiceRooms) {
	}

	record Filter(String q, ZoneKind kind, Boolean active) {
	}

	@Transactional
	Outcome create(CurrentUser user, String code, String name, ZoneKind kind, String siteCode, String notes) {
		List<FieldProblem> problems = new ArrayList<>();
		if (code == null || code.isBlank()) {
			problems.add(FieldProblem.of("code", "required"));
		} else if (code.strip().length() > 64) {
			problems.add(FieldProblem.of("code", "tooLong", 64));
		}
		if (name == null || name.isBlank()) {
			problems.add(FieldProblem.of("name", "required"));
		} else if (name.strip().length() > 200) {
			problems.add(FieldProblem.of("name", "tooLong", 200));
		}
		if (kind == null) {
			problems.add(FieldProblem.of("zoneKind", "required"));
		}
		if (notes != null && notes.length() > 1000) {
			problems.add(FieldProblem.of("notes", "tooLong", 1000));
		}
		Long site = null;
		if (siteCode != null && !siteCode.isBlank()) {
			var place = places.findByCode(user, siteCode);
			if (place.isEmpty()) {
				problems.add(FieldProblem.of("site", "notFound"));
			} else {
				site = place.get().id();
			}
		}
		if (!problems.isEmpty()) {
			return Outcome.refused(problems);
		}
		var key = new GeneratedKeyHolder();
		try {
			jdbc.sql("insert into isolation_zone (school_id, code, name, kind, site_place_id, notes) values (?, ?, ?, ?, ?, ?)")
				.params(user.schoolId(), code.strip(), name.strip(), kind.name(), site, notes == null || notes.isBlank() ? null : notes.strip())
				.update(key, "id");
		} catch (DuplicateKeyException e) {
			return Outcome.refused("code", "codeTaken", code.strip());
		}
		long id = key.getKey().longValue();
		audit.record(AuditAction.CREATE, "isolation_zone", id, "added " + kind + " zone " + name.strip() + " (" + code.strip() + ")");
		return Outcome.ok(id);
	}

	@Transactional
	Outcome setActive(CurrentUser user, long id, boolean active) {
		if (find(user, id).isEmpty()) {
			return Outcome.refused("zone", "notFound");
		}
		jdbc.sql("update isolation_zone set active = ? where id = ?").params(active, id).update();
		audit.record(AuditAction.UPDATE, "isolation_zone", id, active ? "reopened" : "closed", "active=" + !active, "active=" + active);
		return Outcome.ok(id);
	}

	private static final String SELECT = """
			select z.id, z.code, z.name, z.kind, z.site_place_id, s.name as site_name, z.notes, z.active,
			  count(r.id) as rooms, coalesce(sum(r.beds), 0) as beds, coalesce(sum(o.n), 0) as occupied_beds,
			  sum(case when r.state = 'VACANT' then 1 else 0 end) as vacant_rooms,
			  coalesce(sum(case when r.state = 'VACANT' then r.beds else 0 end), 0) as free_beds,
			  sum(case when r.state = 'OCCUPIED' then 1 else 0 end) as occupied_rooms,
			  sum(case when r.state = 'AWAITING_DISINFECTION' then 1 else 0 end) as awaiting_rooms,
			  sum(case when r.state = 'OUT_OF_SERVICE' then 1 else 0 end) as out_of_service_rooms
			from isolation_zone z
			left join place s on s.id = z.site_place_id
			left join isolation_room r on r.zone_id = z.id
			left join (select room_id, count(*) as n from isolation_stay where open_bed is not null group by room_id) o on o.room_id = r.id
			""";

	private static final String GROUP = " group by z.id, z.code, z.name, z.kind, z.site_place_id, s.name, z.notes, z.active";

	private String where(CurrentUser user, Filter filter, List<Object> params) {
		StringBuilder where = new StringBuilder(" where z.school_id = ?");
		params.add(user.schoolId());
		where.append(" and (z.site_place_id is null or ").append(places.placeInScope(user, "z.site_place_id", params)).append(")");
		if (filter.q() != null && !filter.q().isBlank()) {
			where.append(" and (z.name like ? or z.code like ?)");
			String q = filter.q().strip().replace("%", "");
			params.add("%" + q + "%");
			params.add(q + "%");
		}
		if (filter.kind() != null) {
			where.append(" and z.kind = ?");
			params.add(filter.kind().name());
		}
		if (filter.active() != null) {
			where.append(" and z.active = ?");
			params.add(filter.active());
		}
		return where.toString();
	}

	@Transactional(readOnly = true)
	PageResult<Zone> search(CurrentUser user, Filter filter, PageQuery page) {
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, params);
		String order = switch (page.sort()) {
			case "name" -> "z.name";
			case "kind" -> "z.kind";
			default -> "z.code";
		} + (page.descending() ? " desc" : "") + ", z.id";
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<Zone> items = jdbc.sql(SELECT + where + GROUP + " order by " + order + " limit ? offset ?").params(pageParams)
			.query(IsolationZones::zone).list();
		long total = jdbc.sql("select count(*) from isolation_zone z" + where).params(params).query(Long.class).single();
		return new PageResult<>(items, page.page(), page.size(), total, false);
	}

	@Transactional(readOnly = true)
	List<Zone> all(CurrentUser user, Filter filter) {
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, params);
		return jdbc.sql(SELECT + where + GROUP + " order by z.code, z.id").params(params).query(IsolationZones::zone).list();
	}

	@Transactional(readOnly = true)
	Optional<Zone> find(CurrentUser user, long id) {
		List<Object> params = new ArrayList<>();
		String where = where(user, new Filter(null, null, null), params) + " and z.id = ?";
		params.add(id);
		return jdbc.sql(SELECT + where + GROUP).params(params).query(IsolationZones::zone).optional();
	}

	private static Zone zone(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		return new Zone(rs.getLong("id"), rs.getString("code"), rs.getString("name"), ZoneKind.valueOf(rs.getString("kind")),
				rs.getObject("site_place_id") == null ? null : rs.getLong("site_place_id"), rs.getString("site_name"),
				rs.getString("notes"), rs.getBoolean("active"), rs.getInt("rooms"), rs.getInt("beds"), rs.getInt("occupied_beds"),
				rs.getInt("vacant_rooms"), rs.getInt("free_beds"), rs.getInt("occupied_rooms"), rs.getInt("awaiting_rooms"),
				rs.getInt("out_of_service_rooms"));
	}
}
