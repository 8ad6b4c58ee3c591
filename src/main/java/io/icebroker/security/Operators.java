package io.icebroker.security;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import io.icebroker.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Operators: callers of actuator endpoints with one of {@code TURN_ADMIN_KEYS}. They
 * alone may change state and see what clients must not (the service's own address, the
 * metrics on a public port). The principal is always {@value #PRINCIPAL}: a key never
 * becomes a name in a log line.
 */
final class Operators {

	static final String ROLE = "ADMIN";

	static final String PRINCIPAL = "operator";

	private static final Authentication OPERATOR = UsernamePasswordAuthenticationToken.authenticated(PRINCIPAL, null,
			List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));

	private final ApiKeys keys;

	private final RequestMatcher actuator;

	private final RequestMatcher operatorOnly;

	private final Problems problems;

	Operators(ApiKeys keys, RequestMatcher actuator, RequestMatcher operatorOnly, Problems problems) {
		this.keys = keys;
		this.actuator = actuator;
		this.operatorOnly = operatorOnly;
		this.problems = problems;
	}

	AuthorizationManager<RequestAuthorizationContext> only() {
		return AuthorityAuthorizationManager.hasRole(ROLE);
	}

	boolean needsOperator(HttpServletRequest request) {
		return this.operatorOnly.matches(request);
	}

	static boolean isOperator(@Nullable Authentication authentication) {
		return authentication != null && authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> ("ROLE_" + ROLE).equals(authority.getAuthority()));
	}

	boolean configured() {
		return this.keys.size() > 0;
	}

	/**
	 * With authentication on, Prometheus on the public port needs an operator: its
	 * metrics name the providers, their hosts and the traffic. {@code MANAGEMENT_PORT} is
	 * not published.
	 */
	static boolean guardPrometheus(AuthMode mode, Environment environment) {
		return mode != AuthMode.NONE && ManagementPortType.get(environment) == ManagementPortType.SAME;
	}

	void refuse(HttpServletRequest request, HttpServletResponse response, boolean authenticated) throws IOException {
		if (this.keys.size() == 0) {
			this.problems.write(response, HttpStatus.FORBIDDEN,
					"This operation needs an operator, and none is configured: set TURN_ADMIN_KEYS and send one of"
							+ " its keys as Authorization: Bearer or X-API-Key",
					request.getRequestURI());
		}
		else if (authenticated) {
			this.problems.write(response, HttpStatus.FORBIDDEN,
					"This operation needs an admin key (TURN_ADMIN_KEYS); a client's key or token is not enough",
					request.getRequestURI());
		}
		else {
			response.setHeader("WWW-Authenticate", "Bearer realm=\"" + ProblemAuthenticationEntryPoint.REALM + "\"");
			this.problems.write(response, HttpStatus.UNAUTHORIZED,
					"An admin key (TURN_ADMIN_KEYS) is required, as Authorization: Bearer or X-API-Key",
					request.getRequestURI());
		}
	}

	/**
	 * Authenticates a request to an actuator endpoint that carries exactly one admin key.
	 */
	OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {

			private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (Operators.this.actuator.matches(request)) {
					Set<String> presented = ApiKeyAuthorizationManager.presentedKeys(request);
					if (presented.size() == 1 && Operators.this.keys.matches(presented.iterator().next())) {
						SecurityContext context = this.contexts.createEmptyContext();
						context.setAuthentication(OPERATOR);
						this.contexts.setContext(context);
					}
				}
				chain.doFilter(request, response);
			}

		};
	}

}
