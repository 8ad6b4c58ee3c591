package io.icebroker.security.ratelimit;

import io.icebroker.misconfiguration.MisconfigurationException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often one user, and one client address, may take credentials.
 *
 * @param perMinute Requests per minute allowed for each user id and, separately, for each
 * client address; 0 turns rate limiting off (TURN_RATE_LIMIT_PER_MINUTE).
 */
// Boxed: an empty variable binds as null and gets the @DefaultValue; a primitive fails.
@ConfigurationProperties("icebroker.rate-limit")
public record RateLimitProperties(@DefaultValue(RateLimitProperties.DEFAULT_PER_MINUTE) Integer perMinute) {

	static final String DEFAULT_PER_MINUTE = "30";

	public RateLimitProperties {
		if (perMinute < 0) {
			throw new MisconfigurationException("TURN_RATE_LIMIT_PER_MINUTE", "is negative",
					"Set TURN_RATE_LIMIT_PER_MINUTE to the requests a minute each user and each address may make,"
							+ " such as " + DEFAULT_PER_MINUTE + " (the default), or 0 to turn rate limiting off.");
		}
	}

	boolean enabled() {
		return this.perMinute > 0;
	}

}
