package org.bulwark.system.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;

/** Counts the failure, audits it, and sends the user back to the form with the reason. */
@Component
class LoginFailureHandler implements AuthenticationFailureHandler {

	private final LoginThrottle throttle;
	private final AuditLog audit;

	LoginFailureHandler(LoginThrottle throttle, AuditLog audit) {
		this.throttle = throttle;
		this.audit = audit;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		String username = String.valueOf(request.getParameter("username")).trim();
		String reason;
		if (exception instanceof LockedException || exception.getCause() instanceof LockedException) {
			reason = "locked";
		} else if (exception instanceof AddressBlockedException) {
			reason = "throttled";
		} else {
			reason = throttle.failed(username, request.getRemoteAddr()) ? "locked" : "bad";
		}
		audit.record(AuditAction.LOGIN_FAILED, "user", username, reason);
		response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
	}
}
