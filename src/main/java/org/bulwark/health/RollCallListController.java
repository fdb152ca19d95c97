package org.bulwark.health;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.directory.Groups;
import org.bulwark.shared.PageQuery;
import org.bulwark.shared.PageResult;
import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.bulwark.system.CurrentUser;
import org.bulwark.system.TableExport;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The day's roll-calls: those done per group and slot (who, when, how many well, abnormal, absent)
 * and the classes and grids of the user's scope still missing one for a slot; search, paging, export.
 * Readable with HEALTH_READ; recording needs CHECK_IN_RECORD ({@link RollCallController}).
 */
@Controller
@PreAuthorize("hasAnyAuthority('PERM_CHECK_IN_RECORD', 'PERM_HEALTH_READ')")
class RollCallListController {

	private final RollCallList list;
	private final CheckIns checkIns;
	private final MessageSource messages;
	private final AuditLog audit;

	RollCallListController(RollCallList list, CheckIns checkIns, MessageSource messages, AuditLog audit) {
		this.list = list;
		this.checkIns = checkIns;
		this.messages = messages;
		this.audit = audit;
	}

	@GetMapping("/health/roll-calls")
	String list(ListParams params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model, Locale locale) {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		LocalDate day = params.date() == null ? today(now) : params.date();
		// the day's roll-calls of every slot, unless one is chosen; what is missing is always for one slot
		String chosen = params.slot() == null || params.slot().isBlank() ? null : params.slot().strip();
		String slot = chosen == null && params.missing()
				? list.currentSlot(user.schoolId(), now.atZone(checkIns.zone()).toLocalTime()) : chosen;
		model.addAttribute("params", params);
		model.addAttribute("zone", checkIns.zone());
		model.addAttribute("day", day);
		model.addAttribute("slot", slot);
		Map<String, String> slotNames = new LinkedHashMap<>();
		list.slotCodes(user.schoolId()).forEach(code -> slotNames.put(code, list.slotName(user.schoolId(), code, locale)));
		model.addAttribute("slots", slotNames);
		if (params.missing()) {
			List<Groups.Group> missing = list.missing(user, day, slot, params.q());
			PageQuery page = params.toPage();
			int from = (int) Math.min(page.offset(), missing.size());
			int to = Math.min(from + page.size(), missing.size());
			model.addAttribute("missing", new PageResult<>(missing.subList(from, to), page.page(), page.size(),
					missing.size(), false));
		}
		else {
			model.addAttribute("result", list.done(user, day, slot, params.q(), params.toPage()));
		}
		if (htmx != null && boosted == null) {
			return "health/roll-calls :: results";
		}
		return "health/roll-calls";
	}

	@GetMapping("/health/roll-calls/export")
	void export(ListParams params, @RequestParam(defaultValue = "xlsx") String format, Locale locale,
			HttpServletResponse response) throws IOException {
		CurrentUser user = CurrentUser.get();
		Instant now = Instant.now();
		LocalDate day = params.date() == null ? today(now) : params.date();
		String slot = params.slot() == null || params.slot().isBlank()
				? list.currentSlot(user.schoolId(), now.atZone(checkIns.zone()).toLocalTime()) : params.slot();
		TableExport.Format f = TableExport.Format.of(format);
		long rows;
		try (TableExport out = TableExport.download(response, f, "roll-calls-" + day, msg("rollCalls.title", locale))) {
			if (params.missing()) {
				out.header(List.of(msg("rollCalls.group", locale), msg("rollCalls.groupKind", locale),
						msg("rollCalls.date", locale), msg("rollCalls.slot", locale)));
				List<Groups.Group> missing = list.missing(user, day, slot, params.q());
				for (Groups.Group g : missing) {
					out.row(List.of(g.name(), msg("rollCall.kind." + g.kind(), locale), day.toString(),
							list.slotName(user.schoolId(), slot, locale)));
				}
				rows = missing.size();
			}
			else {
				out.header(List.of(msg("rollCalls.group", locale), msg("rollCalls.date", locale), msg("rollCalls.slot", locale),
						msg("rollCalls.expected", locale), msg("rollCalls.present", locale), msg("rollCalls.abnormal", locale),
						msg("rollCalls.absent", locale), msg("rollCalls.away", locale), msg("rollCalls.recordedBy", locale),
						msg("rollCalls.recordedAt", locale), msg("rollCalls.version", locale)));
				List<RollCallList.Done> done = list.allDone(user, day, params.slot(), params.q());
				for (RollCallList.Done d : done) {
					out.row(List.of(d.groupName(), d.date().toString(), list.slotName(user.schoolId(), d.slotCode(), locale),
							d.expected(), d.present(), d.abnormal(), d.absent(), d.away(), d.recordedByName(),
							LocalDateTime.ofInstant(d.recordedAt(), checkIns.zone()).withNano(0).toString(), d.version()));
				}
				rows = done.size();
			}
		}
		audit.record(AuditAction.EXPORT, "roll_call", null, rows + " roll-call rows of " + day + " as " + f.extension());
	}

	/** view: "missing" for the groups whose roll-call is still missing, otherwise those done. */
	public record ListParams(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date, String slot, String view,
			String q, String sort, String dir, Integer page, Integer size) {

		public boolean missing() {
			return "missing".equals(view);
		}

		public PageQuery toPage() {
			return new PageQuery(page == null ? 0 : page, size == null ? 50 : size, sort == null ? "recordedAt" : sort,
					dir == null ? sort == null : "desc".equals(dir));
		}
	}

	private LocalDate today(Instant now) {
		return now.atZone(checkIns.zone()).toLocalDate();
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
