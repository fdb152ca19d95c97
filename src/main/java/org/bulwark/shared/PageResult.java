package org.bulwark.shared;

import java.util.List;

/**
 * One page of results. Totals are counted up to a cap so a list over half a million rows stays
 * fast; {@code totalCapped} says the real total is larger.
 */
public record PageResult<T>(List<T> items, int page, int size, long total, boolean totalCapped) {

	public static final long COUNT_CAP = 10_000;

	public int totalPages() {
		return (int) Math.max(1, (total + size - 1) / size);
	}

	public boolean hasPrevious() {
		return page > 0;
	}

	public boolean hasNext() {
		return page + 1 < totalPages();
	}

	public boolean isEmpty() {
		return items.isEmpty();
	}
}
