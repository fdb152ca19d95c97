package org.bulwark.health;

import java.io.Serializable;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.Population;
import org.bulwark.directory.Registry;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/** The prevention office changes check policies: their slots, disease profile and populations. Audited. */
@Service
class PolicyEditing {

	static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
	static final int MAX_GRACE = 720;

	private final Policies policies;
	private final Profiles profiles;
	private final AuditLog audit;
	private final Registry registry;

	PolicyEditing(Policies policies, Profiles profiles, AuditLog audit, Registry registry) {
		this.policies = policies;
		this.profiles = profiles;
		this.audit = audit;
		this.registry = registry;
	}

	/** One row of the slot form as typed; a row with an empty code is dropped (that is how a slot is removed). */
	record SlotRow(String code, String nameZh, String nameEn, String start, String end, String deadline, String grace)
			implements Serializable {
	}

	/** Problems are by field, e.g. {@code slots[1].end}; none means saved. */
	record Result(long id, List<FieldProblem> problems) {

		boolean ok() {
			return problems.isEmpty();
		}
	}

	/** Parses and checks a slot form: codes, names, times in order, grace within bounds, at least one slot. */
	static List<FieldProblem> parse(List<SlotRow> rows, List<Slot> into) {
		List<FieldProblem> problems = new ArrayList<>();
		Set<String> codes = new HashSet<>();
		for (int i = 0; i < rows.size(); i++) {
			SlotRow r = rows.get(i);
			String prefix = "slots[" + i + "].";
			String code = r.code() == null ? "" : r.code().strip();
			if (code.isEmpty()) {
				continue;
			}
			int before = problems.size();
			if (!CODE.matcher(code).matches()) {
				problems.add(FieldProblem.of(prefix + "code", "health.slot.code"));
			}
			else if (!codes.add(code)) {
				problems.add(FieldProblem.of(prefix + "code", "health.slot.duplicate", code));
			}
			String nameZh = blank(r.nameZh()) ? null : r.nameZh().strip();
			String nameEn = blank(r.nameEn()) ? null : r.nameEn().strip();
			if (nameZh == null || nameEn == null || nameZh.length() > 100 || nameEn.length() > 100) {
				problems.add(FieldProblem.of(prefix + "name", "health.slot.name"));
			}
			LocalTime start = time(r.start(), prefix + "start", problems);
			LocalTime end = time(r.end(), prefix + "end", problems);
			LocalTime deadline = time(r.deadline(), prefix + "deadline", problems);
			Integer grace = null;
			try {
				grace = blank(r.grace()) ? 0 : Integer.valueOf(r.grace().strip());
				if (grace < 0 || grace > MAX_GRACE) {
					problems.add(FieldProblem.of(prefix + "grace", "health.slot.grace", String.valueOf(MAX_GRACE)));
				}
			}
			catch (NumberFormatException e) {
				problems.add(FieldProblem.of(prefix + "grace", "health.slot.grace", String.valueOf(MAX_GRACE)));
			}
			if (start != null && end != null && !start.isBefore(end)) {
				problems.add(FieldProblem.of(prefix + "end", "health.slot.endBeforeStart"));
			}
			if (start != null && deadline != null && deadline.isBefore(start)) {
				problems.add(FieldProblem.of(prefix + "deadline", "health.slot.deadlineBeforeStart"));
			}
			if (problems.size() == before) {
				into.add(new Slot(code, nameZh, nameEn, start, end, deadline, grace));
			}
		}
		if (problems.isEmpty() && into.isEmpty()) {
			problems.add(FieldProblem.of("slots", "health.slot.none"));
		}
		return problems;
	}

	@Transactional
	Result saveSlots(CurrentUser user, long policyId, List<SlotRow> rows) {
		CheckPolicy policy = policies.find(user.schoolId(), policyId).orElseThrow(NotFound::new);
		List<Slot> slots = new ArrayList<>();
		List<FieldProblem> problems = parse(rows, slots);
		if (!problems.isEmpty()) {
			return new Result(policyId, problems);
		}
		policies.replaceSlots(policyId, slots);
		audit.record(AuditAction.UPDATE, "check_policy", policyId, "slots of check policy " + policy.code(),
				describe(policy.slots()), describe(slots));
		return new Result(policyId, List.of());
	}

	@Transactional
	Result saveSettings(CurrentUser user, long policyId, String name, long profileId, Set<Population> populations,
			String orgUnitCodes) {
		CheckPolicy policy = policies.find(user.schoolId(), policyId).orElseThrow(NotFound::new);
		List<FieldProblem> problems = new ArrayList<>();
		if (blank(name) || name.strip().length() > 100) {
			problems.add(FieldProblem.of("name", "health.policy.name"));
		}
		if (profiles.find(user.schoolId(), profileId).isEmpty()) {
			problems.add(FieldProblem.of("profileId", "health.policy.profile"));
		}
		Set<String> codes = orgUnitCodes == null ? Set.of() : Arrays.stream(orgUnitCodes.split("[\\s,，、;；]+"))
			.map(String::strip).filter(c -> !c.isEmpty()).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
		List<Registry.OrgUnitRef> units = registry.orgUnitsByCode(user, codes);
		Set<String> unknown = new java.util.LinkedHashSet<>(codes);
		units.forEach(u -> unknown.remove(u.code()));
		if (!unknown.isEmpty()) {
			problems.add(FieldProblem.of("orgUnits", "health.policy.orgUnitUnknown", String.join(", ", unknown)));
		}
		if (policy.isDefault() && !(populations.isEmpty() && codes.isEmpty())) {
			problems.add(FieldProblem.of("populations", "health.policy.defaultForEveryone"));
		}
		if (!problems.isEmpty()) {
			return new Result(policyId, problems);
		}
		Set<Long> unitIds = units.stream().map(Registry.OrgUnitRef::id).collect(Collectors.toSet());
		policies.updateSettings(policyId, name.strip(), profileId, populations, unitIds);
		audit.record(AuditAction.UPDATE, "check_policy", policyId, "check policy " + policy.code(),
				policy.name() + " · profile " + policy.profileId() + " · " + sorted(policy.populations()) + " · org units "
						+ policy.orgUnitIds().stream().sorted().toList(),
				name.strip() + " · profile " + profileId + " · " + sorted(populations) + " · org units "
						+ unitIds.stream().sorted().toList());
		return new Result(policyId, List.of());
	}

	/** A new policy starts with the default slots and applies to nobody until populations are chosen. */
	@Transactional
	Result create(CurrentUser user, String code, String name) {
		List<FieldProblem> problems = new ArrayList<>();
		String c = code == null ? "" : code.strip();
		if (!CODE.matcher(c).matches()) {
			problems.add(FieldProblem.of("code", "health.slot.code"));
		}
		if (blank(name) || name.strip().length() > 100) {
			problems.add(FieldProblem.of("name", "health.policy.name"));
		}
		if (problems.isEmpty() && policies.all(user.schoolId()).stream().anyMatch(p -> p.code().equals(c))) {
			problems.add(FieldProblem.of("code", "health.policy.codeTaken", c));
		}
		if (!problems.isEmpty()) {
			return new Result(0, problems);
		}
		long id;
		try {
			id = policies.create(user.schoolId(), c, name.strip(), profiles.defaultId(), Policies.DEFAULT_SLOTS);
		}
		catch (DuplicateKeyException e) {
			return new Result(0, List.of(FieldProblem.of("code", "health.policy.codeTaken", c)));
		}
		audit.record(AuditAction.CREATE, "check_policy", id, "check policy " + c, null, name.strip());
		return new Result(id, List.of());
	}

	/** Another school's policy or none: the same 404. */
	static class NotFound extends ResponseStatusException {

		NotFound() {
			super(HttpStatus.NOT_FOUND);
		}
	}

	private static String describe(List<Slot> slots) {
		return slots.stream()
			.map(s -> s.code() + " " + s.start() + "-" + s.end() + " deadline " + s.deadline() + "+" + s.graceMinutes())
			.collect(Collectors.joining("; "));
	}

	private static String sorted(Set<Population> populations) {
		return populations.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
	}

	private static LocalTime time(String s, String field, List<FieldProblem> problems) {
		try {
			if (!blank(s)) {
				return LocalTime.parse(s.strip());
			}
		}
		catch (DateTimeParseException e) {
			// reported below
		}
		problems.add(FieldProblem.of(field, "health.slot.time"));
		return null;
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}
