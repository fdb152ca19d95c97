package org.bulwark.system.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.system.CurrentUser;
import org.bulwark.system.NavigationItem;
import org.bulwark.system.PageLinks;
import org.bulwark.system.PageModel;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Puts what the layout needs into the model of every rendered page: the user, the navigation they
 * may see, the page's links and path, and what the modules' {@link PageModel}s add. Done after the
 * handler and only when a view is rendered, so the API's answers and redirects cost nothing (as
 * {@code @ModelAttribute} advice they were resolved for every request, 8% of a check-in's CPU).
 */
class LayoutModel implements HandlerInterceptor {

	private final List<NavigationItem> items;
	private final List<PageModel> contributors;

	LayoutModel(List<NavigationItem> items, List<PageModel> contributors) {
		this.items = items.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
		this.contributors = List.copyOf(contributors);
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView mav) {
		if (mav == null || !mav.hasView() || mav.getView() instanceof RedirectView
				|| (mav.getViewName() != null && (mav.getViewName().startsWith("redirect:")
						|| mav.getViewName().startsWith("forward:")))) {
			return;
		}
		Map<String, Object> model = mav.getModel();
		CurrentUser user = CurrentUser.find().orElse(null);
		model.putIfAbsent("me", user);
		model.putIfAbsent("nav", nav(user));
		model.putIfAbsent("links", new PageLinks(request.getRequestURI(), request.getParameterMap()));
		model.putIfAbsent("currentPath", request.getRequestURI().substring(request.getContextPath().length()));
		for (PageModel contributor : contributors) {
			contributor.contribute(model);
		}
	}

	/** Navigation grouped by module, in order, only with what the user may open. */
	private Map<String, List<NavigationItem>> nav(CurrentUser user) {
		Map<String, List<NavigationItem>> groups = new LinkedHashMap<>();
		if (user != null) {
			items.stream().filter(i -> i.visibleTo(user))
				.forEach(i -> groups.computeIfAbsent(i.group(), g -> new ArrayList<>()).add(i));
		}
		return groups;
	}
}
