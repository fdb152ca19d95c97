package org.bulwark.notify;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.bulwark.system.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The signed-in person's messages on their phone: reminders, escalations; opening one marks it read. */
@Controller
@PreAuthorize("isAuthenticated()")
class InboxController {

	private final Notifications notifications;
	private final ZoneId zone;

	InboxController(Notifications notifications, @Value("${bulwark.health.time-zone:Asia/Shanghai}") ZoneId zone) {
		this.notifications = notifications;
		this.zone = zone;
	}

	/** An inbox entry with its time in the school's zone. */
	record Item(Notifications.InboxItem item, String time) {
	}

	@GetMapping("/me/inbox")
	String inbox(@RequestParam(defaultValue = "0") int page, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		CurrentUser user = CurrentUser.get();
		DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
		model.addAttribute("result", notifications.inbox(user, page, 20)
			.map(i -> new Item(i, LocalDateTime.ofInstant(i.createdAt(), zone).format(format))));
		model.addAttribute("unread", notifications.unread(user));
		return htmx != null && boosted == null ? "notify/inbox :: results" : "notify/inbox";
	}

	@PostMapping("/me/inbox/{id}/read")
	String read(@PathVariable long id) {
		notifications.markRead(CurrentUser.get(), id, Instant.now());
		return "redirect:/me/inbox";
	}

	@PostMapping("/me/inbox/read-all")
	String readAll() {
		notifications.markAllRead(CurrentUser.get(), Instant.now());
		return "redirect:/me/inbox";
	}
}
