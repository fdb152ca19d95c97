package org.bulwark.control;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bulwark.control.ControlPolicy.Phase;
import org.bulwark.control.ControlPolicy.StartReference;
import org.bulwark.directory.FieldProblem;
import org.bulwark.health.HealthRecords;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * Control policies per disease profile and category, versioned: an edit saves a new version and the
 * old one stays for the cases that keep it. A school gets the standard policies of a profile the first
 * time it uses that profile ({@link ControlPolicy#standard}).
 */
@Service
class ControlPolicies {

	/** A stored version of a policy. */
	record Version(long id, long profileId, ControlPolicy policy, boolean current, OffsetDateTime createdAt, String createdBy) {

		ControlCategory category() {
			return policy.category();
		}

		int version() {
			return policy.version();
		}

		public String phasesText() {
			return ControlPolicy.formatPhases(policy.phases());
		}

		public String testDaysText() {
			return ControlPolicy.formatDays(policy.testDays());
		}
	}

	/** A policy as the office types it; phases in order, blank rows already left out. */
	record Form(StartReference startFrom, List<Phase> phases, String testDays, Integer daysAddedPerMissedFollowUp, Integer checksPerDay,
			String releaseCriteria) {
	}

	private static final String COLUMNS = "id, profile_id, category, version, start_from, phases, test_days, days_added_per_missed,"
			+ " checks_per_day, release_criteria, current_category, created_at, created_by";

	private final JdbcClient jdbc;
	private final HealthRecords health;
	private final AuditLog audit;
	private final TransactionTemplate standalone;

	ControlPolicies(JdbcClient jdbc, HealthRecords health, AuditLog audit, PlatformTransactionManager transactions) {
		this.standalone = new TransactionTemplate(transactions);
		this.standalone.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.jdbc = jdbc;
		this.health = health;
		this.audit = audit;
	}

	long defaultProfile(long schoolId) {
		return health.defaultProfileId(schoolId);
	}

	List<HealthRecords.ProfileRef> profiles(long schoolId) {
		return health.profiles(schoolId);
	}

	/**
	 * Writes the standard policies of the profile for the categories the school has none of yet. Each
	 * policy is written in a transaction of its own, so that two first uses at once leave one set (the
	 * unique key refuses the second writer's, which then reads the first's) and a read-only caller can use it.
	 */
	void ensureStandard(long schoolId, long profileId) {
		List<String> have = jdbc.sql("select category from control_policy where school_id = ? and profile_id = ? and current_category is not null")
			.params(schoolId, profileId).query(String.class).list();
		if (have.size() == ControlCategory.values().length) {
			return;
		}
		for (ControlCategory category : ControlCategory.values()) {
			if (have.contains(category.name())) {
				continue;
			}
			ControlPolicy p = ControlPolicy.standard(category);
			try {
				standalone.executeWithoutResult(status -> insert(schoolId, profileId, p, "system"));
			} catch (DuplicateKeyException e) {
				// another first use wrote it meanwhile
			}
		}
	}

	/** The current version of every category of the profile, in the order of the categories. */
	@Transactional(readOnly = true)
	List<Version> current(long schoolId, long profileId) {
		ensureStandard(schoolId, profileId);
		List<Version> all = jdbc.sql("select " + COLUMNS + " from control_policy where school_id = ? and profile_id = ? and current_category is not null")
			.params(schoolId, profileId).query(ControlPolicies::version).list();
		return all.stream().sorted((a, b) -> a.category().compareTo(b.category())).toList();
	}

	@Transactional(readOnly = true)
	Version current(long schoolId, long profileId, ControlCategory category) {
		ensureStandard(schoolId, profileId);
		return jdbc.sql("select " + COLUMNS + " from control_policy where school_id = ? and profile_id = ? and current_category = ?")
			.params(schoolId, profileId, category.name()).query(ControlPolicies::version).single();
	}

	@Transactional(readOnly = true)
	Optional<Version> find(long schoolId, long id) {
		return jdbc.sql("select " + COLUMNS + " from control_policy where school_id = ? and id = ?").params(schoolId, id)
			.query(ControlPolicies::version).optional();
	}

	/** Every version of a category, newest first. */
	@Transactional(readOnly = true)
	List<Version> history(long schoolId, long profileId, ControlCategory category) {
		return jdbc.sql("select " + COLUMNS + " from control_policy where school_id = ? and profile_id = ? and category = ? order by version desc")
			.params(schoolId, profileId, category.name()).query(ControlPolicies::version).list();
	}

	/** The number of open cases on each version of a category. */
	@Transactional(readOnly = true)
	java.util.Map<Long, Long> openCasesByVersion(long schoolId, long profileId, ControlCategory category) {
		java.util.Map<Long, Long> counts = new java.util.HashMap<>();
		jdbc.sql("""
				select c.policy_id, count(*) from control_case c join control_policy p on p.id = c.policy_id
				where c.school_id = ? and c.status = 'OPEN' and p.profile_id = ? and p.category = ? group by c.policy_id""")
			.params(schoolId, profileId, category.name()).query((rs, i) -> counts.put(rs.getLong(1), rs.getLong(2))).list();
		return counts;
	}

	/**
	 * Saves the form as the next version of the category, when {@code expectedVersion} is still the
	 * current one (otherwise a conflict: someone saved a version first).
	 */
	@Transactional
	CaseResult edit(CurrentUser user, long profileId, ControlCategory category, int expectedVersion, Form form) {
		if (health.profiles(user.schoolId()).stream().noneMatch(p -> p.id() == profileId)) {
			return CaseResult.refused("policy", "notFound");
		}
		List<FieldProblem> problems = new ArrayList<>();
		ControlPolicy next = validate(category, expectedVersion + 1, form, problems);
		if (!problems.isEmpty()) {
			return CaseResult.refused(problems);
		}
		Version now = current(user.schoolId(), profileId, category);
		if (now.version() != expectedVersion) {
			return CaseResult.conflicted();
		}
		int retired = jdbc.sql("update control_policy set current_category = null where id = ? and current_category is not null")
			.param(now.id()).update();
		if (retired == 0) {
			return CaseResult.conflicted();
		}
		long id;
		try {
			id = insert(user.schoolId(), profileId, next, user.getUsername());
		} catch (DuplicateKeyException e) {
			throw new ConcurrentEdit();
		}
		audit.record(AuditAction.UPDATE, "control_policy", id, "policy " + category + " version " + next.version() + ": "
				+ ControlPolicy.formatPhases(next.phases()) + ", tests on days " + ControlPolicy.formatDays(next.testDays()),
				ControlPolicy.formatPhases(now.policy().phases()), ControlPolicy.formatPhases(next.phases()));
		return CaseResult.ok(id);
	}

	/** Two saves of the same version at once: the second one's transaction is rolled back and answered as a conflict. */
	static class ConcurrentEdit extends RuntimeException {

		ConcurrentEdit() {
			super("the policy was saved by someone else meanwhile");
		}
	}

	private static ControlPolicy validate(ControlCategory category, int version, Form form, List<FieldProblem> problems) {
		if (form.startFrom() == null) {
			problems.add(FieldProblem.of("startFrom", "required"));
		}
		if (form.phases() == null || form.phases().isEmpty()) {
			problems.add(FieldProblem.of("phases", "required"));
		} else {
			for (int i = 0; i < form.phases().size(); i++) {
				Phase p = form.phases().get(i);
				if (p.days() > 365) {
					problems.add(FieldProblem.of("phases", "control.phaseDays", i + 1));
				}
			}
		}
		Set<Integer> days = Set.of();
		try {
			days = ControlPolicy.parseDays(form.testDays());
		} catch (IllegalArgumentException e) {
			problems.add(FieldProblem.of("testDays", "control.testDays"));
		}
		int perMissed = form.daysAddedPerMissedFollowUp() == null ? 0 : form.daysAddedPerMissedFollowUp();
		int checks = form.checksPerDay() == null ? 0 : form.checksPerDay();
		if (perMissed < 0 || perMissed > 30) {
			problems.add(FieldProblem.of("daysAddedPerMissedFollowUp", "control.range", 0, 30));
		}
		if (checks < 0 || checks > 12) {
			problems.add(FieldProblem.of("checksPerDay", "control.range", 0, 12));
		}
		String criteria = form.releaseCriteria() == null || form.releaseCriteria().isBlank() ? null : form.releaseCriteria().strip();
		if (criteria != null && criteria.length() > 1000) {
			problems.add(FieldProblem.of("releaseCriteria", "tooLong", 1000));
		}
		if (!problems.isEmpty()) {
			return null;
		}
		return new ControlPolicy(category, version, form.startFrom(), form.phases(), days, perMissed, checks, criteria);
	}

	/** A phase row of the form, or null for a blank row; {@link IllegalArgumentException} for days below one. */
	static Phase phase(Measure measure, Integer days) {
		if (measure == null && days == null) {
			return null;
		}
		if (measure == null || days == null || days < 1) {
			throw new IllegalArgumentException("incomplete phase");
		}
		return new Phase(measure, days);
	}

	private long insert(long schoolId, long profileId, ControlPolicy p, String actor) {
		org.springframework.jdbc.support.KeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
		jdbc.sql("""
				insert into control_policy (school_id, profile_id, category, version, start_from, phases, test_days, days_added_per_missed,
				  checks_per_day, release_criteria, current_category, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(schoolId, profileId, p.category().name(), p.version(), p.startFrom().name(), ControlPolicy.formatPhases(p.phases()),
					ControlPolicy.formatDays(p.testDays()), p.daysAddedPerMissedFollowUp(), p.checksPerDay(), p.releaseCriteria(),
					p.category().name(), actor)
			.update(key, "id");
		return key.getKey().longValue();
	}

	static Version version(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		ControlPolicy policy = new ControlPolicy(ControlCategory.valueOf(rs.getString("category")), rs.getInt("version"),
				StartReference.valueOf(rs.getString("start_from")), ControlPolicy.parsePhases(rs.getString("phases")),
				ControlPolicy.parseDays(rs.getString("test_days")), rs.getInt("days_added_per_missed"), rs.getInt("checks_per_day"),
				rs.getString("release_criteria"));
		return new Version(rs.getLong("id"), rs.getLong("profile_id"), policy, rs.getString("current_category") != null,
				rs.getObject("created_at", OffsetDateTime.class), rs.getString("created_by"));
	}

	static List<String> measures() {
		return Arrays.stream(Measure.values()).map(Enum::name).toList();
	}
}
