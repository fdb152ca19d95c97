package org.bulwark.control;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bulwark.directory.FieldProblem;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each zone serves and when. A zone without its own setting for a service follows the built-in
 * default ({@link ServiceKind}); saving writes the zone's settings at once under a stamp (its own rows and
 * their versions counted together, so adding a row changes it too): two managers editing the same zone
 * cannot overwrite each other unseen.
 */
@Service
class ServiceSettings {

	private final JdbcClient jdbc;
	private final IsolationZones zones;
	private final AuditLog audit;

	ServiceSettings(JdbcClient jdbc, IsolationZones zones, AuditLog audit) {
		this.jdbc = jdbc;
		this.zones = zones;
		this.audit = audit;
	}

	/** A zone's settings as the page and the API show them: every service, whether its own or the default. */
	record ZoneSettings(long zoneId, String zoneName, List<Line> lines, int stamp) {
	}

	record Line(ServiceKind service, boolean enabled, String times, int graceMinutes, boolean own) {
	}

	/** One service as typed in the form or sent to the API. */
	record Input(ServiceKind service, boolean enabled, String times, Integer graceMinutes) {
	}

	@Transactional(readOnly = true)
	java.util.Optional<ZoneSettings> of(CurrentUser user, long zoneId) {
		return zones.find(user, zoneId).map(z -> {
			Map<ServiceKind, Own> own = own(z.id());
			List<Line> lines = ServicePlan.effective(settings(own)).stream()
				.map(s -> new Line(s.service(), s.enabled(), s.timesText(), s.graceMinutes(), own.containsKey(s.service()))).toList();
			return new ZoneSettings(z.id(), z.name(), lines, own.values().stream().mapToInt(o -> o.version() + 1).sum());
		});
	}

	/** Every zone's effective settings of a school, for the generation (no data scope: the job serves every room). */
	@Transactional(readOnly = true)
	Map<Long, List<ServicePlan.Setting>> forSchool(long schoolId) {
		Map<Long, Map<ServiceKind, ServicePlan.Setting>> byZone = new HashMap<>();
		jdbc.sql("select zone_id, service, enabled, times, grace_minutes from isolation_service_setting where school_id = ?")
			.param(schoolId)
			.query((rs, i) -> {
				ServiceKind k = ServiceKind.valueOf(rs.getString(2));
				byZone.computeIfAbsent(rs.getLong(1), z -> new EnumMap<>(ServiceKind.class))
					.put(k, new ServicePlan.Setting(k, rs.getBoolean(3), times(rs.getString(4)), rs.getInt(5)));
				return null;
			}).list();
		Map<Long, List<ServicePlan.Setting>> effective = new HashMap<>();
		byZone.forEach((zone, own) -> effective.put(zone, ServicePlan.effective(own)));
		return effective;
	}

	static List<ServicePlan.Setting> defaults() {
		return ServicePlan.effective(Map.of());
	}

	/**
	 * Saves the settings of a zone (or, with {@code allZones}, of every zone the user sees): all or
	 * nothing. Refused with {@code version/stale} when the zone's settings changed since {@code stamp}.
	 * Returns the ids of the zones saved in the outcome's count.
	 */
	@Transactional
	Outcome save(CurrentUser user, long zoneId, List<Input> inputs, Integer stamp, boolean allZones) {
		var zone = zones.find(user, zoneId);
		if (zone.isEmpty()) {
			return Outcome.refused("zone", "notFound");
		}
		List<FieldProblem> problems = new ArrayList<>();
		Map<ServiceKind, ServicePlan.Setting> parsed = new EnumMap<>(ServiceKind.class);
		for (Input in : inputs) {
			if (in.service() == null) {
				problems.add(FieldProblem.of("service", "required"));
				continue;
			}
			ServicePlan.Parsed p = ServicePlan.parse(in.service(), in.enabled(), in.times(), in.graceMinutes());
			problems.addAll(p.problems());
			if (p.setting() != null) {
				parsed.put(in.service(), p.setting());
			}
		}
		if (parsed.isEmpty() && problems.isEmpty()) {
			problems.add(FieldProblem.of("service", "required"));
		}
		if (!problems.isEmpty()) {
			return Outcome.refused(problems);
		}
		List<Long> targets = allZones
				? zones.all(user, new IsolationZones.Filter(null, null, null)).stream().map(IsolationZones.Zone::id).toList()
				: List.of(zoneId);
		// the zones' rows serialise concurrent saves of the same zone
		jdbc.sql("select id from isolation_zone where id in (" + String.join(",", targets.stream().map(String::valueOf).toList())
				+ ") order by id for update").query(Long.class).list();
		int current = own(zoneId).values().stream().mapToInt(o -> o.version() + 1).sum();
		if (stamp != null && stamp != current) {
			return Outcome.refused("version", "conflict");
		}
		Instant now = Instant.now();
		for (long target : targets) {
			Map<ServiceKind, Own> before = own(target);
			for (ServicePlan.Setting s : parsed.values()) {
				Own old = before.get(s.service());
				if (old == null) {
					jdbc.sql("""
							insert into isolation_service_setting (school_id, zone_id, service, enabled, times, grace_minutes, updated_at, updated_by)
							values (?, ?, ?, ?, ?, ?, ?, ?)""")
						.params(user.schoolId(), target, s.service().name(), s.enabled(), s.timesText(), s.graceMinutes(), Timestamp.from(now),
								user.getUsername())
						.update();
				} else if (old.enabled() != s.enabled() || !old.times().equals(s.timesText()) || old.grace() != s.graceMinutes()) {
					jdbc.sql("""
							update isolation_service_setting set enabled = ?, times = ?, grace_minutes = ?, version = version + 1,
							  updated_at = ?, updated_by = ? where id = ?""")
						.params(s.enabled(), s.timesText(), s.graceMinutes(), Timestamp.from(now), user.getUsername(), old.id()).update();
				} else {
					continue;
				}
				audit.record(AuditAction.UPDATE, "isolation_zone", target, "service setting " + s.service(),
						old == null ? "default" : "enabled=" + old.enabled() + ", times=" + old.times() + ", grace=" + old.grace(),
						"enabled=" + s.enabled() + ", times=" + s.timesText() + ", grace=" + s.graceMinutes());
			}
		}
		return Outcome.ok(zoneId, targets.size());
	}

	private record Own(long id, boolean enabled, String times, int grace, int version) {
	}

	private Map<ServiceKind, Own> own(long zoneId) {
		Map<ServiceKind, Own> own = new EnumMap<>(ServiceKind.class);
		jdbc.sql("select id, service, enabled, times, grace_minutes, version from isolation_service_setting where zone_id = ?").param(zoneId)
			.query((rs, i) -> own.put(ServiceKind.valueOf(rs.getString(2)),
					new Own(rs.getLong(1), rs.getBoolean(3), rs.getString(4), rs.getInt(5), rs.getInt(6))))
			.list();
		return own;
	}

	private static Map<ServiceKind, ServicePlan.Setting> settings(Map<ServiceKind, Own> own) {
		Map<ServiceKind, ServicePlan.Setting> settings = new EnumMap<>(ServiceKind.class);
		own.forEach((k, o) -> settings.put(k, new ServicePlan.Setting(k, o.enabled(), times(o.times()), o.grace())));
		return settings;
	}

	private static List<LocalTime> times(String text) {
		return java.util.Arrays.stream(text.split(",")).filter(s -> !s.isBlank()).map(s -> LocalTime.parse(s.strip(), ServicePlan.HH_MM))
			.toList();
	}
}
