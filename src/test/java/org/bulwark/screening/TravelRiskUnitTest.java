package org.bulwark.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.bulwark.screening.RiskRules.Designation;
import org.bulwark.screening.TravelRisk.Stay;
import org.junit.jupiter.api.Test;

/** A stay flags only when it meets a designation inside its validity window, at both boundaries. */
class TravelRiskUnitTest {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
	/** Wuhan (4201) high risk from 2022-05-10 00:00 to 2022-05-20 00:00 Beijing time. */
	static final Designation WUHAN = new Designation("4201", RiskLevel.HIGH, at("2022-05-10T00:00"), at("2022-05-20T00:00"), null);

	static Instant at(String local) {
		return java.time.LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
	}

	static Stay stay(String code, String from, String to) {
		return new Stay(code, LocalDate.parse(from), LocalDate.parse(to));
	}

	@Test
	void aStayInACountyOfADesignatedCityInsideTheWindowIsFlagged() {
		var flag = TravelRisk.assess(List.of(stay("420106", "2022-05-12", "2022-05-14")), false, List.of(WUHAN), SHANGHAI);
		assertThat(flag).isPresent();
		assertThat(flag.get().level()).isEqualTo(RiskLevel.HIGH);
		assertThat(flag.get().hits()).containsExactly(new TravelRisk.Hit("420106", RiskLevel.HIGH));
		assertThat(flag.get().reasons()).containsExactly("RISK_AREA");
		assertThat(flag.get().category()).isEqualTo(ProposedCategory.RISK_AREA_RETURNEE);
	}

	@Test
	void theFirstDayOfTheWindowCountsTheDayItEndsDoesNot() {
		assertThat(TravelRisk.assess(List.of(stay("4201", "2022-05-01", "2022-05-10")), false, List.of(WUHAN), SHANGHAI))
			.as("leaving on the day it starts").isPresent();
		assertThat(TravelRisk.assess(List.of(stay("4201", "2022-05-01", "2022-05-09")), false, List.of(WUHAN), SHANGHAI))
			.as("left the day before it starts").isEmpty();
		assertThat(TravelRisk.assess(List.of(stay("4201", "2022-05-19", "2022-05-25")), false, List.of(WUHAN), SHANGHAI))
			.as("arriving on its last day").isPresent();
		assertThat(TravelRisk.assess(List.of(stay("4201", "2022-05-20", "2022-05-25")), false, List.of(WUHAN), SHANGHAI))
			.as("arriving when it has ended at midnight").isEmpty();
	}

	@Test
	void daysAreLocalSoAnEndAtMidnightBeijingTimeIsNotTheNextUtcDay() {
		Designation endsAt16Utc = new Designation("4201", RiskLevel.MEDIUM, Instant.parse("2022-05-01T16:00:00Z"),
				Instant.parse("2022-05-05T16:00:00Z"), null);
		// 2022-05-05T16:00Z is 2022-05-06 00:00 in Beijing: a stay from the 6th is after the window
		assertThat(TravelRisk.assess(List.of(stay("4201", "2022-05-06", "2022-05-07")), false, List.of(endsAt16Utc), SHANGHAI))
			.isEmpty();
		assertThat(TravelRisk.assess(List.of(stay("4201", "2022-05-05", "2022-05-05")), false, List.of(endsAt16Utc), SHANGHAI))
			.isPresent();
	}

	@Test
	void aLiftedDesignationCountsOnlyUntilItWasLifted() {
		Designation lifted = new Designation("4201", RiskLevel.HIGH, at("2022-05-10T00:00"), at("2022-05-20T00:00"),
				at("2022-05-12T12:00"));
		assertThat(TravelRisk.assess(List.of(stay("420102", "2022-05-12", "2022-05-13")), false, List.of(lifted), SHANGHAI))
			.as("there on the morning it was lifted").isPresent();
		assertThat(TravelRisk.assess(List.of(stay("420102", "2022-05-13", "2022-05-15")), false, List.of(lifted), SHANGHAI))
			.as("arrived after it was lifted").isEmpty();
		Designation openEnded = new Designation("42", RiskLevel.LOW, at("2022-05-10T00:00"), null, null);
		assertThat(TravelRisk.assess(List.of(stay("420102", "2030-01-01", "2030-01-02")), false, List.of(openEnded), SHANGHAI))
			.isPresent();
	}

	@Test
	void otherRegionsDoNotFlagAndTheHighestLevelWins() {
		Designation hubei = new Designation("42", RiskLevel.LOW, at("2022-05-01T00:00"), null, null);
		assertThat(TravelRisk.assess(List.of(stay("4403", "2022-05-12", "2022-05-14")), false, List.of(WUHAN, hubei), SHANGHAI))
			.isEmpty();
		var flag = TravelRisk.assess(List.of(stay("4202", "2022-05-12", "2022-05-13"), stay("420106", "2022-05-14", "2022-05-15")),
				false, List.of(WUHAN, hubei), SHANGHAI).orElseThrow();
		assertThat(flag.level()).isEqualTo(RiskLevel.HIGH);
		assertThat(flag.hits()).extracting(TravelRisk.Hit::regionCode).containsExactly("4202", "420106");
		assertThat(flag.hits()).extracting(TravelRisk.Hit::level).containsExactly(RiskLevel.LOW, RiskLevel.HIGH);
	}

	@Test
	void aReportedContactFlagsAsCloseContactEvenWithoutRiskAreas() {
		var flag = TravelRisk.assess(List.of(stay("4403", "2022-05-12", "2022-05-14")), true, List.of(WUHAN), SHANGHAI)
			.orElseThrow();
		assertThat(flag.level()).isNull();
		assertThat(flag.reasons()).containsExactly("CONTACT");
		assertThat(flag.category()).isEqualTo(ProposedCategory.CLOSE_CONTACT);
		var both = TravelRisk.assess(List.of(stay("4201", "2022-05-12", "2022-05-14")), true, List.of(WUHAN), SHANGHAI)
			.orElseThrow();
		assertThat(both.reasons()).containsExactly("RISK_AREA", "CONTACT");
		assertThat(both.category()).isEqualTo(ProposedCategory.CLOSE_CONTACT);
	}
}
