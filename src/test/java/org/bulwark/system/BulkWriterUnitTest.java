package org.bulwark.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class BulkWriterUnitTest {

	@Test
	void writesCopyCsvThatKeepsNullsEmptyStringsQuotesAndCommasApart() {
		assertThat(BulkWriter.csv(null)).isEmpty();
		assertThat(BulkWriter.csv("")).isEqualTo("\"\"");
		assertThat(BulkWriter.csv("王\"小\",明\n")).isEqualTo("\"王\"\"小\"\",明\n\"");
		assertThat(BulkWriter.csv(true)).isEqualTo("t");
		assertThat(BulkWriter.csv(42L)).isEqualTo("42");
		assertThat(BulkWriter.csv(LocalDate.of(2004, 9, 1))).isEqualTo("2004-09-01");
		assertThat(BulkWriter.csv(OffsetDateTime.of(2026, 11, 23, 8, 0, 0, 0, ZoneOffset.UTC))).isEqualTo("2026-11-23T08:00Z");
	}
}
