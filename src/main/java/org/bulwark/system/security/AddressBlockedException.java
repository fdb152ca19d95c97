package org.bulwark.system.security;

import org.springframework.security.core.AuthenticationException;

class AddressBlockedException extends AuthenticationException {

	AddressBlockedException() {
		super("Too many failed sign-ins from this address");
	}
}
