package io.icebroker.chain;

import java.time.Instant;
import java.util.Optional;

/**
 * One provider's upstream state, as the status endpoint shows it. Holds no credential.
 *
 * @param circuit whether calls to the provider are let through
 * @param cachedExpiresAt when the cached credentials stop working; empty when none are
 * cached or caching is off
 */
public record ProviderState(CircuitState circuit, Optional<Instant> cachedExpiresAt) {

	static ProviderState unguarded() {
		return new ProviderState(CircuitState.DISABLED, Optional.empty());
	}

}
