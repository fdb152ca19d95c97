package org.bulwark.system;

import java.io.Serial;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user (a person in the browser, or the holder of an API token) with their school,
 * permissions and data scope, resolved once at sign-in.
 */
public final class CurrentUser implements UserDetails, CredentialsContainer {

	@Serial
	private static final long serialVersionUID = 1L;

	private final long id;
	private final long schoolId;
	private final String username;
	private final String displayName;
	private final Long personId;
	private final Set<Permission> permissions;
	private final Set<String> roles;
	private final DataScope scope;
	private final boolean locked;
	private final boolean enabled;
	private String passwordHash;

	public CurrentUser(long id, long schoolId, String username, String displayName, Long personId,
			Set<Permission> permissions, Set<String> roles, DataScope scope, boolean enabled, boolean locked,
			String passwordHash) {
		this.id = id;
		this.schoolId = schoolId;
		this.username = username;
		this.displayName = displayName;
		this.personId = personId;
		this.permissions = Set.copyOf(permissions);
		this.roles = Set.copyOf(roles);
		this.scope = scope;
		this.enabled = enabled;
		this.locked = locked;
		this.passwordHash = passwordHash;
	}

	/** The user of the current request, if one is signed in. */
	public static Optional<CurrentUser> find() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof CurrentUser user ? Optional.of(user) : Optional.empty();
	}

	/** The user of the current request; fails when nobody is signed in. */
	public static CurrentUser get() {
		return find().orElseThrow(() -> new IllegalStateException("No signed-in user"));
	}

	public long id() {
		return id;
	}

	public long schoolId() {
		return schoolId;
	}

	public String displayName() {
		return displayName;
	}

	public Optional<Long> personId() {
		return Optional.ofNullable(personId);
	}

	public Set<Permission> permissions() {
		return permissions;
	}

	public Set<String> roles() {
		return roles;
	}

	public DataScope scope() {
		return scope;
	}

	public boolean can(Permission permission) {
		return permissions.contains(permission);
	}

	public boolean can(String permission) {
		return permissions.stream().anyMatch(p -> p.name().equals(permission));
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return permissions.stream().map(p -> new SimpleGrantedAuthority(p.authority())).collect(Collectors.toSet());
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return username;
	}

	@Override
	public boolean isAccountNonLocked() {
		return !locked;
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof CurrentUser other && other.id == id;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(id);
	}

	@Override
	public String toString() {
		return username;
	}
}
