package io.icebroker.provider;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLException;

import io.icebroker.logging.SecretForms;
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
	 * A call that failed without an HTTP answer, named by its cause: a timeout, a TLS
	 * handshake that failed, a host that does not resolve, a refused connection, or one
	 * the server reset or closed.
	 * @param failure what the HTTP client threw
	 * @return a timeout, or an error naming the kind of failure
	 */
	public static FellThrough forException(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = failure; cause != null && causes.size() < 16; cause = cause.getCause()) {
			causes.add(cause);
		}
		if (anyIs(causes, HttpTimeoutException.class, SocketTimeoutException.class)) {
			return FellThrough.timeout("Timed out");
		}
		if (anyIs(causes, SSLException.class)) {
			return connectionError("TLS handshake failed", causes, SSLException.class);
		}
		if (anyIs(causes, UnknownHostException.class, UnresolvedAddressException.class)) {
			return connectionError("Unknown host", causes, UnknownHostException.class,
					UnresolvedAddressException.class);
		}
		if (anyIs(causes, ConnectException.class)) {
			return connectionError("Connection refused", causes, ConnectException.class);
		}
		// The JDK's HTTP client reports a reset as an IOException whose message says so;
		// the message is read, never copied.
		if (causes.stream().anyMatch((cause) -> cause instanceof IOException && mentions(cause, "reset"))) {
			return connectionError("Connection reset by the server", causes, IOException.class);
		}
		if (anyIs(causes, EOFException.class)
				|| causes.stream().anyMatch((cause) -> cause instanceof IOException && mentions(cause, "closed"))) {
			return connectionError("Connection closed before an answer", causes, IOException.class);
		}
		return FellThrough.error("Request failed", Map.of("exception", failure.getClass().getName()));
	}

	@SafeVarargs
	private static boolean anyIs(List<Throwable> causes, Class<? extends Throwable>... types) {
		return causes.stream().anyMatch((cause) -> Arrays.stream(types).anyMatch((type) -> type.isInstance(cause)));
	}

	@SafeVarargs
	private static FellThrough connectionError(String phrase, List<Throwable> causes,
			Class<? extends Throwable>... types) {
		Throwable cause = causes.stream()
			.filter((candidate) -> Arrays.stream(types).anyMatch((type) -> type.isInstance(candidate)))
			.findFirst()
			.orElse(causes.get(0));
		return FellThrough.error(phrase, Map.of("exception", cause.getClass().getName()));
	}

	private static boolean mentions(Throwable cause, String word) {
		String message = cause.getMessage();
		return message != null && message.toLowerCase(Locale.ROOT).contains(word);
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
	 * @param secrets values to remove, in every form {@link SecretForms} lists
	 * @return at most 300 characters with every form of every secret replaced by
	 * {@code ***}
	 */
	public static String excerpt(String body, @Nullable String... secrets) {
		String redacted = SecretForms.redact(body, secrets);
		return (redacted.length() > EXCERPT_LENGTH) ? redacted.substring(0, EXCERPT_LENGTH) + "…" : redacted;
	}

}
