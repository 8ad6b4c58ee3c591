package io.icebroker.chain;

import java.time.Instant;
import java.util.Optional;

import io.icebroker.provider.Outcome;

/**
 * One provider's upstream state, as the status endpoint shows it. Holds no credential.
 *
 * @param circuit whether calls to the provider are let through: {@code closed},
 * {@code open}, {@code half_open}, or {@code disabled} (no cool-down, or a provider that
 * calls no remote API)
 * @param cachedExpiresAt when the cached credentials stop working; empty when none are
 * cached or caching is off
 * @param cachedAt when the cached credentials were minted
 * @param lastRefresh the last background refresh of the cached credentials and what came
 * of it
 */
public record ProviderState(String circuit, Optional<Instant> cachedExpiresAt, Optional<Instant> cachedAt,
		Optional<Refresh> lastRefresh) {

	/**
	 * A background refresh.
	 *
	 * @param at when it finished
	 * @param outcome what came of it: {@code success}, or why the cached credentials were
	 * kept
	 */
	public record Refresh(Instant at, Outcome outcome) {

	}

}
