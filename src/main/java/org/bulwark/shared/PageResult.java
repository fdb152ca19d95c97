package org.bulwark.shared;

import java.util.List;
import java.util.function.Function;

/**
 * One page of results. Totals are counted up to a cap (1,000: fifty pages) so a list over half a
 * million rows stays fast; {@code totalCapped} says the real total is larger.
 */
public record PageResult<T>(List<T> items, int page, int size, long total, boolean totalCapped) {

	public static final long COUNT_CAP = 1_000;

	public int totalPages() {
		return (int) Math.max(1, (total + size - 1) / size);
	}

	public boolean hasPrevious() {
		return page > 0;
	}

	/** Past the counted cap there may be more pages: a full page says so. */
	public boolean hasNext() {
		return page + 1 < totalPages() || (totalCapped && items.size() == size);
	}

	public <R> PageResult<R> map(Function<T, R> mapper) {
		return new PageResult<>(items.stream().map(mapper).toList(), page, size, total, totalCapped);
	}

	public long firstItem() {
		return items.isEmpty() ? 0 : (long) page * size + 1;
	}

	public long lastItem() {
		return (long) page * size + items.size();
	}

	public boolean isEmpty() {
		return items.isEmpty();
	}
}
