import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bulwark's benchmark driver, run by bench/run.sh against a started instance:
 * {@code java bench/Bench.java --base URL --size N --scenarios people-list --token T --out DIR}.
 * Latency is measured at the client (the whole response, over loopback); the server's own time
 * until the first byte comes from the Server-Timing header.
 */
public class Bench {

	static final String PASSWORD = "Demo@2026";
	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
	static final Pattern SERVER_TIMING = Pattern.compile("app;dur=([0-9.]+)");

	final String base;
	final String token;
	final Random random = new Random(7);

	Bench(String base, String token) {
		this.base = base;
		this.token = token;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> opts = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		Bench bench = new Bench(opts.getOrDefault("base", "http://localhost:18080"), opts.get("token"));
		int size = Integer.parseInt(opts.getOrDefault("size", "0"));
		Path out = Path.of(opts.getOrDefault("out", "bench/results"));
		Files.createDirectories(out);
		for (String scenario : opts.getOrDefault("scenarios", "people-list").split(",")) {
			switch (scenario) {
				case "people-list" -> bench.peopleList(size, out);
				default -> throw new IllegalArgumentException("unknown scenario " + scenario);
			}
		}
	}

	record Sample(String kind, double clientMs, double serverMs) {
	}

	/** People list and search as users run them: pages, surname and full-name search, exact IDs, filters, the API. */
	void peopleList(int size, Path out) throws Exception {
		HttpClient admin = signIn("admin");
		HttpClient counselor = signIn("counselor");
		HttpClient api = HttpClient.newHttpClient();
		String json = get(api, "/api/v1/people?size=200&sort=code", true).body();
		List<String> names = match(json, "\"name\":\"([^\"]+)\"");
		List<String> ids = match(json, "\"id\":(\\d+)");
		List<String> idNumbers = new ArrayList<>();
		for (String id : ids.subList(0, Math.min(40, ids.size()))) {
			idNumbers.addAll(match(get(api, "/api/v1/people/" + id + "?reveal=true", true).body(), "\"idNumber\":\"([^\"]+)\""));
		}
		String[] surnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
		String[] populations = {"RETIREE", "INTERNATIONAL_STUDENT", "POSTGRADUATE", "STAFF"};
		Map<String, Supplier<String>> kinds = new LinkedHashMap<>();
		kinds.put("list page", () -> "/people?page=" + random.nextInt(50));
		kinds.put("surname", () -> "/people?q=" + enc(surnames[random.nextInt(surnames.length)]));
		kinds.put("full name", () -> "/people?q=" + enc(names.get(random.nextInt(names.size()))));
		kinds.put("exact ID", () -> "/people?q=" + idNumbers.get(random.nextInt(idNumbers.size())));
		kinds.put("sorted by number", () -> "/people?sort=code&dir=desc&page=" + random.nextInt(10));
		kinds.put("population filter", () -> "/people?population=" + populations[random.nextInt(populations.length)]);
		kinds.put("counselor list", () -> "/people?page=" + random.nextInt(3));
		kinds.put("api search", () -> "/api/v1/people?q=" + enc(surnames[random.nextInt(surnames.length)]));

		int warmup = 20;
		int samples = 150;
		List<Sample> all = new ArrayList<>();
		for (var kind : kinds.entrySet()) {
			HttpClient client = kind.getKey().startsWith("counselor") ? counselor : kind.getKey().startsWith("api") ? api : admin;
			boolean bearer = kind.getKey().startsWith("api");
			for (int i = 0; i < warmup + samples; i++) {
				long start = System.nanoTime();
				HttpResponse<String> response = get(client, kind.getValue().get(), bearer);
				double clientMs = (System.nanoTime() - start) / 1e6;
				if (response.statusCode() != 200) {
					throw new IllegalStateException(kind.getKey() + ": HTTP " + response.statusCode() + " " + response.uri());
				}
				double serverMs = response.headers().firstValue("Server-Timing").map(SERVER_TIMING::matcher)
					.filter(Matcher::find).map(m -> Double.parseDouble(m.group(1))).orElse(Double.NaN);
				if (i >= warmup) {
					all.add(new Sample(kind.getKey(), clientMs, serverMs));
				}
			}
		}
		double limit = 100.0;
		System.out.printf(Locale.ROOT, "%n people-list at %,d people (ms; client = whole response over loopback, server = until first byte)%n", size);
		System.out.printf(Locale.ROOT, " %-18s %8s %8s %8s %8s %8s%n", "request", "p50", "p95", "p99", "srv p95", "n");
		for (String kind : kinds.keySet()) {
			double[] c = all.stream().filter(s -> s.kind().equals(kind)).mapToDouble(Sample::clientMs).sorted().toArray();
			double[] s = all.stream().filter(x -> x.kind().equals(kind)).mapToDouble(Sample::serverMs).sorted().toArray();
			System.out.printf(Locale.ROOT, " %-18s %8.1f %8.1f %8.1f %8.1f %8d%n", kind, pct(c, 50), pct(c, 95), pct(c, 99),
					pct(s, 95), c.length);
		}
		double[] c = all.stream().mapToDouble(Sample::clientMs).sorted().toArray();
		double[] s = all.stream().mapToDouble(Sample::serverMs).sorted().toArray();
		System.out.printf(Locale.ROOT, " %-18s %8.1f %8.1f %8.1f %8.1f %8d   limit p95 < %.0f ms -> ratio %.2f%n", "ALL",
				pct(c, 50), pct(c, 95), pct(c, 99), pct(s, 95), c.length, limit, pct(c, 95) / limit);
		StringBuilder perKind = new StringBuilder();
		for (String kind : kinds.keySet()) {
			double[] k = all.stream().filter(x -> x.kind().equals(kind)).mapToDouble(Sample::clientMs).sorted().toArray();
			perKind.append(perKind.isEmpty() ? "" : ",").append(String.format(Locale.ROOT,
					"\"%s\":{\"p50\":%.1f,\"p95\":%.1f,\"p99\":%.1f}", kind, pct(k, 50), pct(k, 95), pct(k, 99)));
		}
		String result = String.format(Locale.ROOT, """
				{"scenario":"people-list","size":%d,"figure":%.1f,"unit":"ms (p95, client)","p50":%.1f,"p95":%.1f,\
				"p99":%.1f,"serverP95":%.1f,"limit":%.1f,"limitSource":"goal of issue 2: p95 under 100 ms","ratio":%.2f,\
				"samples":%d,"byRequest":{%s}}
				""", size, pct(c, 95), pct(c, 50), pct(c, 95), pct(c, 99), pct(s, 95), limit, pct(c, 95) / limit, c.length,
				perKind);
		Files.writeString(out.resolve("people-list-" + size + ".json"), result);
	}

	static double pct(double[] sorted, int p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	HttpClient signIn(String username) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = CSRF.matcher(login);
		if (!csrf.find()) {
			throw new IllegalStateException("no CSRF token on the login page");
		}
		String form = "username=" + username + "&password=" + enc(PASSWORD) + "&_csrf=" + enc(csrf.group(1));
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 302 || response.headers().firstValue("Location").orElse("").contains("error")) {
			throw new IllegalStateException("sign-in as " + username + " failed: " + response.statusCode());
		}
		return client;
	}

	HttpResponse<String> get(HttpClient client, String path, boolean bearer) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
			if (bearer) {
				request.header("Authorization", "Bearer " + token);
			}
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		} catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	static List<String> match(String text, String regex) {
		Matcher m = Pattern.compile(regex).matcher(text);
		List<String> found = new ArrayList<>();
		while (m.find()) {
			found.add(m.group(1));
		}
		return found;
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
