package io.icebroker.security.ratelimit;

import java.security.Principal;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bucket4j.TimeMeter;
import io.icebroker.clientaddress.ClientAddressSource;
import io.icebroker.credentials.UserIds;
import io.icebroker.shared.SharedRedis;
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
// Only the web application guards requests; the --probe command runs without a web
// server.
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Component
public class RateLimiting {

	private static final String FORWARDED_FOR = "X-Forwarded-For";

	private static final String REAL_IP = "X-Real-IP";

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

	private @Nullable Filter perAddress;

	/**
	 * The limits.
	 * @param properties the limit
	 * @param addresses where client addresses come from
	 * @param endpoints where the probe endpoint is
	 * @param meters where rejections are counted
	 * @param redis shared buckets when {@code REDIS_URL} is set; without it the provider
	 * holds Spring's null bean
	 */
	public RateLimiting(RateLimitProperties properties, ClientAddressSource addresses, WebEndpointProperties endpoints,
			MeterRegistry meters, ObjectProvider<SharedRedis> redis) {
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
	 * Whether any limit applies ({@code TURN_RATE_LIMIT_PER_MINUTE} above zero).
	 * @return {@code false} when rate limiting is off
	 */
	public boolean enabled() {
		return this.properties.enabled();
	}

	/**
	 * The per-address limit, to run before authentication: one filter, and so one bucket
	 * per address, for every filter chain that runs it.
	 * @return the filter
	 */
	public synchronized Filter perAddress() {
		if (this.perAddress == null) {
			this.perAddress = new RateLimitFilter(RateLimitFilter.Scope.ADDRESS,
					newLimiter(RateLimitFilter.Scope.ADDRESS), this.paths, this::addressKey, this.meters);
		}
		return this.perAddress;
	}

	/**
	 * The per-user limit, to run after authentication.
	 * @return the filter
	 */
	public Filter perUser() {
		return new RateLimitFilter(RateLimitFilter.Scope.USER, newLimiter(RateLimitFilter.Scope.USER), this.paths,
				RateLimiting::userKey, this.meters);
	}

	/**
	 * One line for the startup report.
	 * @return e.g.
	 * {@code 30 requests per minute per client address and per verified user}
	 */
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
		if (!this.addresses.trustsProxies()
				&& (request.getHeader(FORWARDED_FOR) != null || request.getHeader(REAL_IP) != null)) {
			reportIgnoredForwarding();
		}
		return Optional.of(ClientAddresses.key(request.getRemoteAddr()));
	}

	/**
	 * Says once, so that an operator can fix it and an attacker cannot fill the log, that
	 * a forwarded address was ignored.
	 */
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
	 * Only a verified user id, a JWT's subject, has a bucket of its own. An id the caller
	 * merely states could be anyone's: a bucket keyed by it would let any caller use up a
	 * named user's budget and lock them out, so those requests are left to the address
	 * limit.
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
