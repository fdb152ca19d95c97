package org.bulwark.health;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PersonTimeline;
import org.bulwark.directory.Registry;
import org.bulwark.health.NonReporting.Status;
import org.bulwark.notify.Notifications;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.bulwark.system.UserAccounts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reminders to people who have not reported for a slot, in one click or automatically after the
 * deadline, and escalations to the unit's administrators when someone has missed several slots in a
 * row. At most one reminder per person and slot: the {@code reminder} row is the claim, its unique
 * key settles double clicks and nodes racing; only the rows a request inserted are sent.
 */
@Service
class Reminders {

	static final String TOPIC = "reminder";
	static final String ESCALATION_TOPIC = "escalation";
	static final String UNIT_ADMIN_ROLE = "UNIT_ADMIN";

	enum Kind {
		MANUAL, AUTO
	}

	sealed interface Outcome {
	}

	/** @param sent reminded now; {@code skipped}: asked for but away, reported, reminded already or out of scope */
	record Sent(int sent, int skipped, String batchId) implements Outcome {
	}

	record Rejected(List<FieldProblem> problems) implements Outcome {
	}

	/** A reminder as the person page and the API show it, with its deliveries. */
	record Reminder(long id, long personId, LocalDate date, String slotCode, Kind kind, String sentBy, Instant sentAt,
			List<Notifications.Delivery> deliveries) {
	}

	/** An escalation to a unit's administrators. */
	record Escalation(long orgUnitId, LocalDate date, String slotCode, int people, int recipients) {
	}

	private final JdbcClient jdbc;
	private final LineLists lists;
	private final Roster roster;
	private final Policies policies;
	private final Registry registry;
	private final Notifications notifications;
	private final UserAccounts accounts;
	private final PersonTimeline timeline;
	private final AuditLog audit;
	private final MessageSource messages;
	private final ZoneId zone;
	private final int escalateAfter;

	Reminders(JdbcClient jdbc, LineLists lists, Roster roster, Policies policies, Registry registry,
			Notifications notifications, UserAccounts accounts, PersonTimeline timeline, AuditLog audit,
			MessageSource messages, @Value("${bulwark.health.time-zone:Asia/Shanghai}") ZoneId zone,
			@Value("${bulwark.reminders.escalate-after:3}") int escalateAfter) {
		this.jdbc = jdbc;
		this.lists = lists;
		this.roster = roster;
		this.policies = policies;
		this.registry = registry;
		this.notifications = notifications;
		this.accounts = accounts;
		this.timeline = timeline;
		this.audit = audit;
		this.messages = messages;
		this.zone = zone;
		this.escalateAfter = escalateAfter;
	}

	int escalateAfter() {
		return escalateAfter;
	}

	/**
	 * Reminds people of the list of a slot today: those given, or (null) everyone the query lists.
	 * Only the missing are reminded, never people away or who reported; each at most once per slot.
	 */
	@Transactional
	Outcome remind(CurrentUser user, LineLists.Query query, Collection<Long> personIds, Kind kind, Instant now) {
		if (!user.can(Permission.REMINDERS_SEND)) {
			return new Rejected(List.of(FieldProblem.of("personIds", "reminders.notAllowed")));
		}
		List<FieldProblem> problems = new ArrayList<>();
		LocalDate today = now.atZone(zone).toLocalDate();
		if (query.date() == null || !query.date().equals(today)) {
			problems.add(FieldProblem.of("date", "reminders.date.notToday", today));
		}
		Optional<LineLists.SlotView> slot = query.slotCode() == null ? Optional.empty()
				: lists.slot(user.schoolId(), today, query.slotCode(), now).filter(v -> v.slot().code().equals(query.slotCode()));
		if (slot.isEmpty()) {
			problems.add(FieldProblem.of("slotCode", "health.slot.unknown", String.valueOf(query.slotCode())));
		}
		if (personIds != null && personIds.isEmpty()) {
			problems.add(FieldProblem.of("personIds", "reminders.personIds.required"));
		}
		if (personIds != null && personIds.size() > 5000) {
			problems.add(FieldProblem.of("personIds", "reminders.personIds.tooMany", 5000));
		}
		if (!problems.isEmpty()) {
			return new Rejected(List.copyOf(problems));
		}
		LineLists.Query missing = new LineLists.Query(query.date(), query.slotCode(),
				query.status() == Status.LATE || query.status() == null ? Status.MISSING : query.status(), query.q(),
				query.unitId(), query.responsibleId());
		List<LineLists.Line> lines = new ArrayList<>();
		if (personIds == null) {
			lists.each(user, missing, now, lines::add);
		}
		else {
			lines.addAll(lists.of(user, missing, personIds, now));
		}
		Set<Long> remindable = lines.stream().filter(l -> NonReporting.remindable(l.state()))
			.map(LineLists.Line::personId).collect(Collectors.toSet());
		Set<Long> already = lines.stream().filter(l -> l.remindedAt() != null).map(LineLists.Line::personId)
			.collect(Collectors.toSet());
		Collection<Long> asked = personIds == null ? lines.stream().map(LineLists.Line::personId).toList() : personIds;
		List<Long> targets = NonReporting.toRemind(asked, remindable, already);
		int asking = new LinkedHashSet<>(asked).size();
		String batch = UUID.randomUUID().toString();
		if (targets.isEmpty()) {
			return new Sent(0, asking, batch);
		}
		String sender = kind == Kind.AUTO ? "system" : user.getUsername();
		OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
		for (int i = 0; i < targets.size(); i += 1000) {
			String ids = targets.subList(i, Math.min(targets.size(), i + 1000)).stream().map(String::valueOf)
				.collect(Collectors.joining(","));
			// the unique key decides: a row another request (or node) inserted first stays theirs
			jdbc.sql("insert into reminder (school_id, person_id, check_date, slot_code, kind, sent_by, sent_at, batch_id)"
					+ " select school_id, id, ?, ?, ?, ?, ?, ? from person where school_id = ? and id in (" + ids + ")"
					+ " on conflict do nothing")
				.params(query.date(), query.slotCode(), kind.name(), sender, at, batch, user.schoolId()).update();
		}
		Map<Long, Long> won = new LinkedHashMap<>();
		jdbc.sql("select person_id, id from reminder where batch_id = ? order by person_id").param(batch)
			.query(rs -> {
				won.put(rs.getLong(1), rs.getLong(2));
			});
		if (won.isEmpty()) {
			return new Sent(0, asking, batch);
		}
		Slot s = slot.get().slot();
		Map<Long, Locale> locales = new HashMap<>();
		registry.contacts(user.schoolId(), won.keySet())
			.forEach(c -> locales.put(c.personId(), "en".equals(c.language()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE));
		Map<Long, LineLists.Line> byId = new HashMap<>();
		lines.forEach(l -> byId.put(l.personId(), l));
		List<Notifications.Message> out = new ArrayList<>();
		for (var e : won.entrySet()) {
			Locale locale = locales.getOrDefault(e.getKey(), Locale.SIMPLIFIED_CHINESE);
			LineLists.Line line = byId.get(e.getKey());
			boolean overdue = line != null && line.state() == NonReporting.State.OVERDUE;
			String deadline = s.onTimeUntil(query.date(), zone).toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm"));
			String subject = msg("reminders.message.subject", locale, s.name(locale));
			String body = msg(overdue ? "reminders.message.body.overdue" : "reminders.message.body", locale,
					line == null ? "" : line.name(), query.date().toString(), s.name(locale), deadline);
			out.add(new Notifications.Message(Notifications.Recipient.person(e.getKey()), TOPIC, "reminder:" + e.getValue(),
					subject, body));
		}
		notifications.send(user.schoolId(), out, now);
		for (Long personId : won.keySet()) {
			timeline.record(personId, "health", "reminderSent", query.date() + " " + query.slotCode() + " " + kind + " "
					+ sender, now);
		}
		audit.record(AuditAction.CREATE, "reminder", null, won.size() + " reminders " + kind + " for " + query.date() + " "
				+ query.slotCode() + " (" + (asking - won.size()) + " skipped)");
		lists.forgetFigures();
		return new Sent(won.size(), asking - won.size(), batch);
	}

	/** A person's reminders, newest first, if the user may see the person. */
	@Transactional(readOnly = true)
	Optional<List<Reminder>> history(CurrentUser user, long personId, int limit) {
		boolean own = user.personId().map(id -> id == personId).orElse(false);
		if (!own && !(user.can(Permission.HEALTH_READ) && registry.inScope(user, personId))) {
			return Optional.empty();
		}
		List<Reminder> rows = jdbc.sql("""
				select id, person_id, check_date, slot_code, kind, sent_by, sent_at from reminder
				where school_id = ? and person_id = ? order by sent_at desc, id desc limit ?""")
			.params(user.schoolId(), personId, Math.max(1, Math.min(limit, 200)))
			.query((rs, i) -> new Reminder(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class), rs.getString(4),
					Kind.valueOf(rs.getString(5)), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
					List.of()))
			.list();
		return Optional.of(withDeliveries(user.schoolId(), rows));
	}

	/** The deliveries of the reminders of these lines, by person. */
	@Transactional(readOnly = true)
	Map<Long, List<Notifications.Delivery>> deliveriesOf(long schoolId, LocalDate date, String slotCode,
			Collection<Long> personIds) {
		if (personIds.isEmpty()) {
			return Map.of();
		}
		Map<String, Long> refs = new HashMap<>();
		jdbc.sql("select id, person_id from reminder where school_id = ? and check_date = ? and slot_code = ? and person_id in ("
				+ personIds.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")")
			.params(schoolId, date, slotCode).query(rs -> {
				refs.put("reminder:" + rs.getLong(1), rs.getLong(2));
			});
		Map<Long, List<Notifications.Delivery>> out = new HashMap<>();
		for (Notifications.Delivery d : notifications.deliveries(schoolId, refs.keySet())) {
			out.computeIfAbsent(refs.get(d.reference()), k -> new ArrayList<>()).add(d);
		}
		return out;
	}

	private List<Reminder> withDeliveries(long schoolId, List<Reminder> rows) {
		Map<String, List<Notifications.Delivery>> byRef = new HashMap<>();
		notifications.deliveries(schoolId, rows.stream().map(r -> "reminder:" + r.id()).toList())
			.forEach(d -> byRef.computeIfAbsent(d.reference(), k -> new ArrayList<>()).add(d));
		return rows.stream().map(r -> new Reminder(r.id(), r.personId(), r.date(), r.slotCode(), r.kind(), r.sentBy(),
				r.sentAt(), byRef.getOrDefault("reminder:" + r.id(), List.of()))).toList();
	}

	/**
	 * The automatic run for one school: everyone overdue for a slot of today whose deadline has
	 * passed is reminded (once), then the units of people overdue for N slots in a row are escalated.
	 */
	@Transactional
	int[] runAutomatic(long schoolId, Instant now) {
		CurrentUser system = systemUser(schoolId);
		LocalDate today = now.atZone(zone).toLocalDate();
		int reminded = 0;
		for (Slot s : roster.slotsOfDay(schoolId)) {
			boolean anyOverdue = roster.expectations(schoolId, s.code()).stream().filter(e -> e.slot().isPresent())
				.anyMatch(e -> NonReporting.phase(e.slot().get(), today, now, zone) == NonReporting.Phase.OVERDUE);
			if (anyOverdue) {
				Outcome o = remind(system, new LineLists.Query(today, s.code(), Status.OVERDUE, null, null, null), null,
						Kind.AUTO, now);
				if (o instanceof Sent sent) {
					reminded += sent.sent();
				}
			}
		}
		return new int[] {reminded, escalate(schoolId, now).size()};
	}

	/**
	 * Escalates, per org unit, the people who missed each of the last N past slots of their policy
	 * (the newest of them today): one message per unit and day to the unit's administrators.
	 */
	@Transactional
	List<Escalation> escalate(long schoolId, Instant now) {
		LocalDate today = now.atZone(zone).toLocalDate();
		Map<Long, List<String>> byUnit = new LinkedHashMap<>();
		Map<Long, String> slotOfUnit = new HashMap<>();
		for (CheckPolicy policy : policies.all(schoolId)) {
			List<NonReporting.SlotOfDay> past = NonReporting.lastPast(policy.slots(), now, zone, escalateAfter);
			if (past.size() < escalateAfter || !past.get(0).day().equals(today)) {
				continue;
			}
			Optional<Roster.Expectation> mine = roster.expectations(schoolId, past.get(0).slot().code()).stream()
				.filter(e -> e.policy().id() == policy.id()).findFirst();
			if (mine.isEmpty()) {
				continue;
			}
			List<Object> params = new ArrayList<>();
			StringBuilder missed = new StringBuilder();
			params.add(schoolId);
			for (NonReporting.SlotOfDay d : past) {
				missed.append(missed.isEmpty() ? "" : " or ").append("(x.check_date = ? and x.slot_code = ?)");
				params.add(d.day());
				params.add(d.slot().code());
			}
			NonReporting.SlotOfDay earliest = past.get(past.size() - 1);
			params.add(java.time.LocalDateTime.of(earliest.day(), earliest.slot().start()).atZone(zone).toOffsetDateTime());
			params.addAll(Absences.awayOnParams(today));
			// mirrors NonReporting.escalate: none of the slots reported, enrolled before the first of them
			jdbc.sql("select p.org_unit_id, p.name, p.code from person p where " + mine.get().predicate()
					+ " and p.org_unit_id is not null and not exists (select 1 from check_in x where x.school_id = ?"
					+ " and x.person_id = p.id and (" + missed + ")) and p.created_at <= ? and not " + Absences.awayOn("p.id")
					+ " order by p.org_unit_id, p.name").params(params)
				.query(rs -> {
					byUnit.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
						.add(rs.getString(2) + (rs.getString(3) == null ? "" : " (" + rs.getString(3) + ")"));
					slotOfUnit.putIfAbsent(rs.getLong(1), past.get(0).slot().code());
				});
		}
		List<Escalation> out = new ArrayList<>();
		if (byUnit.isEmpty()) {
			return out;
		}
		Map<Long, List<Long>> lineages = new HashMap<>();
		Map<Long, String> unitNames = new HashMap<>();
		jdbc.sql("select id, path, name from org_unit where school_id = ? and id in ("
				+ byUnit.keySet().stream().map(String::valueOf).collect(Collectors.joining(",")) + ")").param(schoolId)
			.query(rs -> {
				lineages.put(rs.getLong(1), java.util.Arrays.stream(rs.getString(2).split("/")).filter(x -> !x.isEmpty())
					.map(Long::valueOf).toList());
				unitNames.put(rs.getLong(1), rs.getString(3));
			});
		Set<Long> allUnits = new LinkedHashSet<>();
		lineages.values().forEach(allUnits::addAll);
		Map<Long, List<UserAccounts.Holder>> adminsByUnit = new HashMap<>();
		accounts.holdersOf(schoolId, UNIT_ADMIN_ROLE, allUnits)
			.forEach(h -> adminsByUnit.computeIfAbsent(h.orgUnitId(), k -> new ArrayList<>()).add(h));
		OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
		for (var e : byUnit.entrySet()) {
			long unit = e.getKey();
			Map<Long, UserAccounts.Holder> admins = new LinkedHashMap<>();
			lineages.getOrDefault(unit, List.of(unit))
				.forEach(u -> adminsByUnit.getOrDefault(u, List.of()).forEach(h -> admins.putIfAbsent(h.userId(), h)));
			String names = String.join("、", e.getValue());
			String summary = names.length() > 3900 ? names.substring(0, 3899) + "…" : names;
			int inserted = jdbc.sql("""
					insert into reminder_escalation (school_id, org_unit_id, escalated_on, slot_code, people, summary, recipients,
					created_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
				.params(schoolId, unit, today, slotOfUnit.get(unit), e.getValue().size(), summary, admins.size(), at).update();
			if (inserted == 0) {
				continue;
			}
			long id = jdbc.sql("select id from reminder_escalation where school_id = ? and org_unit_id = ? and escalated_on = ?")
				.params(schoolId, unit, today).query(Long.class).single();
			Locale locale = Locale.SIMPLIFIED_CHINESE;
			String subject = msg("reminders.escalation.subject", locale, unitNames.get(unit), e.getValue().size(),
					escalateAfter);
			String body = msg("reminders.escalation.body", locale, unitNames.get(unit), e.getValue().size(), escalateAfter,
					summary);
			notifications.send(schoolId, admins.values().stream()
				.map(h -> new Notifications.Message(Notifications.Recipient.user(h.userId(), h.personId(), h.email()),
						ESCALATION_TOPIC, "escalation:" + id, subject, body))
				.toList(), now);
			audit.record(AuditAction.CREATE, "reminder_escalation", id, unitNames.get(unit) + ": " + e.getValue().size()
					+ " people overdue for " + escalateAfter + " slots, to " + admins.size() + " administrators");
			out.add(new Escalation(unit, today, slotOfUnit.get(unit), e.getValue().size(), admins.size()));
		}
		return out;
	}

	/** The scheduled runs act for the whole school, as the office would. */
	static CurrentUser systemUser(long schoolId) {
		return new CurrentUser(0, schoolId, "system", "system", null,
				Set.of(Permission.HEALTH_READ, Permission.REMINDERS_SEND), Set.of(), org.bulwark.system.DataScope.everything(),
				true, false, null);
	}

	private String msg(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}
}
