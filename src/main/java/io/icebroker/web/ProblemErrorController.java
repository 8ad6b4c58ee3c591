package io.icebroker.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers whatever reaches {@code /error} with an RFC 9457 problem, whatever the client
 * accepts: never a whitelabel page, exception message or stack trace. The body is written
 * as bytes so that content negotiation cannot change it and Spring MVC does not set
 * {@code instance} to {@code /error}.
 */
@Controller
class ProblemErrorController implements ErrorController {

	private final Problems problems;

	ProblemErrorController(Problems problems) {
		this.problems = problems;
	}

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<byte[]> error(HttpServletRequest request, HttpServletResponse response) {
		HttpStatus status = status(request);
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		byte[] body = this.problems
			.toJson(Problems.of(status, Problems.detail(status), (path instanceof String text) ? text : null));
		SecurityHeaders.applyMissing(response);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (!(code instanceof Integer value)) {
			// Asked for directly, not forwarded by the container: there is nothing here.
			return HttpStatus.NOT_FOUND;
		}
		HttpStatus status = HttpStatus.resolve(value);
		return (status != null && status.isError()) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
