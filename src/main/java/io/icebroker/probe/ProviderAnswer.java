package io.icebroker.probe;

import java.util.Optional;

import io.icebroker.provider.Outcome;

/**
 * What one provider answered when the probe asked it for ICE servers.
 *
 * @param message the provider's fixed-vocabulary explanation when it fell through
 */
record ProviderAnswer(String provider, Outcome outcome, Optional<String> message) {

	boolean configured() {
		return this.outcome != Outcome.NOT_CONFIGURED;
	}

}
