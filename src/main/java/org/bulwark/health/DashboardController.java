package org.bulwark.health;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Today's dashboard: each slot's reported / not yet / overdue / abnormal / away, by unit with
 * drill-down, and the trend of the last days, with ECharts charts (data handed to the page as JSON).
 */
@Controller
@PreAuthorize("hasAuthority('PERM_HEALTH_READ')")
class DashboardController {

	private final Dashboard dashboard;
	private final MessageSource messages;
	private final JsonMapper json;

	DashboardController(Dashboard dashboard, MessageSource messages, JsonMapper json) {
		this.dashboard = dashboard;
		this.messages = messages;
		this.json = json;
	}

	@GetMapping("/health/dashboard")
	String view(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(required = false) Long unit, @RequestParam(required = false) Integer slot,
			@RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model, Locale locale) {
		Instant now = Instant.now();
		LocalDate today = now.atZone(dashboard.zone()).toLocalDate();
		LocalDate day = date == null || date.isAfter(today) ? today : date;
		long started = System.nanoTime();
		Dashboard.View view = dashboard.view(CurrentUser.get(), day, unit, now)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		int chosen = slot == null || slot < 0 || slot >= view.slots().size() ? current(view, now) : slot;
		model.addAttribute("view", view);
		model.addAttribute("today", today);
		model.addAttribute("slotIndex", chosen);
		model.addAttribute("unitId", unit);
		model.addAttribute("millis", (System.nanoTime() - started) / 1_000_000);
		model.addAttribute("slotsChart", json.writeValueAsString(slotsChart(view, locale)));
		model.addAttribute("unitsChart", json.writeValueAsString(unitsChart(view, chosen, locale)));
		return htmx != null && boosted == null ? "health/dashboard :: results" : "health/dashboard";
	}

	@GetMapping("/health/dashboard/trend")
	String trend(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(required = false) Long unit, Model model, Locale locale) {
		LocalDate today = Instant.now().atZone(dashboard.zone()).toLocalDate();
		LocalDate day = date == null || date.isAfter(today) ? today : date;
		List<Dashboard.TrendDay> days = dashboard.trend(CurrentUser.get(), day, unit)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("days", days.stream().map(d -> d.date().toString().substring(5)).toList());
		chart.put("rate", days.stream().map(Dashboard.TrendDay::rate).toList());
		chart.put("abnormal", days.stream().map(Dashboard.TrendDay::abnormal).toList());
		chart.put("rateName", msg("dashboard.trend.rate", locale));
		chart.put("abnormalName", msg("dashboard.trend.abnormal", locale));
		model.addAttribute("days", days);
		model.addAttribute("trendChart", json.writeValueAsString(chart));
		return "health/dashboard :: trend";
	}

	/** The slot that is running now (the last one opened), or the first. */
	private int current(Dashboard.View view, Instant now) {
		int found = 0;
		for (int i = 0; i < view.slots().size(); i++) {
			if (!now.isBefore(java.time.LocalDateTime.of(view.date(), view.slots().get(i).slot().start())
				.atZone(dashboard.zone()).toInstant()) || view.slots().get(i).pastDeadline()) {
				found = i;
			}
		}
		return found;
	}

	private Map<String, Object> slotsChart(Dashboard.View view, Locale locale) {
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("categories", view.slots().stream().map(s -> s.slot().name(locale)).toList());
		chart.put("series", series(view.slots().stream().map(Dashboard.SlotTotal::counts).toList(), locale));
		return chart;
	}

	private Map<String, Object> unitsChart(Dashboard.View view, int slot, Locale locale) {
		Map<String, Object> chart = new LinkedHashMap<>();
		List<Dashboard.Line> lines = view.lines().stream().filter(l -> !l.slots().isEmpty()).toList();
		chart.put("categories", lines.stream().map(l -> l.unit().name()).toList());
		chart.put("series", series(lines.stream().map(l -> l.slots().get(Math.min(slot, l.slots().size() - 1))).toList(),
				locale));
		return chart;
	}

	private List<Map<String, Object>> series(List<SlotCounts> counts, Locale locale) {
		List<Map<String, Object>> out = new ArrayList<>();
		out.add(serie(msg("dashboard.reported", locale), "#198754", counts.stream().map(SlotCounts::reported).toList()));
		out.add(serie(msg("dashboard.notYet", locale), "#adb5bd", counts.stream().map(SlotCounts::notYet).toList()));
		out.add(serie(msg("dashboard.overdue", locale), "#dc3545", counts.stream().map(SlotCounts::overdue).toList()));
		out.add(serie(msg("dashboard.away", locale), "#0dcaf0", counts.stream().map(SlotCounts::away).toList()));
		return out;
	}

	private static Map<String, Object> serie(String name, String color, List<Long> data) {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("name", name);
		s.put("color", color);
		s.put("data", data);
		return s;
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
