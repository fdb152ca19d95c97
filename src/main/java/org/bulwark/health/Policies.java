package org.bulwark.health;

import java.time.Duration;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.bulwark.directory.Population;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A school's check policies with their slots and targets. */
@Repository
class Policies {

	static final String DEFAULT_CODE = "default";

	/** The slots of the default policy a school starts with: 一日三检, morning, noon and evening. */
	static final List<Slot> DEFAULT_SLOTS = List.of(
			new Slot("morning", "晨检", "Morning check", LocalTime.of(6, 0), LocalTime.of(9, 30), LocalTime.of(9, 30), 0),
			new Slot("noon", "午检", "Noon check", LocalTime.of(11, 30), LocalTime.of(14, 0), LocalTime.of(14, 0), 0),
			new Slot("evening", "晚检", "Evening check", LocalTime.of(18, 0), LocalTime.of(21, 30), LocalTime.of(21, 30), 0));

	private final JdbcClient jdbc;
	private final Profiles profiles;
	private final Duration recheck;

	Policies(JdbcClient jdbc, Profiles profiles,
			@Value("${bulwark.health.policy-recheck:PT1S}") Duration recheck) {
		this.jdbc = jdbc;
		this.profiles = profiles;
		this.recheck = recheck;
	}

	private record Loaded(String stamp, List<CheckPolicy> policies, long checkedAt) {
	}

	/**
	 * A school's policies as last loaded, with the stamp they were loaded under: every check-in needs
	 * them. Within {@code recheck} of the last look they are used as they are (the morning rush asks
	 * thousands of times a second); after it, one query for the stamp tells whether they changed.
	 * Changes made on this node are seen at once, those made on another node within {@code recheck}.
	 */
	private final Map<Long, Loaded> loaded = new ConcurrentHashMap<>();

	/** Every policy of the school; the default one is created on first use. */
	@Transactional
	List<CheckPolicy> all(long schoolId) {
		long now = System.nanoTime();
		Loaded known = loaded.get(schoolId);
		if (known != null && now - known.checkedAt() < recheck.toNanos()) {
			return known.policies();
		}
		// the stamp is read before the policies, so policies loaded while another node changes them are
		// kept under the older stamp and reloaded by the next call
		String stamp = stamp(schoolId);
		if (known != null && known.stamp().equals(stamp)) {
			loaded.put(schoolId, new Loaded(stamp, known.policies(), now));
			return known.policies();
		}
		List<CheckPolicy> found = load(schoolId);
		if (found.stream().noneMatch(CheckPolicy::isDefault)) {
			try {
				createDefault(schoolId);
			}
			catch (DuplicateKeyException raced) {
				// another request created it at the same time (on the very first use of a school)
			}
			return load(schoolId);
		}
		loaded.put(schoolId, new Loaded(stamp, found, now));
		return found;
	}

	/** Forgets the loaded policies now and when the current transaction commits (a change made on this node). */
	private void forget() {
		loaded.clear();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					loaded.clear();
				}
			});
		}
	}

	/** Changes when a policy is added, removed or changed (its revision): count, highest id, sum of revisions. */
	private String stamp(long schoolId) {
		return jdbc.sql("select count(*), coalesce(max(id), 0), coalesce(sum(revision), 0) from check_policy where school_id = ?")
			.param(schoolId)
			.query((rs, i) -> rs.getLong(1) + ":" + rs.getLong(2) + ":" + rs.getLong(3))
			.single();
	}

	private void changed(long policyId) {
		forget();
		jdbc.sql("update check_policy set revision = revision + 1 where id = ?").param(policyId).update();
	}

	Optional<CheckPolicy> find(long schoolId, long id) {
		return all(schoolId).stream().filter(p -> p.id() == id).findFirst();
	}

	private void createDefault(long schoolId) {
		forget();
		jdbc.sql("insert into check_policy (school_id, code, name, profile_id, is_default) values (?, ?, ?, ?, true)")
			.params(schoolId, DEFAULT_CODE, "默认 / Default", profiles.defaultId())
			.update();
		long id = key(schoolId);
		int position = 0;
		for (Slot s : DEFAULT_SLOTS) {
			insertSlot(id, s, position++);
		}
	}

	void replaceSlots(long policyId, List<Slot> slots) {
		changed(policyId);
		jdbc.sql("delete from check_slot where policy_id = ?").param(policyId).update();
		int position = 0;
		for (Slot s : slots) {
			insertSlot(policyId, s, position++);
		}
	}

	void updateSettings(long policyId, String name, long profileId, Set<Population> populations, Set<Long> orgUnitIds) {
		changed(policyId);
		jdbc.sql("delete from check_policy_org_unit where policy_id = ?").param(policyId).update();
		for (long unit : orgUnitIds) {
			jdbc.sql("insert into check_policy_org_unit (policy_id, org_unit_id) values (?, ?)").params(policyId, unit).update();
		}
		jdbc.sql("update check_policy set name = ?, profile_id = ? where id = ?").params(name, profileId, policyId).update();
		jdbc.sql("delete from check_policy_population where policy_id = ?").param(policyId).update();
		for (Population p : populations) {
			jdbc.sql("insert into check_policy_population (policy_id, population) values (?, ?)").params(policyId, p.name())
				.update();
		}
	}

	long create(long schoolId, String code, String name, long profileId, List<Slot> slots) {
		forget();
		jdbc.sql("insert into check_policy (school_id, code, name, profile_id, is_default) values (?, ?, ?, ?, false)")
			.params(schoolId, code, name, profileId).update();
		long id = jdbc.sql("select id from check_policy where school_id = ? and code = ?").params(schoolId, code)
			.query(Long.class).single();
		replaceSlots(id, slots);
		return id;
	}

	private void insertSlot(long policyId, Slot s, int position) {
		jdbc.sql("""
				insert into check_slot (policy_id, code, name_zh, name_en, starts_at, ends_at, deadline, grace_minutes, position)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(policyId, s.code(), s.nameZh(), s.nameEn(), s.start(), s.end(), s.deadline(), s.graceMinutes(), position)
			.update();
	}

	private long key(long schoolId) {
		return jdbc.sql("select id from check_policy where school_id = ? and code = ?").params(schoolId, DEFAULT_CODE)
			.query(Long.class).single();
	}

	private List<CheckPolicy> load(long schoolId) {
		record Row(long id, String code, String name, long profileId, boolean isDefault) {
		}
		List<Row> rows = jdbc.sql("select id, code, name, profile_id, is_default from check_policy where school_id = ? order by id")
			.param(schoolId)
			.query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getBoolean(5)))
			.list();
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<Long, List<Slot>> slots = jdbc.sql("""
				select s.policy_id, s.code, s.name_zh, s.name_en, s.starts_at, s.ends_at, s.deadline, s.grace_minutes
				from check_slot s join check_policy p on p.id = s.policy_id where p.school_id = ? order by s.position, s.code""")
			.param(schoolId)
			.query((rs, i) -> Map.entry(rs.getLong(1), new Slot(rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, LocalTime.class), rs.getObject(6, LocalTime.class), rs.getObject(7, LocalTime.class),
					rs.getInt(8))))
			.list().stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		Map<Long, Set<Population>> populations = jdbc.sql("""
				select t.policy_id, t.population from check_policy_population t join check_policy p on p.id = t.policy_id
				where p.school_id = ?""")
			.param(schoolId)
			.query((rs, i) -> Map.entry(rs.getLong(1), Population.valueOf(rs.getString(2))))
			.list().stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
		Map<Long, Set<Long>> units = jdbc.sql("""
				select t.policy_id, t.org_unit_id from check_policy_org_unit t join check_policy p on p.id = t.policy_id
				where p.school_id = ?""")
			.param(schoolId)
			.query((rs, i) -> Map.entry(rs.getLong(1), rs.getLong(2)))
			.list().stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
		return rows.stream()
			.map(r -> new CheckPolicy(r.id(), r.code(), r.name(), r.profileId(), r.isDefault(),
					slots.getOrDefault(r.id(), List.of()), populations.getOrDefault(r.id(), new HashSet<>()),
					units.getOrDefault(r.id(), new HashSet<>())))
			.toList();
	}
}
