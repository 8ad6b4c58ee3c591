package io.icebroker.security.ratelimit;

import java.security.Principal;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bucket4j.TimeMeter;
import io.icebroker.clientaddress.ClientAddressSource;
import io.icebroker.clientaddress.ClientAddresses;
import io.icebroker.credentials.UserIds;
import io.icebroker.shared.SharedRedis;
import io.icebroker.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * The two rate limits of the endpoints that cost money ({@code /turn/credentials}, the
 * TURN REST API at {@code /turn/rest} and the TURN probe): one per client address,
 * checked before authentication so that guessing keys costs budget too, and one per
 * verified user, a JWT's subject, checked after it.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Component
public class RateLimiting {

	/**
	 * Buckets kept per scope: each is about 500 bytes with its key (measured), so about
	 * 10 MB per scope, for 20,000 users or addresses active within one minute.
	 */
	static final long MAX_TRACKED_KEYS = 20_000;

	private static final Logger logger = LoggerFactory.getLogger(RateLimiting.class);

	private static final RequestMatcher TURN_REST = PathPatternRequestMatcher.pathPattern("/turn/rest");

	private final RateLimitProperties properties;

	private final ClientAddressSource addresses;

	private final RequestMatcher paths;

	private final MeterRegistry meters;

	private final AtomicBoolean untrustedForwardingReported = new AtomicBoolean();

	private final @Nullable SharedBuckets shared;

	private final Problems problems;

	private @Nullable Filter perAddress;

	public RateLimiting(RateLimitProperties properties, ClientAddressSource addresses, WebEndpointProperties endpoints,
			MeterRegistry meters, ObjectProvider<SharedRedis> redis, Problems problems) {
		this.problems = problems;
		SharedRedis shared = redis.getIfAvailable();
		this.shared = (shared != null) ? new SharedBuckets(shared) : null;
		this.properties = properties;
		this.addresses = addresses;
		String actuator = endpoints.getBasePath();
		this.paths = new OrRequestMatcher(PathPatternRequestMatcher.pathPattern("/turn/credentials"), TURN_REST,
				PathPatternRequestMatcher.pathPattern(actuator + "/turnprobe"),
				PathPatternRequestMatcher.pathPattern(actuator + "/turnprobe/**"));
		this.meters = meters;
	}

	/**
	 * Whether {@code TURN_RATE_LIMIT_PER_MINUTE} is above zero.
	 */
	public boolean enabled() {
		return this.properties.enabled();
	}

	/**
	 * The per-address limit, to run before authentication: one filter, and so one bucket
	 * per address, for every filter chain that runs it.
	 */
	public synchronized Filter perAddress() {
		if (this.perAddress == null) {
			this.perAddress = new RateLimitFilter(RateLimitFilter.Scope.ADDRESS,
					newLimiter(RateLimitFilter.Scope.ADDRESS), this.paths, this::addressKey, this.meters,
					this.problems);
		}
		return this.perAddress;
	}

	/**
	 * The per-user limit, to run after authentication.
	 */
	public Filter perUser() {
		return new RateLimitFilter(RateLimitFilter.Scope.USER, newLimiter(RateLimitFilter.Scope.USER), this.paths,
				RateLimiting::userKey, this.meters, this.problems);
	}

	public String describe() {
		if (!enabled()) {
			return "off (TURN_RATE_LIMIT_PER_MINUTE=0)";
		}
		return this.properties.perMinute() + " requests per minute per client address and per verified user"
				+ ((this.shared != null) ? ", shared by all replicas through Redis" : "");
	}

	private RateLimiter newLimiter(RateLimitFilter.Scope scope) {
		return new RateLimiter(this.properties.perMinute(), MAX_TRACKED_KEYS, TimeMeter.SYSTEM_NANOTIME, scope.tag(),
				this.shared);
	}

	private Optional<String> addressKey(HttpServletRequest request) {
		if (this.addresses.ignoresForwardedAddress(request)) {
			reportIgnoredForwarding();
		}
		return Optional.of(ClientAddresses.key(request.getRemoteAddr()));
	}

	// Once, so that an operator can fix it and an attacker cannot fill the log.
	private void reportIgnoredForwarding() {
		if (this.untrustedForwardingReported.compareAndSet(false, true)) {
			logger.atWarn()
				.addKeyValue("step", "rate_limit")
				.log("[TURN] ⚠️ Requests carry X-Forwarded-For or X-Real-IP but no proxy is trusted"
						+ " (TURN_TRUSTED_PROXIES is not set): if a reverse proxy is in front, every client behind"
						+ " it shares one per-address rate limit");
		}
	}

	/**
	 * Only a verified user id, a JWT's subject, has a bucket of its own: a bucket keyed
	 * by an id the caller merely states would let anyone use up a named user's budget.
	 */
	private static Optional<String> userKey(HttpServletRequest request) {
		Principal principal = request.getUserPrincipal();
		if (principal == null) {
			return Optional.empty();
		}
		try {
			String userId = UserIds.resolve(principal, null, null);
			return UserIds.ANONYMOUS.equals(userId) ? Optional.empty() : Optional.of(userId);
		}
		catch (ErrorResponseException ex) {
			return Optional.empty();
		}
	}

}
