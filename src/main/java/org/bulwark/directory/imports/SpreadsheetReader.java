package org.bulwark.directory.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Reads the first sheet of an xlsx file, or a CSV file in UTF-8 (with or without BOM), UTF-16
 * with BOM, or GBK/GB18030 as Chinese Excel and WPS write it, into rows of text. Guards the
 * server: a file that inflates beyond a limit (a zip bomb) or holds too many rows is refused
 * before it is read into memory.
 */
public final class SpreadsheetReader {

	public static final int MAX_ROWS = 200_000;
	static final long MAX_INFLATED_BYTES = 300L * 1024 * 1024;
	static final Charset GB18030 = Charset.forName("GB18030");

	/** Why a file cannot be read; the message key is {@code import.file.<reason>}. */
	public static final class Unreadable extends Exception {

		private final String reason;

		public Unreadable(String reason) {
			super(reason);
			this.reason = reason;
		}

		public String reason() {
			return reason;
		}
	}

	public record Table(String format, String encoding, List<List<String>> rows) {
	}

	private SpreadsheetReader() {
	}

	public static Table read(byte[] content, String fileName) throws Unreadable {
		if (content == null || content.length == 0) {
			throw new Unreadable("empty");
		}
		if (isZip(content)) {
			return new Table("xlsx", null, readXlsx(content));
		}
		String lower = fileName == null ? "" : fileName.toLowerCase();
		if (lower.endsWith(".xls")) {
			throw new Unreadable("xls");
		}
		if (isOle(content)) {
			throw new Unreadable("xls");
		}
		Decoded decoded = decode(content);
		return new Table("csv", decoded.encoding(), parseCsv(decoded.text()));
	}

	record Decoded(String text, String encoding) {
	}

	/** UTF-8 and UTF-16 by their BOM; otherwise UTF-8 if the bytes are valid UTF-8, else GB18030 (covers GBK). */
	static Decoded decode(byte[] b) throws Unreadable {
		if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
			return new Decoded(new String(b, 3, b.length - 3, StandardCharsets.UTF_8), "UTF-8 (BOM)");
		}
		if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
			return new Decoded(new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE), "UTF-16LE");
		}
		if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
			return new Decoded(new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE), "UTF-16BE");
		}
		try {
			return new Decoded(strict(StandardCharsets.UTF_8, b), "UTF-8");
		} catch (CharacterCodingException notUtf8) {
			try {
				return new Decoded(strict(GB18030, b), "GBK/GB18030");
			} catch (CharacterCodingException neither) {
				throw new Unreadable("encoding");
			}
		}
	}

	private static String strict(Charset charset, byte[] b) throws CharacterCodingException {
		return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
	}

	/** RFC 4180 CSV: quoted fields may hold commas, quotes and line breaks; a semicolon or tab file is detected by its first line. */
	static List<List<String>> parseCsv(String text) throws Unreadable {
		char separator = separatorOf(text);
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
						cell.append('"');
						i++;
					} else {
						quoted = false;
					}
				} else {
					cell.append(c);
				}
			} else if (c == '"' && cell.isEmpty()) {
				quoted = true;
			} else if (c == separator) {
				row.add(cell.toString());
				cell.setLength(0);
			} else if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				row.add(cell.toString());
				cell.setLength(0);
				rows.add(row);
				row = new ArrayList<>();
				if (rows.size() > MAX_ROWS + 50) {
					throw new Unreadable("tooManyRows");
				}
			} else {
				cell.append(c);
			}
		}
		if (!cell.isEmpty() || !row.isEmpty()) {
			row.add(cell.toString());
			rows.add(row);
		}
		return rows;
	}

	/**
	 * The separator that splits the first lines most: title rows above the header often hold prose
	 * with a stray comma or semicolon, the header and data rows hold many separators.
	 */
	private static char separatorOf(String text) {
		int commas = 0;
		int tabs = 0;
		int semicolons = 0;
		int start = 0;
		for (int line = 0; line < 20 && start < text.length(); line++) {
			int end = text.indexOf('\n', start);
			String row = unquoted(text.substring(start, end < 0 ? text.length() : end));
			commas += count(row, ',');
			tabs += count(row, '\t');
			semicolons += count(row, ';');
			start = end < 0 ? text.length() : end + 1;
		}
		return tabs > commas && tabs >= semicolons ? '\t' : semicolons > commas ? ';' : ',';
	}

	/** A line without its quoted parts, whose separators are text. */
	private static String unquoted(String line) {
		return line.replaceAll("\"[^\"]*\"", "");
	}

	private static int count(String s, char c) {
		int n = 0;
		for (int i = 0; i < s.length(); i++) {
			if (s.charAt(i) == c) {
				n++;
			}
		}
		return n;
	}

	private static List<List<String>> readXlsx(byte[] content) throws Unreadable {
		boolean styled = checkInflatedSize(content);
		// cell formats tell dates from numbers; a file written without a styles part has none to read
		try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(content),
				new org.dhatim.fastexcel.reader.ReadingOptions(styled, false))) {
			Sheet sheet = workbook.getFirstSheet();
			List<List<String>> rows = new ArrayList<>();
			try (var stream = sheet.openStream()) {
				var iterator = stream.iterator();
				while (iterator.hasNext()) {
					Row row = iterator.next();
					while (rows.size() < row.getRowNum() - 1) {
						rows.add(List.of());
					}
					List<String> cells = new ArrayList<>();
					for (int i = 0; i < row.getCellCount(); i++) {
						cells.add(text(row.getCell(i)));
					}
					rows.add(cells);
					if (rows.size() > MAX_ROWS + 50) {
						throw new Unreadable("tooManyRows");
					}
				}
			}
			return rows;
		} catch (IOException | RuntimeException e) {
			throw new Unreadable("corrupt");
		}
	}

	/** Text of a cell as the user sees it: numbers without a trailing ".0", dates as ISO dates, formulas by their cached value. */
	private static String text(Cell cell) {
		if (cell == null) {
			return "";
		}
		if (cell.getType() == CellType.NUMBER) {
			BigDecimal n = cell.asNumber();
			String raw = cell.getRawValue();
			if (isDateFormatted(cell) && n.compareTo(BigDecimal.valueOf(600)) > 0 && n.compareTo(BigDecimal.valueOf(2_958_465)) < 0) {
				LocalDateTime dt = cell.asDate();
				return dt.toLocalDate().toString();
			}
			return n.stripTrailingZeros().scale() <= 0 ? n.toBigInteger().toString() : raw;
		}
		String s = cell.getText();
		return s == null ? "" : s;
	}

	private static boolean isDateFormatted(Cell cell) {
		String format = cell.getDataFormatString();
		if (format == null) {
			return false;
		}
		String f = format.toLowerCase().replaceAll("\\[[^]]*]|\"[^\"]*\"", "");
		return (f.contains("y") || f.contains("d")) && !f.contains("#") && !f.contains("0.0");
	}

	/**
	 * Refuses a zip whose entries would inflate beyond the limit, counting the bytes really inflated
	 * rather than trusting the sizes the archive declares. Read through the central directory
	 * (ZipFile), because xlsx writers store entries in ways a streaming reader cannot follow.
	 */
	private static boolean checkInflatedSize(byte[] content) throws Unreadable {
		java.nio.file.Path file = null;
		boolean styled = false;
		try {
			file = java.nio.file.Files.createTempFile("bulwark-import", ".zip");
			java.nio.file.Files.write(file, content);
			long total = 0;
			byte[] buffer = new byte[64 * 1024];
			try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
				var entries = zip.entries();
				while (entries.hasMoreElements()) {
					ZipEntry entry = entries.nextElement();
					styled |= entry.getName().equals("xl/styles.xml");
					try (var in = zip.getInputStream(entry)) {
						int n;
						while ((n = in.read(buffer)) > 0) {
							total += n;
							if (total > MAX_INFLATED_BYTES) {
								throw new Unreadable("tooLarge");
							}
						}
					}
				}
			}
		} catch (IOException e) {
			throw new Unreadable("corrupt");
		} finally {
			if (file != null) {
				file.toFile().delete();
			}
		}
		return styled;
	}

	private static boolean isZip(byte[] b) {
		return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
	}

	private static boolean isOle(byte[] b) {
		return b.length >= 4 && (b[0] & 0xFF) == 0xD0 && (b[1] & 0xFF) == 0xCF && (b[2] & 0xFF) == 0x11 && (b[3] & 0xFF) == 0xE0;
	}
}
