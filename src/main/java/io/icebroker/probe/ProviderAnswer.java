package io.icebroker.probe;

import java.util.Optional;

import io.icebroker.provider.Outcome;

/**
 * What one provider answered when the probe asked it for ICE servers.
 *
 * @param provider the provider's id
 * @param outcome whether it served, and if not why
 * @param message the provider's fixed-vocabulary explanation when it fell through, never
 * a secret
 */
record ProviderAnswer(String provider, Outcome outcome, Optional<String> message) {

	boolean served() {
		return this.outcome.served();
	}

	boolean configured() {
		return this.outcome != Outcome.NOT_CONFIGURED;
	}

}
