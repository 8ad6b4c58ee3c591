package io.icebroker.chain;

import java.time.Duration;

import io.icebroker.provider.FellThrough;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;

/**
 * One provider's part in a request.
 *
 * @param provider the provider's id
 * @param result what it answered
 * @param duration how long it took
 * @param upstreamCalled whether the provider called its remote API, so the duration is an
 * API call's latency
 */
public record Attempt(String provider, ProviderResult result, Duration duration, boolean upstreamCalled) {

	/**
	 * The {@code outcome} tag of {@code turn_provider_attempts_total}.
	 * @return e.g. {@code success}, {@code cached} or {@code not_configured}
	 */
	public String outcome() {
		if (this.result instanceof Served served) {
			return (served.source() == Served.Source.CACHE) ? "cached" : "success";
		}
		return ((FellThrough) this.result).reason().outcome();
	}

}
