package org.bulwark.health;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.bulwark.directory.Groups;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The roll-calls of a day: those done (by whom, with their counts) and the groups of the user's
 * scope whose roll-call for a slot is still missing (every class and grid the user sees).
 */
@Service
class RollCallList {

	private final JdbcClient jdbc;
	private final Groups groups;
	private final Policies policies;

	RollCallList(JdbcClient jdbc, Groups groups, Policies policies) {
		this.jdbc = jdbc;
		this.groups = groups;
		this.policies = policies;
	}

	record Done(long id, Groups.Kind kind, long groupId, String groupName, LocalDate date, String slotCode,
			int expected, int present, int abnormal, int absent, int away, String recordedByName, Instant recordedAt,
			int version) {
	}

	/** The slot codes roll-calls can be for: every slot of the school's policies, the default's first. */
	List<String> slotCodes(long schoolId) {
		Set<String> codes = new LinkedHashSet<>();
		policies.all(schoolId).stream().sorted((a, b) -> Boolean.compare(b.isDefault(), a.isDefault()))
			.forEach(p -> p.slots().forEach(s -> codes.add(s.code())));
		return List.copyOf(codes);
	}

	/** The slot of the default policy asked for at a local time, or its first. */
	String currentSlot(long schoolId, java.time.LocalTime time) {
		CheckPolicy policy = policies.all(schoolId).stream().filter(CheckPolicy::isDefault).findFirst().orElseThrow();
		return policy.current(time).or(() -> policy.slots().stream().findFirst()).map(Slot::code).orElse(null);
	}

	/** Slot names by code, in the user's language, for headings and exports. */
	String slotName(long schoolId, String code, Locale locale) {
		return policies.all(schoolId).stream().flatMap(p -> p.slots().stream()).filter(s -> s.code().equals(code))
			.findFirst().map(s -> s.name(locale)).orElse(code);
	}

	private String where(CurrentUser user, LocalDate date, String slot, String q, List<Object> params) {
		StringBuilder where = new StringBuilder("r.school_id = ? and r.check_date = ?");
		params.add(user.schoolId());
		params.add(date);
		if (slot != null && !slot.isBlank()) {
			where.append(" and r.slot_code = ?");
			params.add(slot.strip());
		}
		String query = q == null ? "" : q.strip().replace("%", "");
		if (!query.isEmpty()) {
			where.append(" and (r.group_name like ? or r.recorded_by_name like ?)");
			params.add("%" + query + "%");
			params.add("%" + query + "%");
		}
		where.append(" and ").append(groups.visible(user, "r.group_kind", "r.group_id", params));
		return where.toString();
	}

	PageResult<Done> done(CurrentUser user, LocalDate date, String slot, String q, PageQuery page) {
		if (!user.can(Permission.CHECK_IN_RECORD) && !user.can(Permission.HEALTH_READ)) {
			return new PageResult<>(List.of(), 0, page.size(), 0, false);
		}
		List<Object> params = new ArrayList<>();
		String where = where(user, date, slot, q, params);
		String order = switch (page.sort() == null ? "" : page.sort()) {
			case "group" -> "r.group_name";
			case "abnormal" -> "r.abnormal";
			case "absent" -> "r.absent";
			default -> "r.recorded_at";
		} + (page.descending() ? " desc" : "") + ", r.id";
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<Done> items = jdbc.sql(SELECT + " where " + where + " order by " + order + " limit ? offset ?")
			.params(pageParams).query(RollCallList::done).list();
		List<Object> countParams = new ArrayList<>(params);
		countParams.add(PageResult.COUNT_CAP + 1);
		long total = jdbc.sql("select count(*) from (select 1 from roll_call r where " + where + " limit ?) x")
			.params(countParams).query(Long.class).single();
		return new PageResult<>(items, page.page(), page.size(), Math.min(total, PageResult.COUNT_CAP),
				total > PageResult.COUNT_CAP);
	}

	/** Every roll-call of the day that the list shows, for an export. */
	List<Done> allDone(CurrentUser user, LocalDate date, String slot, String q) {
		if (!user.can(Permission.CHECK_IN_RECORD) && !user.can(Permission.HEALTH_READ)) {
			return List.of();
		}
		List<Object> params = new ArrayList<>();
		String where = where(user, date, slot, q, params);
		return jdbc.sql(SELECT + " where " + where + " order by r.group_name, r.slot_code, r.id").params(params)
			.query(RollCallList::done).list();
	}

	/** The groups of the user's scope without a roll-call for the day and slot, by name. */
	List<Groups.Group> missing(CurrentUser user, LocalDate date, String slot, String q) {
		if (slot == null || (!user.can(Permission.CHECK_IN_RECORD) && !user.can(Permission.HEALTH_READ))) {
			return List.of();
		}
		Set<String> done = new HashSet<>(jdbc.sql("select group_kind, group_id from roll_call where school_id = ?"
				+ " and check_date = ? and slot_code = ?")
			.params(user.schoolId(), date, slot)
			.query((rs, i) -> rs.getString(1) + ":" + rs.getLong(2)).list());
		String query = q == null ? "" : q.strip();
		return groups.expected(user).stream()
			.filter(g -> !done.contains(g.kind().name() + ":" + g.id()))
			.filter(g -> query.isEmpty() || g.name().contains(query) || g.code().startsWith(query))
			.toList();
	}

	private static final String SELECT = """
			select r.id, r.group_kind, r.group_id, r.group_name, r.check_date, r.slot_code, r.expected, r.present, r.abnormal,
			r.absent, r.away, r.recorded_by_name, r.recorded_at, r.version from roll_call r""";

	private static Done done(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		return new Done(rs.getLong(1), Groups.Kind.valueOf(rs.getString(2)), rs.getLong(3), rs.getString(4),
				rs.getObject(5, LocalDate.class), rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
				rs.getInt(11), rs.getString(12), rs.getObject(13, OffsetDateTime.class).toInstant(), rs.getInt(14));
	}
}
