package org.bulwark.directory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bulwark.shared.Masks;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, editing, deactivating and reactivating people. Each change is checked by
 * {@link PersonRules}, limited to the editor's data scope, guarded against lost updates by the
 * row version, and written to the audit trail with a before/after summary — which is also the
 * person's change history.
 */
@Service
class PersonEditing {

	private final JdbcClient jdbc;
	private final People people;
	private final ScopeFilter scopes;
	private final AuditLog audit;
	private final Clock clock;

	PersonEditing(JdbcClient jdbc, People people, ScopeFilter scopes, AuditLog audit) {
		this.jdbc = jdbc;
		this.people = people;
		this.scopes = scopes;
		this.audit = audit;
		this.clock = Clock.systemDefaultZone();
	}

	/** The outcome of a change: the person's id, or what is wrong, field by field. */
	sealed interface Result permits Saved, Rejected, Conflict {
	}

	record Saved(long id) implements Result {
	}

	record Rejected(List<FieldProblem> problems) implements Result {
	}

	/** Someone else saved the person after the editor opened it. */
	record Conflict() implements Result {
	}

	@Transactional
	Result create(CurrentUser user, PersonForm form) {
		PersonRules.Outcome outcome = PersonRules.check(form, LocalDate.now(clock));
		if (outcome instanceof PersonRules.Invalid invalid) {
			return new Rejected(invalid.problems());
		}
		PersonData data = ((PersonRules.Valid) outcome).data();
		List<FieldProblem> problems = scopeProblems(user, data);
		duplicateOf(user.schoolId(), data, null).ifPresent(problems::add);
		if (!problems.isEmpty()) {
			return new Rejected(problems);
		}
		var key = new GeneratedKeyHolder();
		try {
			jdbc.sql("""
					insert into person (school_id, code, name, population, id_type, id_number, phone, gender, birth_date,
					                    nationality, language, org_unit_id, living_alone, bedridden, no_smartphone, abroad)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(user.schoolId(), data.code(), data.name(), data.population().name(), data.idType().name(),
						data.idNumber(), data.phone(), data.gender(), data.birthDate(), data.nationality(),
						data.language(), data.orgUnitId(), data.livingAlone(), data.bedridden(), data.noSmartphone(),
						data.abroad())
				.update(key, "id");
		} catch (DuplicateKeyException e) {
			return new Rejected(List.of(FieldProblem.of("idNumber", "duplicate", data.idNumber())));
		}
		long id = key.getKey().longValue();
		audit.record(AuditAction.CREATE, "person", id, "created " + data.name(), null, summary(data));
		return new Saved(id);
	}

	@Transactional
	Result update(CurrentUser user, long id, int version, PersonForm form) {
		if (people.find(user, id).isEmpty()) {
			return new Rejected(List.of(FieldProblem.of("id", "notFound")));
		}
		PersonRules.Outcome outcome = PersonRules.check(form, LocalDate.now(clock));
		if (outcome instanceof PersonRules.Invalid invalid) {
			return new Rejected(invalid.problems());
		}
		PersonData data = ((PersonRules.Valid) outcome).data();
		List<FieldProblem> problems = scopeProblems(user, data);
		duplicateOf(user.schoolId(), data, id).ifPresent(problems::add);
		if (!problems.isEmpty()) {
			return new Rejected(problems);
		}
		PersonData before = load(id);
		int updated;
		try {
			updated = jdbc.sql("""
					update person set code = ?, name = ?, population = ?, id_type = ?, id_number = ?, phone = ?, gender = ?,
					       birth_date = ?, nationality = ?, language = ?, org_unit_id = ?, living_alone = ?, bedridden = ?,
					       no_smartphone = ?, abroad = ?, updated_at = ?, version = version + 1
					where id = ? and version = ?""")
				.params(data.code(), data.name(), data.population().name(), data.idType().name(), data.idNumber(),
						data.phone(), data.gender(), data.birthDate(), data.nationality(), data.language(),
						data.orgUnitId(), data.livingAlone(), data.bedridden(), data.noSmartphone(), data.abroad(),
						OffsetDateTime.now(clock), id, version)
				.update();
		} catch (DuplicateKeyException e) {
			return new Rejected(List.of(FieldProblem.of("idNumber", "duplicate", data.idNumber())));
		}
		if (updated == 0) {
			return new Conflict();
		}
		audit.record(AuditAction.UPDATE, "person", id, "edited " + data.name(), summary(before), summary(data));
		return new Saved(id);
	}

	/** Deactivates (left the campus) or reactivates a person; the record and its history stay. */
	@Transactional
	Result setActive(CurrentUser user, long id, int version, boolean active, String reason) {
		Optional<PersonSummary> person = people.find(user, id);
		if (person.isEmpty()) {
			return new Rejected(List.of(FieldProblem.of("id", "notFound")));
		}
		if (!active && (reason == null || reason.isBlank())) {
			return new Rejected(List.of(FieldProblem.of("reason", "required")));
		}
		int updated = jdbc.sql("""
				update person set active = ?, updated_at = ?, version = version + 1 where id = ? and version = ?""")
			.params(active, OffsetDateTime.now(clock), id, version).update();
		if (updated == 0) {
			return new Conflict();
		}
		audit.record(AuditAction.UPDATE, "person", id,
				(active ? "reactivated " : "deactivated ") + person.get().name() + (reason == null || reason.isBlank() ? "" : ": " + reason.strip()),
				"active=" + !active, "active=" + active);
		return new Saved(id);
	}

	int version(long id) {
		return jdbc.sql("select version from person where id = ?").param(id).query(Integer.class).single();
	}

	/** The stored data of a person, for the edit form. */
	PersonData load(long id) {
		return jdbc.sql("""
				select code, name, population, id_type, id_number, phone, gender, birth_date, nationality, language,
				       org_unit_id, living_alone, bedridden, no_smartphone, abroad from person where id = ?""")
			.param(id)
			.query((rs, i) -> new PersonData(rs.getString(1), rs.getString(2), Population.valueOf(rs.getString(3)),
					IdType.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
					rs.getObject(8, LocalDate.class), rs.getString(9), rs.getString(10),
					(Long) rs.getObject(11, Long.class), rs.getBoolean(12), rs.getBoolean(13), rs.getBoolean(14),
					rs.getBoolean(15)))
			.single();
	}

	/** An editor may only place people in org units inside their scope. */
	private List<FieldProblem> scopeProblems(CurrentUser user, PersonData data) {
		List<FieldProblem> problems = new ArrayList<>();
		if (data.orgUnitId() == null) {
			if (!user.scope().all()) {
				problems.add(FieldProblem.of("orgUnit", "required"));
			}
			return problems;
		}
		List<Object> params = new ArrayList<>(List.of(data.orgUnitId(), user.schoolId()));
		String scope = scopes.orgUnitPredicate(scopes.roots(user), "o", params);
		boolean visible = jdbc.sql("select count(*) from org_unit o where o.id = ? and o.school_id = ? and " + scope)
			.params(params).query(Long.class).single() > 0;
		if (!visible) {
			problems.add(FieldProblem.of("orgUnit", "outOfScope"));
		}
		return problems;
	}

	private Optional<FieldProblem> duplicateOf(long schoolId, PersonData data, Long self) {
		if (data.idNumber() == null) {
			return Optional.empty();
		}
		return jdbc.sql("select name from person where school_id = ? and id_type = ? and id_number = ? and id <> ?")
			.params(schoolId, data.idType().name(), data.idNumber(), self == null ? -1L : self)
			.query(String.class).optional()
			.map(name -> FieldProblem.of("idNumber", "duplicate", name));
	}

	/** What the audit trail keeps of a person: identifiers masked, so the trail leaks nothing. */
	static String summary(PersonData d) {
		return "code=" + d.code() + ", name=" + d.name() + ", population=" + d.population() + ", idType=" + d.idType()
				+ ", idNumber=" + Masks.idNumber(d.idNumber()) + ", phone=" + Masks.phone(d.phone()) + ", gender="
				+ d.gender() + ", birthDate=" + d.birthDate() + ", nationality=" + d.nationality() + ", language="
				+ d.language() + ", orgUnit=" + d.orgUnitId() + ", flags=" + (d.livingAlone() ? "livingAlone " : "")
				+ (d.bedridden() ? "bedridden " : "") + (d.noSmartphone() ? "noSmartphone " : "")
				+ (d.abroad() ? "abroad" : "");
	}
}
