package org.bulwark.control;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.bulwark.directory.FieldProblem;

/**
 * The rules of the daily services, without Spring: which rounds a room gets on a day, when a round is
 * overdue, what becomes of open rounds when the room is vacated. Times are local times of the school.
 */
final class ServicePlan {

	static final int MAX_TIMES = 8;
	static final int MAX_GRACE = 720;
	static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withResolverStyle(java.time.format.ResolverStyle.STRICT);

	private ServicePlan() {
	}

	enum Status { PENDING, DONE, CANCELLED, MISSED }

	enum Meal { BREAKFAST, LUNCH, DINNER }

	/** A zone's setting for a service: on or off, the times of its rounds, and how long after a round's time it is overdue. */
	record Setting(ServiceKind service, boolean enabled, List<LocalTime> times, int graceMinutes) {

		Setting {
			times = List.copyOf(new TreeSet<>(times));
		}

		String timesText() {
			return String.join(",", times.stream().map(HH_MM::format).toList());
		}
	}

	/** A setting typed by a manager ("07:30, 11:30，17:30"), or the problems by field. */
	record Parsed(Setting setting, List<FieldProblem> problems) {
	}

	static Parsed parse(ServiceKind service, boolean enabled, String times, Integer graceMinutes) {
		List<FieldProblem> problems = new ArrayList<>();
		List<LocalTime> parsed = new ArrayList<>();
		String field = "times." + service;
		if (times == null || times.isBlank()) {
			if (enabled) {
				problems.add(FieldProblem.of(field, "required"));
			}
		} else {
			for (String part : times.strip().split("[\\s,，;；、]+")) {
				if (part.isBlank()) {
					continue;
				}
				try {
					LocalTime t = LocalTime.parse(part.length() == 4 ? "0" + part : part, HH_MM);
					if (parsed.contains(t)) {
						problems.add(FieldProblem.of(field, "isolation.services.timeTwice", part));
					} else {
						parsed.add(t);
					}
				} catch (DateTimeParseException e) {
					problems.add(FieldProblem.of(field, "isolation.services.badTime", part));
				}
			}
			if (parsed.size() > MAX_TIMES) {
				problems.add(FieldProblem.of(field, "isolation.services.tooManyTimes", MAX_TIMES));
			}
		}
		if (graceMinutes == null || graceMinutes < 0 || graceMinutes > MAX_GRACE) {
			problems.add(FieldProblem.of("grace." + service, "range", 0, MAX_GRACE));
		}
		if (!problems.isEmpty()) {
			return new Parsed(null, problems);
		}
		return new Parsed(new Setting(service, enabled, parsed.isEmpty() ? service.defaults().times() : parsed, graceMinutes), List.of());
	}

	/** Every service of a zone: its own settings where it has them, the defaults for the rest, in the order of {@link ServiceKind}. */
	static List<Setting> effective(Map<ServiceKind, Setting> own) {
		Map<ServiceKind, Setting> all = new EnumMap<>(ServiceKind.class);
		for (ServiceKind k : ServiceKind.values()) {
			all.put(k, own.getOrDefault(k, k.defaults()));
		}
		return List.copyOf(all.values());
	}

	/** One round due to a room. */
	record Round(ServiceKind service, LocalDate day, LocalTime time, Instant dueAt, Instant overdueAt) {

		String slot() {
			return HH_MM.format(time);
		}
	}

	/**
	 * The rounds a room gets on a day: every time of every enabled service whose deadline (time plus
	 * grace) is still ahead when the room's first occupant checked in. A room occupied since before the
	 * day gets them all; someone checking in at 13:00 gets no breakfast but dinner; a room nobody has
	 * checked into (allocated only, or vacant) gets none, which the caller says with an empty {@code occupiedSince}.
	 */
	static List<Round> rounds(List<Setting> settings, LocalDate day, ZoneId zone, Optional<Instant> occupiedSince) {
		if (occupiedSince.isEmpty()) {
			return List.of();
		}
		List<Round> rounds = new ArrayList<>();
		for (Setting s : settings) {
			if (!s.enabled()) {
				continue;
			}
			for (LocalTime t : s.times()) {
				Instant due = day.atTime(t).atZone(zone).toInstant();
				Instant overdue = due.plus(Duration.ofMinutes(s.graceMinutes()));
				if (occupiedSince.get().isBefore(overdue)) {
					rounds.add(new Round(s.service(), day, t, due, overdue));
				}
			}
		}
		rounds.sort((a, b) -> a.dueAt().compareTo(b.dueAt()) != 0 ? a.dueAt().compareTo(b.dueAt()) : a.service().compareTo(b.service()));
		return rounds;
	}

	/** A round nobody has done past its deadline. */
	static boolean overdue(Status status, Instant overdueAt, Instant now) {
		return status == Status.PENDING && now.isAfter(overdueAt);
	}

	/**
	 * What an open round becomes when the room's last occupant checks out: no longer due (cancelled)
	 * when its deadline had not passed, missed when it was already overdue, so the manager still sees
	 * the meal that never came while someone was there.
	 */
	static Status onVacated(Instant overdueAt, Instant vacatedAt) {
		return vacatedAt.isBefore(overdueAt) ? Status.CANCELLED : Status.MISSED;
	}

	/** The meal a round serves, by its time: before 10:30 breakfast, before 15:00 lunch, then dinner. */
	static Meal meal(LocalTime time) {
		return time.isBefore(LocalTime.of(10, 30)) ? Meal.BREAKFAST : time.isBefore(LocalTime.of(15, 0)) ? Meal.LUNCH : Meal.DINNER;
	}
}
