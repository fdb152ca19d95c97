package org.bulwark.directory;

import org.bulwark.system.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The timeline part of the person page, newest first, a page at a time. */
@Controller
@PreAuthorize("hasAuthority('PERM_PEOPLE_READ')")
class TimelineController {

	private final PersonTimeline timeline;

	TimelineController(PersonTimeline timeline) {
		this.timeline = timeline;
	}

	@GetMapping("/people/{id}/timeline")
	String timeline(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("personId", id);
		model.addAttribute("entries", timeline.page(CurrentUser.get(), id, page, 10)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		return "directory/_timeline :: timeline";
	}
}
