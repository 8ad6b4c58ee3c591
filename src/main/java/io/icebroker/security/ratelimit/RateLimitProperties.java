package io.icebroker.security.ratelimit;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How often one user, and one client address, may take credentials.
 *
 * @param perMinute Requests per minute allowed for each user id and, separately, for each
 * client address; 0 turns rate limiting off (TURN_RATE_LIMIT_PER_MINUTE).
 */
@ConfigurationProperties("icebroker.rate-limit")
@Validated
public record RateLimitProperties(@DefaultValue("30") @Min(0) int perMinute) {

	boolean enabled() {
		return this.perMinute > 0;
	}

}
