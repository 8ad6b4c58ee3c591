package io.icebroker.chain;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import io.icebroker.misconfiguration.MisconfigurationException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * How the chain asks its providers.
 *
 * @param providerOrder Provider ids, tried in this order (TURN_PROVIDER_ORDER).
 * @param credentialTtl Credential lifetime requested from providers, in seconds unless a
 * unit is given (TURN_CREDENTIAL_TTL); each provider clamps it to its own maximum. At
 * least 5 seconds: short lifetimes let tests watch clients rotate credentials, and below
 * that a client could not fetch and gather before its credentials lapse.
 * @param maxUrls The most URLs handed to a client (TURN_MAX_URLS); Firefox warns above
 * two and fails at five.
 */
// Numbers and switches are boxed: an empty variable converts to null, which gets the
// @DefaultValue; a primitive would refuse the null and fail to bind.
@ConfigurationProperties("icebroker.turn")
public record TurnProperties(@DefaultValue(TurnProperties.DEFAULT_PROVIDER_ORDER) List<String> providerOrder,
		@DefaultValue(TurnProperties.DEFAULT_CREDENTIAL_TTL) @DurationUnit(ChronoUnit.SECONDS) Duration credentialTtl,
		@DefaultValue(TurnProperties.DEFAULT_MAX_URLS) Integer maxUrls) {

	// The defaults, each stated once: here, for @DefaultValue, the configuration metadata
	// and the fixes in the messages below.
	static final String DEFAULT_PROVIDER_ORDER = "cloudflare,twilio,coturn,metered,xirsys,free-public-turn";

	static final String DEFAULT_CREDENTIAL_TTL = "86400";

	static final String DEFAULT_MAX_URLS = "4";

	/**
	 * The shortest credential lifetime accepted.
	 */
	public static final Duration MIN_CREDENTIAL_TTL = Duration.ofSeconds(5);

	public TurnProperties {
		// An empty TURN_PROVIDER_ORDER binds as an empty list, not as no value: it means
		// unset. The default is one comma-separated entry, as @DefaultValue passes it.
		providerOrder = (providerOrder.isEmpty() ? List.of(DEFAULT_PROVIDER_ORDER) : providerOrder).stream()
			.flatMap((entry) -> Arrays.stream(entry.split(",")))
			.map(String::strip)
			.filter((id) -> !id.isEmpty())
			.distinct()
			.toList();
		if (providerOrder.isEmpty()) {
			throw new MisconfigurationException("TURN_PROVIDER_ORDER", "names no provider",
					"Set TURN_PROVIDER_ORDER to provider ids separated by commas, such as " + DEFAULT_PROVIDER_ORDER
							+ " (the default), or unset it.");
		}
		if (maxUrls < 1 || maxUrls > 10) {
			throw new MisconfigurationException("TURN_MAX_URLS", "is " + maxUrls + ", outside 1 to 10",
					"Set TURN_MAX_URLS to the most URLs a client gets, between 1 and 10 (default " + DEFAULT_MAX_URLS
							+ "; Firefox warns above two and fails at five).");
		}
		if (credentialTtl.compareTo(MIN_CREDENTIAL_TTL) < 0) {
			throw new MisconfigurationException("TURN_CREDENTIAL_TTL",
					"is " + credentialTtl.toSeconds() + " s, less than the minimum of " + MIN_CREDENTIAL_TTL.toSeconds()
							+ " s",
					"Set TURN_CREDENTIAL_TTL to the credentials' lifetime in seconds, at least "
							+ MIN_CREDENTIAL_TTL.toSeconds() + " (default " + DEFAULT_CREDENTIAL_TTL
							+ "), or with a unit, such as 24h.");
		}
	}

}
