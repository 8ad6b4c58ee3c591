package io.icebroker.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A query string or form body Tomcat cannot decode is the client's mistake, but Tomcat
 * throws from whichever {@code getParameter} call comes first and the observation filter
 * records a 500. This filter, just inside the observation filter, parses parameters first
 * and answers the 400 problem, so the request is counted as the 400 it is. It logs at
 * most one line a minute about them, with no part of the request in it.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Component
class UndecodableParameters extends OncePerRequestFilter implements Ordered {

	private static final Logger logger = LoggerFactory.getLogger(UndecodableParameters.class);

	private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

	private final AtomicLong nextLineAt = new AtomicLong(System.nanoTime());

	private final AtomicLong unlogged = new AtomicLong();

	private final Problems problems;

	UndecodableParameters(Problems problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpStatus status;
		try {
			request.getParameterNames();
			chain.doFilter(request, response);
			return;
		}
		catch (InvalidParameterException ex) {
			HttpStatus resolved = HttpStatus.resolve(ex.getErrorCode());
			status = (resolved != null && resolved.is4xxClientError()) ? resolved : HttpStatus.BAD_REQUEST;
		}
		refused(status);
		if (!response.isCommitted()) {
			response.reset();
			// Spring Security, which writes these on every other answer, has not run yet.
			SecurityHeaders.applyMissing(response);
			this.problems.write(response, status, "The request's parameters cannot be decoded", null);
		}
	}

	// Refused requests are counted (http_server_requests, status 400); the log only says
	// that they happen.
	private void refused(HttpStatus status) {
		long now = System.nanoTime();
		long next = this.nextLineAt.get();
		if (now - next < 0 || !this.nextLineAt.compareAndSet(next, now + LOG_INTERVAL.toNanos())) {
			this.unlogged.incrementAndGet();
			return;
		}
		long before = this.unlogged.getAndSet(0);
		logger.atInfo()
			.addKeyValue("status", status.value())
			.addKeyValue("unlogged", before)
			.log("Refused a request with undecodable parameters ({}){}", status.value(),
					(before > 0) ? "; " + before + " more since the previous line" : "");
	}

	// Inside Spring Boot's ServerHttpObservationFilter (HIGHEST_PRECEDENCE + 1), so that
	// the refusal is observed; before Spring Security, which reads parameters.
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 2;
	}

}
