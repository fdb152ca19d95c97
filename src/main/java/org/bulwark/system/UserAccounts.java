package org.bulwark.system;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Creates and finds user accounts; used by the first start, the demo campus and the admin pages. */
public interface UserAccounts {

	/** A scope assignment: ALL, or an org unit, place or grid id. */
	record ScopeGrant(DataScope.Kind kind, Long targetId) {
	}

	record NewAccount(long schoolId, String username, String displayName, String rawPassword, Long personId,
			Collection<String> roleCodes, List<ScopeGrant> scopes) {
	}

	long create(NewAccount account);

	/** An enabled user holding a role over one of the org units asked about. */
	record Holder(long userId, String displayName, Long personId, String email, long orgUnitId) {
	}

	/**
	 * The enabled users of a school who hold the role (by code) with one of these org units in their
	 * data scope, one row per user and org unit: whom to tell about a unit (its administrators).
	 */
	List<Holder> holdersOf(long schoolId, String roleCode, Collection<Long> orgUnitIds);

	/** The email address of the account linked to each of these people, where there is one. */
	java.util.Map<Long, String> emailsOfPeople(long schoolId, Collection<Long> personIds);

	Optional<Long> findId(String username);

	/** Ensures the school exists with its built-in roles; returns its id. */
	long ensureSchool(String code, String name);
}
