package org.bulwark.notify;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.bulwark.system.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own in-app inbox over REST, for the mobile app and WeCom/WeChat pages. */
@RestController
@RequestMapping("/api/v1/me")
@PreAuthorize("isAuthenticated()")
@Tag(name = "Inbox", description = "The caller's in-app messages: reminders, escalations")
class NotifyApi {

	private final Notifications notifications;

	NotifyApi(Notifications notifications) {
		this.notifications = notifications;
	}

	record InboxView(long unread, int page, int size, long total, List<Notifications.InboxItem> items) {
	}

	record Error(String error) {
	}

	@GetMapping("/notifications")
	@Operation(summary = "My messages", description = """
			The messages to the caller's person record or account, newest first, with the number still unread. \
			Reading the list does not mark them read.""")
	InboxView inbox(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		CurrentUser user = CurrentUser.get();
		var result = notifications.inbox(user, page, size);
		return new InboxView(notifications.unread(user), result.page(), result.size(), result.total(), result.items());
	}

	@PostMapping("/notifications/{id}/read")
	@Operation(summary = "Mark one of my messages read", description = "204; 404 when the message is not the caller's.")
	ResponseEntity<?> read(@PathVariable long id) {
		return notifications.markRead(CurrentUser.get(), id, Instant.now()) ? ResponseEntity.noContent().build()
				: ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Error("notFound"));
	}
}
