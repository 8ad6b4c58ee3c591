package io.icebroker.security.ratelimit;

import java.util.List;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How often one user, and one client address, may take credentials.
 *
 * @param perMinute requests per minute allowed for each user id and, separately, for each
 * client address; {@code 0} turns rate limiting off ({@code TURN_RATE_LIMIT_PER_MINUTE})
 * @param trustedProxies addresses or CIDR ranges of the reverse proxies whose
 * {@code X-Forwarded-For} is believed, or {@code private} for every loopback, private and
 * link-local range; empty means the socket address is the client's
 * ({@code TURN_TRUSTED_PROXIES}, comma-separated)
 */
@ConfigurationProperties("icebroker.rate-limit")
@Validated
public record RateLimitProperties(@DefaultValue("30") @Min(0) int perMinute,
		@DefaultValue List<String> trustedProxies) {

	public RateLimitProperties {
		trustedProxies = trustedProxies.stream().map(String::strip).filter((entry) -> !entry.isEmpty()).toList();
	}

	boolean enabled() {
		return this.perMinute > 0;
	}

}
