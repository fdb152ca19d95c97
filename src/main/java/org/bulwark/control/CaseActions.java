package org.bulwark.control;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bulwark.control.ControlCases.Action;
import org.bulwark.control.ControlCases.Case;
import org.bulwark.control.ControlCases.Status;
import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PersonTimeline;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The explicit actions on a control case, each with a reason, an entry in the case's timeline and the
 * audit trail, and the version the user saw (a conflict when someone acted first): extend, shorten,
 * change the measure or the category (a new plan), transfer to hospital, release, cancel. Closing a
 * case checks the person out of their isolation room, which then awaits terminal disinfection. Also
 * the bulk re-application of a new policy version to the open cases of an older one.
 */
@Service
class CaseActions {

	enum Kind { EXTEND, SHORTEN, CHANGE_MEASURE, CHANGE_CATEGORY, TRANSFER, RELEASE, CANCEL }

	/** An action as the user asks for it; {@code days}, {@code measure} and {@code category} only where the kind needs them. */
	record Request(Kind kind, Integer version, String reason, Integer days, Measure measure, ControlCategory category) {
	}

	private final JdbcClient jdbc;
	private final ControlCases cases;
	private final ControlPolicies policies;
	private final Allocations allocations;
	private final AuditLog audit;
	private final PersonTimeline timeline;

	CaseActions(JdbcClient jdbc, ControlCases cases, ControlPolicies policies, Allocations allocations, AuditLog audit,
			PersonTimeline timeline) {
		this.jdbc = jdbc;
		this.cases = cases;
		this.policies = policies;
		this.allocations = allocations;
		this.audit = audit;
		this.timeline = timeline;
	}

	@Transactional
	CaseResult act(CurrentUser user, long caseId, Request r) {
		Optional<Case> found = cases.find(user, caseId);
		if (found.isEmpty()) {
			return CaseResult.refused("case", "notFound");
		}
		List<FieldProblem> problems = new ArrayList<>();
		if (r.kind() == null) {
			problems.add(FieldProblem.of("kind", "required"));
		}
		if (r.version() == null) {
			problems.add(FieldProblem.of("version", "required"));
		}
		String reason = r.reason() == null ? "" : r.reason().strip();
		if (reason.isEmpty()) {
			problems.add(FieldProblem.of("reason", "required"));
		} else if (reason.length() > 500) {
			problems.add(FieldProblem.of("reason", "tooLong", 500));
		}
		if (!problems.isEmpty()) {
			return CaseResult.refused(problems);
		}
		// one action on a case at a time: the row lock makes the version check and the write one step
		jdbc.sql("select id from control_case where id = ? for update").param(caseId).query(Long.class).single();
		Case c = cases.find(user, caseId).orElseThrow();
		if (c.version() != r.version()) {
			return CaseResult.conflicted();
		}
		if (!c.open()) {
			return CaseResult.refused("case", "control.closed");
		}
		CasePlan plan = cases.plan(user.schoolId(), c);
		Instant now = Instant.now();
		LocalDate before = c.releaseOn();
		return switch (r.kind()) {
			case EXTEND -> {
				if (r.days() == null || r.days() < 1 || r.days() > 90) {
					yield CaseResult.refused("days", "control.range", 1, 90);
				}
				yield replan(user, c, plan.extend(r.days()), c.daysChanged() + r.days(), c.category(), c.policyId(), c.measureOverrides(),
						Action.EXTENDED, reason, "+" + r.days() + " days", now);
			}
			case SHORTEN -> {
				if (r.days() == null || r.days() < 1) {
					yield CaseResult.refused("days", "control.range", 1, 90);
				}
				Optional<CasePlan> shorter = plan.shorten(r.days());
				if (shorter.isEmpty()) {
					yield CaseResult.refused("days", "control.shortenTooFar");
				}
				yield replan(user, c, shorter.get(), c.daysChanged() - r.days(), c.category(), c.policyId(), c.measureOverrides(),
						Action.SHORTENED, reason, "-" + r.days() + " days", now);
			}
			case CHANGE_MEASURE -> {
				if (r.measure() == null) {
					yield CaseResult.refused("measure", "required");
				}
				int position = plan.positionOn(cases.today());
				Map<Integer, Measure> overrides = new LinkedHashMap<>(ControlPolicy.parseOverrides(c.measureOverrides()));
				Measure was = plan.phases().get(position).measure();
				if (was == r.measure()) {
					yield CaseResult.refused("measure", "control.sameMeasure");
				}
				overrides.put(position, r.measure());
				yield replan(user, c, plan.withMeasures(overrides), c.daysChanged(), c.category(), c.policyId(),
						ControlPolicy.formatOverrides(overrides), Action.MEASURE_CHANGED, reason, was + " -> " + r.measure(), now);
			}
			case CHANGE_CATEGORY -> {
				if (r.category() == null) {
					yield CaseResult.refused("category", "required");
				}
				if (r.category() == c.category()) {
					yield CaseResult.refused("category", "control.sameCategory");
				}
				long profile = policies.find(user.schoolId(), c.policyId()).orElseThrow().profileId();
				ControlPolicies.Version next = policies.current(user.schoolId(), profile, r.category());
				int other = jdbc.sql("select count(*) from control_case where school_id = ? and category = ? and open_person_id = ?")
					.params(user.schoolId(), r.category().name(), c.personId()).query(Integer.class).single();
				if (other > 0) {
					yield CaseResult.refused("category", "control.alreadyOpen");
				}
				Optional<CasePlan> fresh = CasePlan.of(next.policy(), new CasePlan.Facts(c.lastExposureOn(), c.arrivalOn(), c.reportOn()));
				if (fresh.isEmpty()) {
					yield CaseResult.refused(CaseOpening.factField(next.policy().startFrom()), "required");
				}
				// the new category's plan from its own start, keeping what was added by hand and for missed follow-ups
				CasePlan replanned = ControlCases.planOf(next.policy(), fresh.get().start(), c.daysChanged() + c.daysForMissed(), "");
				yield replan(user, c, replanned, c.daysChanged(), r.category(), next.id(), "", Action.CATEGORY_CHANGED, reason,
						c.category() + " -> " + r.category(), now);
			}
			case TRANSFER -> close(user, c, Status.TRANSFERRED, Action.TRANSFERRED, reason, now);
			case RELEASE -> close(user, c, Status.RELEASED, Action.RELEASED, reason, now);
			case CANCEL -> close(user, c, Status.CANCELLED, Action.CANCELLED, reason, now);
		};
	}

	private CaseResult replan(CurrentUser user, Case c, CasePlan plan, int daysChanged, ControlCategory category, long policyId,
			String overrides, Action action, String reason, String detail, Instant now) {
		int updated = jdbc.sql("""
				update control_case set days_changed = ?, category = ?, policy_id = ?, measure_overrides = ?,
				  open_person_id = person_id, version = version + 1 where id = ? and version = ?""")
			.params(daysChanged, category.name(), policyId, overrides, c.id(), c.version()).update();
		if (updated == 0) {
			return CaseResult.conflicted();
		}
		cases.writePlan(c.id(), plan);
		cases.recordEvent(user.schoolId(), c.id(), action, reason, detail, c.releaseOn(), plan.releaseDate(), user.getUsername(), now);
		audit.record(AuditAction.UPDATE, "control_case", c.id(), action + " " + c.personName() + " (" + c.personCode() + "): " + detail
				+ "; " + reason, "release " + c.releaseOn(), "release " + plan.releaseDate());
		timeline.record(c.personId(), Allocations.MODULE, "control." + action.name().toLowerCase(java.util.Locale.ROOT),
				detail + ", release " + plan.releaseDate() + ": " + reason, now);
		return CaseResult.ok(c.id());
	}

	private CaseResult close(CurrentUser user, Case c, Status status, Action action, String reason, Instant now) {
		int updated = jdbc.sql("""
				update control_case set status = ?, closed_at = ?, closed_by = ?, close_reason = ?, open_person_id = null,
				  version = version + 1 where id = ? and version = ?""")
			.params(status.name(), java.sql.Timestamp.from(now), user.getUsername(), reason, c.id(), c.version()).update();
		if (updated == 0) {
			return CaseResult.conflicted();
		}
		String detail = null;
		// the person leaves their room when no other open case keeps them under control
		boolean stillUnderControl = jdbc.sql("select count(*) from control_case where school_id = ? and open_person_id = ?")
			.params(user.schoolId(), c.personId()).query(Integer.class).single() > 0;
		if (!stillUnderControl) {
			Optional<Allocations.Stay> stay = allocations.openStayOf(user, c.personId());
			if (stay.isPresent()) {
				Outcome out = allocations.checkOut(user, stay.get().id(), now, action.name().toLowerCase(java.util.Locale.ROOT) + ": " + reason);
				if (!out.saved()) {
					throw new IllegalStateException("could not check out stay " + stay.get().id() + ": " + out.problems());
				}
				detail = "checked out of room " + stay.get().roomCode();
			}
		}
		cases.recordEvent(user.schoolId(), c.id(), action, reason, detail, c.releaseOn(), null, user.getUsername(), now);
		audit.record(AuditAction.UPDATE, "control_case", c.id(), action + " " + c.personName() + " (" + c.personCode() + "): " + reason
				+ (detail == null ? "" : "; " + detail), "OPEN", status.name());
		timeline.record(c.personId(), Allocations.MODULE, "control." + action.name().toLowerCase(java.util.Locale.ROOT), reason, now);
		return CaseResult.ok(c.id());
	}

	// --- re-applying a policy version

	/** One case a re-application would change: the release date before and after, and the phases after. */
	record Change(long caseId, String personCode, String personName, int fromVersion, LocalDate releaseBefore, LocalDate releaseAfter,
			List<CasePlan.Dated> before, List<CasePlan.Dated> after) {
	}

	record Preview(ControlPolicies.Version policy, List<Change> changes, int unchanged) {
	}

	/** What re-applying the (current) version would do to the open cases of older versions of its category; nothing is written. */
	@Transactional(readOnly = true)
	Optional<Preview> preview(CurrentUser user, long policyId) {
		Optional<ControlPolicies.Version> found = policies.find(user.schoolId(), policyId);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		ControlPolicies.Version target = found.get();
		List<Change> changes = new ArrayList<>();
		int unchanged = 0;
		for (Case c : olderOpen(user, target)) {
			CasePlan now = cases.plan(user.schoolId(), c);
			CasePlan after = rebased(c, target);
			if (now.phases().equals(after.phases())) {
				unchanged++;
			} else {
				changes.add(new Change(c.id(), c.personCode(), c.personName(), c.policyVersion(), now.releaseDate(), after.releaseDate(),
						now.phases(), after.phases()));
			}
		}
		return Optional.of(new Preview(target, changes, unchanged));
	}

	/**
	 * Moves every open case of an older version of the category onto this version, as previewed: the
	 * version must still be the current one, and {@code expectedChanges} the number the preview showed
	 * (otherwise a conflict: cases or the policy changed since). Cases acted on meanwhile keep their
	 * version check: the update counts them and answers a conflict when one slipped.
	 */
	@Transactional
	CaseResult reapply(CurrentUser user, long policyId, Integer expectedChanges) {
		Optional<ControlPolicies.Version> found = policies.find(user.schoolId(), policyId);
		if (found.isEmpty()) {
			return CaseResult.refused("policy", "notFound");
		}
		ControlPolicies.Version target = found.get();
		if (!target.current()) {
			return CaseResult.conflicted();
		}
		// lock the policy row so two re-applications (or an edit's retiring of this version) go one after the other
		jdbc.sql("select id from control_policy where id = ? for update").param(policyId).query(Long.class).single();
		if (policies.find(user.schoolId(), policyId).map(v -> !v.current()).orElse(true)) {
			return CaseResult.conflicted();
		}
		Preview preview = preview(user, policyId).orElseThrow();
		if (expectedChanges != null && expectedChanges != preview.changes().size()) {
			return CaseResult.conflicted();
		}
		Instant now = Instant.now();
		int moved = 0;
		for (Case c : olderOpen(user, target)) {
			CasePlan before = cases.plan(user.schoolId(), c);
			CasePlan after = rebased(c, target);
			int updated = jdbc.sql("update control_case set policy_id = ?, version = version + 1 where id = ? and version = ? and status = 'OPEN'")
				.params(target.id(), c.id(), c.version()).update();
			if (updated == 0) {
				throw new ReapplyConflict();
			}
			cases.writePlan(c.id(), after);
			cases.recordEvent(user.schoolId(), c.id(), Action.REAPPLIED, "policy version " + target.version(),
					"version " + c.policyVersion() + " -> " + target.version(), before.releaseDate(), after.releaseDate(), user.getUsername(), now);
			moved++;
		}
		audit.record(AuditAction.UPDATE, "control_policy", target.id(), "re-applied " + target.category() + " version " + target.version()
				+ " to " + moved + " open cases (" + preview.changes().size() + " with changed dates)");
		return CaseResult.ok(target.id(), moved);
	}

	/** A case changed between the preview and the confirmation: the whole re-application is rolled back. */
	static class ReapplyConflict extends RuntimeException {

		ReapplyConflict() {
			super("a case changed during the re-application");
		}
	}

	private CasePlan rebased(Case c, ControlPolicies.Version target) {
		CasePlan.Facts facts = new CasePlan.Facts(c.lastExposureOn(), c.arrivalOn(), c.reportOn());
		LocalDate start = CasePlan.of(target.policy(), facts).map(CasePlan::start).orElse(c.startOn());
		return ControlCases.planOf(target.policy(), start, c.daysChanged() + c.daysForMissed(), c.measureOverrides());
	}

	private List<Case> olderOpen(CurrentUser user, ControlPolicies.Version target) {
		List<Long> ids = jdbc.sql("""
				select c.id from control_case c join control_policy p on p.id = c.policy_id
				where c.school_id = ? and c.status = 'OPEN' and p.profile_id = ? and p.category = ? and c.policy_id <> ? order by c.id""")
			.params(user.schoolId(), target.profileId(), target.category().name(), target.id()).query(Long.class).list();
		List<Case> all = new ArrayList<>();
		for (long id : ids) {
			cases.find(user, id).ifPresent(all::add);
		}
		return all;
	}
}
