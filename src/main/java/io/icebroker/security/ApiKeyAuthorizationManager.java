package io.icebroker.security;

import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Grants a request that carries exactly one accepted API key, as
 * {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}, and on
 * {@code /turn/rest} also as its {@code key} or {@code api} parameter, where Janus's
 * client puts it. A key says which application may call, not which user: it is an access
 * rule, never a principal whose name could reach a log line or a TURN username.
 */
final class ApiKeyAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

	static final String HEADER = "X-API-Key";

	private static final String BEARER = "bearer ";

	/** Where the key may also come as a parameter. */
	static final RequestMatcher TURN_REST = PathPatternRequestMatcher.pathPattern("/turn/rest");

	/** The TURN REST draft's name for the key, and the one Janus used first. */
	static final List<String> KEY_PARAMETERS = List.of("key", "api");

	private final ApiKeys keys;

	ApiKeyAuthorizationManager(ApiKeys keys) {
		this.keys = keys;
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
			RequestAuthorizationContext context) {
		Set<String> presented = presentedKeys(context.getRequest());
		// Two different keys in one request is a client bug or a probe.
		return new AuthorizationDecision(presented.size() == 1 && this.keys.matches(presented.iterator().next()));
	}

	static Set<String> presentedKeys(HttpServletRequest request) {
		if (request.getHeader(HttpHeaders.AUTHORIZATION) == null && !TURN_REST.matches(request)) {
			// The usual request: one X-API-Key header, read without building lists.
			Enumeration<String> keys = request.getHeaders(HEADER);
			if (!keys.hasMoreElements()) {
				return Set.of();
			}
			String key = keys.nextElement().strip();
			if (!keys.hasMoreElements()) {
				return Set.of(key);
			}
		}
		Set<String> presented = new LinkedHashSet<>();
		for (String authorization : Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION))) {
			if (authorization.length() > BEARER.length()
					&& authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
				presented.add(authorization.substring(BEARER.length()).strip());
			}
			else {
				presented.add(authorization);
			}
		}
		for (String key : Collections.list(request.getHeaders(HEADER))) {
			presented.add(key.strip());
		}
		if (TURN_REST.matches(request)) {
			for (String name : KEY_PARAMETERS) {
				String[] values = request.getParameterValues(name);
				if (values != null) {
					Arrays.stream(values).map(String::strip).forEach(presented::add);
				}
			}
		}
		return presented;
	}

}
