package org.bulwark.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts requests per key in fixed windows and refuses those beyond the limit until the window
 * ends. Held in memory per app node: it is a brake on guessing and flooding, not an accounting.
 */
final class RateLimiter {

	private final int limit;
	private final Duration window;
	private final int maxKeys;
	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	RateLimiter(int limit, Duration window, int maxKeys) {
		this.limit = limit;
		this.window = window;
		this.maxKeys = maxKeys;
	}

	/** Counts one request for the key; false when the key has used up its window. */
	boolean tryAcquire(String key, Instant now) {
		Window w = windows.compute(key, (k, old) -> old == null || !now.isBefore(old.start.plus(window))
				? new Window(now, 1) : new Window(old.start, old.count + 1));
		if (windows.size() > maxKeys) {
			windows.entrySet().removeIf(e -> !now.isBefore(e.getValue().start.plus(window)));
		}
		return w.count <= limit;
	}

	private record Window(Instant start, int count) {
	}
}
