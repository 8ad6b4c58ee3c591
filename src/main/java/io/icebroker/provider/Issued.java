package io.icebroker.provider;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.icebroker.ice.IceServer;

/**
 * Credentials as clients receive them: a provider's answer after sanitizing.
 *
 * @param iceServers the sanitized entries, never empty
 * @param received how many entries the provider returned, before sanitizing
 * @param expiresAt when the credentials stop working, or empty when no entry carries
 * expiring credentials
 * @param source where the answer came from
 */
public record Issued(List<IceServer> iceServers, int received, Optional<Instant> expiresAt,
		Served.Source source) implements Answer {

	public Issued {
		iceServers = List.copyOf(iceServers);
	}

	@Override
	public Outcome outcome() {
		return (this.source == Served.Source.CACHE) ? Outcome.CACHED : Outcome.SUCCESS;
	}

	/**
	 * The same credentials, handed out again.
	 * @return a copy whose source is {@link Served.Source#CACHE}
	 */
	public Issued fromCache() {
		return new Issued(this.iceServers, this.received, this.expiresAt, Served.Source.CACHE);
	}

}
