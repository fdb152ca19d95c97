package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import org.bulwark.directory.FieldProblem;
import org.bulwark.directory.OrgUnitKind;
import org.junit.jupiter.api.Test;

class UnitReportRulesUnitTest {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
	static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
	static final UnitReportRules.Settings SETTINGS = new UnitReportRules.Settings(EnumSet.of(OrgUnitKind.CLASS),
			LocalTime.of(16, 0), 1);

	private static List<String> fields(List<FieldProblem> problems) {
		return problems.stream().map(FieldProblem::field).toList();
	}

	@Test
	void aReportIsLateOnlyAfterTheDeadlineOfItsDayInTheSchoolsTimeZone() {
		// 16:00 in Shanghai is 08:00 UTC
		assertThat(SETTINGS.late(TODAY, Instant.parse("2026-12-01T08:00:00Z"), SHANGHAI)).isFalse();
		assertThat(SETTINGS.late(TODAY, Instant.parse("2026-12-01T08:00:01Z"), SHANGHAI)).isTrue();
		assertThat(SETTINGS.late(TODAY, Instant.parse("2026-11-30T20:00:00Z"), SHANGHAI)).isFalse();
		// yesterday's report made up this morning is late
		assertThat(SETTINGS.late(TODAY.minusDays(1), Instant.parse("2026-12-01T01:00:00Z"), SHANGHAI)).isTrue();
	}

	@Test
	void theDefaultsAreClassesCollegesDepartmentsAndEmployersBySixteenHundred() {
		UnitReportRules.Settings d = UnitReportRules.Settings.defaults();
		assertThat(d.deadline()).isEqualTo(LocalTime.of(16, 0));
		assertThat(d.reports(OrgUnitKind.CLASS)).isTrue();
		assertThat(d.reports(OrgUnitKind.EMPLOYER)).isTrue();
		assertThat(d.reports(OrgUnitKind.MAJOR)).isFalse();
	}

	@Test
	void aZeroReportNeedsNoCountsButRefusesCountsAboveZero() {
		assertThat(UnitReportRules.check(null, null, null, null, true, null, TODAY, TODAY)).isEmpty();
		assertThat(UnitReportRules.check(0, 0, 0, 0, true, "", TODAY, TODAY)).isEmpty();
		assertThat(fields(UnitReportRules.check(1, 0, null, null, true, null, TODAY, TODAY))).containsExactly("fever");
		assertThat(UnitReportRules.counts(null, null, null, null).zero()).isTrue();
	}

	@Test
	void anAbnormalReportNeedsEveryCountInRangeAndANoteForOther() {
		assertThat(UnitReportRules.check(2, 1, 0, 0, false, null, TODAY, TODAY)).isEmpty();
		assertThat(fields(UnitReportRules.check(null, -1, 100_001, 0, false, null, TODAY, TODAY)))
			.containsExactly("fever", "symptoms", "sickAbsences");
		assertThat(fields(UnitReportRules.check(0, 0, 0, 2, false, " ", TODAY, TODAY))).containsExactly("note");
		assertThat(UnitReportRules.check(0, 0, 0, 2, false, "two sent home", TODAY, TODAY)).isEmpty();
		assertThat(fields(UnitReportRules.check(0, 0, 0, 0, false, "x".repeat(1001), TODAY, TODAY))).containsExactly("note");
		UnitReportRules.Counts c = UnitReportRules.counts(2, 1, 3, 0);
		assertThat(c.total()).isEqualTo(6);
		assertThat(c.zero()).isFalse();
	}

	@Test
	void theDayMustBeGivenNotInTheFutureAndNotTooFarBack() {
		assertThat(fields(UnitReportRules.check(0, 0, 0, 0, false, null, null, TODAY))).containsExactly("date");
		assertThat(UnitReportRules.check(0, 0, 0, 0, false, null, TODAY.plusDays(1), TODAY).get(0).code())
			.isEqualTo("unitReports.date.future");
		assertThat(UnitReportRules.check(0, 0, 0, 0, false, null, TODAY.minusDays(31), TODAY)).isEmpty();
		assertThat(UnitReportRules.check(0, 0, 0, 0, false, null, TODAY.minusDays(32), TODAY).get(0).code())
			.isEqualTo("unitReports.date.tooOld");
	}
}
