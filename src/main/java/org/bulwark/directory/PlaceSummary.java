package org.bulwark.directory;

/** A place as lists and the API show it; {@code residents} counts current residents of its subtree. */
public record PlaceSummary(long id, Long parentId, PlaceKind kind, PlaceUsage usage, String code, String name,
		Integer capacity, String city, boolean active, int children) {
}
