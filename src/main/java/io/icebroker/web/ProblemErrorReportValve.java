package io.icebroker.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's answer to errors that never reach the application (an unparseable request
 * line, forbidden characters, oversized headers): the service's problem body instead of
 * Tomcat's HTML page, with nothing taken from the rejected request.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	private final Problems problems;

	ProblemErrorReportValve(Problems problems) {
		this.problems = problems;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int statusCode = response.getStatus();
		// The same guards as Tomcat's: only errors, only once, only if nothing was
		// written and the connection can still carry an answer.
		if (statusCode < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		HttpStatus status = HttpStatus.resolve(statusCode);
		if (status == null) {
			status = (statusCode >= 500) ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
		}
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			SecurityHeaders.applyMissing(response);
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(new String(this.problems.toJson(Problems.of(status, Problems.detail(status), null)),
						StandardCharsets.UTF_8));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone; there is no one left to tell.
		}
	}

}
