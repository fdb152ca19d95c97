package org.bulwark.health;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * One daily check of a policy, in the school's local time: open from {@code start}, on time until
 * {@code deadline} plus the grace minutes, accepted and marked late after that for the rest of the
 * day; {@code end} is when the slot stops being the one a person is asked for.
 */
record Slot(String code, String nameZh, String nameEn, LocalTime start, LocalTime end, LocalTime deadline,
		int graceMinutes) {

	enum Timing {
		/** Before the slot opens on that day: not accepted. */
		NOT_OPEN,
		ON_TIME,
		/** After the deadline and grace: accepted, marked late. */
		LATE
	}

	public String name(Locale locale) {
		return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
	}

	/** The last instant that counts as on time for the slot of {@code day}; may fall on the next day. */
	ZonedDateTime onTimeUntil(LocalDate day, ZoneId zone) {
		return LocalDateTime.of(day, deadline).plus(Duration.ofMinutes(Math.max(0, graceMinutes))).atZone(zone);
	}

	/** How a submission received at {@code at} counts for the slot of {@code day}. */
	Timing timing(LocalDate day, ZonedDateTime at, ZoneId zone) {
		ZonedDateTime opens = LocalDateTime.of(day, start).atZone(zone);
		if (at.isBefore(opens)) {
			return Timing.NOT_OPEN;
		}
		return at.isAfter(onTimeUntil(day, zone)) ? Timing.LATE : Timing.ON_TIME;
	}
}
