package org.bulwark.screening;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.imports.SpreadsheetReader;
import org.bulwark.system.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Risk designations from a file as the authority pushes them (region code or full name, level,
 * from, to, source): a preview with each row's problems, then the good rows are designated.
 */
@Controller
@PreAuthorize("hasAuthority('PERM_SCREENING_MANAGE')")
class RiskAreaImportController {

	private static final List<Set<String>> COLUMNS = List.of(
			Set.of("region", "regioncode", "regionname", "地区", "区划代码", "地区名称", "地区代码", "区划", "风险地区"),
			Set.of("level", "risklevel", "风险等级", "等级", "风险"),
			Set.of("from", "validfrom", "开始", "开始时间", "起始时间", "生效时间", "开始日期"),
			Set.of("to", "validto", "结束", "结束时间", "截止时间", "结束日期"),
			Set.of("source", "来源", "发布单位", "依据"));

	private final RiskAreas riskAreas;
	private final MessageSource messages;

	RiskAreaImportController(RiskAreas riskAreas, MessageSource messages) {
		this.riskAreas = riskAreas;
		this.messages = messages;
	}

	/** A row of the file with its line and, in the preview, its problems said in the user's language. */
	public record Line(int line, RiskAreaForm form, String problems) {

		public boolean ok() {
			return problems == null || problems.isEmpty();
		}
	}

	@GetMapping("/screening/risk-areas/import")
	String form() {
		return "screening/risk-area-import";
	}

	@PostMapping("/screening/risk-areas/import")
	String preview(@RequestParam("file") MultipartFile file, Locale locale, Model model) throws IOException {
		List<List<String>> rows;
		try {
			rows = SpreadsheetReader.read(file.getBytes(), file.getOriginalFilename()).rows();
		} catch (SpreadsheetReader.Unreadable e) {
			model.addAttribute("error", "regionUpdate.unusable." + e.reason());
			return "screening/risk-area-import";
		}
		List<Line> lines = lines(rows);
		if (lines == null) {
			model.addAttribute("error", "riskAreaImport.columns");
			return "screening/risk-area-import";
		}
		List<Line> checked = lines.stream().map(l -> new Line(l.line(), l.form(), describe(riskAreas.check(l.form()), locale)))
			.toList();
		model.addAttribute("lines", checked);
		model.addAttribute("good", checked.stream().filter(Line::ok).count());
		model.addAttribute("bad", checked.stream().filter(l -> !l.ok()).count());
		model.addAttribute("payload", checked.stream().filter(Line::ok).map(RiskAreaImportController::encode)
			.collect(Collectors.joining("\n")));
		return "screening/risk-area-import";
	}

	@PostMapping("/screening/risk-areas/import/apply")
	String apply(@RequestParam String payload, RedirectAttributes redirect) {
		List<RiskAreaForm> forms = new ArrayList<>();
		for (String line : payload.split("\\R")) {
			String[] f = line.split("\t", -1);
			if (f.length == 5) {
				forms.add(new RiskAreaForm(f[0], f[1], f[2], f[3], f[4], null));
			}
		}
		long created = riskAreas.createAll(CurrentUser.get(), forms);
		redirect.addFlashAttribute("notice", "riskAreaImport.applied");
		redirect.addFlashAttribute("noticeArgs", new Object[] {created});
		return "redirect:/screening/risk-areas";
	}

	/** The rows under the first row that names the region, level and from columns; null when there is none. */
	static List<Line> lines(List<List<String>> rows) {
		for (int h = 0; h < Math.min(rows.size(), 10); h++) {
			int[] index = {-1, -1, -1, -1, -1};
			List<String> header = rows.get(h);
			for (int i = 0; i < header.size(); i++) {
				String cell = header.get(i) == null ? "" : header.get(i).strip().replace("\uFEFF", "").replace(" ", "")
					.replace("_", "").toLowerCase(Locale.ROOT);
				for (int c = 0; c < COLUMNS.size(); c++) {
					if (index[c] < 0 && COLUMNS.get(c).contains(cell)) {
						index[c] = i;
						break;
					}
				}
			}
			if (index[0] >= 0 && index[1] >= 0 && index[2] >= 0) {
				List<Line> result = new ArrayList<>();
				for (int r = h + 1; r < rows.size(); r++) {
					List<String> row = rows.get(r);
					if (row.stream().allMatch(c -> c == null || c.isBlank())) {
						continue;
					}
					result.add(new Line(r + 1, new RiskAreaForm(cell(row, index[0]), cell(row, index[1]), cell(row, index[2]),
							cell(row, index[3]), cell(row, index[4]), null), null));
				}
				return result;
			}
		}
		return null;
	}

	private static String cell(List<String> row, int i) {
		return i >= 0 && i < row.size() && row.get(i) != null ? row.get(i).strip().replaceAll("[\\t\\r\\n]", " ") : "";
	}

	private static String encode(Line l) {
		RiskAreaForm f = l.form();
		return String.join("\t", f.region(), f.level(), f.from(), f.to(), f.source());
	}

	private String describe(List<FieldProblem> problems, Locale locale) {
		return problems.stream()
			.map(p -> messages.getMessage("field." + p.field(), null, p.field(), locale) + ": "
					+ messages.getMessage(p.messageKey(), p.args().toArray(), p.messageKey(), locale))
			.collect(Collectors.joining(" "));
	}
}
