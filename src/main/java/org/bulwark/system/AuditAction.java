package org.bulwark.system;

public enum AuditAction {
	CREATE, UPDATE, DELETE, REVEAL, EXPORT, IMPORT, LOGIN, LOGIN_FAILED, LOGOUT, ACCESS_DENIED
}
