package io.icebroker.security.ratelimit;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import io.icebroker.web.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code 429} with {@code Retry-After} once a key's bucket is empty. Rejections
 * are counted, not logged: an attacker must not be able to fill the log.
 */
final class RateLimitFilter extends OncePerRequestFilter {

	static final String METRIC = "turn.rate.limited";

	private final Scope scope;

	private final String filteredAttribute;

	private final RateLimiter limiter;

	private final RequestMatcher paths;

	private final Function<HttpServletRequest, Optional<String>> keys;

	private final Counter rejections;

	private final Problems problems;

	RateLimitFilter(Scope scope, RateLimiter limiter, RequestMatcher paths,
			Function<HttpServletRequest, Optional<String>> keys, MeterRegistry meters, Problems problems) {
		this.problems = problems;
		this.scope = scope;
		this.filteredAttribute = RateLimitFilter.class.getName() + "." + scope.tag() + ".FILTERED";
		this.limiter = limiter;
		this.paths = paths;
		this.keys = keys;
		this.rejections = Counter.builder(METRIC)
			.description("Requests answered 429 because a rate limit was reached")
			.tag("scope", scope.tag())
			.register(meters);
	}

	// Both scopes are instances of this class: one marker would skip the second.
	@Override
	protected String getAlreadyFilteredAttributeName() {
		return this.filteredAttribute;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.paths.matches(request)) {
			Optional<String> key = this.keys.apply(request);
			if (key.isPresent() && this.limiter.tryAcquire(key.get()) instanceof RateLimiter.Decision.Limited limited) {
				this.rejections.increment();
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
				this.problems
					.write(response, HttpStatus.TOO_MANY_REQUESTS,
							"More than " + this.limiter.perMinute() + " requests per minute for this "
									+ this.scope.noun() + "; retry after " + limited.retryAfterSeconds() + " seconds",
							request.getRequestURI());
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * What a bucket belongs to; also the {@code scope} tag of
	 * {@code turn_rate_limited_total}.
	 */
	enum Scope {

		USER("user"), ADDRESS("client address");

		private final String noun;

		Scope(String noun) {
			this.noun = noun;
		}

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

		String noun() {
			return this.noun;
		}

	}

}
