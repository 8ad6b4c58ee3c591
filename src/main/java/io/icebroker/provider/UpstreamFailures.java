package io.icebroker.provider;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Turns upstream failures into the fixed phrases operators read. Exception messages are
 * never copied: HTTP clients put the request URL in them, and one provider carries its
 * API key in the URL.
 */
public final class UpstreamFailures {

	private static final int EXCERPT_LENGTH = 300;

	private UpstreamFailures() {
	}

	/**
	 * An answer with a non-success HTTP status.
	 * @param status the HTTP status
	 * @param body the answer's body, excerpted into the details with every secret removed
	 * @param secrets values that must not appear in the details
	 * @return the fall-through
	 */
	public static FellThrough forStatus(int status, String body, @Nullable String... secrets) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", status);
		if (!body.isBlank()) {
			details.put("body", excerpt(body, secrets));
		}
		return FellThrough.httpError(status, describe(status), details);
	}

	/**
	 * The phrase for an HTTP status.
	 * @param status the HTTP status
	 * @return e.g. {@code Authentication failed} for 401
	 */
	public static String describe(int status) {
		return switch (status) {
			case 400 -> "Bad request (400)";
			case 401 -> "Authentication failed";
			case 403 -> "Access denied (403)";
			case 404 -> "Not found (404): check the key or account id";
			case 429 -> "Rate limited (429)";
			default -> (status >= 500) ? "Server error (" + status + ")" : "Unexpected status (" + status + ")";
		};
	}

	/**
	 * A call that failed without an HTTP answer.
	 * @param failure what the HTTP client threw
	 * @return a timeout, or an error naming the kind of failure
	 */
	public static FellThrough forException(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
				return FellThrough.timeout("Timed out");
			}
			if (cause instanceof ConnectException) {
				return FellThrough.error("Connection failed", Map.of("exception", cause.getClass().getName()));
			}
			if (cause instanceof UnknownHostException) {
				return FellThrough.error("Unknown host", Map.of("exception", cause.getClass().getName()));
			}
		}
		return FellThrough.error("Request failed", Map.of("exception", failure.getClass().getName()));
	}

	/**
	 * An answer that could not be read.
	 * @param body the answer's body, excerpted into the details with every secret removed
	 * @param secrets values that must not appear in the details
	 * @return the fall-through
	 */
	public static FellThrough malformed(String body, @Nullable String... secrets) {
		return FellThrough.error("Malformed response", Map.of("body", excerpt(body, secrets)));
	}

	/**
	 * The start of an upstream answer, safe to log.
	 * @param body the answer's body
	 * @param secrets values to remove
	 * @return at most 300 characters with every secret replaced by {@code ***}
	 */
	public static String excerpt(String body, @Nullable String... secrets) {
		String redacted = body;
		for (String secret : secrets) {
			if (ProviderConfiguration.isSet(secret)) {
				redacted = redacted.replace(secret, "***");
			}
		}
		return (redacted.length() > EXCERPT_LENGTH) ? redacted.substring(0, EXCERPT_LENGTH) + "…" : redacted;
	}

}
