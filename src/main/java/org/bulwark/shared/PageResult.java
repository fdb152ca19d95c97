package org.bulwark.shared;

import java.util.List;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

/**
 * One page of results. Totals are counted up to a cap (1,000: fifty pages) so a list over half a
 * million rows stays fast; {@code totalCapped} says the real total is larger.
 */
public record PageResult<T>(List<T> items, int page, int size, long total, boolean totalCapped) {

	public static final long COUNT_CAP = 1_000;

	/**
	 * A page whose total is counted only when the page cannot tell it (a short first page is the whole
	 * list), and then only up to the cap: {@code countUpTo} counts at most the rows it is given.
	 */
	public static <T> PageResult<T> counted(List<T> items, int page, int size, LongUnaryOperator countUpTo) {
		if (page == 0 && items.size() < size) {
			return new PageResult<>(items, page, size, items.size(), false);
		}
		long total = countUpTo.applyAsLong(COUNT_CAP + 1);
		return total > COUNT_CAP ? new PageResult<>(items, page, size, COUNT_CAP, true)
				: new PageResult<>(items, page, size, total, false);
	}

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
