package org.bulwark.notify;

import java.util.Map;

import org.bulwark.system.CurrentUser;
import org.bulwark.system.PageModel;
import org.springframework.stereotype.Component;

/** Puts the signed-in user's unread count into every page, for the inbox badge of the layout and /me. */
@Component
class InboxPageModel implements PageModel {

	private final Notifications notifications;

	InboxPageModel(Notifications notifications) {
		this.notifications = notifications;
	}

	@Override
	public void contribute(Map<String, Object> model) {
		model.putIfAbsent("inboxUnread", CurrentUser.find().map(notifications::unread).orElse(null));
	}
}
