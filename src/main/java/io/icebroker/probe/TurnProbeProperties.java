package io.icebroker.probe;

import java.time.Duration;

import io.icebroker.misconfiguration.MisconfigurationException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When and how long the TURN probe runs.
 *
 * @param interval How often to probe every configured provider in the background, e.g.
 * 10m (TURN_PROBE_INTERVAL); 0 or unset turns it off, otherwise at least one minute,
 * because every probe mints credentials and allocates a relay.
 * @param onStartup Whether to probe every configured provider once right after startup
 * (TURN_PROBE_ON_STARTUP).
 * @param timeout The bound on probing one URL (TURN_PROBE_TIMEOUT); releasing the
 * allocation afterwards gets the same bound again.
 */
// Boxed: an empty variable binds as null and gets the @DefaultValue; a primitive fails.
@ConfigurationProperties("icebroker.probe")
record TurnProbeProperties(@DefaultValue("0") Duration interval, @DefaultValue("false") Boolean onStartup,
		@DefaultValue(TurnProbeProperties.DEFAULT_TIMEOUT) Duration timeout) {

	static final String DEFAULT_TIMEOUT = "5s";

	TurnProbeProperties {
		if (interval.isNegative() || (!interval.isZero() && interval.compareTo(Duration.ofMinutes(1)) < 0)) {
			throw new MisconfigurationException("TURN_PROBE_INTERVAL", "must be 0 (off) or at least 1m",
					"Set TURN_PROBE_INTERVAL to how often every configured provider is probed, at least 1m (each probe"
							+ " mints credentials and allocates a relay), such as 10m, or 0 to turn the probe off.");
		}
		if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
			throw new MisconfigurationException("TURN_PROBE_TIMEOUT", "must be between 100ms and 1m",
					"Set TURN_PROBE_TIMEOUT to the bound on probing one URL, between 100ms and 1m, such as "
							+ DEFAULT_TIMEOUT + " (the default).");
		}
	}

	boolean scheduled() {
		return !this.interval.isZero();
	}

}
