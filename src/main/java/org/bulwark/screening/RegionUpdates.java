package org.bulwark.screening;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bulwark.directory.imports.SpreadsheetReader;
import org.bulwark.screening.RegionUpdatePlan.Change;
import org.bulwark.screening.RegionUpdatePlan.Row;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.BulkWriter;
import org.bulwark.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Updates the regions from a file of code, name and parent code (headers in Chinese or English):
 * a preview of what each row would do, then applying the additions and renamings. Nothing is
 * deleted: a region that disappears from GB/T 2260 stays for the history of designations on it.
 */
@Service
class RegionUpdates {

	private static final Set<String> CODE = Set.of("code", "regioncode", "区划代码", "行政区划代码", "代码", "编码", "地区代码");
	private static final Set<String> NAME = Set.of("name", "regionname", "名称", "区划名称", "地区名称", "名字");
	private static final Set<String> PARENT = Set.of("parentcode", "parent", "上级代码", "上级区划代码", "父级代码", "上级编码");

	private final JdbcClient jdbc;
	private final BulkWriter writer;
	private final AuditLog audit;

	RegionUpdates(JdbcClient jdbc, BulkWriter writer, AuditLog audit) {
		this.jdbc = jdbc;
		this.writer = writer;
		this.audit = audit;
	}

	/** The file could not be read, or it lacks the code or name column. */
	static final class Unusable extends Exception {

		private final String reason;

		Unusable(String reason) {
			super(reason);
			this.reason = reason;
		}

		String reason() {
			return reason;
		}
	}

	/** The rows of a file, from its header row on. */
	static List<Row> read(byte[] content, String fileName) throws Unusable {
		SpreadsheetReader.Table table;
		try {
			table = SpreadsheetReader.read(content, fileName);
		} catch (SpreadsheetReader.Unreadable e) {
			throw new Unusable(e.reason());
		}
		List<List<String>> rows = table.rows();
		for (int h = 0; h < Math.min(rows.size(), 10); h++) {
			int code = -1;
			int name = -1;
			int parent = -1;
			List<String> header = rows.get(h);
			for (int i = 0; i < header.size(); i++) {
				String cell = header.get(i) == null ? "" : header.get(i).strip().replace("\uFEFF", "").replace(" ", "")
					.replace("_", "").toLowerCase(Locale.ROOT);
				if (code < 0 && CODE.contains(cell)) {
					code = i;
				}
				else if (name < 0 && NAME.contains(cell)) {
					name = i;
				}
				else if (parent < 0 && PARENT.contains(cell)) {
					parent = i;
				}
			}
			if (code >= 0 && name >= 0) {
				List<Row> result = new ArrayList<>();
				for (int r = h + 1; r < rows.size(); r++) {
					List<String> row = rows.get(r);
					if (row.stream().allMatch(c -> c == null || c.isBlank())) {
						continue;
					}
					result.add(new Row(r + 1, cell(row, code), cell(row, name), parent < 0 ? null : cell(row, parent)));
				}
				return result;
			}
		}
		throw new Unusable("columns");
	}

	private static String cell(List<String> row, int i) {
		return i < row.size() && row.get(i) != null ? row.get(i).strip() : "";
	}

	List<Change> preview(List<Row> rows) {
		Set<String> wanted = new HashSet<>();
		for (Row row : rows) {
			RegionCode.normalize(row.code()).ifPresent(c -> {
				wanted.add(c);
				RegionCode.parent(c).ifPresent(wanted::add);
			});
		}
		Map<String, String> existing = new HashMap<>();
		List<String> codes = new ArrayList<>(wanted);
		for (int from = 0; from < codes.size(); from += 1000) {
			jdbc.sql("select code, name from region where code in (:codes)")
				.param("codes", codes.subList(from, Math.min(codes.size(), from + 1000)))
				.query((rs, n) -> existing.put(rs.getString(1), rs.getString(2))).list();
		}
		return RegionUpdatePlan.plan(rows, existing);
	}

	/** Applies the additions and renamings of the rows, planned again against the database as it is now. */
	@Transactional
	List<Change> apply(CurrentUser user, List<Row> rows, String fileName) {
		List<Change> changes = preview(rows);
		List<Change> applied = changes.stream().filter(c -> c.outcome().applies()).toList();
		Map<String, String> fullNames = new HashMap<>();
		List<Object[]> inserts = new ArrayList<>();
		List<Change> sorted = new ArrayList<>(applied);
		sorted.sort(java.util.Comparator.comparingInt(c -> RegionCode.level(c.code())));
		for (Change c : sorted) {
			if (c.outcome() == RegionUpdatePlan.Outcome.ADDED) {
				String parent = RegionCode.parent(c.code()).orElse(null);
				String parentFull = parent == null ? null : fullNames.computeIfAbsent(parent, this::fullName);
				String full = RegionLoading.fullName(parentFull, c.name());
				fullNames.put(c.code(), full);
				inserts.add(new Object[] {c.code(), c.name(), RegionCode.level(c.code()), parent, full});
			}
		}
		writer.insert("region", List.of("code", "name", "level", "parent_code", "full_name"), inserts);
		List<Change> renamed = sorted.stream().filter(c -> c.outcome() == RegionUpdatePlan.Outcome.RENAMED).toList();
		for (Change c : renamed) {
			jdbc.sql("update region set name = ? where code = ?").params(c.name(), c.code()).update();
		}
		for (Change c : renamed) {
			refreshFullNames(c.code());
		}
		jdbc.sql("insert into region_dataset (source, version, row_count, loaded_by) values (?, ?, ?, ?)")
			.params("file " + (fileName == null ? "" : fileName), "update", applied.size(), user.id()).update();
		audit.recordAll(AuditAction.IMPORT, "region", applied.stream()
			.map(c -> new AuditLog.Item(c.code(), c.outcome() + " " + c.code() + " " + c.name(), c.oldName(), c.name()))
			.toList());
		return changes;
	}

	private String fullName(String code) {
		return jdbc.sql("select full_name from region where code = ?").param(code).query(String.class).optional()
			.orElse(null);
	}

	/** Full names of a renamed region and everything under it, from the top down. */
	private void refreshFullNames(String code) {
		String parent = RegionCode.parent(code).orElse(null);
		Map<String, String> full = new HashMap<>();
		if (parent != null) {
			full.put(parent, fullName(parent));
		}
		List<Object[]> updates = new ArrayList<>();
		jdbc.sql("select code, name, parent_code from region where code like ? order by level").param(code + "%")
			.query((rs, n) -> {
				String c = rs.getString(1);
				String f = RegionLoading.fullName(full.get(rs.getString(3)), rs.getString(2));
				full.put(c, f);
				updates.add(new Object[] {f, c});
				return c;
			}).list();
		for (Object[] u : updates) {
			jdbc.sql("update region set full_name = ? where code = ?").params(u).update();
		}
	}
}
