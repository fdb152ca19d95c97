package org.bulwark.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Figures computed over a whole campus, held for a few seconds: the office's list of who has not
 * reported is opened, paged and regrouped many times a minute in the morning, and every one of those
 * requests would otherwise count 50,000 people again. What is held is at most {@code holdFor} old
 * (pages say so); the lines of a list are always read live. Zero holds nothing.
 */
final class Held {

	private record Entry(Object value, Instant at) {
	}

	/** Enough for every user's scope and slot of a busy morning; beyond it, the memory starts over. */
	static final int MAX_ENTRIES = 10_000;

	private final Duration holdFor;
	private final Map<Object, Entry> entries = new ConcurrentHashMap<>();

	Held(Duration holdFor) {
		this.holdFor = holdFor;
	}

	/** The value under {@code key} computed less than {@code holdFor} before {@code now}, or computed now. */
	@SuppressWarnings("unchecked")
	<T> T get(Object key, Instant now, Supplier<T> compute) {
		if (holdFor.isZero()) {
			return compute.get();
		}
		Entry e = entries.get(key);
		if (e != null && !e.at().isAfter(now) && e.at().plus(holdFor).isAfter(now)) {
			return (T) e.value();
		}
		T value = compute.get();
		if (entries.size() >= MAX_ENTRIES) {
			entries.clear();
		}
		entries.put(key, new Entry(value, now));
		return value;
	}

	/** Forgets everything, after a change the user who made it expects to see at once. */
	void forget() {
		entries.clear();
	}
}
