package io.icebroker.provider;

/**
 * What a provider answered, the one type every step after it hands on: {@link Served}
 * with ICE servers and their lifetime, or {@link FellThrough} with an outcome and a
 * reason. The chain sanitizes what was served once, and from then on the answer holds
 * exactly what clients receive.
 */
public sealed interface ProviderResult permits Served, FellThrough {

	/**
	 * What came of it.
	 * @return the outcome
	 */
	Outcome outcome();

}
