package org.bulwark.health;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may read of health: the disease profiles a school uses and how many check-ins
 * people made each day (the control module counts a person's follow-ups with it). Read only.
 */
@Service
public class HealthRecords {

	/** A disease profile as other modules name it. */
	public record ProfileRef(long id, String code, String nameZh, String nameEn) {

		public String name(java.util.Locale locale) {
			return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
		}
	}

	private final JdbcClient jdbc;
	private final Profiles profiles;

	HealthRecords(JdbcClient jdbc, Profiles profiles) {
		this.jdbc = jdbc;
		this.profiles = profiles;
	}

	/** The profiles the school may use: the built-in ones and its own. */
	@Transactional(readOnly = true)
	public List<ProfileRef> profiles(long schoolId) {
		return profiles.all(schoolId).stream().map(p -> new ProfileRef(p.id(), p.code(), p.nameZh(), p.nameEn())).toList();
	}

	/** The profile of the school's default check policy, or the built-in default when it has none yet. */
	@Transactional(readOnly = true)
	public long defaultProfileId(long schoolId) {
		return jdbc.sql("select profile_id from check_policy where school_id = ? and is_default = true order by id")
			.param(schoolId).query(Long.class).list().stream().findFirst().orElseGet(profiles::defaultId);
	}

	/** Check-ins per person and day (any slot) from {@code from} to {@code to}, both inclusive; days without any are absent. */
	@Transactional(readOnly = true)
	public Map<Long, Map<LocalDate, Integer>> checkInsPerDay(long schoolId, Collection<Long> personIds, LocalDate from, LocalDate to) {
		Map<Long, Map<LocalDate, Integer>> counts = new HashMap<>();
		List<Long> ids = new ArrayList<>(personIds);
		for (int i = 0; i < ids.size(); i += 1000) {
			List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + 1000));
			List<Object> params = new ArrayList<>();
			params.add(schoolId);
			params.add(from);
			params.add(to);
			params.addAll(chunk);
			jdbc.sql("select person_id, check_date, count(*) from check_in where school_id = ? and check_date between ? and ?"
					+ " and person_id in (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ") group by person_id, check_date")
				.params(params)
				.query((rs, n) -> counts.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
					.put(rs.getObject(2, LocalDate.class), rs.getInt(3)))
				.list();
		}
		return counts;
	}
}
