package org.bulwark.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.bulwark.directory.Registry;
import org.bulwark.shared.PageResult;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.UserAccounts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules call to tell people something: one message per recipient, delivered through
 * every channel the school has on (the in-app inbox always). The inbox entry is written in the
 * caller's transaction; email, SMS and robot deliveries are recorded as pending with it and sent by
 * the {@link Dispatcher} afterwards, so they go out only if the caller's work was committed.
 */
@Service
public class Notifications {

	public enum Channel {
		IN_APP, EMAIL, SMS, WEBHOOK
	}

	public enum Status {
		PENDING, SENT, FAILED
	}

	/**
	 * A person (by their directory record) or a user account without one. {@code email} overrides the
	 * address found for the person.
	 */
	public record Recipient(Long personId, Long userId, String email) {

		public static Recipient person(long personId) {
			return new Recipient(personId, null, null);
		}

		public static Recipient user(long userId, Long personId, String email) {
			return new Recipient(personId, userId, email);
		}
	}

	/**
	 * @param topic what kind of message (e.g. "reminder", "escalation"), for the inbox and the record
	 * @param reference the sender's own key of what the message is about (e.g. "reminder:42")
	 */
	public record Message(Recipient to, String topic, String reference, String subject, String body) {
	}

	public record Delivery(long id, Long personId, Long userId, Channel channel, String topic, String reference,
			Status status, String failure, Instant createdAt, Instant sentAt) {
	}

	public record InboxItem(long id, String topic, String subject, String body, Instant createdAt, boolean read) {
	}

	private final JdbcClient jdbc;
	private final JdbcTemplate batch;
	private final NotifySettings settings;
	private final Registry registry;
	private final UserAccounts accounts;

	Notifications(JdbcClient jdbc, JdbcTemplate batch, NotifySettings settings, Registry registry, UserAccounts accounts) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.settings = settings;
		this.registry = registry;
		this.accounts = accounts;
	}

	/** Sends the messages through the school's channels; returns the id of the batch. */
	@Transactional
	public String send(long schoolId, List<Message> messages, Instant now) {
		String batch = UUID.randomUUID().toString();
		if (messages.isEmpty()) {
			return batch;
		}
		NotifySettings.Settings s = settings.of(schoolId);
		List<Long> personIds = messages.stream().map(m -> m.to().personId()).filter(id -> id != null).distinct().toList();
		Map<Long, Registry.Contact> contacts = new HashMap<>();
		registry.contacts(schoolId, personIds).forEach(c -> contacts.put(c.personId(), c));
		Map<Long, String> accountEmails = s.emailEnabled() ? accounts.emailsOfPeople(schoolId, personIds) : Map.of();
		OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
		List<Object[]> inbox = new ArrayList<>();
		List<Object[]> deliveries = new ArrayList<>();
		for (Message m : messages) {
			Long personId = m.to().personId();
			Long userId = m.to().userId();
			if (personId != null && !contacts.containsKey(personId)) {
				continue;
			}
			Registry.Contact contact = personId == null ? null : contacts.get(personId);
			String subject = cut(m.subject(), 200);
			String body = cut(m.body(), 4000);
			inbox.add(new Object[] {schoolId, personId, userId, m.topic(), m.reference(), subject, body, at});
			deliveries.add(row(schoolId, batch, m, Channel.IN_APP, null, Status.SENT, null, at, at));
			if (s.emailEnabled()) {
				String email = firstNonBlank(m.to().email(), contact == null ? null : contact.email(),
						personId == null ? null : accountEmails.get(personId));
				deliveries.add(email == null ? row(schoolId, batch, m, Channel.EMAIL, null, Status.FAILED, "no email address", at, null)
						: row(schoolId, batch, m, Channel.EMAIL, email, Status.PENDING, null, at, null));
			}
			if (s.smsEnabled()) {
				String phone = contact == null ? null : blankToNull(contact.phone());
				deliveries.add(phone == null ? row(schoolId, batch, m, Channel.SMS, null, Status.FAILED, "no phone number", at, null)
						: row(schoolId, batch, m, Channel.SMS, phone, Status.PENDING, null, at, null));
			}
			if (s.webhookUrl() != null) {
				// the robot posts into a group chat and mentions the person by phone, where known
				deliveries.add(row(schoolId, batch, m, Channel.WEBHOOK, contact == null ? null : blankToNull(contact.phone()),
						Status.PENDING, null, at, null));
			}
		}
		batchUpdate("""
				insert into notification (school_id, recipient_person_id, recipient_user_id, topic, reference, subject, body,
				created_at) values (?, ?, ?, ?, ?, ?, ?, ?)""", inbox);
		batchUpdate("""
				insert into notification_delivery (school_id, batch_id, recipient_person_id, recipient_user_id, channel, topic,
				reference, address, subject, body, status, failure, created_at, sent_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", deliveries);
		return batch;
	}

	/** Every delivery of messages with these references, oldest first. */
	@Transactional(readOnly = true)
	public List<Delivery> deliveries(long schoolId, Collection<String> references) {
		if (references.isEmpty()) {
			return List.of();
		}
		List<Delivery> out = new ArrayList<>();
		List<String> all = List.copyOf(new java.util.LinkedHashSet<>(references));
		for (int i = 0; i < all.size(); i += 500) {
			List<String> chunk = all.subList(i, Math.min(all.size(), i + 500));
			List<Object> params = new ArrayList<>();
			params.add(schoolId);
			params.addAll(chunk);
			out.addAll(jdbc.sql(DELIVERY + " where school_id = ? and reference in ("
					+ String.join(",", Collections.nCopies(chunk.size(), "?")) + ") order by id").params(params)
				.query((rs, n) -> delivery(rs)).list());
		}
		return out;
	}

	/** The latest deliveries to a person, newest first. */
	@Transactional(readOnly = true)
	public List<Delivery> deliveriesTo(long schoolId, long personId, int limit) {
		return jdbc.sql(DELIVERY + " where school_id = ? and recipient_person_id = ? order by id desc limit ?")
			.params(schoolId, personId, limit).query((rs, n) -> delivery(rs)).list();
	}

	/** The signed-in user's inbox: messages to their person record or to their account. */
	@Transactional(readOnly = true)
	public PageResult<InboxItem> inbox(CurrentUser user, int page, int size) {
		int s = Math.max(1, Math.min(size, 100));
		int p = Math.max(0, page);
		Mine mine = mine(user);
		List<Object> params = new ArrayList<>(mine.params());
		params.add(s);
		params.add((long) p * s);
		List<InboxItem> items = jdbc.sql("select id, topic, subject, body, created_at, read_at from notification where "
				+ mine.sql() + " order by created_at desc, id desc limit ? offset ?").params(params)
			.query((rs, n) -> new InboxItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(6) != null))
			.list();
		long total = jdbc.sql("select count(*) from notification where " + mine.sql()).params(mine.params())
			.query(Long.class).single();
		return new PageResult<>(items, p, s, total, false);
	}

	/** How many messages the signed-in user has not opened. */
	@Transactional(readOnly = true)
	public long unread(CurrentUser user) {
		Mine mine = mine(user);
		return jdbc.sql("select count(*) from notification where read_at is null and " + mine.sql()).params(mine.params())
			.query(Long.class).single();
	}

	/** Marks one of the user's messages read; false when it is not theirs (or does not exist). */
	@Transactional
	public boolean markRead(CurrentUser user, long id, Instant now) {
		Mine mine = mine(user);
		List<Object> params = new ArrayList<>();
		params.add(now.atOffset(ZoneOffset.UTC));
		params.add(id);
		params.addAll(mine.params());
		int n = jdbc.sql("update notification set read_at = coalesce(read_at, ?) where id = ? and " + mine.sql())
			.params(params).update();
		return n > 0;
	}

	@Transactional
	public int markAllRead(CurrentUser user, Instant now) {
		Mine mine = mine(user);
		List<Object> params = new ArrayList<>();
		params.add(now.atOffset(ZoneOffset.UTC));
		params.addAll(mine.params());
		return jdbc.sql("update notification set read_at = ? where read_at is null and " + mine.sql()).params(params)
			.update();
	}

	Optional<InboxItem> find(CurrentUser user, long id) {
		Mine mine = mine(user);
		List<Object> params = new ArrayList<>();
		params.add(id);
		params.addAll(mine.params());
		return jdbc.sql("select id, topic, subject, body, created_at, read_at from notification where id = ? and "
				+ mine.sql()).params(params)
			.query((rs, n) -> new InboxItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getObject(6) != null))
			.optional();
	}

	private record Mine(String sql, List<Object> params) {
	}

	private static Mine mine(CurrentUser user) {
		List<Object> params = new ArrayList<>();
		params.add(user.schoolId());
		params.add(user.id());
		String sql = "school_id = ? and (recipient_user_id = ?";
		if (user.personId().isPresent()) {
			sql += " or (recipient_user_id is null and recipient_person_id = ?)";
			params.add(user.personId().get());
		}
		return new Mine(sql + ")", params);
	}

	private static final String DELIVERY = """
			select id, recipient_person_id, recipient_user_id, channel, topic, reference, status, failure, created_at, sent_at
			from notification_delivery""";

	private static Delivery delivery(java.sql.ResultSet rs) throws java.sql.SQLException {
		OffsetDateTime sent = rs.getObject(10, OffsetDateTime.class);
		return new Delivery(rs.getLong(1), (Long) rs.getObject(2, Long.class), (Long) rs.getObject(3, Long.class),
				Channel.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), Status.valueOf(rs.getString(7)),
				rs.getString(8), rs.getObject(9, OffsetDateTime.class).toInstant(), sent == null ? null : sent.toInstant());
	}

	private static Object[] row(long schoolId, String batch, Message m, Channel channel, String address, Status status,
			String failure, OffsetDateTime at, OffsetDateTime sentAt) {
		return new Object[] {schoolId, batch, m.to().personId(), m.to().userId(), channel.name(), m.topic(), m.reference(),
				address, cut(m.subject(), 200), cut(m.body(), 4000), status.name(), failure, at, sentAt};
	}

	private void batchUpdate(String sql, List<Object[]> rows) {
		for (int i = 0; i < rows.size(); i += 500) {
			batch.batchUpdate(sql, rows.subList(i, Math.min(rows.size(), i + 500)));
		}
	}

	private static String firstNonBlank(String... values) {
		for (String v : values) {
			if (v != null && !v.isBlank()) {
				return v.strip();
			}
		}
		return null;
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	private static String cut(String s, int max) {
		if (s == null) {
			return "";
		}
		return s.length() <= max ? s : s.substring(0, max - 1) + "…";
	}
}
