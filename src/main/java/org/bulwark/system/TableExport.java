package org.bulwark.system;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.http.HttpHeaders;

/**
 * Writes a table to CSV or xlsx as rows arrive, so an export of any size runs in bounded memory.
 * Cells that a spreadsheet would run as a formula ({@code = + - @}, tab, carriage return) are
 * neutralised with a leading apostrophe.
 */
public final class TableExport implements AutoCloseable {

	public enum Format {
		CSV("text/csv; charset=UTF-8", "csv"), XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

		private final String contentType;
		private final String extension;

		Format(String contentType, String extension) {
			this.contentType = contentType;
			this.extension = extension;
		}

		public String contentType() {
			return contentType;
		}

		public String extension() {
			return extension;
		}

		public static Format of(String value) {
			return "csv".equalsIgnoreCase(value) ? CSV : XLSX;
		}
	}

	private static final int XLSX_MAX_ROWS = 1_048_576;

	private final Format format;
	private final BufferedWriter csv;
	private final Workbook workbook;
	private Worksheet sheet;
	private int row;
	private int sheetNumber = 1;
	private final String sheetName;
	private List<String> header;
	private long rows;

	/**
	 * An export as the answer to a request: the format's content type, and a download named
	 * {@code fileName} with the format's extension.
	 */
	public static TableExport download(HttpServletResponse response, Format format, String fileName, String sheetName)
			throws IOException {
		response.setContentType(format.contentType());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				"attachment; filename=\"" + fileName + "." + format.extension() + "\"");
		return new TableExport(format, response.getOutputStream(), sheetName);
	}

	public TableExport(Format format, OutputStream out, String sheetName) {
		this.format = format;
		this.sheetName = sheetName;
		if (format == Format.CSV) {
			this.csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
			this.workbook = null;
			write(() -> csv.write('\uFEFF'));
		} else {
			this.csv = null;
			this.workbook = new Workbook(out, "Bulwark", "1.0");
			this.sheet = workbook.newWorksheet(sheetName);
		}
	}

	public void header(List<String> names) {
		this.header = List.copyOf(names);
		writeRow(names);
	}

	public void row(List<?> cells) {
		rows++;
		if (format == Format.XLSX && row >= XLSX_MAX_ROWS) {
			write(() -> sheet.finish());
			sheet = workbook.newWorksheet(sheetName + " " + (++sheetNumber));
			row = 0;
			if (header != null) {
				writeRow(header);
			}
		}
		writeRow(cells);
	}

	public long rowsWritten() {
		return rows;
	}

	private void writeRow(List<?> cells) {
		if (format == Format.CSV) {
			write(() -> {
				for (int i = 0; i < cells.size(); i++) {
					if (i > 0) {
						csv.write(',');
					}
					csv.write(csvCell(cells.get(i)));
				}
				csv.write("\r\n");
			});
		} else {
			for (int i = 0; i < cells.size(); i++) {
				Object v = cells.get(i);
				if (v instanceof Number n) {
					sheet.value(row, i, n);
				} else if (v != null) {
					sheet.value(row, i, neutralise(String.valueOf(v)));
				}
			}
			row++;
			if (row % 1000 == 0) {
				write(() -> sheet.flush());
			}
		}
	}

	/** A value a spreadsheet would evaluate becomes plain text. */
	public static String neutralise(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		char c = value.charAt(0);
		return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
	}

	static String csvCell(Object value) {
		if (value == null) {
			return "";
		}
		String s = value instanceof Number ? value.toString() : neutralise(String.valueOf(value));
		if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
			return '"' + s.replace("\"", "\"\"") + '"';
		}
		return s;
	}

	@Override
	public void close() {
		if (format == Format.CSV) {
			write(csv::flush);
		} else {
			write(workbook::finish);
		}
	}

	private interface IoAction {
		void run() throws IOException;
	}

	private static void write(IoAction action) {
		try {
			action.run();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
