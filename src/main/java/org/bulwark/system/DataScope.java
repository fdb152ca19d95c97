package org.bulwark.system;

import java.io.Serializable;
import java.util.Set;

/**
 * The part of a school a user may see and change: everything, or the subtrees of the org units
 * and places assigned to them, and the grids they work in. Modules that own people or places
 * translate a scope into their queries; an empty scope sees nothing.
 */
public record DataScope(boolean all, Set<Long> orgUnitIds, Set<Long> placeIds, Set<Long> gridIds)
		implements Serializable {

	public DataScope {
		orgUnitIds = Set.copyOf(orgUnitIds);
		placeIds = Set.copyOf(placeIds);
		gridIds = Set.copyOf(gridIds);
	}

	public static DataScope everything() {
		return new DataScope(true, Set.of(), Set.of(), Set.of());
	}

	public static DataScope nothing() {
		return new DataScope(false, Set.of(), Set.of(), Set.of());
	}

	public boolean isEmpty() {
		return !all && orgUnitIds.isEmpty() && placeIds.isEmpty() && gridIds.isEmpty();
	}

	public enum Kind { ALL, ORG_UNIT, PLACE, GRID }
}
