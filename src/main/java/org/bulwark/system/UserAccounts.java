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

	Optional<Long> findId(String username);

	/** Ensures the school exists with its built-in roles; returns its id. */
	long ensureSchool(String code, String name);
}
