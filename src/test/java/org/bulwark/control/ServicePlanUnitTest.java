package org.bulwark.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bulwark.control.ServicePlan.Round;
import org.bulwark.control.ServicePlan.Setting;
import org.bulwark.control.ServicePlan.Status;
import org.junit.jupiter.api.Test;

class ServicePlanUnitTest {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
	static final LocalDate DAY = LocalDate.of(2026, 3, 10);

	static Instant at(LocalDate day, int hour, int minute) {
		return day.atTime(hour, minute).atZone(SHANGHAI).toInstant();
	}

	static List<String> slots(List<Round> rounds, ServiceKind kind) {
		return rounds.stream().filter(r -> r.service() == kind).map(Round::slot).toList();
	}

	@Test
	void aRoomOccupiedSinceBeforeTheDayGetsEveryRoundOfEveryServiceByDefault() {
		List<Round> rounds = ServicePlan.rounds(ServiceSettings.defaults(), DAY, SHANGHAI, Optional.of(at(DAY.minusDays(2), 15, 0)));
		assertThat(slots(rounds, ServiceKind.MEAL)).containsExactly("07:30", "11:30", "17:30");
		assertThat(slots(rounds, ServiceKind.MEDICAL)).as("temperature twice a day").containsExactly("08:00", "16:00");
		assertThat(slots(rounds, ServiceKind.DISINFECTION)).hasSize(3);
		assertThat(slots(rounds, ServiceKind.GARBAGE)).hasSize(2);
		assertThat(slots(rounds, ServiceKind.SUPPLIES)).hasSize(1);
		assertThat(rounds).hasSize(11);
		assertThat(rounds).extracting(Round::dueAt).isSorted();
		Round breakfast = rounds.get(0);
		assertThat(breakfast.dueAt()).isEqualTo(at(DAY, 7, 30));
		assertThat(breakfast.overdueAt()).as("45 minutes of grace").isEqualTo(at(DAY, 8, 15));
	}

	@Test
	void aVacantOrOnlyAllocatedRoomGetsNoRounds() {
		assertThat(ServicePlan.rounds(ServiceSettings.defaults(), DAY, SHANGHAI, Optional.empty())).isEmpty();
	}

	@Test
	void someoneCheckingInMidDayGetsOnlyTheRoundsWhoseDeadlineIsStillAhead() {
		List<Round> rounds = ServicePlan.rounds(ServiceSettings.defaults(), DAY, SHANGHAI, Optional.of(at(DAY, 13, 0)));
		assertThat(slots(rounds, ServiceKind.MEAL)).containsExactly("17:30");
		assertThat(slots(rounds, ServiceKind.MEDICAL)).containsExactly("16:00");
		assertThat(slots(rounds, ServiceKind.DISINFECTION)).containsExactly("14:30", "20:30");
		// arriving at 12:00, lunch (11:30, overdue at 12:15) is still brought
		assertThat(slots(ServicePlan.rounds(ServiceSettings.defaults(), DAY, SHANGHAI, Optional.of(at(DAY, 12, 0))), ServiceKind.MEAL))
			.containsExactly("11:30", "17:30");
		assertThat(slots(ServicePlan.rounds(ServiceSettings.defaults(), DAY, SHANGHAI, Optional.of(at(DAY, 12, 15))), ServiceKind.MEAL))
			.containsExactly("17:30");
		// checked in after the whole day: nothing of it
		assertThat(ServicePlan.rounds(ServiceSettings.defaults(), DAY, SHANGHAI, Optional.of(at(DAY.plusDays(1), 0, 0)))).isEmpty();
	}

	@Test
	void aZonesOwnSettingsReplaceTheDefaultsAndADisabledServiceHasNoRounds() {
		Map<ServiceKind, Setting> own = new EnumMap<>(ServiceKind.class);
		own.put(ServiceKind.MEAL, new Setting(ServiceKind.MEAL, true, List.of(LocalTime.of(12, 0), LocalTime.of(7, 0)), 30));
		own.put(ServiceKind.GARBAGE, new Setting(ServiceKind.GARBAGE, false, List.of(LocalTime.of(9, 0)), 60));
		List<Setting> effective = ServicePlan.effective(own);
		assertThat(effective).extracting(Setting::service).containsExactly(ServiceKind.values());
		List<Round> rounds = ServicePlan.rounds(effective, DAY, SHANGHAI, Optional.of(at(DAY, 0, 0)));
		assertThat(slots(rounds, ServiceKind.MEAL)).as("sorted").containsExactly("07:00", "12:00");
		assertThat(slots(rounds, ServiceKind.GARBAGE)).isEmpty();
		assertThat(slots(rounds, ServiceKind.MEDICAL)).containsExactly("08:00", "16:00");
	}

	@Test
	void aRoundIsOverdueOnlyWhenOpenPastItsDeadline() {
		Instant deadline = at(DAY, 12, 15);
		assertThat(ServicePlan.overdue(Status.PENDING, deadline, at(DAY, 12, 14))).isFalse();
		assertThat(ServicePlan.overdue(Status.PENDING, deadline, deadline)).isFalse();
		assertThat(ServicePlan.overdue(Status.PENDING, deadline, at(DAY, 12, 16))).isTrue();
		assertThat(ServicePlan.overdue(Status.DONE, deadline, at(DAY, 20, 0))).isFalse();
		assertThat(ServicePlan.overdue(Status.CANCELLED, deadline, at(DAY, 20, 0))).isFalse();
	}

	@Test
	void checkingOutMidDayCancelsWhatWasNotYetDueAndKeepsWhatWasMissed() {
		Instant checkOut = at(DAY, 14, 0);
		assertThat(ServicePlan.onVacated(at(DAY, 12, 15), checkOut)).as("lunch was overdue").isEqualTo(Status.MISSED);
		assertThat(ServicePlan.onVacated(at(DAY, 18, 15), checkOut)).as("dinner is no longer due").isEqualTo(Status.CANCELLED);
		assertThat(ServicePlan.onVacated(at(DAY, 14, 30), checkOut)).as("within the grace").isEqualTo(Status.CANCELLED);
	}

	@Test
	void settingsAreParsedFromWhatAManagerTypesWithProblemsByField() {
		ServicePlan.Parsed ok = ServicePlan.parse(ServiceKind.MEAL, true, " 7:30，11:30, 17:30 ", 45);
		assertThat(ok.problems()).isEmpty();
		assertThat(ok.setting().timesText()).isEqualTo("07:30,11:30,17:30");
		assertThat(ServicePlan.parse(ServiceKind.MEAL, true, "07:30, 24:00", 45).problems())
			.extracting(p -> p.field() + ":" + p.code()).containsExactly("times.MEAL:isolation.services.badTime");
		assertThat(ServicePlan.parse(ServiceKind.GARBAGE, true, "09:00,09:00", 45).problems())
			.extracting(p -> p.code()).containsExactly("isolation.services.timeTwice");
		assertThat(ServicePlan.parse(ServiceKind.MEDICAL, true, "", 45).problems()).extracting(p -> p.field()).containsExactly("times.MEDICAL");
		assertThat(ServicePlan.parse(ServiceKind.MEDICAL, true, "08:00", 721).problems()).extracting(p -> p.field()).containsExactly("grace.MEDICAL");
		assertThat(ServicePlan.parse(ServiceKind.SUPPLIES, true, "1,2,3,4,5,6,7,8,9".replaceAll("(\\d)", "0$1:00"), 10).problems())
			.extracting(p -> p.code()).containsExactly("isolation.services.tooManyTimes");
		assertThat(ServicePlan.parse(ServiceKind.SUPPLIES, false, "", 10).setting().enabled()).as("off needs no times").isFalse();
	}

	@Test
	void mealsAreNamedByTheirTime() {
		assertThat(ServicePlan.meal(LocalTime.of(7, 30))).isEqualTo(ServicePlan.Meal.BREAKFAST);
		assertThat(ServicePlan.meal(LocalTime.of(11, 30))).isEqualTo(ServicePlan.Meal.LUNCH);
		assertThat(ServicePlan.meal(LocalTime.of(17, 30))).isEqualTo(ServicePlan.Meal.DINNER);
	}
}
