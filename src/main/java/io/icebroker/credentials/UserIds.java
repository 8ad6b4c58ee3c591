package io.icebroker.credentials;

import java.security.Principal;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Who a request is for: an authenticated principal wins over the {@code userId}
 * parameter, which wins over the {@code X-User-Id} header; none means {@code anonymous}.
 * Public so that the per-user rate limit keys requests by the very id the controller
 * uses.
 */
public final class UserIds {

	public static final String ANONYMOUS = "anonymous";

	// Validated before it is used anywhere, so no log line or TURN username can carry a
	// control character.
	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@:+-]{1,128}");

	private UserIds() {
	}

	/**
	 * The user a request is for.
	 * @param principal the authenticated principal, if any
	 * @param parameter the {@code userId} query parameter, if any
	 * @param header the {@code X-User-Id} header, if any
	 * @return a valid user id, or {@value #ANONYMOUS}
	 * @throws ErrorResponseException a {@code 400} problem when the chosen id breaks the
	 * rules
	 */
	public static String resolve(@Nullable Principal principal, @Nullable String parameter, @Nullable String header) {
		return resolve(principal, "userId", parameter, header);
	}

	/**
	 * The user a request is for, when the parameter has another name (the TURN REST API's
	 * {@code username}).
	 * @param principal the authenticated principal, if any
	 * @param parameterName the parameter's name, as a rejection names it
	 * @param parameter the parameter, if any
	 * @param header the {@code X-User-Id} header, if any
	 * @return a valid user id, or {@value #ANONYMOUS}
	 * @throws ErrorResponseException a {@code 400} problem when the chosen id breaks the
	 * rules
	 */
	public static String resolve(@Nullable Principal principal, String parameterName, @Nullable String parameter,
			@Nullable String header) {
		if (principal != null) {
			return validated(principal.getName(), "the authenticated principal's name");
		}
		if (parameter != null) {
			return validated(parameter, parameterName);
		}
		if (header != null) {
			return validated(header, "X-User-Id");
		}
		return ANONYMOUS;
	}

	private static String validated(String userId, String source) {
		if (!VALID.matcher(userId).matches()) {
			throw new InvalidUserIdException(source);
		}
		return userId;
	}

	/**
	 * A 400 whose body names the rule, never the rejected value.
	 */
	static final class InvalidUserIdException extends ErrorResponseException {

		InvalidUserIdException(String source) {
			super(HttpStatus.BAD_REQUEST, problem(source), null);
		}

		private static ProblemDetail problem(String source) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					source + " must be 1 to 128 characters of A-Z, a-z, 0-9 and . _ @ : + -");
			problem.setTitle("Invalid user id");
			return problem;
		}

	}

}
