package org.bulwark.system.web;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.bulwark.system.CurrentUser;
import org.bulwark.system.NavigationItem;
import org.bulwark.system.PageLinks;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts what the layout needs into every page's model: the user and the navigation they may see. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class LayoutAdvice {

	private final List<NavigationItem> items;

	LayoutAdvice(List<NavigationItem> items) {
		this.items = items.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
	}

	@ModelAttribute("me")
	CurrentUser me() {
		return CurrentUser.find().orElse(null);
	}

	/** Navigation grouped by module, in order, only with what the user may open. */
	@ModelAttribute("nav")
	Map<String, List<NavigationItem>> nav(HttpServletRequest request) {
		Map<String, List<NavigationItem>> groups = new LinkedHashMap<>();
		// @RestController is a @Controller too: the API's answers have no layout
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			return groups;
		}
		CurrentUser.find().ifPresent(user -> items.stream().filter(i -> i.visibleTo(user))
			.forEach(i -> groups.computeIfAbsent(i.group(), g -> new java.util.ArrayList<>()).add(i)));
		return groups;
	}

	@ModelAttribute("links")
	PageLinks links(HttpServletRequest request) {
		return new PageLinks(request.getRequestURI(), request.getParameterMap());
	}

	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}
}
