package org.bulwark.directory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.bulwark.shared.Masks;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merges a duplicate record into a lead record. The user picks, field by field, whose value the
 * lead keeps (by default the lead's, gaps filled from the other); the merged data passes the same
 * {@link PersonRules} as any edit. The other record is deactivated and points at the lead; every
 * reference to it ({@link PersonReferences}) moves to the lead, and references the lead already has
 * (the same responsibility on both) are dropped instead of colliding. Both records are locked and
 * their versions checked, so of two merges of the same pair, or a merge and an edit, one wins and
 * the other gets a conflict. The audit trail records the merge on both records, with the lead's
 * data before and after.
 */
@Service
class PersonMerging {

	/** What a merge decides field by field. */
	enum Field {
		CODE, NAME, POPULATION, ID_NUMBER, PHONE, GENDER, BIRTH_DATE, NATIONALITY, LANGUAGE, ORG_UNIT, RESIDENCE,
		HOUSEHOLD, LIVING_ALONE, BEDRIDDEN, NO_SMARTPHONE, ABROAD
	}

	enum Side { LEAD, OTHER }

	/** One field of the preview: both values as shown (identifiers masked) and the default choice. */
	record Choice(Field field, String leadValue, String otherValue, Side chosen) {

		public boolean differs() {
			return !Objects.equals(leadValue, otherValue);
		}

		public String result() {
			return chosen == Side.OTHER ? otherValue : leadValue;
		}
	}

	record Preview(PersonSummary lead, PersonSummary other, int leadVersion, int otherVersion, List<Choice> fields) {

		/** The same preview with the user's choices instead of the defaults. */
		Preview choosing(Map<Field, Side> keep) {
			return new Preview(lead, other, leadVersion, otherVersion, fields.stream()
				.map(c -> new Choice(c.field(), c.leadValue(), c.otherValue(), keep.getOrDefault(c.field(), c.chosen())))
				.toList());
		}
	}

	/** Choices from request parameters named after the fields ({@code NAME=OTHER}); anything else is ignored. */
	static Map<Field, Side> choices(Map<String, String> params) {
		Map<Field, Side> keep = new EnumMap<>(Field.class);
		for (Field f : Field.values()) {
			String v = params.get(f.name());
			if ("LEAD".equals(v) || "OTHER".equals(v)) {
				keep.put(f, Side.valueOf(v));
			}
		}
		return keep;
	}

	/** A person row as stored, with what a merge needs beyond {@link PersonData}. */
	private record Stored(long id, String code, String name, Population population, IdType idType, String idNumber,
			String phone, String gender, LocalDate birthDate, String nationality, String language, Long orgUnitId,
			Long residencePlaceId, Long householdId, boolean livingAlone, boolean bedridden, boolean noSmartphone,
			boolean abroad, int version, boolean active, Long mergedIntoId) {

		Object value(Field f) {
			return switch (f) {
				case CODE -> code;
				case NAME -> name;
				case POPULATION -> population;
				case ID_NUMBER -> idNumber;
				case PHONE -> phone;
				case GENDER -> gender;
				case BIRTH_DATE -> birthDate;
				case NATIONALITY -> nationality;
				case LANGUAGE -> language;
				case ORG_UNIT -> orgUnitId;
				case RESIDENCE -> residencePlaceId;
				case HOUSEHOLD -> householdId;
				case LIVING_ALONE -> livingAlone;
				case BEDRIDDEN -> bedridden;
				case NO_SMARTPHONE -> noSmartphone;
				case ABROAD -> abroad;
			};
		}

		PersonData data() {
			return new PersonData(code, name, population, idType, idNumber, phone, gender, birthDate, nationality,
					language, orgUnitId, livingAlone, bedridden, noSmartphone, abroad);
		}
	}

	private final JdbcClient jdbc;
	private final People people;
	private final AuditLog audit;
	private final MessageSource messages;
	private final Clock clock = Clock.systemDefaultZone();

	PersonMerging(JdbcClient jdbc, People people, AuditLog audit, MessageSource messages) {
		this.jdbc = jdbc;
		this.people = people;
		this.audit = audit;
		this.messages = messages;
	}

	/** Both records side by side with the default choices; empty when either is out of scope or gone. */
	@Transactional(readOnly = true)
	Optional<Preview> preview(CurrentUser user, long leadId, long otherId, Locale locale) {
		Optional<PersonSummary> lead = people.find(user, leadId);
		Optional<PersonSummary> other = people.find(user, otherId);
		if (leadId == otherId || lead.isEmpty() || other.isEmpty()) {
			return Optional.empty();
		}
		Stored l = load(leadId);
		Stored o = load(otherId);
		List<Choice> fields = new ArrayList<>();
		Map<Field, Side> defaults = defaults(l, o);
		for (Field f : Field.values()) {
			fields.add(new Choice(f, display(f, l, lead.get(), locale), display(f, o, other.get(), locale), defaults.get(f)));
		}
		return Optional.of(new Preview(lead.get().masked(), other.get().masked(), l.version(), o.version(), fields));
	}

	/** The lead's non-empty values; gaps (and flags the lead lacks) filled from the other. */
	private static Map<Field, Side> defaults(Stored lead, Stored other) {
		Map<Field, Side> sides = new EnumMap<>(Field.class);
		for (Field f : Field.values()) {
			sides.put(f, empty(lead.value(f)) && !empty(other.value(f)) ? Side.OTHER : Side.LEAD);
		}
		if (lead.idNumber() == null && other.idNumber() != null) {
			sides.put(Field.ID_NUMBER, Side.OTHER);
		}
		return sides;
	}

	private static boolean empty(Object v) {
		return v == null || (v instanceof String s && s.isBlank()) || Boolean.FALSE.equals(v);
	}

	/**
	 * Merges {@code otherId} into {@code leadId}. {@code keep} names the side per field; fields left
	 * out take the default. The versions are those the user saw in the preview.
	 */
	@Transactional
	PersonEditing.Result merge(CurrentUser user, long leadId, long otherId, int leadVersion, int otherVersion,
			Map<Field, Side> keep) {
		if (leadId == otherId) {
			return new PersonEditing.Rejected(List.of(FieldProblem.of("other", "mergeSelf")));
		}
		if (people.find(user, leadId).isEmpty() || people.find(user, otherId).isEmpty()) {
			return new PersonEditing.Rejected(List.of(FieldProblem.of("id", "notFound")));
		}
		// lock both rows in id order: a second merge of the pair, or an edit, waits and then sees new versions
		jdbc.sql("select id from person where id in (?, ?) order by id for update").params(leadId, otherId)
			.query(Long.class).list();
		Stored lead = load(leadId);
		Stored other = load(otherId);
		if (lead.version() != leadVersion || other.version() != otherVersion || lead.mergedIntoId() != null
				|| other.mergedIntoId() != null || !lead.active() || !other.active()) {
			return new PersonEditing.Conflict();
		}
		Map<Field, Side> sides = defaults(lead, other);
		keep.forEach((f, s) -> {
			if (f != null && s != null) {
				sides.put(f, s);
			}
		});
		Stored idSource = sides.get(Field.ID_NUMBER) == Side.OTHER ? other : lead;
		PersonForm form = new PersonForm((String) pick(sides, Field.CODE, lead, other), (String) pick(sides, Field.NAME, lead, other),
				(Population) pick(sides, Field.POPULATION, lead, other), idSource.idType(), idSource.idNumber(),
				(String) pick(sides, Field.PHONE, lead, other), (String) pick(sides, Field.GENDER, lead, other),
				(LocalDate) pick(sides, Field.BIRTH_DATE, lead, other), (String) pick(sides, Field.NATIONALITY, lead, other),
				(String) pick(sides, Field.LANGUAGE, lead, other), (Long) pick(sides, Field.ORG_UNIT, lead, other),
				(Boolean) pick(sides, Field.LIVING_ALONE, lead, other), (Boolean) pick(sides, Field.BEDRIDDEN, lead, other),
				(Boolean) pick(sides, Field.NO_SMARTPHONE, lead, other), (Boolean) pick(sides, Field.ABROAD, lead, other));
		PersonRules.Outcome outcome = PersonRules.check(form, LocalDate.now(clock));
		if (outcome instanceof PersonRules.Invalid invalid) {
			return new PersonEditing.Rejected(invalid.problems());
		}
		PersonData data = ((PersonRules.Valid) outcome).data();
		if (data.idNumber() != null) {
			Optional<String> holder = jdbc.sql("""
					select name from person where school_id = ? and id_type = ? and id_number = ? and id not in (?, ?)""")
				.params(user.schoolId(), data.idType().name(), data.idNumber(), leadId, otherId).query(String.class)
				.optional();
			if (holder.isPresent()) {
				return new PersonEditing.Rejected(List.of(FieldProblem.of("idNumber", "duplicate", holder.get())));
			}
		}
		Long residence = (Long) pick(sides, Field.RESIDENCE, lead, other);
		Long household = (Long) pick(sides, Field.HOUSEHOLD, lead, other);
		OffsetDateTime now = OffsetDateTime.now(clock);
		// the other record first: it gives up its ID number, which the lead may take
		jdbc.sql("""
				update person set active = false, merged_into_id = ?, id_number = null, household_id = null, updated_at = ?,
				       version = version + 1 where id = ?""").params(leadId, now, otherId).update();
		jdbc.sql("""
				update person set code = ?, name = ?, population = ?, id_type = ?, id_number = ?, phone = ?, gender = ?,
				       birth_date = ?, nationality = ?, language = ?, org_unit_id = ?, residence_place_id = ?, household_id = ?,
				       living_alone = ?, bedridden = ?, no_smartphone = ?, abroad = ?, updated_at = ?, version = version + 1
				where id = ?""")
			.params(data.code(), data.name(), data.population().name(), data.idType().name(), data.idNumber(), data.phone(),
					data.gender(), data.birthDate(), data.nationality(), data.language(), data.orgUnitId(), residence,
					household, data.livingAlone(), data.bedridden(), data.noSmartphone(), data.abroad(), now, leadId)
			.update();
		int moved = moveReferences(leadId, otherId);
		String summary = "merged " + other.name() + " (#" + otherId + ") into " + data.name() + " (#" + leadId + "); "
				+ moved + " references moved";
		audit.record(AuditAction.UPDATE, "person", leadId, summary,
				PersonEditing.summary(lead.data()) + " | merged record #" + otherId + ": " + PersonEditing.summary(other.data()),
				PersonEditing.summary(data));
		audit.record(AuditAction.UPDATE, "person", otherId, summary, PersonEditing.summary(other.data()),
				"active=false, mergedInto=" + leadId);
		return new PersonEditing.Saved(leadId);
	}

	private static Object pick(Map<Field, Side> sides, Field f, Stored lead, Stored other) {
		return (sides.get(f) == Side.OTHER ? other : lead).value(f);
	}

	/** Moves every reference of {@link PersonReferences} from the other record to the lead; returns how many moved. */
	int moveReferences(long lead, long other) {
		int moved = 0;
		// one open residence per person: where both records live somewhere, the lead's stay is kept and
		// the other's ends today (or on its move-in day, if that is later), so its history stays whole
		if (jdbc.sql("select count(*) from residence where person_id = ? and moved_out is null").param(lead)
			.query(Integer.class).single() > 0) {
			jdbc.sql("""
					update residence set moved_out = case when moved_in > current_date then moved_in else current_date end
					where person_id = ? and moved_out is null""").param(other).update();
		}
		moved += jdbc.sql("update residence set person_id = ? where person_id = ?").params(lead, other).update();
		moved += jdbc.sql("update person_timeline set person_id = ? where person_id = ?").params(lead, other).update();
		// the lead's record says where it lives now: its open residence, if it has one after the move
		jdbc.sql("""
				update person set residence_place_id = coalesce((select r.place_id from residence r
				                                                   where r.person_id = ? and r.moved_out is null), residence_place_id),
				                  household_id = coalesce((select r.household_id from residence r
				                                           where r.person_id = ? and r.moved_out is null), household_id)
				where id = ?""").params(lead, lead, lead).update();
		moved += jdbc.sql("update household set head_person_id = ? where head_person_id = ?").params(lead, other).update();
		moved += jdbc.sql("update grid set leader_person_id = ? where leader_person_id = ?").params(lead, other).update();
		moved += jdbc.sql("update app_user set person_id = ? where person_id = ?").params(lead, other).update();
		moved += jdbc.sql("update person set merged_into_id = ? where merged_into_id = ?").params(lead, other).update();
		// check-ins (one per person, day and slot): where both records checked in for the same slot, the
		// lead's stays and the other's remains on the merged record; versions follow their check-in
		moved += jdbc.sql("""
				update check_in set person_id = ? where person_id = ? and not exists (select 1 from check_in x
				  where x.school_id = check_in.school_id and x.person_id = ? and x.check_date = check_in.check_date
				    and x.slot_code = check_in.slot_code)""").params(lead, other, lead).update();
		jdbc.sql("""
				update check_in_revision set person_id = (select c.person_id from check_in c where c.id = check_in_revision.check_in_id)
				where person_id = ?""").param(other).update();
		moved += jdbc.sql("update absence set person_id = ? where person_id = ?").params(lead, other).update();
		// triage tasks (one open per person): where both records have an open task, the lead's stays the
		// open one and the other's remains on the merged record for the clinic to conclude
		moved += jdbc.sql("""
				update triage_task set person_id = ?, open_person_id = case when open_person_id is null then null else ? end
				where person_id = ? and (open_person_id is null or not exists (select 1 from triage_task x
				  where x.school_id = triage_task.school_id and x.open_person_id = ?))""").params(lead, lead, other, lead)
			.update();
		// control cases (one open per person and category): where both records have an open case of a
		// category, the lead's stays the open one and the other's remains on the merged record
		moved += jdbc.sql("""
				update control_case set person_id = ?, open_person_id = case when open_person_id is null then null else ? end
				where person_id = ? and (open_person_id is null or not exists (select 1 from control_case x
				  where x.school_id = control_case.school_id and x.category = control_case.category and x.open_person_id = ?))""")
			.params(lead, lead, other, lead).update();
		// roll-call marks (one per roll-call and person) and canteen checks (one per person and day): where
		// both records have one, the lead's stays and the other's remains on the merged record
		moved += jdbc.sql("""
				update roll_call_mark set person_id = ? where person_id = ? and not exists (select 1 from roll_call_mark x
				  where x.roll_call_id = roll_call_mark.roll_call_id and x.person_id = ?)""").params(lead, other, lead).update();
		moved += jdbc.sql("""
				update roll_call_change set person_id = ? where person_id = ? and not exists (select 1 from roll_call_change x
				  where x.revision_id = roll_call_change.revision_id and x.person_id = ?)""").params(lead, other, lead).update();
		moved += jdbc.sql("""
				update canteen_check set person_id = ? where person_id = ? and not exists (select 1 from canteen_check x
				  where x.school_id = canteen_check.school_id and x.person_id = ? and x.check_date = canteen_check.check_date)""")
			.params(lead, other, lead).update();
		jdbc.sql("""
				update canteen_check_revision set person_id = (select c.person_id from canteen_check c
				  where c.id = canteen_check_revision.check_id) where person_id = ?""").param(other).update();
		moved += jdbc.sql("update notification set recipient_person_id = ? where recipient_person_id = ?")
			.params(lead, other).update();
		moved += jdbc.sql("update notification_delivery set recipient_person_id = ? where recipient_person_id = ?")
			.params(lead, other).update();
		// one reminder per person and slot: where both were reminded for the same slot the lead's stays
		moved += jdbc.sql("""
				update reminder set person_id = ? where person_id = ? and not exists (select 1 from reminder x
				  where x.school_id = reminder.school_id and x.person_id = ? and x.check_date = reminder.check_date
				    and x.slot_code = reminder.slot_code)""").params(lead, other, lead).update();
		moved += jdbc.sql("update check_in set submitted_by_person_id = ? where submitted_by_person_id = ?").params(lead, other)
			.update();
		moved += jdbc.sql("update check_in_revision set submitted_by_person_id = ? where submitted_by_person_id = ?")
			.params(lead, other).update();
		// personal links: one in force per person, so where the lead has one the other's are revoked;
		// otherwise the other's printed link keeps working and now checks in for the lead
		jdbc.sql("""
				update check_in_link set revoked_at = current_timestamp where person_id = ? and revoked_at is null
				and exists (select 1 from check_in_link x where x.person_id = ? and x.revoked_at is null)""")
			.params(other, lead).update();
		moved += jdbc.sql("update check_in_link set person_id = ? where person_id = ?").params(lead, other).update();
		// named proxies: a pair both records had is kept once, and nobody is their own proxy
		jdbc.sql("""
				delete from check_in_proxy where proxy_person_id = ? and exists (select 1 from check_in_proxy x
				  where x.school_id = check_in_proxy.school_id and x.proxy_person_id = ?
				    and x.dependant_person_id = check_in_proxy.dependant_person_id)""").params(other, lead).update();
		moved += jdbc.sql("update check_in_proxy set proxy_person_id = ? where proxy_person_id = ?").params(lead, other)
			.update();
		jdbc.sql("""
				delete from check_in_proxy where dependant_person_id = ? and exists (select 1 from check_in_proxy x
				  where x.school_id = check_in_proxy.school_id and x.dependant_person_id = ?
				    and x.proxy_person_id = check_in_proxy.proxy_person_id)""").params(other, lead).update();
		moved += jdbc.sql("update check_in_proxy set dependant_person_id = ? where dependant_person_id = ?")
			.params(lead, other).update();
		jdbc.sql("delete from check_in_proxy where proxy_person_id = dependant_person_id").update();
		// isolation stays: one open stay per person; where both records stay somewhere, the lead's is kept
		// and the other's ends now, its room going to terminal disinfection when nobody else stays there
		if (jdbc.sql("select count(*) from isolation_stay where open_person_id = ?").param(lead).query(Integer.class).single() > 0) {
			List<Long> rooms = jdbc.sql("select room_id from isolation_stay where open_person_id = ?").param(other)
				.query(Long.class).list();
			jdbc.sql("""
					update isolation_stay set checked_out_at = current_timestamp, checked_out_by = 'merge',
					  check_out_reason = 'merged into another record', open_bed = null, open_person_id = null
					where open_person_id = ?""").param(other).update();
			for (Long room : rooms) {
				jdbc.sql("""
						update isolation_room set state = 'AWAITING_DISINFECTION', state_reason = 'merged',
						  state_changed_at = current_timestamp, version = version + 1
						where id = ? and state = 'OCCUPIED'
						  and not exists (select 1 from isolation_stay s where s.room_id = isolation_room.id and s.open_bed is not null)""")
					.param(room).update();
			}
		}
		moved += jdbc.sql("""
				update isolation_stay set person_id = ?,
				  open_person_id = case when open_person_id is null then null else ? end where person_id = ?""")
			.params(lead, lead, other).update();
		// temperatures of medical observation rounds: one per person and round, the lead's kept where both have one
		moved += jdbc.sql("""
				update isolation_service_reading set person_id = ? where person_id = ? and not exists (select 1
				  from isolation_service_reading x where x.task_id = isolation_service_reading.task_id and x.person_id = ?)""")
			.params(lead, other, lead).update();
		// pushed lists: rows follow; a task per person and list, so where both records have one the lead's
		// stays and the other's (with its outcome) remains on the merged record; who phones is read from the
		// responsibilities, which the merge moves below
		moved += jdbc.sql("update push_row set person_id = ? where person_id = ?").params(lead, other).update();
		moved += jdbc.sql("""
				update push_task set person_id = ? where person_id = ? and not exists (select 1 from push_task x
				  where x.list_id = push_task.list_id and x.person_id = ?)""").params(lead, other, lead).update();
		// travel reports and their flags follow; approvers of a step are kept once; one return filing per
		// person and campaign, so where both records filed the lead's stays and the other's remains on the merged record
		moved += jdbc.sql("update travel_report set person_id = ? where person_id = ?").params(lead, other).update();
		moved += jdbc.sql("update travel_flag set person_id = ? where person_id = ?").params(lead, other).update();
		jdbc.sql("""
				delete from travel_approver where staff_person_id = ? and exists (select 1 from travel_approver x
				  where x.report_id = travel_approver.report_id and x.step = travel_approver.step and x.staff_person_id = ?)""")
			.params(other, lead).update();
		moved += jdbc.sql("update travel_approver set staff_person_id = ? where staff_person_id = ?").params(lead, other)
			.update();
		moved += jdbc.sql("""
				update return_filing set person_id = ? where person_id = ? and not exists (select 1 from return_filing x
				  where x.campaign_id = return_filing.campaign_id and x.person_id = ?)""").params(lead, other, lead).update();
		// responsibilities held: the same one on both records is kept once
		jdbc.sql("""
				delete from responsibility r where r.responsible_person_id = ? and exists (select 1 from responsibility x
				  where x.responsible_person_id = ? and x.role = r.role and x.target_kind = r.target_kind
				    and x.target_id = r.target_id)""").params(other, lead).update();
		moved += jdbc.sql("update responsibility set responsible_person_id = ? where responsible_person_id = ?")
			.params(lead, other).update();
		// responsibilities for the person
		jdbc.sql("""
				delete from responsibility r where r.target_kind = 'PERSON' and r.target_id = ? and exists (
				  select 1 from responsibility x where x.target_kind = 'PERSON' and x.target_id = ?
				    and x.responsible_person_id = r.responsible_person_id and x.role = r.role)""").params(other, lead).update();
		moved += jdbc.sql("update responsibility set target_id = ? where target_kind = 'PERSON' and target_id = ?")
			.params(lead, other).update();
		jdbc.sql("delete from responsibility where target_kind = 'PERSON' and target_id = ? and responsible_person_id = ?")
			.params(lead, lead).update();
		// dismissed pairs: the other's become the lead's, kept in (smaller, larger) order, once
		List<long[]> dismissals = jdbc.sql("""
				select first_person_id, second_person_id from duplicate_dismissal
				where first_person_id = ? or second_person_id = ?""").params(other, other)
			.query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
		for (long[] d : dismissals) {
			jdbc.sql("delete from duplicate_dismissal where first_person_id = ? and second_person_id = ?")
				.params(d[0], d[1]).update();
			long partner = d[0] == other ? d[1] : d[0];
			if (partner != lead) {
				long[] pair = DuplicateRules.ordered(lead, partner);
				moved += jdbc.sql("""
						insert into duplicate_dismissal (school_id, first_person_id, second_person_id, dismissed_by, dismissed_at)
						select school_id, ?, ?, 'merge', current_timestamp from person where id = ?
						on conflict do nothing""").params(pair[0], pair[1], lead).update();
			}
		}
		return moved;
	}

	private Stored load(long id) {
		return jdbc.sql("""
				select id, code, name, population, id_type, id_number, phone, gender, birth_date, nationality, language,
				       org_unit_id, residence_place_id, household_id, living_alone, bedridden, no_smartphone, abroad, version,
				       active, merged_into_id from person where id = ?""")
			.param(id)
			.query((rs, i) -> new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), Population.valueOf(rs.getString(4)),
					IdType.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
					rs.getObject(9, LocalDate.class), rs.getString(10), rs.getString(11), rs.getObject(12, Long.class),
					rs.getObject(13, Long.class), rs.getObject(14, Long.class), rs.getBoolean(15), rs.getBoolean(16),
					rs.getBoolean(17), rs.getBoolean(18), rs.getInt(19), rs.getBoolean(20), rs.getObject(21, Long.class)))
			.single();
	}

	private String display(Field f, Stored s, PersonSummary summary, Locale locale) {
		Object v = s.value(f);
		if (empty(v) && !(v instanceof Boolean)) {
			return "";
		}
		return switch (f) {
			case POPULATION -> msg("population." + v, locale);
			case GENDER -> msg("gender." + v, locale);
			case ID_NUMBER -> msg("idType." + s.idType(), locale) + " " + Masks.idNumber(s.idNumber());
			case PHONE -> Masks.phone(s.phone());
			case ORG_UNIT -> Objects.requireNonNullElse(summary.orgUnitName(), String.valueOf(v));
			case RESIDENCE -> Objects.requireNonNullElse(summary.residenceName(), String.valueOf(v));
			case HOUSEHOLD -> jdbc.sql("select code from household where id = ?").param(v).query(String.class).optional()
				.orElse(String.valueOf(v));
			case LIVING_ALONE, BEDRIDDEN, NO_SMARTPHONE, ABROAD -> msg((Boolean) v ? "merge.yes" : "merge.no", locale);
			default -> String.valueOf(v);
		};
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
