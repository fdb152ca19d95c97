package org.bulwark.directory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditHistory;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's timeline: what every module recorded about them, newest first. Modules call
 * {@link #record} or publish a {@link PersonEventOccurred}. Changes to the person record itself are
 * not copied here: they are read from the audit trail, which already keeps them with before and after.
 */
@Service
public class PersonTimeline {

	/** The module name of entries that the directory itself writes. */
	public static final String DIRECTORY = "directory";

	private static final Set<AuditAction> RECORD_CHANGES = Set.of(AuditAction.CREATE, AuditAction.UPDATE,
			AuditAction.DELETE, AuditAction.IMPORT);

	private final JdbcClient jdbc;
	private final People people;
	private final AuditHistory history;

	private final org.springframework.jdbc.core.JdbcTemplate template;

	PersonTimeline(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template, People people, AuditHistory history) {
		this.jdbc = jdbc;
		this.template = template;
		this.people = people;
		this.history = history;
	}

	/** One entry as the timeline shows it; {@code before}/{@code after} only for changes of the record. */
	public record Entry(OffsetDateTime at, String module, String kind, String summary, String actor, String before,
			String after) {
	}

	/** Adds an entry to a person's timeline, in the caller's transaction. Unknown people are ignored. */
	@Transactional
	public void record(long personId, String module, String kind, String summary, Instant at) {
		if (module == null || module.isBlank() || kind == null || kind.isBlank()) {
			throw new IllegalArgumentException("module and kind are required");
		}
		String actor = CurrentUser.find().map(CurrentUser::getUsername).orElse("system");
		jdbc.sql("""
				insert into person_timeline (school_id, person_id, module, kind, summary, occurred_at, actor)
				select school_id, id, ?, ?, ?, ?, ? from person where id = ?""")
			.params(module.strip(), kind.strip(), truncate(summary), (at == null ? Instant.now() : at)
				.atOffset(ZoneOffset.UTC), actor, personId)
			.update();
	}

	/**
	 * One entry for each person of a bulk action (e.g. a bulk room allocation), written in one batch in
	 * the caller's transaction; {@code summaries} maps person ids to their entry's summary.
	 */
	@Transactional
	public void recordAll(java.util.Map<Long, String> summaries, String module, String kind, Instant at) {
		if (module == null || module.isBlank() || kind == null || kind.isBlank()) {
			throw new IllegalArgumentException("module and kind are required");
		}
		String actor = CurrentUser.find().map(CurrentUser::getUsername).orElse("system");
		OffsetDateTime when = (at == null ? Instant.now() : at).atOffset(ZoneOffset.UTC);
		List<Object[]> rows = summaries.entrySet().stream()
			.map(e -> new Object[] {module.strip(), kind.strip(), truncate(e.getValue()), when, actor, e.getKey()})
			.toList();
		template.batchUpdate("""
				insert into person_timeline (school_id, person_id, module, kind, summary, occurred_at, actor)
				select school_id, id, ?, ?, ?, ?, ? from person where id = ?""", rows);
	}

	@ApplicationModuleListener
	void on(PersonEventOccurred event) {
		record(event.personId(), event.module(), event.kind(), event.summary(), event.at());
	}

	/** One page of a person's timeline, newest first, if the person is within the user's scope. */
	@Transactional(readOnly = true)
	public java.util.Optional<PageResult<Entry>> page(CurrentUser user, long personId, int page, int size) {
		if (people.find(user, personId).isEmpty()) {
			return java.util.Optional.empty();
		}
		int p = Math.max(0, page);
		int s = Math.max(1, Math.min(size, 100));
		int wanted = (p + 1) * s + 1;
		List<Entry> merged = new ArrayList<>(jdbc.sql("""
				select occurred_at, module, kind, summary, actor from person_timeline
				where person_id = ? and school_id = ? order by occurred_at desc, id desc limit ?""")
			.params(personId, user.schoolId(), wanted)
			.query((rs, i) -> new Entry(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5), null, null))
			.list());
		history.of(user.schoolId(), "person", personId, wanted).stream()
			.filter(e -> RECORD_CHANGES.contains(e.action()))
			.map(e -> new Entry(e.occurredAt(), DIRECTORY, "record" + e.action(), e.summary(), e.actor(), e.before(),
					e.after()))
			.forEach(merged::add);
		merged.sort(Comparator.comparing(Entry::at, Comparator.nullsLast(Comparator.reverseOrder())));
		int from = Math.min(p * s, merged.size());
		int to = Math.min(from + s, merged.size());
		boolean more = merged.size() > to;
		long total = (long) to + (more ? 1 : 0);
		return java.util.Optional.of(new PageResult<>(List.copyOf(merged.subList(from, to)), p, s, total, more));
	}

	private static String truncate(String s) {
		return s == null || s.length() <= 1000 ? s : s.substring(0, 999) + "…";
	}
}
