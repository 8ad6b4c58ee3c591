package io.icebroker.shared;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where replicas share their state.
 *
 * @param redisUrl The redis:// or rediss:// URL, with its password; empty keeps
 * everything in process (REDIS_URL).
 * @param redisPrefix Prepended to every key this service writes (TURN_REDIS_PREFIX).
 * @param redisTimeout The longest any one Redis call may take (TURN_REDIS_TIMEOUT).
 */
@ConfigurationProperties("icebroker.shared")
public record SharedStateProperties(@DefaultValue("") String redisUrl,
		@DefaultValue(SharedStateProperties.DEFAULT_REDIS_PREFIX) String redisPrefix,
		@DefaultValue("250ms") Duration redisTimeout) {

	// Stated once, for @DefaultValue and for a blank TURN_REDIS_PREFIX, which binds as
	// it is rather than as no value, and would write keys without any prefix.
	static final String DEFAULT_REDIS_PREFIX = "icebroker:";

	public SharedStateProperties {
		if (redisPrefix.isBlank()) {
			redisPrefix = DEFAULT_REDIS_PREFIX;
		}
	}

	public boolean redisConfigured() {
		return !this.redisUrl.isBlank();
	}

}
