package org.bulwark.system.security;

import org.bulwark.system.AuditAction;
import org.bulwark.system.AuditLog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

@Configuration
@EnableMethodSecurity
class SecurityConfig {

	/** The API: stateless, bearer tokens only, no CSRF (no cookies are accepted). */
	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, ApiTokenFilter tokenFilter) throws Exception {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(a -> a
				.requestMatchers("/api/v1/system/audit/**").hasAuthority("PERM_AUDIT_READ")
				.requestMatchers("/api/v1/system/users/**").hasAuthority("PERM_USERS_MANAGE")
				.requestMatchers("/api/v1/system/tokens/**").hasAuthority("PERM_TOKENS_MANAGE")
				.anyRequest().authenticated())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(c -> c.disable())
			.addFilterBefore(tokenFilter, BasicAuthenticationFilter.class)
			.exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
		return http.build();
	}

	/** The pages: form login, CSRF, session timeout, logout. */
	@Bean
	@Order(2)
	SecurityFilterChain webChain(HttpSecurity http, LoginFailureHandler failureHandler,
			LoginSuccessHandler successHandler, AuditLog audit) throws Exception {
		http.authorizeHttpRequests(a -> a
				.requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/error",
						"/actuator/health/**", "/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**",
						"/swagger-ui.html")
				.permitAll()
				// personal check-in links: the unguessable token in the path is the credential (health)
				.requestMatchers("/link/**").permitAll()
				// administration is refused before any request data is even read
				.requestMatchers("/system/audit/**").hasAuthority("PERM_AUDIT_READ")
				.requestMatchers("/system/users/**").hasAuthority("PERM_USERS_MANAGE")
				.requestMatchers("/system/roles/**").hasAuthority("PERM_ROLES_MANAGE")
				.requestMatchers("/system/tokens/**").hasAuthority("PERM_TOKENS_MANAGE")
				.anyRequest().authenticated())
			.formLogin(f -> f.loginPage("/login").failureHandler(failureHandler).successHandler(successHandler))
			.logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("SESSION", "JSESSIONID")
				.addLogoutHandler((request, response, authentication) -> {
					if (authentication != null) {
						audit.record(AuditAction.LOGOUT, "user", authentication.getName(), "form");
					}
				}))
			.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
			.headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
				.contentSecurityPolicy(c -> c.policyDirectives(
						"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; frame-ancestors 'self'")));
		return http.build();
	}

	/**
	 * No observation around each security filter, authentication and authorization: the request's
	 * own observation (http.server.requests) stays. They were 5% of a check-in's CPU in the morning
	 * rush and nobody reads them.
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}
}
