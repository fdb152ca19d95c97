package org.bulwark.screening;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The regions of China: search, the tree, a region's ancestors. National data, the same for every school. */
@Service
public class Regions {

	static final String COLUMNS = "r.code, r.name, r.level, r.parent_code, r.full_name";

	private final JdbcClient jdbc;

	Regions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Regions whose name or full name contains q or whose code starts with it, within the children of
	 * parent when given; without either, the provinces.
	 */
	public PageResult<Region> search(String q, String parent, PageQuery page) {
		List<Object> params = new ArrayList<>();
		StringBuilder where = new StringBuilder("1 = 1");
		String query = q == null ? "" : q.strip().replace("%", "").replace("_", "");
		String parentCode = parent == null || parent.isBlank() ? null : parent.strip();
		if (!query.isEmpty()) {
			where.append(" and (r.name like ? or r.full_name like ? or r.code like ?)");
			params.add("%" + query + "%");
			params.add("%" + query + "%");
			params.add(RegionCode.normalize(query).orElse(query) + "%");
		}
		if (parentCode != null) {
			where.append(" and r.parent_code = ?");
			params.add(parentCode);
		}
		else if (query.isEmpty()) {
			where.append(" and r.level = 1");
		}
		String order = ("name".equals(page.sort()) ? "r.name" : "r.level, r.code") + (page.descending() ? " desc" : "")
				+ ", r.code";
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(page.size());
		pageParams.add(page.offset());
		List<Region> items = jdbc.sql("select " + COLUMNS + " from region r where " + where + " order by " + order
				+ " limit ? offset ?").params(pageParams).query(Regions::region).list();
		List<Object> countParams = new ArrayList<>(params);
		countParams.add(PageResult.COUNT_CAP + 1);
		long total = jdbc.sql("select count(*) from (select 1 from region r where " + where + " limit ?) c")
			.params(countParams).query(Long.class).single();
		return new PageResult<>(items, page.page(), page.size(), Math.min(total, PageResult.COUNT_CAP),
				total > PageResult.COUNT_CAP);
	}

	public Optional<Region> find(String code) {
		if (code == null) {
			return Optional.empty();
		}
		return jdbc.sql("select " + COLUMNS + " from region r where r.code = ?").param(code.strip())
			.query(Regions::region).optional();
	}

	/** The regions above this one, from the province down. */
	public List<Region> ancestors(String code) {
		List<String> codes = RegionCode.ancestors(code);
		if (codes.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from region r where r.code in (:codes) order by r.level")
			.param("codes", codes).query(Regions::region).list();
	}

	/** The region with this full name (北京市东城区) or, when only one region bears it, this name. */
	public Optional<Region> findByName(String name) {
		if (name == null || name.isBlank()) {
			return Optional.empty();
		}
		String n = name.strip();
		List<Region> byFull = jdbc.sql("select " + COLUMNS + " from region r where r.full_name = ? order by r.level limit 2")
			.param(n).query(Regions::region).list();
		if (byFull.size() == 1) {
			return Optional.of(byFull.get(0));
		}
		List<Region> byName = jdbc.sql("select " + COLUMNS + " from region r where r.name = ? limit 2").param(n)
			.query(Regions::region).list();
		return byName.size() == 1 ? Optional.of(byName.get(0)) : Optional.empty();
	}

	public long count(int level) {
		return jdbc.sql("select count(*) from region where level = ?").param(level).query(Long.class).single();
	}

	static Region region(ResultSet rs, int row) throws SQLException {
		return new Region(rs.getString("code"), rs.getString("name"), rs.getInt("level"), rs.getString("parent_code"),
				rs.getString("full_name"));
	}
}
