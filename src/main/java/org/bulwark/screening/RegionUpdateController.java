package org.bulwark.screening;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.bulwark.screening.RegionUpdatePlan.Change;
import org.bulwark.screening.RegionUpdatePlan.Outcome;
import org.bulwark.screening.RegionUpdatePlan.Row;
import org.bulwark.system.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Updating the regions from a file: upload, a preview of every row's outcome, then apply. The
 * preview carries the rows to apply in the form, and applying plans them again against the database.
 */
@Controller
@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
class RegionUpdateController {

	private final RegionUpdates updates;

	RegionUpdateController(RegionUpdates updates) {
		this.updates = updates;
	}

	@GetMapping("/screening/regions/update")
	String form() {
		return "screening/region-update";
	}

	@PostMapping("/screening/regions/update")
	String preview(@RequestParam("file") MultipartFile file, Model model) throws IOException {
		List<Row> rows;
		try {
			rows = RegionUpdates.read(file.getBytes(), file.getOriginalFilename());
		} catch (RegionUpdates.Unusable e) {
			model.addAttribute("error", "regionUpdate.unusable." + e.reason());
			return "screening/region-update";
		}
		List<Change> changes = updates.preview(rows);
		Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
		for (Outcome o : Outcome.values()) {
			counts.put(o, 0L);
		}
		changes.forEach(c -> counts.merge(c.outcome(), 1L, Long::sum));
		model.addAttribute("fileName", file.getOriginalFilename());
		model.addAttribute("counts", counts);
		model.addAttribute("shown", changes.stream().filter(c -> c.outcome() != Outcome.UNCHANGED).limit(1000).toList());
		model.addAttribute("applicable", counts.get(Outcome.ADDED) + counts.get(Outcome.RENAMED));
		model.addAttribute("payload", encode(rows, changes));
		return "screening/region-update";
	}

	@PostMapping("/screening/regions/update/apply")
	String apply(@RequestParam String payload, @RequestParam(required = false) String fileName,
			RedirectAttributes redirect) {
		List<Change> changes = updates.apply(CurrentUser.get(), decode(payload), fileName);
		long added = changes.stream().filter(c -> c.outcome() == Outcome.ADDED).count();
		long renamed = changes.stream().filter(c -> c.outcome() == Outcome.RENAMED).count();
		redirect.addFlashAttribute("notice", "regionUpdate.applied");
		redirect.addFlashAttribute("noticeArgs", new Object[] {added, renamed});
		return "redirect:/screening/regions";
	}

	/** The rows that would change, one a line: line, code, name, parent code, tab-separated. */
	static String encode(List<Row> rows, List<Change> changes) {
		var applying = new java.util.HashSet<Integer>();
		changes.stream().filter(c -> c.outcome().applies()).forEach(c -> applying.add(c.line()));
		StringBuilder out = new StringBuilder();
		for (Row r : rows) {
			if (applying.contains(r.line())) {
				out.append(r.line()).append('\t').append(clean(r.code())).append('\t').append(clean(r.name())).append('\t')
					.append(clean(r.parentCode())).append('\n');
			}
		}
		return out.toString();
	}

	static List<Row> decode(String payload) {
		List<Row> rows = new ArrayList<>();
		for (String line : payload.split("\\R")) {
			String[] f = line.split("\t", -1);
			if (f.length >= 3 && f[0].chars().allMatch(Character::isDigit) && !f[0].isEmpty()) {
				rows.add(new Row(Integer.parseInt(f[0]), f[1], f[2], f.length > 3 ? f[3] : null));
			}
		}
		return rows;
	}

	private static String clean(String value) {
		return value == null ? "" : value.replaceAll("[\\t\\r\\n]", " ");
	}
}
