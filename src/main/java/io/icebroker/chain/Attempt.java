package io.icebroker.chain;

import java.time.Duration;

import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Outcome;

/**
 * One provider's part in a request.
 *
 * @param provider the provider's id
 * @param answer what came of it
 * @param duration how long it took
 * @param upstreamCalled whether the provider called its remote API, so the duration is an
 * API call's latency
 */
public record Attempt(String provider, ProviderResult answer, Duration duration, boolean upstreamCalled) {

	/**
	 * What came of it.
	 * @return e.g. {@link Outcome#SUCCESS}, {@link Outcome#CACHED} or
	 * {@link Outcome#NOT_CONFIGURED}
	 */
	public Outcome outcome() {
		return this.answer.outcome();
	}

}
