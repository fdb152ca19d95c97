package org.bulwark.screening;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.bulwark.directory.FieldProblem;
import org.bulwark.shared.PageQuery;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Verification tasks on a phone: whom to call, the outcome, then classification, one by one or in bulk. */
@Controller
@PreAuthorize("hasAuthority('PERM_SCREENING_VERIFY')")
class PushTasksController {

	private final PushLists lists;
	private final MessageSource messages;

	PushTasksController(PushLists lists, MessageSource messages) {
		this.lists = lists;
		this.messages = messages;
	}

	@GetMapping("/screening/push-tasks")
	String tasks(@RequestParam(required = false) String q, @RequestParam(required = false) Long list,
			@RequestParam(defaultValue = "open") String view, @RequestParam(required = false) String all,
			@RequestParam(required = false) Integer page, @RequestHeader(value = "HX-Request", required = false) String htmx,
			@RequestHeader(value = "HX-Boosted", required = false) String boosted, Model model) {
		CurrentUser user = CurrentUser.get();
		boolean mine = all == null || !user.can("SCREENING_MANAGE");
		model.addAttribute("q", q);
		model.addAttribute("list", list);
		model.addAttribute("view", view);
		model.addAttribute("mine", mine);
		model.addAttribute("outcomes", CallOutcome.values());
		model.addAttribute("categories", ProposedCategory.values());
		model.addAttribute("result", lists.tasks(user, new PushLists.TaskFilter(q, list, view, mine),
				new PageQuery(page == null ? 0 : page, 50, null, false)));
		if (htmx != null && boosted == null) {
			return "screening/push-tasks :: results";
		}
		return "screening/push-tasks";
	}

	@PostMapping("/screening/push-tasks/{id}/call")
	String call(@PathVariable long id, @RequestParam(required = false) CallOutcome outcome,
			@RequestParam(required = false) String notes, @RequestParam int version,
			@RequestParam(defaultValue = "open") String view, Locale locale, RedirectAttributes redirect) {
		PushLists.Result result = lists.recordCall(CurrentUser.get(), id, outcome, notes, version);
		if (result instanceof PushLists.Rejected rejected) {
			if (rejected.problems().get(0).code().equals("notFound")) {
				throw PushListsController.notFound();
			}
			redirect.addFlashAttribute("error", describe(rejected.problems(), locale));
		}
		else {
			redirect.addFlashAttribute("notice", "pushTasks.notice.called");
		}
		return "redirect:/screening/push-tasks?view=" + ("verified".equals(view) ? "verified" : "open");
	}

	@PostMapping("/screening/push-tasks/classify")
	String classify(@RequestParam(name = "task", required = false) List<Long> tasks,
			@RequestParam(required = false) ProposedCategory category, @RequestParam(required = false) String notes,
			Locale locale, RedirectAttributes redirect) {
		PushLists.Result result = lists.classify(CurrentUser.get(), tasks == null ? List.of() : tasks, category, notes);
		if (result instanceof PushLists.Rejected rejected) {
			redirect.addFlashAttribute("error", describe(rejected.problems(), locale));
		}
		else {
			redirect.addFlashAttribute("notice", "pushTasks.notice.classified");
			redirect.addFlashAttribute("noticeArgs", new Object[] {((PushLists.Done) result).id()});
		}
		return "redirect:/screening/push-tasks?view=verified";
	}

	private String describe(List<FieldProblem> problems, Locale locale) {
		return problems.stream()
			.map(p -> messages.getMessage("field." + p.field(), null, p.field(), locale) + ": "
					+ messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale))
			.collect(Collectors.joining(" "));
	}
}
