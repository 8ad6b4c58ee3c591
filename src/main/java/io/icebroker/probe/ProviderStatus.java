package io.icebroker.probe;

import java.util.Optional;

/**
 * What one provider answered when the probe asked it for ICE servers.
 *
 * @param provider the provider's id
 * @param outcome {@code success}, {@code cached}, or why it fell through:
 * {@code not_configured}, {@code error}, {@code timeout}, {@code empty}
 * @param message the provider's fixed-vocabulary explanation when it fell through, never
 * a secret
 */
record ProviderStatus(String provider, String outcome, Optional<String> message) {

	boolean served() {
		return this.outcome.equals("success") || this.outcome.equals("cached");
	}

	boolean configured() {
		return !this.outcome.equals("not_configured");
	}

}
