package org.bulwark.directory.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.bulwark.directory.FieldProblem;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

class SpreadsheetReaderUnitTest {

	private static final String CSV = "2026年秋季学期新生名单（计算机学院）\n制表：学生处,,,\n姓名,身份证号,手机号,人员类别\n"
			+ "张三,11010519491231002X,13812341234,本科生\n李四,110105194912310021,12345,研究生\n";

	@Test
	void readsGbkCsvAndFindsTheHeaderBelowTitleRows() throws Exception {
		var table = SpreadsheetReader.read(CSV.getBytes(Charset.forName("GBK")), "名单.csv");
		assertThat(table.encoding()).isEqualTo("GBK/GB18030");
		assertThat(ColumnMapping.headerRow(table.rows())).isEqualTo(2);
		assertThat(table.rows().get(3)).containsExactly("张三", "11010519491231002X", "13812341234", "本科生");
	}

	@Test
	void readsUtf8WithAndWithoutBom() throws Exception {
		byte[] bom = ("\uFEFF" + CSV).getBytes(StandardCharsets.UTF_8);
		assertThat(SpreadsheetReader.read(bom, "a.csv").encoding()).isEqualTo("UTF-8 (BOM)");
		var plain = SpreadsheetReader.read(CSV.getBytes(StandardCharsets.UTF_8), "a.csv");
		assertThat(plain.encoding()).isEqualTo("UTF-8");
		assertThat(plain.rows().get(2).get(0)).isEqualTo("姓名");
	}

	@Test
	void readsQuotedFieldsWithCommasQuotesAndNewlines() throws Exception {
		var rows = SpreadsheetReader.parseCsv("a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\r\n");
		assertThat(rows.get(1)).containsExactly("x, y", "say \"hi\"\nthere");
	}

	@Test
	void readsXlsxWithMergedTitleRowAndDates() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (Workbook wb = new Workbook(out, "test", "1.0")) {
			Worksheet ws = wb.newWorksheet("名单");
			ws.value(0, 0, "教职工名单");
			ws.range(0, 0, 0, 3).merge();
			ws.value(1, 0, "姓名");
			ws.value(1, 1, "证件号码");
			ws.value(1, 2, "出生日期");
			ws.value(1, 3, "工号");
			ws.value(2, 0, "王五");
			ws.value(2, 1, "11010519491231002X");
			ws.value(2, 2, LocalDate.of(1949, 12, 31));
			ws.style(2, 2).format("yyyy-mm-dd").set();
			ws.value(2, 3, 1024);
		}
		var table = SpreadsheetReader.read(out.toByteArray(), "staff.xlsx");
		assertThat(table.format()).isEqualTo("xlsx");
		assertThat(ColumnMapping.headerRow(table.rows())).isEqualTo(1);
		assertThat(table.rows().get(2)).containsExactly("王五", "11010519491231002X", "1949-12-31", "1024");
	}

	@Test
	void refusesEmptyOldXlsAndUndecodableFiles() {
		assertThatThrownBy(() -> SpreadsheetReader.read(new byte[0], "a.csv"))
			.isInstanceOfSatisfying(SpreadsheetReader.Unreadable.class, e -> assertThat(e.reason()).isEqualTo("empty"));
		assertThatThrownBy(() -> SpreadsheetReader.read(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0}, "a.xls"))
			.isInstanceOfSatisfying(SpreadsheetReader.Unreadable.class, e -> assertThat(e.reason()).isEqualTo("xls"));
	}

	@Test
	void refusesAZipBombDisguisedAsXlsx() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
			byte[] zeros = new byte[1 << 20];
			for (int i = 0; i < 310; i++) {
				zip.write(zeros);
			}
			zip.closeEntry();
		}
		assertThat(out.size()).isLessThan(2_000_000);
		assertThatThrownBy(() -> SpreadsheetReader.read(out.toByteArray(), "bomb.xlsx"))
			.isInstanceOfSatisfying(SpreadsheetReader.Unreadable.class, e -> assertThat(e.reason()).isEqualTo("tooLarge"));
	}

	@Test
	void refusesTooManyRows() {
		String many = "姓名,身份证号\n" + "张三,1\n".repeat(SpreadsheetReader.MAX_ROWS + 100);
		assertThatThrownBy(() -> SpreadsheetReader.read(many.getBytes(StandardCharsets.UTF_8), "big.csv"))
			.isInstanceOfSatisfying(SpreadsheetReader.Unreadable.class, e -> assertThat(e.reason()).isEqualTo("tooManyRows"));
	}

	@Test
	void parsesRowsNamingRowAndFieldOfEveryProblem() throws Exception {
		var table = SpreadsheetReader.read((CSV + "王五,11010519491231002x,13900000000,本科生\n赵六,,,学生\n")
			.getBytes(StandardCharsets.UTF_8), "a.csv");
		int header = ColumnMapping.headerRow(table.rows());
		var mapping = ColumnMapping.map(table.rows().get(header), Map.of());
		var rows = PersonRows.parse(table.rows(), header, mapping, unit -> Optional.empty(), LocalDate.of(2026, 11, 23));
		assertThat(rows).hasSize(4);
		assertThat(rows.get(0).valid()).isTrue();
		assertThat(rows.get(0).data().birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
		assertThat(rows.get(1).rowNumber()).isEqualTo(5);
		assertThat(rows.get(1).problems()).extracting(FieldProblem::field, FieldProblem::code).containsExactlyInAnyOrder(
				org.assertj.core.groups.Tuple.tuple("idNumber", "idNumber.CHECK_DIGIT"),
				org.assertj.core.groups.Tuple.tuple("phone", "phone"));
		assertThat(rows.get(2).problems()).extracting(FieldProblem::code).containsExactly("duplicateInFile");
		assertThat(rows.get(3).problems()).extracting(FieldProblem::field)
			.containsExactlyInAnyOrder("population", "idNumber");
	}

	@Test
	void mapsEnglishAndFullWidthHeadersAndHonoursChoices() {
		var mapping = ColumnMapping.map(List.of("Full Name", "ＩＤ　Ｎｏ．", "宿舍", "Mobile"), Map.of(ColumnMapping.key("宿舍"), "IGNORE"));
		assertThat(mapping).containsEntry(0, ColumnMapping.Field.NAME).containsEntry(1, ColumnMapping.Field.ID_NUMBER)
			.containsEntry(3, ColumnMapping.Field.PHONE).doesNotContainKey(2);
	}

	@Test
	void refusesCellsThatAreFormulas() {
		var rows = List.of(List.of("姓名", "身份证号", "手机号"), List.of("=HYPERLINK(\"http://x\",\"点我\")", "", "+8613912345678"));
		var parsed = PersonRows.parse(rows, 0, ColumnMapping.map(rows.get(0), Map.of()), unit -> Optional.empty(),
				LocalDate.of(2026, 11, 23));
		assertThat(parsed.get(0).problems()).extracting(p -> p.field() + ":" + p.code()).contains("name:formula")
			.doesNotContain("phone:formula");
	}
}
