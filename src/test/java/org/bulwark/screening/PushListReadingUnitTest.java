package org.bulwark.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.bulwark.screening.PushListReading.Field;
import org.bulwark.screening.PushListReading.RowStatus;
import org.junit.jupiter.api.Test;

class PushListReadingUnitTest {

	@Test
	void theHeaderIsFoundBelowATitleAndItsColumnsNamed() {
		var result = PushListReading.read(List.of(List.of("某市公安局推送名单 2022-05-01", "", ""),
				List.of("序号", "姓名", "公民身份号码", "联系电话"), List.of("1", "张 三", "11010519491231002x", "+86 13800138000")),
				Map.of());
		assertThat(result.headerRow()).isEqualTo(1);
		assertThat(result.mapping()).containsEntry(1, Field.NAME).containsEntry(2, Field.ID_NUMBER).containsEntry(3, Field.PHONE);
		assertThat(result.missing()).isFalse();
		var row = result.rows().get(0);
		assertThat(row.rowNumber()).isEqualTo(3);
		assertThat(row.name()).isEqualTo("张三");
		assertThat(row.id().value()).isEqualTo("11010519491231002X");
		assertThat(row.phone()).isEqualTo("13800138000");
		assertThat(row.status()).isEqualTo(RowStatus.VALID);
		assertThat(row.raw()).contains("张 三");
	}

	@Test
	void withoutAnIdOrNameColumnTheListCannotBeMatched() {
		var result = PushListReading.read(List.of(List.of("号码", "地址"), List.of("13800138000", "某路")), Map.of());
		assertThat(result.missing()).isTrue();
	}

	@Test
	void theUsersChoicesMapUnknownColumnsAndIgnoreOthers() {
		var rows = List.of(List.of("核查对象名", "证照", "电话"), List.of("李四", "110105491231002", "13800138000"));
		var choices = PushListReading.parseChoices(PushListReading.formatChoices(Map.of("核查对象名", "NAME", "证照", "ID_NUMBER",
				"电话", "IGNORE")));
		var result = PushListReading.read(rows, choices);
		assertThat(result.mapping()).containsEntry(0, Field.NAME).containsEntry(1, Field.ID_NUMBER).doesNotContainKey(2);
		assertThat(result.rows().get(0).id().value()).isEqualTo("11010519491231002X");
	}

	@Test
	void duplicatesWrongCheckDigitsAndEmptyRowsAreReportedByRow() {
		var result = PushListReading.read(List.of(List.of("姓名", "身份证号", "手机", "出生日期"),
				List.of("张三", "11010519491231002X", "13800138000", ""),
				List.of("张三", "１１０１０５１９４９１２３１００２Ｘ", "", ""),
				List.of("李四", "110105194912310021", "12345", "1949-13-01"),
				List.of("", "", "13800138000", ""),
				List.of("", "", "", "")), Map.of());
		assertThat(result.rows()).hasSize(4);
		assertThat(result.rows().get(1).status()).isEqualTo(RowStatus.DUPLICATE);
		assertThat(result.rows().get(1).duplicateOf()).isEqualTo(2);
		assertThat(result.rows().get(2).status()).isEqualTo(RowStatus.VALID);
		assertThat(result.rows().get(2).problems()).contains("ID_CHECK_DIGIT", "PHONE_INVALID", "BIRTH_DATE_INVALID");
		assertThat(result.rows().get(3).status()).isEqualTo(RowStatus.INVALID);
		assertThat(result.rows().get(3).problems()).contains("NOTHING_TO_MATCH");
		assertThat(result.count(RowStatus.VALID)).isEqualTo(2);
		assertThat(result.flagged()).isEqualTo(1);
	}
}
