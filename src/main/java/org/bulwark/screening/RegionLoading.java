package org.bulwark.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.bulwark.system.BulkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the regions shipped with Bulwark when the region table is empty. On PostgreSQL the table is
 * locked inside the loading transaction, so when several nodes start together one loads and the
 * others wait, then find the table full and skip.
 */
@Component
@Order(5)
class RegionLoading implements ApplicationRunner {

	static final String SOURCE = "china-division (github.com/modood/Administrative-divisions-of-China)";
	static final String VERSION = "2.7.0";

	/** Names of the grouping levels that say nothing in a full name (北京市 市辖区 东城区). */
	private static final Set<String> GROUPING = Set.of("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划");

	private static final Logger log = LoggerFactory.getLogger(RegionLoading.class);

	private static final String[] FILES = {"provinces", "cities", "areas", "streets"};

	private final JdbcTemplate jdbc;
	private final BulkWriter writer;
	private final TransactionTemplate transactions;

	RegionLoading(JdbcTemplate jdbc, BulkWriter writer, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.writer = writer;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		transactions.executeWithoutResult(status -> loadIfEmpty());
	}

	void loadIfEmpty() {
		long started = System.nanoTime();
		if (isPostgres()) {
			jdbc.execute("lock table region in exclusive mode");
		}
		if (jdbc.queryForObject("select count(*) from region", Long.class) > 0) {
			return;
		}
		List<Object[]> rows = read();
		writer.insert("region", List.of("code", "name", "level", "parent_code", "full_name"), rows);
		jdbc.update("insert into region_dataset (source, version, row_count) values (?, ?, ?)", SOURCE, VERSION,
				rows.size());
		log.info("Loaded {} regions ({} {}) in {} ms", rows.size(), SOURCE, VERSION,
				(System.nanoTime() - started) / 1_000_000);
	}

	/** Rows of code, name, level, parent code and full name, parents before children. */
	static List<Object[]> read() {
		Map<String, String> fullNames = new HashMap<>(64_000);
		List<Object[]> rows = new ArrayList<>(45_000);
		for (String file : FILES) {
			var resource = new ClassPathResource("screening/regions/" + file + ".csv.gz");
			try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(resource.getInputStream()),
					StandardCharsets.UTF_8))) {
				in.readLine();
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					if (line.isBlank()) {
						continue;
					}
					int comma = line.indexOf(',');
					String code = line.substring(0, comma);
					int next = line.indexOf(',', comma + 1);
					String name = unquote(line.substring(comma + 1, next < 0 ? line.length() : next));
					String parent = RegionCode.parent(code).orElse(null);
					String fullName = fullName(parent == null ? null : fullNames.get(parent), name);
					fullNames.put(code, fullName);
					rows.add(new Object[] {code, name, RegionCode.level(code), parent, fullName});
				}
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return rows;
	}

	static String fullName(String parentFullName, String name) {
		if (GROUPING.contains(name)) {
			return parentFullName == null ? name : parentFullName;
		}
		return parentFullName == null ? name : parentFullName + name;
	}

	private static String unquote(String value) {
		String v = value.strip();
		return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1).replace("\"\"", "\"") : v;
	}

	private boolean isPostgres() {
		return Boolean.TRUE.equals(jdbc.execute((Connection c) -> c.getMetaData().getDatabaseProductName()
			.toLowerCase(Locale.ROOT).contains("postgres")));
	}
}
