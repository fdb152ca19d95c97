package org.bulwark.health;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The days on which people checked in, for other modules that ask whether a policy's days were kept
 * (the return filing's pre-return check-ins). Read-only, one indexed query per thousand people.
 */
@Service
public class CheckInHistory {

	private final JdbcClient jdbc;

	CheckInHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** For each person, the days between from and to (both included) with at least one check-in; people without any are left out. */
	@Transactional(readOnly = true)
	public Map<Long, Set<LocalDate>> daysReported(long schoolId, Collection<Long> personIds, LocalDate from, LocalDate to) {
		Map<Long, Set<LocalDate>> result = new HashMap<>();
		if (personIds.isEmpty() || to.isBefore(from)) {
			return result;
		}
		List<Long> ids = new ArrayList<>(new LinkedHashSet<>(personIds));
		for (int start = 0; start < ids.size(); start += 1000) {
			List<Long> chunk = ids.subList(start, Math.min(ids.size(), start + 1000));
			jdbc.sql("""
					select distinct person_id, check_date from check_in
					where school_id = :school and person_id in (:ids) and check_date between :from and :to""")
				.param("school", schoolId).param("ids", chunk).param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
				.query(rs -> {
					result.computeIfAbsent(rs.getLong(1), k -> new TreeSet<>()).add(rs.getDate(2).toLocalDate());
				});
		}
		return result;
	}
}
