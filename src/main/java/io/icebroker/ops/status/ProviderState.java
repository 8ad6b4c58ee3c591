package io.icebroker.ops.status;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The facts {@link ProviderStateContributor}s add to a provider's entry. Starts as "no
 * circuit breaker, nothing cached"; a later contributor overrides an earlier one.
 */
public final class ProviderState {

	private CircuitState circuit = CircuitState.NONE;

	private @Nullable Instant cachedUntil;

	ProviderState() {
	}

	/**
	 * The state of the circuit breaker guarding the provider.
	 * @param circuit the state
	 * @return this state
	 */
	public ProviderState circuit(CircuitState circuit) {
		this.circuit = circuit;
		return this;
	}

	/**
	 * When the credentials cached for the provider expire.
	 * @param cachedUntil the expiry, or {@code null} when nothing is cached
	 * @return this state
	 */
	public ProviderState cachedUntil(@Nullable Instant cachedUntil) {
		this.cachedUntil = cachedUntil;
		return this;
	}

	CircuitState circuit() {
		return this.circuit;
	}

	@Nullable Instant cachedUntil() {
		return this.cachedUntil;
	}

}
