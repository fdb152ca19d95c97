package org.bulwark.shared;

/** One page of a list: 0-based page number, size, sort key and direction. */
public record PageQuery(int page, int size, String sort, boolean descending) {

	public static final int MAX_SIZE = 200;

	public PageQuery {
		page = Math.max(0, page);
		size = size <= 0 ? 20 : Math.min(size, MAX_SIZE);
	}

	public long offset() {
		return (long) page * size;
	}
}
