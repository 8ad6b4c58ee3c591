package io.icebroker.provider;

/**
 * What came of asking a provider, as the rest of the service sees it: the credentials
 * clients receive, sanitized, or why the provider fell through. Providers return a
 * {@link ProviderResult}; the chain's issuer turns it into an answer, once.
 */
public sealed interface Answer permits Issued, FellThrough {

	/**
	 * What came of it.
	 * @return the outcome
	 */
	Outcome outcome();

}
