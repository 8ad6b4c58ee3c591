package io.icebroker.chain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.icebroker.ice.IceServer;

/**
 * What the chain answered for one request.
 */
public sealed interface ChainResult {

	/**
	 * Every attempt, in order, including the one that served.
	 * @return the attempts
	 */
	List<Attempt> attempts();

	/**
	 * A provider served.
	 *
	 * @param provider the id of the provider that served
	 * @param iceServers the sanitized entries
	 * @param expiresAt when the credentials stop working, empty when nothing expires
	 * @param attempts every attempt, in order
	 */
	record Resolved(String provider, List<IceServer> iceServers, Optional<Instant> expiresAt,
			List<Attempt> attempts) implements ChainResult {

	}

	/**
	 * Every provider fell through; only possible when no fallback is in the order.
	 *
	 * @param attempts every attempt, in order
	 */
	record Exhausted(List<Attempt> attempts) implements ChainResult {

	}

}
