package org.bulwark.directory;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.bulwark.shared.Masks;
import org.bulwark.shared.PhoneNumber;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fixes from the coverage page: a responsible person for many people at once (a responsibility
 * with target PERSON each), and a phone for one person. All or nothing, within the user's scope,
 * every change audited.
 */
@Service
class CoverageFixing {

	static final int MAX_BULK = 500;

	private final JdbcClient jdbc;
	private final People people;
	private final AuditLog audit;

	CoverageFixing(JdbcClient jdbc, People people, AuditLog audit) {
		this.jdbc = jdbc;
		this.people = people;
		this.audit = audit;
	}

	/** How many people got the responsibility (those who had it already are left as they were). */
	@Transactional
	PersonEditing.Result assignResponsible(CurrentUser user, List<Long> personIds, Long responsibleId, String role) {
		List<FieldProblem> problems = new ArrayList<>();
		LinkedHashSet<Long> ids = new LinkedHashSet<>(personIds == null ? List.of() : personIds);
		if (ids.isEmpty()) {
			problems.add(FieldProblem.of("people", "required"));
		} else if (ids.size() > MAX_BULK) {
			problems.add(FieldProblem.of("people", "tooManyPeople", MAX_BULK));
		}
		ResponsibilityRole parsedRole = null;
		try {
			parsedRole = role == null ? null : ResponsibilityRole.valueOf(role);
		} catch (IllegalArgumentException e) {
			// reported below
		}
		if (parsedRole == null) {
			problems.add(FieldProblem.of("role", "required"));
		}
		Optional<PersonSummary> responsible = responsibleId == null ? Optional.empty() : people.find(user, responsibleId)
			.filter(PersonSummary::active);
		if (responsible.isEmpty()) {
			problems.add(FieldProblem.of("responsible", "required"));
		}
		List<PersonSummary> targets = new ArrayList<>();
		for (Long id : ids) {
			people.find(user, id).filter(PersonSummary::active).ifPresentOrElse(targets::add,
					() -> problems.add(FieldProblem.of("people", "notFound")));
		}
		if (!problems.isEmpty()) {
			return new PersonEditing.Rejected(problems.stream().distinct().toList());
		}
		int added = 0;
		for (PersonSummary target : targets) {
			int n = jdbc.sql("""
					insert into responsibility (school_id, responsible_person_id, role, target_kind, target_id)
					values (?, ?, ?, 'PERSON', ?) on conflict do nothing""")
				.params(user.schoolId(), responsibleId, parsedRole.name(), target.id()).update();
			if (n > 0) {
				added++;
				audit.record(AuditAction.UPDATE, "person", target.id(), "responsible person " + responsible.get().name()
						+ " (" + parsedRole + ") assigned from the coverage page", null,
						"responsible=" + responsibleId + ", role=" + parsedRole);
			}
		}
		return new PersonEditing.Saved(added);
	}

	/** Sets the phone of one person, guarded by the version the user saw. */
	@Transactional
	PersonEditing.Result setPhone(CurrentUser user, long personId, int version, String phone) {
		Optional<PersonSummary> person = people.find(user, personId);
		if (person.isEmpty()) {
			return new PersonEditing.Rejected(List.of(FieldProblem.of("id", "notFound")));
		}
		if (phone == null || phone.isBlank()) {
			return new PersonEditing.Rejected(List.of(FieldProblem.of("phone", "required")));
		}
		Optional<String> parsed = PhoneNumber.parse(phone);
		if (parsed.isEmpty()) {
			return new PersonEditing.Rejected(List.of(FieldProblem.of("phone", "phone")));
		}
		int updated = jdbc.sql("update person set phone = ?, updated_at = ?, version = version + 1 where id = ? and version = ?")
			.params(parsed.get(), OffsetDateTime.now(), personId, version).update();
		if (updated == 0) {
			return new PersonEditing.Conflict();
		}
		audit.record(AuditAction.UPDATE, "person", personId, "phone of " + person.get().name() + " set from the coverage page",
				"phone=" + Masks.phone(person.get().phone()), "phone=" + Masks.phone(parsed.get()));
		return new PersonEditing.Saved(personId);
	}
}
