package org.bulwark.system.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

@Component
class LoginSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

	private final LoginThrottle throttle;
	private final AuditLog audit;

	LoginSuccessHandler(LoginThrottle throttle, AuditLog audit) {
		this.throttle = throttle;
		this.audit = audit;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		throttle.succeeded(authentication.getName());
		audit.record(AuditAction.LOGIN, "user", authentication.getName(), "form");
		super.onAuthenticationSuccess(request, response, authentication);
	}
}
