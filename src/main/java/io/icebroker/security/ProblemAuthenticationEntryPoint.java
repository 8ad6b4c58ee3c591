package io.icebroker.security;

import java.io.IOException;

import io.icebroker.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers an unauthenticated request with {@code 401}, a {@code WWW-Authenticate}
 * challenge and a problem body saying how to authenticate. What was wrong with a
 * presented token is told only as RFC 6750's {@code invalid_token}: the decoder's own
 * message could quote the token.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	static final String REALM = "icebroker";

	private final AuthMode mode;

	private final Problems problems;

	ProblemAuthenticationEntryPoint(AuthMode mode, Problems problems) {
		this.mode = mode;
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		boolean invalidToken = exception instanceof OAuth2AuthenticationException;
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				"Bearer realm=\"" + REALM + "\"" + (invalidToken ? ", error=\"invalid_token\"" : ""));
		this.problems.write(response, HttpStatus.UNAUTHORIZED, detail(invalidToken, request), request.getRequestURI());
	}

	private String detail(boolean invalidToken, HttpServletRequest request) {
		if (this.mode == AuthMode.API_KEY && ApiKeyAuthorizationManager.TURN_REST.matches(request)) {
			return "A valid API key is required, as the key (or api) parameter, in the X-API-Key header or as a"
					+ " bearer token (Authorization: Bearer)";
		}
		if (this.mode == AuthMode.API_KEY) {
			return "A valid API key is required, in the X-API-Key header or as a bearer token (Authorization: Bearer)";
		}
		if (invalidToken) {
			return "The bearer token is invalid, expired or not meant for this service";
		}
		return "A bearer token is required (Authorization: Bearer)";
	}

}
