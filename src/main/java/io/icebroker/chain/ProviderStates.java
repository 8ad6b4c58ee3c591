package io.icebroker.chain;

/**
 * What the chain knows, right now, about each premium provider's upstream calls: its
 * circuit and its cached credentials. Read by the status endpoint; reading never calls a
 * provider or changes any state. The one write is an operator's request to refresh cached
 * credentials now.
 */
public interface ProviderStates {

	/**
	 * The state of one provider.
	 * @param providerId a provider id such as {@code twilio}
	 * @return its state; {@link CircuitState#DISABLED} with no cached credentials for
	 * providers the chain does not guard, such as the free fallback, and for unknown ids
	 */
	ProviderState state(String providerId);

	/**
	 * Replace a provider's cached credentials now, in the background; until the new ones
	 * arrive the current ones are served.
	 * @param providerId a provider id such as {@code twilio}
	 * @return whether a refresh started: {@code false} when the provider holds no cached
	 * credentials to refresh (the fallback, a provider that computes credentials in
	 * process, {@code TURN_CACHE=off})
	 */
	boolean refreshNow(String providerId);

}
