package org.bulwark.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

class TableExportUnitTest {

	@Test
	void neutralisesFormulasInCsvAndQuotesSeparators() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (TableExport export = new TableExport(TableExport.Format.CSV, out, "t")) {
			export.header(List.of("a", "b"));
			export.row(Arrays.asList("=HYPERLINK(\"x\")", "王,小明"));
			export.row(Arrays.asList("@SUM(1)", null));
		}
		String csv = out.toString(StandardCharsets.UTF_8);
		assertThat(csv).startsWith("\uFEFFa,b\r\n");
		assertThat(csv).contains("\"'=HYPERLINK(\"\"x\"\")\",\"王,小明\"\r\n");
		assertThat(csv).contains("'@SUM(1),\r\n");
	}

	@Test
	void writesXlsxThatReadsBackWithNeutralisedCells() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (TableExport export = new TableExport(TableExport.Format.XLSX, out, "people")) {
			export.header(List.of("name", "note"));
			export.row(List.of("张三", "+1+1"));
		}
		try (ReadableWorkbook wb = new ReadableWorkbook(new java.io.ByteArrayInputStream(out.toByteArray()))) {
			List<Row> rows = wb.getFirstSheet().read();
			assertThat(rows).hasSize(2);
			assertThat(rows.get(1).getCellText(0)).isEqualTo("张三");
			assertThat(rows.get(1).getCellText(1)).isEqualTo("'+1+1");
		}
	}

	@Test
	void aDownloadIsNamedAndTypedByItsFormat() throws Exception {
		MockHttpServletResponse csv = new MockHttpServletResponse();
		try (TableExport export = TableExport.download(csv, TableExport.Format.of("csv"), "triage-2026-12-03", "t")) {
			export.header(List.of("a"));
		}
		assertThat(csv.getContentType()).isEqualTo("text/csv; charset=UTF-8");
		assertThat(csv.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"triage-2026-12-03.csv\"");
		assertThat(csv.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("\uFEFFa\r\n");

		MockHttpServletResponse xlsx = new MockHttpServletResponse();
		try (TableExport export = TableExport.download(xlsx, TableExport.Format.of("anything else"), "people", "p")) {
			export.header(List.of("a"));
		}
		assertThat(xlsx.getContentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		assertThat(xlsx.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"people.xlsx\"");
		assertThat(xlsx.getContentAsByteArray()).startsWith(new byte[] {'P', 'K'});
	}
}
