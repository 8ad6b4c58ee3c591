package io.icebroker.probe.stun;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * What probing one STUN or TURN server found.
 */
public sealed interface ProbeOutcome permits ProbeOutcome.Success, ProbeOutcome.Failure {

	sealed interface Success extends ProbeOutcome permits Bound, Relayed {

		/**
		 * The round trip of the transaction that succeeded, retransmissions included.
		 */
		Duration roundTrip();

	}

	sealed interface Failure extends ProbeOutcome permits Rejected, TimedOut, Unreachable, ProtocolError {

		/**
		 * Why, in a fixed vocabulary: {@code 401 Unauthorized}, {@code timeout},
		 * {@code connection refused}, …
		 */
		String reason();

		default OptionalInt errorCode() {
			return OptionalInt.empty();
		}

	}

	/**
	 * A STUN Binding succeeded.
	 *
	 * @param mappedAddress the client's address as the server saw it
	 * @param roundTrip the Binding's round trip
	 */
	record Bound(InetSocketAddress mappedAddress, Duration roundTrip) implements Success {

	}

	/**
	 * A TURN allocation succeeded: the credentials work.
	 *
	 * @param relayedAddress the relay the server allocated
	 * @param roundTrip the authenticated Allocate's round trip
	 * @param released whether the server confirmed the Refresh with lifetime 0 that
	 * releases the allocation; otherwise it expires by itself
	 */
	record Relayed(InetSocketAddress relayedAddress, Duration roundTrip, boolean released) implements Success {

	}

	record Rejected(ErrorCode error) implements Failure {

		@Override
		public String reason() {
			return this.error.describe();
		}

		@Override
		public OptionalInt errorCode() {
			return OptionalInt.of(this.error.code());
		}

	}

	record TimedOut(Duration after) implements Failure {

		@Override
		public String reason() {
			return "timeout";
		}

	}

	/**
	 * The server could not be reached, e.g. {@code connection refused},
	 * {@code unknown host} or {@code TLS handshake failed}.
	 */
	record Unreachable(String reason) implements Failure {

	}

	/**
	 * The server answered with something this client cannot accept, e.g. a success
	 * without a relayed address, or a response whose integrity check fails.
	 */
	record ProtocolError(String reason) implements Failure {

	}

	/**
	 * An address as {@code host:port}, with IPv6 in brackets.
	 */
	static String format(InetSocketAddress address) {
		String host = address.getAddress().getHostAddress();
		return ((address.getAddress() instanceof Inet6Address) ? "[" + host + "]" : host) + ":" + address.getPort();
	}

}
