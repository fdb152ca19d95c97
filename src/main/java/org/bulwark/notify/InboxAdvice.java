package org.bulwark.notify;

import jakarta.servlet.http.HttpServletRequest;

import org.bulwark.system.CurrentUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in user's unread count into every page, for the inbox badge of the layout and /me. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class InboxAdvice {

	private final Notifications notifications;

	InboxAdvice(Notifications notifications) {
		this.notifications = notifications;
	}

	@ModelAttribute("inboxUnread")
	Long inboxUnread(HttpServletRequest request) {
		// @RestController is a @Controller too: the API's answers have no layout and need no count
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			return null;
		}
		return CurrentUser.find().map(notifications::unread).orElse(null);
	}
}
