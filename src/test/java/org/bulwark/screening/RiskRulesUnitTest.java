package org.bulwark.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.bulwark.screening.RiskRules.Designation;
import org.junit.jupiter.api.Test;

class RiskRulesUnitTest {

	static final Instant T0 = Instant.parse("2022-04-01T00:00:00Z");

	static Instant day(int n) {
		return T0.plusSeconds(86_400L * n);
	}

	@Test
	void validFromInclusiveToExclusive() {
		var d = new Designation("110101", RiskLevel.MEDIUM, day(0), day(7), null);
		assertThat(RiskRules.riskOf("110101", day(0), List.of(d))).contains(RiskLevel.MEDIUM);
		assertThat(RiskRules.riskOf("110101", day(7).minusMillis(1), List.of(d))).contains(RiskLevel.MEDIUM);
		assertThat(RiskRules.riskOf("110101", day(7), List.of(d))).isEmpty();
		assertThat(RiskRules.riskOf("110101", day(0).minusMillis(1), List.of(d))).isEmpty();
	}

	@Test
	void openEndedDesignationLastsUntilLifted() {
		var open = new Designation("110101", RiskLevel.HIGH, day(0), null, null);
		assertThat(RiskRules.riskOf("110101", day(3650), List.of(open))).contains(RiskLevel.HIGH);
		var lifted = new Designation("110101", RiskLevel.HIGH, day(0), null, day(3));
		assertThat(RiskRules.riskOf("110101", day(3).minusSeconds(1), List.of(lifted))).contains(RiskLevel.HIGH);
		assertThat(RiskRules.riskOf("110101", day(3), List.of(lifted))).isEmpty();
	}

	@Test
	void liftedBeforeItsEndCountsOnlyUntilLifted() {
		var d = new Designation("1101", RiskLevel.LOW, day(0), day(14), day(2));
		assertThat(RiskRules.riskOf("110101001", day(1), List.of(d))).contains(RiskLevel.LOW);
		assertThat(RiskRules.riskOf("110101001", day(5), List.of(d))).isEmpty();
	}

	@Test
	void aDesignationOnACityCoversItsCountiesAndTownshipsButNotItsProvinceOrSiblings() {
		var city = new Designation("1101", RiskLevel.MEDIUM, day(0), null, null);
		assertThat(RiskRules.riskOf("110101", day(1), List.of(city))).contains(RiskLevel.MEDIUM);
		assertThat(RiskRules.riskOf("110101001", day(1), List.of(city))).contains(RiskLevel.MEDIUM);
		assertThat(RiskRules.riskOf("11", day(1), List.of(city))).isEmpty();
		assertThat(RiskRules.riskOf("1102", day(1), List.of(city))).isEmpty();
		assertThat(RiskRules.riskOf("120101", day(1), List.of(city))).isEmpty();
	}

	@Test
	void theHighestOfOverlappingDesignationsWins() {
		var cityLow = new Designation("4201", RiskLevel.LOW, day(0), day(30), null);
		var countyHigh = new Designation("420106", RiskLevel.HIGH, day(5), day(10), null);
		var townMedium = new Designation("420106002", RiskLevel.MEDIUM, day(0), day(20), null);
		var all = List.of(cityLow, countyHigh, townMedium);
		assertThat(RiskRules.riskOf("420106002", day(1), all)).contains(RiskLevel.MEDIUM);
		assertThat(RiskRules.riskOf("420106002", day(6), all)).contains(RiskLevel.HIGH);
		assertThat(RiskRules.riskOf("420106002", day(10), all)).contains(RiskLevel.MEDIUM);
		assertThat(RiskRules.riskOf("420106002", day(25), all)).contains(RiskLevel.LOW);
		assertThat(RiskRules.riskOf("420106001", day(1), all)).contains(RiskLevel.LOW);
		assertThat(RiskRules.riskOf("420106002", day(30), all)).isEmpty();
	}

	@Test
	void aFutureDesignationDoesNotCountYet() {
		var future = new Designation("110101", RiskLevel.HIGH, day(10), null, null);
		assertThat(RiskRules.riskOf("110101", day(9), List.of(future))).isEmpty();
		assertThat(RiskRules.riskOf("110101", day(10), List.of(future))).contains(RiskLevel.HIGH);
	}

	@Test
	void levelsParseFromEnglishAndChinese() {
		assertThat(RiskLevel.parse("高风险")).isEqualTo(RiskLevel.HIGH);
		assertThat(RiskLevel.parse(" medium ")).isEqualTo(RiskLevel.MEDIUM);
		assertThat(RiskLevel.parse("低")).isEqualTo(RiskLevel.LOW);
		assertThat(RiskLevel.parse("severe")).isNull();
	}
}
