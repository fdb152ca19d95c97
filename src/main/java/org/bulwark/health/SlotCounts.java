package org.bulwark.health;

/**
 * Where the people expected for one check slot stand, as the dashboard, the unit status API and the
 * line lists count them. Every expected person is in exactly one of reported, away, not yet and
 * overdue: reported = a check-in for the day and slot (on time or late); away = covered by an
 * absence and no check-in; not yet = nothing yet and the slot still on time (or not open);
 * overdue = nothing, past the slot's deadline plus grace. Abnormal and late are parts of reported.
 */
record SlotCounts(long expected, long reported, long late, long abnormal, long away, long notYet, long overdue) {

	static final SlotCounts NONE = new SlotCounts(0, 0, 0, 0, 0, 0, 0);

	/**
	 * @param pastDeadline whether the slot's deadline plus grace has passed for the day
	 */
	static SlotCounts of(long expected, long reported, long late, long abnormal, long awayWithoutReport,
			boolean pastDeadline) {
		long pending = Math.max(0, expected - reported - awayWithoutReport);
		return new SlotCounts(expected, reported, late, abnormal, awayWithoutReport, pastDeadline ? 0 : pending,
				pastDeadline ? pending : 0);
	}

	SlotCounts plus(SlotCounts o) {
		return new SlotCounts(expected + o.expected, reported + o.reported, late + o.late, abnormal + o.abnormal,
				away + o.away, notYet + o.notYet, overdue + o.overdue);
	}

	/** Reported of those expected and not away, in percent with one decimal; null when nobody is due. */
	public Double rate() {
		long due = expected - away;
		return due <= 0 ? null : Math.round(Math.min(reported, due) * 1000.0 / due) / 10.0;
	}
}
