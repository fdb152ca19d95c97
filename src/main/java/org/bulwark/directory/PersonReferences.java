package org.bulwark.directory;

import java.util.List;

/**
 * Every column that refers to a person, which a merge moves from the merged record to the lead.
 * {@code PersonMergingIntegrationTest} compares this list with the database schema: a new table with
 * a {@code person_id} or {@code *_person_id} column, or a foreign key to person, fails the build until
 * the merge handles it here and in {@link PersonMerging#moveReferences}.
 */
final class PersonReferences {

	record Column(String table, String column) {

		@Override
		public String toString() {
			return table + "." + column;
		}
	}

	static final List<Column> ALL = List.of(
			new Column("residence", "person_id"),
			// computed from person_id (one open residence per person), so it follows the move
			new Column("residence", "open_person_id"),
			new Column("person_timeline", "person_id"),
			new Column("household", "head_person_id"),
			new Column("grid", "leader_person_id"),
			new Column("responsibility", "responsible_person_id"),
			new Column("app_user", "person_id"),
			new Column("duplicate_dismissal", "first_person_id"),
			new Column("duplicate_dismissal", "second_person_id"),
			new Column("person", "merged_into_id"),
			// health: check-ins and their versions
			new Column("check_in", "person_id"),
			new Column("check_in_revision", "person_id"),
			new Column("check_in", "submitted_by_person_id"),
			new Column("check_in_revision", "submitted_by_person_id"),
			// health: personal check-in links and named proxies
			new Column("check_in_link", "person_id"),
			new Column("check_in_proxy", "proxy_person_id"),
			new Column("check_in_proxy", "dependant_person_id"),
			// health: absences
			new Column("absence", "person_id"),
			// health: triage tasks; open_person_id mirrors person_id while the task is open
			new Column("triage_task", "person_id"),
			new Column("triage_task", "open_person_id"),
			// health: roll-call marks and their changes, canteen staff checks and their versions
			new Column("roll_call_mark", "person_id"),
			new Column("roll_call_change", "person_id"),
			new Column("canteen_check", "person_id"),
			new Column("canteen_check_revision", "person_id"),
			// notify: the inbox and deliveries; health: reminders (one per person, day and slot)
			new Column("notification", "recipient_person_id"),
			new Column("notification_delivery", "recipient_person_id"),
			new Column("reminder", "person_id"),
			// control: stays in isolation rooms (open_person_id repeats person_id while the stay is open)
			new Column("isolation_stay", "person_id"),
			new Column("isolation_stay", "open_person_id"),
			// control: temperatures taken on medical observation rounds of isolation rooms
			new Column("isolation_service_reading", "person_id"),

			// screening: rows of pushed lists and their verification tasks (who phones is read from the responsibilities)
			new Column("push_row", "person_id"),
			new Column("push_task", "person_id"),
			// screening: travel reports, the staff who approve them, flagged returnees, return filings
			new Column("travel_report", "person_id"),
			new Column("travel_approver", "staff_person_id"),
			new Column("travel_flag", "person_id"),
			new Column("return_filing", "person_id"),
			new Column("control_case", "person_id"),
			new Column("control_case", "open_person_id"));

	/** Besides the columns: responsibilities whose target is a person ({@code target_kind = 'PERSON'}). */
	static final String PERSON_TARGET = "responsibility.target_id (target_kind PERSON)";

	private PersonReferences() {
	}
}
