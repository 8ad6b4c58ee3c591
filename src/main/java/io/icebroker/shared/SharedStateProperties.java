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
public record SharedStateProperties(@DefaultValue("") String redisUrl, @DefaultValue("icebroker:") String redisPrefix,
		@DefaultValue("250ms") Duration redisTimeout) {

	public boolean redisConfigured() {
		return !this.redisUrl.isBlank();
	}

}
