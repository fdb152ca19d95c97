package org.bulwark.health;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.bulwark.health.DiseaseProfile.AlertRule;
import org.bulwark.health.DiseaseProfile.Symptom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Disease profiles a school may use: its own and the built-in ones. */
@Repository
class Profiles {

	/** The built-in profile every school starts with (WS/T 772-2020). */
	static final String DEFAULT_CODE = "WST772";

	private final JdbcClient jdbc;

	Profiles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<DiseaseProfile> all(long schoolId) {
		return jdbc.sql("select id from disease_profile where school_id is null or school_id = ? order by school_id nulls first, code")
			.param(schoolId).query(Long.class).list().stream()
			.map(id -> find(schoolId, id).orElseThrow()).toList();
	}

	/** A profile and the school it belongs to (null: built in, for every school). */
	private record Loaded(Long schoolId, DiseaseProfile profile) {
	}

	/**
	 * Profiles by id, as loaded: they are reference data that no page edits yet, and every check-in
	 * needs one. Whoever adds editing must forget the edited profile here.
	 */
	private final Map<Long, Loaded> loaded = new ConcurrentHashMap<>();

	Optional<DiseaseProfile> find(long schoolId, long id) {
		Loaded known = loaded.computeIfAbsent(id, this::load);
		if (known == null) {
			return Optional.empty();
		}
		return known.schoolId() == null || known.schoolId() == schoolId ? Optional.of(known.profile()) : Optional.empty();
	}

	private Loaded load(long id) {
		return jdbc.sql("select id, code, name_zh, name_en, fever_threshold, school_id from disease_profile where id = ?")
			.param(id)
			.query((rs, i) -> new Loaded(rs.getObject(6) == null ? null : rs.getLong(6), new DiseaseProfile(rs.getLong(1),
					rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5), symptoms(id), rules(id))))
			.optional().orElse(null);
	}

	long defaultId() {
		return jdbc.sql("select id from disease_profile where school_id is null and code = ?").param(DEFAULT_CODE)
			.query(Long.class).single();
	}

	private List<Symptom> symptoms(long profileId) {
		return jdbc.sql("select code, name_zh, name_en, groups from disease_symptom where profile_id = ? order by position, code")
			.param(profileId)
			.query((rs, i) -> new Symptom(rs.getString(1), rs.getString(2), rs.getString(3), groups(rs.getString(4))))
			.list();
	}

	private List<AlertRule> rules(long profileId) {
		return jdbc.sql("select kind, group_code, min_count from disease_alert_rule where profile_id = ? order by position, id")
			.param(profileId)
			.query((rs, i) -> new AlertRule(AlertRule.Kind.valueOf(rs.getString(1)), rs.getString(2), rs.getInt(3)))
			.list();
	}

	private static Set<String> groups(String s) {
		return Arrays.stream(s.split(",")).map(String::strip).filter(g -> !g.isEmpty()).collect(Collectors.toSet());
	}
}
