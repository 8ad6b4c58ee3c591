package io.icebroker.provider;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.icebroker.ice.ProviderIceServer;

/**
 * The provider answered with ICE servers, as it returned them: the chain's issuer
 * sanitizes them into {@link Issued} credentials.
 *
 * @param iceServers the entries as the provider returned them, before sanitizing
 * @param expiresAt when the credentials stop working, or empty when no entry carries
 * expiring credentials
 * @param source where the answer came from
 */
public record Served(List<ProviderIceServer> iceServers, Optional<Instant> expiresAt,
		Source source) implements ProviderResult {

	public Served {
		iceServers = List.copyOf(iceServers);
	}

	public static Served fromUpstream(List<ProviderIceServer> iceServers, Instant expiresAt) {
		return new Served(iceServers, Optional.of(expiresAt), Source.UPSTREAM);
	}

	/**
	 * Where a served answer came from.
	 */
	public enum Source {

		/** Minted by a call to the provider's remote API during this request. */
		UPSTREAM,

		/** Minted earlier and reused. */
		CACHE,

		/** Computed in process, with no network call. */
		LOCAL

	}

}
