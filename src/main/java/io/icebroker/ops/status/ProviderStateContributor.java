package io.icebroker.ops.status;

/**
 * Adds what a feature knows about a provider to its entry in {@code /actuator/turn}.
 * Features such as circuit breakers or credential caches implement this as a bean; the
 * endpoint finds every such bean and asks it about each provider, so they need not touch
 * the endpoint.
 */
@FunctionalInterface
public interface ProviderStateContributor {

	/**
	 * Add facts about one provider. Only bounded values and times: never a secret, a URL
	 * or an upstream error text.
	 * @param providerId the provider's id, e.g. {@code twilio}
	 * @param state where to put the facts
	 */
	void contribute(String providerId, ProviderState state);

}
