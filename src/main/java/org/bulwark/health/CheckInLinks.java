package org.bulwark.health;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.PersonSummary;
import org.bulwark.directory.PersonTimeline;
import org.bulwark.directory.Registry;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.Permission;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Personal check-in links for people without an account: issued one by one or for a whole unit,
 * place or grid by a manager within their data scope, revoked, re-issued (which revokes the earlier
 * one), optionally expiring. The secret exists only in the answer to the issue; the table keeps its
 * hash.
 */
@Service
class CheckInLinks {

	/** The most links one sheet issues: a large college is issued unit by unit. */
	static final int MAX_GROUP = 2000;
	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final Registry registry;
	private final AuditLog audit;
	private final PersonTimeline timeline;
	private final TransactionTemplate tx;

	CheckInLinks(JdbcClient jdbc, JdbcTemplate template, Registry registry, AuditLog audit, PersonTimeline timeline,
			TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.template = template;
		this.registry = registry;
		this.audit = audit;
		this.timeline = timeline;
		this.tx = tx;
	}

	/** A link just issued, with its secret: shown or printed once. */
	record Issued(long linkId, long personId, String personCode, String personName, String orgUnitName,
			String residenceName, String token, Instant expiresAt) {
	}

	enum Status {
		ACTIVE, EXPIRED, REVOKED
	}

	record LinkRow(long id, long personId, String personCode, String personName, String orgUnitName, Instant createdAt,
			String createdBy, Instant expiresAt, Instant revokedAt, Instant lastUsedAt, Status status) {
	}

	/** @param status none for every link */
	record Filter(String q, Status status) {
	}

	/** Who a presented token checks in for. */
	record Holder(long linkId, long schoolId, long personId) {
	}

	sealed interface Outcome {
	}

	record IssuedAll(String groupName, List<Issued> links, boolean truncated) implements Outcome {
	}

	record Rejected(List<FieldProblem> problems) implements Outcome {
	}

	/** The person or group does not exist or is outside the caller's scope: the same answer for both. */
	record NotFound() implements Outcome {
	}

	Outcome issue(CurrentUser user, long personId, Instant expiresAt, Instant now) {
		if (!user.can(Permission.CHECK_IN_LINKS_MANAGE)) {
			return new NotFound();
		}
		Optional<PersonSummary> person = registry.summary(user, personId).filter(PersonSummary::active);
		if (person.isEmpty()) {
			return new NotFound();
		}
		Optional<FieldProblem> problem = LinkTokens.expiryProblem(expiresAt, now);
		if (problem.isPresent()) {
			return new Rejected(List.of(problem.get()));
		}
		return new IssuedAll(person.get().name(), issue(user, List.of(person.get()), expiresAt, now), false);
	}

	/** Links for every active person of an org unit, place or grid (by its code) within the user's scope. */
	Outcome issueGroup(CurrentUser user, Registry.GroupKind kind, String code, Instant expiresAt, Instant now) {
		if (!user.can(Permission.CHECK_IN_LINKS_MANAGE)) {
			return new NotFound();
		}
		List<FieldProblem> problems = new ArrayList<>();
		if (kind == null) {
			problems.add(FieldProblem.of("kind", "links.group.kind"));
		}
		if (code == null || code.isBlank()) {
			problems.add(FieldProblem.of("code", "links.group.code"));
		}
		LinkTokens.expiryProblem(expiresAt, now).ifPresent(problems::add);
		if (!problems.isEmpty()) {
			return new Rejected(problems);
		}
		Optional<Registry.Group> group = registry.group(user, kind, code, MAX_GROUP);
		if (group.isEmpty()) {
			return new NotFound();
		}
		if (group.get().people().isEmpty()) {
			return new Rejected(List.of(FieldProblem.of("code", "links.group.empty", group.get().name())));
		}
		return new IssuedAll(group.get().name(), issue(user, group.get().people(), expiresAt, now),
				group.get().truncated());
	}

	private List<Issued> issue(CurrentUser user, List<PersonSummary> people, Instant expiresAt, Instant now) {
		long schoolId = user.schoolId();
		OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
		OffsetDateTime expires = expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC);
		List<Long> ids = people.stream().map(PersonSummary::id).toList();
		List<Issued> issued = tx.execute(status -> {
			List<Issued> out = new ArrayList<>();
			for (List<Long> chunk : chunks(ids, 500)) {
				String in = marks(chunk.size());
				List<Object> params = new ArrayList<>(chunk);
				// re-issuing for the same people at once is serialised on their rows: one link in force each
				jdbc.sql("select id from person where id in (" + in + ") order by id for update").params(params)
					.query(Long.class).list();
				List<Object> revoke = new ArrayList<>(List.of(at, user.id(), schoolId));
				revoke.addAll(chunk);
				jdbc.sql("update check_in_link set revoked_at = ?, revoked_by = ? where school_id = ? and revoked_at is null"
						+ " and person_id in (" + in + ")").params(revoke).update();
			}
			List<Object[]> rows = new ArrayList<>();
			List<String> tokens = new ArrayList<>();
			for (PersonSummary p : people) {
				String token = LinkTokens.generate(RANDOM);
				tokens.add(token);
				rows.add(new Object[] {schoolId, p.id(), LinkTokens.hash(token), at, user.id(), expires});
			}
			template.batchUpdate("""
					insert into check_in_link (school_id, person_id, token_hash, created_at, created_by, expires_at)
					values (?, ?, ?, ?, ?, ?)""", rows);
			Map<String, Long> idsByHash = new HashMap<>();
			for (List<Object[]> chunk : chunks(rows, 500)) {
				List<Object> hashes = chunk.stream().map(r -> r[2]).toList();
				jdbc.sql("select token_hash, id from check_in_link where token_hash in (" + marks(hashes.size()) + ")")
					.params(hashes).query((rs, n) -> idsByHash.put(rs.getString(1), rs.getLong(2))).list();
			}
			for (int i = 0; i < people.size(); i++) {
				PersonSummary p = people.get(i);
				long linkId = idsByHash.get((String) rows.get(i)[2]);
				out.add(new Issued(linkId, p.id(), p.code(), p.name(), p.orgUnitName(), p.residenceName(), tokens.get(i),
						expiresAt));
				timeline.record(p.id(), "health", "checkInLinkIssued", expiresAt == null ? "" : "→ " + expires.toLocalDate(),
						now);
			}
			audit.recordAll(AuditAction.CREATE, "check_in_link", out.stream()
				.map(l -> new AuditLog.Item(l.linkId(), "issued check-in link for person " + l.personId()
						+ (expiresAt == null ? "" : ", expires " + expires), null, null))
				.toList());
			return out;
		});
		return issued;
	}

	/** Revokes a link in force; false when it is unknown, outside the scope or no longer in force. */
	boolean revoke(CurrentUser user, long linkId, Instant now) {
		if (!user.can(Permission.CHECK_IN_LINKS_MANAGE)) {
			return false;
		}
		Optional<Long> person = jdbc.sql("select person_id from check_in_link where id = ? and school_id = ?")
			.params(linkId, user.schoolId()).query(Long.class).optional().filter(id -> registry.inScope(user, id));
		if (person.isEmpty()) {
			return false;
		}
		Boolean done = tx.execute(status -> {
			int n = jdbc.sql("update check_in_link set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
				.params(now.atOffset(ZoneOffset.UTC), user.id(), linkId).update();
			if (n > 0) {
				audit.record(AuditAction.DELETE, "check_in_link", linkId, "revoked check-in link of person " + person.get());
				timeline.record(person.get(), "health", "checkInLinkRevoked", "", now);
			}
			return n > 0;
		});
		return Boolean.TRUE.equals(done);
	}

	/** Revokes the person's link in force, if any. */
	boolean revokeFor(CurrentUser user, long personId, Instant now) {
		return jdbc.sql("select id from check_in_link where school_id = ? and person_id = ? and revoked_at is null")
			.params(user.schoolId(), personId).query(Long.class).list().stream()
			.map(id -> revoke(user, id, now)).reduce(false, Boolean::logicalOr);
	}

	PageResult<LinkRow> search(CurrentUser user, Filter filter, PageQuery page, Instant now) {
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, params, now);
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size() + 1);
		pageParams.add(page.offset());
		String order = switch (page.sort() == null ? "" : page.sort()) {
			case "name" -> "p.name";
			case "code" -> "p.code";
			case "expires" -> "l.expires_at";
			case "used" -> "l.last_used_at";
			default -> "l.created_at";
		};
		boolean descending = page.sort() == null || page.sort().isEmpty() || page.descending();
		List<LinkRow> rows = jdbc.sql(SELECT + " where " + where + " order by " + order + (descending ? " desc" : "")
				+ ", l.id desc limit ? offset ?").params(pageParams).query((rs, i) -> row(rs, now)).list();
		long total;
		boolean capped = false;
		if (page.page() == 0 && rows.size() <= page.size()) {
			total = rows.size();
		}
		else {
			List<Object> countParams = new ArrayList<>(params);
			countParams.add(PageResult.COUNT_CAP + 1);
			total = jdbc.sql("select count(*) from (select 1 from check_in_link l join person p on p.id = l.person_id where "
					+ where + " limit ?) t").params(countParams).query(Long.class).single();
			if (total > PageResult.COUNT_CAP) {
				total = PageResult.COUNT_CAP;
				capped = true;
			}
		}
		return new PageResult<>(rows.size() > page.size() ? rows.subList(0, page.size()) : rows, page.page(), page.size(),
				total, capped);
	}

	/** Every matching link, newest first, for the export. */
	void stream(CurrentUser user, Filter filter, Instant now, Consumer<LinkRow> sink) {
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, params, now);
		template.query(con -> {
			var ps = con.prepareStatement(SELECT + " where " + where + " order by l.created_at desc, l.id desc");
			ps.setFetchSize(1000);
			for (int i = 0; i < params.size(); i++) {
				ps.setObject(i + 1, params.get(i));
			}
			return ps;
		}, rs -> {
			sink.accept(row(rs, now));
		});
	}

	/**
	 * Who a presented token checks in for, if it is a link in force; unknown, revoked and expired
	 * tokens are all simply absent, so a caller cannot tell them apart.
	 */
	Optional<Holder> open(String token, Instant now) {
		if (!LinkTokens.wellFormed(token)) {
			return Optional.empty();
		}
		OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
		Optional<Holder> holder = jdbc.sql("""
				select l.id, l.school_id, l.person_id from check_in_link l join person p on p.id = l.person_id
				where l.token_hash = ? and l.revoked_at is null and (l.expires_at is null or l.expires_at > ?) and p.active = true""")
			.params(LinkTokens.hash(token), at)
			.query((rs, i) -> new Holder(rs.getLong(1), rs.getLong(2), rs.getLong(3))).optional();
		holder.ifPresent(h -> jdbc.sql("update check_in_link set last_used_at = ? where id = ?").params(at, h.linkId()).update());
		return holder;
	}

	private static final String SELECT = """
			select l.id, l.person_id, p.code, p.name, o.name, l.created_at, u.username, l.expires_at, l.revoked_at,
			       l.last_used_at
			from check_in_link l join person p on p.id = l.person_id left join org_unit o on o.id = p.org_unit_id
			left join app_user u on u.id = l.created_by""";

	private String where(CurrentUser user, Filter filter, List<Object> params, Instant now) {
		StringBuilder where = new StringBuilder("l.school_id = ?");
		params.add(user.schoolId());
		where.append(" and ").append(registry.personScope(user, params));
		String q = filter.q() == null ? "" : filter.q().strip().replace("\\", "").replace("%", "").replace("_", "");
		if (!q.isEmpty()) {
			where.append(" and (p.name like ? or p.code like ?)");
			params.add(q + "%");
			params.add(q + "%");
		}
		if (filter.status() != null) {
			OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
			switch (filter.status()) {
				case ACTIVE -> {
					where.append(" and l.revoked_at is null and (l.expires_at is null or l.expires_at > ?)");
					params.add(at);
				}
				case EXPIRED -> {
					where.append(" and l.revoked_at is null and l.expires_at <= ?");
					params.add(at);
				}
				case REVOKED -> where.append(" and l.revoked_at is not null");
			}
		}
		return where.toString();
	}

	private static LinkRow row(java.sql.ResultSet rs, Instant now) throws java.sql.SQLException {
		Instant expires = instant(rs.getObject(8, OffsetDateTime.class));
		Instant revoked = instant(rs.getObject(9, OffsetDateTime.class));
		Status status = revoked != null ? Status.REVOKED : LinkTokens.usable(null, expires, now) ? Status.ACTIVE
				: Status.EXPIRED;
		return new LinkRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
				instant(rs.getObject(6, OffsetDateTime.class)), rs.getString(7), expires, revoked,
				instant(rs.getObject(10, OffsetDateTime.class)), status);
	}

	private static Instant instant(OffsetDateTime t) {
		return t == null ? null : t.toInstant();
	}

	private static String marks(int n) {
		return String.join(",", Collections.nCopies(n, "?"));
	}

	private static <T> List<List<T>> chunks(List<T> all, int size) {
		List<List<T>> out = new ArrayList<>();
		for (int i = 0; i < all.size(); i += size) {
			out.add(all.subList(i, Math.min(all.size(), i + size)));
		}
		return out;
	}
}
