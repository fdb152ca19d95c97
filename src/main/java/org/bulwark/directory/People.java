package org.bulwark.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.bulwark.shared.IdNumber;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.shared.PhoneNumber;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Everyone on campus, always read through the user's data scope. */
@Repository
class People {

	private static final Pattern DIGITS = Pattern.compile("\\d+");
	private static final Map<String, String> SORTS = Map.of("name", "p.name", "code", "p.code", "population",
			"p.population", "birthDate", "p.birth_date");
	static final String COLUMNS = """
			p.id, p.code, p.name, p.population, p.gender, p.birth_date, p.id_type, p.id_number, p.phone, p.nationality,
			p.org_unit_id, o.name as org_unit_name, p.residence_place_id,
			case when bd.id is null then pl.name else concat(bd.name, ' ', pl.name) end as residence_name, p.active""";
	/** A room's label carries its building: "1号学生公寓 101", found through the floor. */
	static final String FROM = """
			from person p left join org_unit o on o.id = p.org_unit_id left join place pl on pl.id = p.residence_place_id
			left join place fl on fl.id = pl.parent_id and pl.kind = 'ROOM' and fl.kind = 'FLOOR'
			left join place bd on bd.id = fl.parent_id""";

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final ScopeFilter scopes;

	People(JdbcClient jdbc, JdbcTemplate template, ScopeFilter scopes) {
		this.jdbc = jdbc;
		this.template = template;
		this.scopes = scopes;
	}

	PageResult<PersonSummary> search(CurrentUser user, PersonFilter filter, PageQuery page) {
		return search(user, filter, page, null);
	}

	/** A further condition on the person row {@code p}, e.g. "people this user answers for". */
	record Restriction(String sql, List<Object> params) {
	}

	PageResult<PersonSummary> search(CurrentUser user, PersonFilter filter, PageQuery page, Restriction restriction) {
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, params, restriction);
		String order = SORTS.getOrDefault(page.sort(), "p.name") + (page.descending() ? " desc" : "") + ", p.id";
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<PersonSummary> items = jdbc.sql("select " + COLUMNS + " " + FROM + " where " + where + " order by " + order
				+ " limit ? offset ?").params(pageParams).query(People::summary).list();
		long total;
		boolean capped = false;
		if (page.page() == 0 && items.size() < page.size()) {
			total = items.size();
		} else {
			List<Object> countParams = new ArrayList<>(params);
			countParams.add(PageResult.COUNT_CAP + 1);
			total = jdbc.sql("select count(*) from (select 1 from person p where " + where + " limit ?) t")
				.params(countParams).query(Long.class).single();
			if (total > PageResult.COUNT_CAP) {
				total = PageResult.COUNT_CAP;
				capped = true;
			}
		}
		return new PageResult<>(items, page.page(), page.size(), total, capped);
	}

	/** Streams every matching person in name order, for exports that must not hold the list in memory. */
	void stream(CurrentUser user, PersonFilter filter, Consumer<PersonSummary> sink) {
		stream(user, filter, null, sink);
	}

	void stream(CurrentUser user, PersonFilter filter, Restriction restriction, Consumer<PersonSummary> sink) {
		List<Object> params = new ArrayList<>();
		String where = where(user, filter, params, restriction);
		template.query(con -> {
			var ps = con.prepareStatement("select " + COLUMNS + " " + FROM + " where " + where + " order by p.name, p.id",
					ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
			ps.setFetchSize(1000);
			for (int i = 0; i < params.size(); i++) {
				ps.setObject(i + 1, params.get(i));
			}
			return ps;
		}, rs -> {
			sink.accept(summary(rs, 0));
		});
	}

	Optional<PersonSummary> find(CurrentUser user, long id) {
		List<Object> params = new ArrayList<>();
		params.add(id);
		params.add(user.schoolId());
		String scope = scopes.personPredicate(scopes.roots(user), params);
		return jdbc.sql("select " + COLUMNS + " " + FROM + " where p.id = ? and p.school_id = ? and " + scope)
			.params(params).query(People::summary).optional();
	}

	/** Only for a person's own record: the caller has established who is asking. */
	Optional<PersonSummary> findUnscoped(long id) {
		return jdbc.sql("select " + COLUMNS + " " + FROM + " where p.id = ?").param(id).query(People::summary).optional();
	}

	private String where(CurrentUser user, PersonFilter filter, List<Object> params, Restriction restriction) {
		StringBuilder where = new StringBuilder("p.school_id = ?");
		params.add(user.schoolId());
		where.append(" and ").append(scopes.personPredicate(scopes.roots(user), params));
		if (restriction != null) {
			where.append(" and ").append(restriction.sql());
			params.addAll(restriction.params());
		}
		String q = filter.q() == null ? "" : filter.q().strip();
		if (!q.isEmpty()) {
			Optional<IdNumber> id = IdNumber.parse(q);
			String phone = PhoneNumber.normalize(q);
			if (id.isPresent()) {
				where.append(" and p.id_number = ?");
				params.add(id.get().value());
			} else if (phone.length() == 11 && DIGITS.matcher(q.replaceAll("[\\s+-]", "")).matches()) {
				where.append(" and (p.phone = ? or p.code = ?)");
				params.add(phone);
				params.add(q);
			} else if (DIGITS.matcher(q).matches()) {
				where.append(" and p.code like ?");
				params.add(q + "%");
			} else if (q.length() >= 6 && q.matches("[A-Za-z0-9]+") && !q.matches("[A-Za-z]+")) {
				where.append(" and p.id_number = ?");
				params.add(q.toUpperCase());
			} else {
				where.append(" and p.name like ?");
				params.add(q.replace("\\", "").replace("%", "").replace("_", "") + "%");
			}
		}
		if (filter.population() != null) {
			where.append(" and p.population = ?");
			params.add(filter.population().name());
		}
		if (filter.orgUnitId() != null) {
			where.append(" and p.org_unit_id in (select fo.id from org_unit fo where fo.path like"
					+ " (select concat(x.path, '%') from org_unit x where x.id = ?))");
			params.add(filter.orgUnitId());
		}
		if (filter.placeId() != null) {
			where.append(" and p.residence_place_id in (select fp.id from place fp where fp.path like"
					+ " (select concat(y.path, '%') from place y where y.id = ?))");
			params.add(filter.placeId());
		}
		if (filter.active() != null) {
			where.append(" and p.active = ?");
			params.add(filter.active());
		}
		if (filter.flag() != null) {
			switch (filter.flag()) {
				case "livingAlone" -> where.append(" and p.living_alone = true");
				case "bedridden" -> where.append(" and p.bedridden = true");
				case "noSmartphone" -> where.append(" and p.no_smartphone = true");
				case "abroad" -> where.append(" and p.abroad = true");
				default -> {
				}
			}
		}
		return where.toString();
	}

	static PersonSummary summary(ResultSet rs, int row) throws SQLException {
		return new PersonSummary(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
				Population.valueOf(rs.getString("population")), rs.getString("gender"),
				rs.getObject("birth_date", LocalDate.class), IdType.valueOf(rs.getString("id_type")),
				rs.getString("id_number"), rs.getString("phone"), rs.getString("nationality"),
				(Long) rs.getObject("org_unit_id", Long.class), rs.getString("org_unit_name"),
				(Long) rs.getObject("residence_place_id", Long.class), rs.getString("residence_name"),
				rs.getBoolean("active"));
	}
}
