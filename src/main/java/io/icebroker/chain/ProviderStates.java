package io.icebroker.chain;

/**
 * What the chain knows, right now, about each premium provider's upstream calls: its
 * circuit and its cached credentials. Read by the status endpoint; reading never calls a
 * provider or changes any state.
 */
public interface ProviderStates {

	/**
	 * The state of one provider.
	 * @param providerId a provider id such as {@code twilio}
	 * @return its state; {@link CircuitState#DISABLED} with no cached credentials for
	 * providers the chain does not guard, such as the free fallback, and for unknown ids
	 */
	ProviderState state(String providerId);

}
