package org.bulwark.screening;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bulwark.directory.FieldProblem;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The risk designations of a school: designating, lifting, the list and the risk of a region at an instant. */
@Service
public class RiskAreas {

	private static final String COLUMNS = """
			a.id, a.region_code, r.full_name, a.level, a.valid_from, a.valid_to, a.source, a.notes, a.created_at,
			a.lifted_at, a.lift_reason""";

	private final JdbcClient jdbc;
	private final Regions regions;
	private final AuditLog audit;
	private final Clock clock;

	RiskAreas(JdbcClient jdbc, Regions regions, AuditLog audit) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.audit = audit;
		this.clock = Clock.systemDefaultZone();
	}

	/** What a change returns: the designation, or every problem by field. */
	public sealed interface Result permits Saved, Rejected {
	}

	public record Saved(long id) implements Result {
	}

	public record Rejected(List<FieldProblem> problems) implements Result {
	}

	/**
	 * @param all the whole history; otherwise only designations valid at {@code at}
	 * @param at the instant of the filter, now when null
	 */
	public record Filter(String q, RiskLevel level, boolean all, Instant at) {
	}

	public Instant now() {
		return clock.instant();
	}

	/** A form checked: what it resolves to and its problems. */
	private record Checked(Region region, RiskLevel level, Instant from, Instant to, List<FieldProblem> problems) {
	}

	/** The problems a form would be rejected with, without saving it. */
	public List<FieldProblem> check(RiskAreaForm form) {
		return checked(form).problems();
	}

	private Checked checked(RiskAreaForm form) {
		List<FieldProblem> problems = new ArrayList<>();
		Optional<Region> region = Optional.empty();
		if (form.region() == null || form.region().isBlank()) {
			problems.add(FieldProblem.of("region", "required"));
		}
		else {
			region = RegionCode.normalize(form.region()).flatMap(regions::find).or(() -> regions.findByName(form.region()));
			if (region.isEmpty()) {
				problems.add(FieldProblem.of("region", "regionUnknown", form.region().strip()));
			}
		}
		RiskLevel level = RiskLevel.parse(form.level());
		if (level == null) {
			problems.add(form.level() == null || form.level().isBlank() ? FieldProblem.of("level", "required")
					: FieldProblem.of("level", "riskLevelInvalid", form.level().strip()));
		}
		Instant from = null;
		if (form.from() == null || form.from().isBlank()) {
			problems.add(FieldProblem.of("from", "required"));
		}
		else {
			from = parseInstant(form.from()).orElse(null);
			if (from == null) {
				problems.add(FieldProblem.of("from", "instantInvalid", form.from().strip()));
			}
		}
		Instant to = null;
		if (form.to() != null && !form.to().isBlank()) {
			to = parseInstant(form.to()).orElse(null);
			if (to == null) {
				problems.add(FieldProblem.of("to", "instantInvalid", form.to().strip()));
			}
			else if (from != null && !to.isAfter(from)) {
				problems.add(FieldProblem.of("to", "toNotAfterFrom"));
			}
		}
		return new Checked(region.orElse(null), level, from, to, problems);
	}

	@Transactional
	public Result create(CurrentUser user, RiskAreaForm form) {
		Checked checked = checked(form);
		if (!checked.problems().isEmpty()) {
			return new Rejected(checked.problems());
		}
		Optional<Region> region = Optional.of(checked.region());
		RiskLevel level = checked.level();
		Instant from = checked.from();
		Instant to = checked.to();
		String source = trim(form.source(), 200);
		String notes = trim(form.notes(), 1000);
		var key = new GeneratedKeyHolder();
		jdbc.sql("""
				insert into risk_area (school_id, region_code, level, valid_from, valid_to, source, notes, created_at, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(user.schoolId(), region.get().code(), level.name(), Timestamp.from(from),
					to == null ? null : Timestamp.from(to), source, notes, Timestamp.from(now()), user.id())
			.update(key, "id");
		long id = key.getKey().longValue();
		audit.record(AuditAction.CREATE, "risk_area", id, level + " " + region.get().fullName() + " (" + region.get().code()
				+ ") from " + from + (to == null ? "" : " to " + to) + (source == null ? "" : ", " + source));
		return new Saved(id);
	}

	/** Designates every form that passes the checks, in one transaction; returns how many. */
	@Transactional
	public long createAll(CurrentUser user, List<RiskAreaForm> forms) {
		return forms.stream().filter(f -> create(user, f) instanceof Saved).count();
	}

	/** Ends a designation now, before its end, with a reason; the row stays for the history. */
	@Transactional
	public Result lift(CurrentUser user, long id, String reason) {
		Optional<RiskArea> found = find(user, id);
		if (found.isEmpty()) {
			return new Rejected(List.of(FieldProblem.of("id", "notFound")));
		}
		if (reason == null || reason.isBlank()) {
			return new Rejected(List.of(FieldProblem.of("reason", "required")));
		}
		if (!found.get().liftable()) {
			return new Rejected(List.of(FieldProblem.of("id", "riskAreaNotLiftable")));
		}
		Instant now = now();
		jdbc.sql("update risk_area set lifted_at = ?, lifted_by = ?, lift_reason = ? where id = ? and school_id = ? and lifted_at is null")
			.params(Timestamp.from(now), user.id(), trim(reason, 500), id, user.schoolId()).update();
		audit.record(AuditAction.UPDATE, "risk_area", id, "lifted " + found.get().level() + " "
				+ found.get().regionName() + " (" + found.get().regionCode() + "): " + reason.strip());
		return new Saved(id);
	}

	public Optional<RiskArea> find(CurrentUser user, long id) {
		Instant now = now();
		return jdbc.sql("select " + COLUMNS + " from risk_area a join region r on r.code = a.region_code where a.id = ? and a.school_id = ?")
			.params(id, user.schoolId()).query((rs, n) -> riskArea(rs, now)).optional();
	}

	public PageResult<RiskArea> search(CurrentUser user, Filter filter, PageQuery page) {
		Instant now = now();
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, params);
		String order = switch (page.sort()) {
			case "region" -> "r.full_name";
			case "level" -> "case a.level when 'HIGH' then 3 when 'MEDIUM' then 2 else 1 end";
			default -> "a.valid_from";
		} + (page.descending() ? " desc" : "") + ", a.id desc";
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<RiskArea> items = jdbc.sql("select " + COLUMNS + " from risk_area a join region r on r.code = a.region_code where "
				+ where + " order by " + order + " limit ? offset ?").params(pageParams).query((rs, n) -> riskArea(rs, now))
			.list();
		long total = jdbc.sql("select count(*) from risk_area a join region r on r.code = a.region_code where " + where)
			.params(params).query(Long.class).single();
		return new PageResult<>(items, page.page(), page.size(), total, false);
	}

	/** Every designation of the filter, for an export. */
	public List<RiskArea> all(CurrentUser user, Filter filter) {
		Instant now = now();
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, params);
		return jdbc.sql("select " + COLUMNS + " from risk_area a join region r on r.code = a.region_code where " + where
				+ " order by a.valid_from desc, a.id desc").params(params).query((rs, n) -> riskArea(rs, now)).list();
	}

	private String where(CurrentUser user, Filter filter, List<Object> params) {
		StringBuilder where = new StringBuilder("a.school_id = ?");
		params.add(user.schoolId());
		String q = filter.q() == null ? "" : filter.q().strip().replace("%", "").replace("_", "");
		if (!q.isEmpty()) {
			where.append(" and (r.full_name like ? or r.code like ? or a.source like ?)");
			params.add("%" + q + "%");
			params.add(RegionCode.normalize(q).orElse(q) + "%");
			params.add("%" + q + "%");
		}
		if (filter.level() != null) {
			where.append(" and a.level = ?");
			params.add(filter.level().name());
		}
		if (!filter.all()) {
			Timestamp at = Timestamp.from(filter.at() == null ? now() : filter.at());
			where.append(" and a.valid_from <= ? and (a.valid_to is null or a.valid_to > ?)"
					+ " and (a.lifted_at is null or a.lifted_at > ?)");
			params.add(at);
			params.add(at);
			params.add(at);
		}
		return where.toString();
	}

	/** The designations valid at an instant on a region or the regions above it, highest level first. */
	public List<RiskArea> covering(CurrentUser user, String regionCode, Instant at) {
		Timestamp t = Timestamp.from(at);
		Instant now = now();
		return jdbc.sql("select " + COLUMNS + " from risk_area a join region r on r.code = a.region_code"
				+ " where a.school_id = :school and a.region_code in (:codes) and a.valid_from <= :at"
				+ " and (a.valid_to is null or a.valid_to > :at) and (a.lifted_at is null or a.lifted_at > :at)"
				+ " order by case a.level when 'HIGH' then 3 when 'MEDIUM' then 2 else 1 end desc, a.valid_from desc")
			.param("school", user.schoolId()).param("codes", RegionCode.selfAndAncestors(regionCode)).param("at", t)
			.query((rs, n) -> riskArea(rs, now)).list();
	}

	/** The risk of a region at an instant for the user's school, by {@link RiskRules}. */
	public Optional<RiskLevel> riskOf(long schoolId, String regionCode, Instant at) {
		List<RiskRules.Designation> designations = jdbc.sql("""
				select region_code, level, valid_from, valid_to, lifted_at from risk_area
				where school_id = :school and region_code in (:codes)""")
			.param("school", schoolId).param("codes", RegionCode.selfAndAncestors(regionCode))
			.query((rs, n) -> new RiskRules.Designation(rs.getString(1), RiskLevel.valueOf(rs.getString(2)),
					instant(rs, 3), instant(rs, 4), instant(rs, 5)))
			.list();
		return RiskRules.riskOf(regionCode, at, designations);
	}

	/** The risk of each of these regions at an instant; regions without risk are left out. */
	public Map<String, RiskLevel> riskOf(long schoolId, Collection<String> regionCodes, Instant at) {
		Timestamp t = Timestamp.from(at);
		List<RiskRules.Designation> valid = jdbc.sql("""
				select region_code, level, valid_from, valid_to, lifted_at from risk_area
				where school_id = ? and valid_from <= ? and (valid_to is null or valid_to > ?)
				  and (lifted_at is null or lifted_at > ?)""")
			.params(schoolId, t, t, t)
			.query((rs, n) -> new RiskRules.Designation(rs.getString(1), RiskLevel.valueOf(rs.getString(2)),
					instant(rs, 3), instant(rs, 4), instant(rs, 5)))
			.list();
		Map<String, RiskLevel> result = new HashMap<>();
		for (String code : regionCodes) {
			RiskRules.riskOf(code, at, valid).ifPresent(level -> result.put(code, level));
		}
		return result;
	}

	/** An instant, a local date-time or a date (its start), local times in the server's zone. */
	static Optional<Instant> parseInstant(String raw) {
		String value = raw.strip();
		ZoneId zone = ZoneId.systemDefault();
		try {
			return Optional.of(Instant.parse(value));
		} catch (DateTimeParseException e) {
			// not an instant
		}
		try {
			return Optional.of(OffsetDateTime.parse(value).toInstant());
		} catch (DateTimeParseException e) {
			// not with an offset
		}
		try {
			return Optional.of(LocalDateTime.parse(value.replace(' ', 'T')).atZone(zone).toInstant());
		} catch (DateTimeParseException e) {
			// not a local date-time
		}
		try {
			return Optional.of(LocalDate.parse(value.replace('/', '-')).atStartOfDay(zone).toInstant());
		} catch (DateTimeParseException e) {
			return Optional.empty();
		}
	}

	private static String trim(String value, int max) {
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

	private static RiskArea riskArea(ResultSet rs, Instant now) throws SQLException {
		Instant from = instant(rs, "valid_from");
		Instant to = instant(rs, "valid_to");
		Instant lifted = instant(rs, "lifted_at");
		return new RiskArea(rs.getLong("id"), rs.getString("region_code"), rs.getString("full_name"),
				RiskLevel.valueOf(rs.getString("level")), from, to, rs.getString("source"), rs.getString("notes"),
				instant(rs, "created_at"), lifted, rs.getString("lift_reason"), RiskArea.statusAt(now, from, to, lifted));
	}
}
