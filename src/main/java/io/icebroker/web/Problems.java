package io.icebroker.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Writes RFC 9457 problem bodies where no Spring MVC handler runs: security filters, the
 * CORS processor and the error page. The detail is always one of this service's own
 * sentences, never an exception message or a request value.
 */
@Component
public final class Problems {

	private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9/._~-]{0,255}");

	private final JsonMapper json;

	Problems(JsonMapper json) {
		this.json = json;
	}

	/**
	 * A problem with the status's reason phrase as its title.
	 */
	public static ProblemDetail of(HttpStatus status, String detail, @Nullable String path) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(status.getReasonPhrase());
		String instance = instance(path);
		if (instance != null) {
			problem.setInstance(URI.create(instance));
		}
		return problem;
	}

	public void write(HttpServletResponse response, HttpStatus status, String detail, @Nullable String path)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getOutputStream().write(toJson(of(status, detail, path)));
		response.flushBuffer();
	}

	/**
	 * The members Spring MVC writes, in its (alphabetical) order; {@code type} is left
	 * out while it is the default {@code about:blank}.
	 */
	byte[] toJson(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (problem.getDetail() != null) {
			body.put("detail", problem.getDetail());
		}
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		body.put("status", problem.getStatus());
		if (problem.getTitle() != null) {
			body.put("title", problem.getTitle());
		}
		if (problem.getType() != null) {
			body.put("type", problem.getType().toString());
		}
		return this.json.writeValueAsBytes(body);
	}

	/**
	 * This service's sentence for an error status, for answers that have nothing more
	 * specific to say.
	 */
	public static String detail(HttpStatus status) {
		return switch (status) {
			case BAD_REQUEST -> "The request is malformed or exceeds a limit of this service";
			case UNAUTHORIZED -> "Authentication is required";
			case FORBIDDEN -> "The request is not allowed";
			case NOT_FOUND -> "Nothing is served at this path";
			case METHOD_NOT_ALLOWED -> "This method is not allowed at this path";
			case NOT_ACCEPTABLE -> "This endpoint answers application/json only";
			case REQUEST_TIMEOUT -> "The request took too long to arrive";
			case CONTENT_TOO_LARGE -> "The request body is too large";
			case URI_TOO_LONG -> "The request URI is too long";
			case UNSUPPORTED_MEDIA_TYPE -> "This content type is not supported here";
			case TOO_MANY_REQUESTS -> "Too many requests";
			case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are too large";
			default ->
				status.is5xxServerError() ? "The service failed to answer this request" : "The request was rejected";
		};
	}

	/**
	 * The path as {@code instance}, but only a plain one: a path that Tomcat or the
	 * firewall rejected may be anything, and is better left out than echoed.
	 */
	private static @Nullable String instance(@Nullable String path) {
		return (path != null && PLAIN_PATH.matcher(path).matches()) ? path : null;
	}

}
