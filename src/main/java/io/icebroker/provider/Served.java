package io.icebroker.provider;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.icebroker.ice.IceServer;

/**
 * The provider served ICE servers.
 *
 * @param iceServers the entries: as the provider returned them until the chain sanitizes
 * them, exactly what clients receive after
 * @param expiresAt when the credentials stop working, or empty when no entry carries
 * expiring credentials
 * @param source where the answer came from
 * @param received how many entries the provider returned, before sanitizing
 */
public record Served(List<IceServer> iceServers, Optional<Instant> expiresAt, Source source,
		int received) implements ProviderResult {

	public Served {
		iceServers = List.copyOf(iceServers);
	}

	/**
	 * What a provider serves.
	 * @param iceServers the entries as the provider returned them
	 * @param expiresAt when the credentials stop working, if they do
	 * @param source where they came from
	 */
	public Served(List<IceServer> iceServers, Optional<Instant> expiresAt, Source source) {
		this(iceServers, expiresAt, source, iceServers.size());
	}

	public static Served fromUpstream(List<IceServer> iceServers, Instant expiresAt) {
		return new Served(iceServers, Optional.of(expiresAt), Source.UPSTREAM);
	}

	@Override
	public Outcome outcome() {
		return (this.source == Source.CACHE) ? Outcome.CACHED : Outcome.SUCCESS;
	}

	/**
	 * The same answer with other entries, such as the sanitized ones.
	 * @param entries the entries
	 * @return the answer, still counting what the provider returned
	 */
	public Served withIceServers(List<IceServer> entries) {
		return new Served(entries, this.expiresAt, this.source, this.received);
	}

	/**
	 * The same credentials, handed out again.
	 * @return a copy whose source is {@link Source#CACHE}
	 */
	public Served fromCache() {
		return new Served(this.iceServers, this.expiresAt, Source.CACHE, this.received);
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
