package io.icebroker.provider;

import java.time.Duration;

/**
 * One request for ICE servers, as a provider sees it.
 *
 * @param userId the validated user id the credentials are for
 * @param ttl the credential lifetime to ask for; providers clamp it to their own maximum
 * @param upstreamCallAnnouncer run by the provider right before it contacts its remote
 * API, so that the chain can log the call as it starts and time it
 */
public record CredentialRequest(String userId, Duration ttl, Runnable upstreamCallAnnouncer) {

	public static CredentialRequest of(String userId, Duration ttl) {
		return new CredentialRequest(userId, ttl, () -> {
		});
	}

	/**
	 * Say that the remote API is about to be called. Providers that call one must call
	 * this first.
	 */
	public void announceUpstreamCall() {
		this.upstreamCallAnnouncer.run();
	}

}
