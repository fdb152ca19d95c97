package org.bulwark.directory;

/** An org unit as lists and the API show it. */
public record OrgUnitSummary(long id, Long parentId, OrgUnitKind kind, String code, String name, boolean active,
		int children) {
}
