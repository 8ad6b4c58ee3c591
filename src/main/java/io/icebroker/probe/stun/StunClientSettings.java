package io.icebroker.probe.stun;

import java.time.Duration;
import java.util.function.Supplier;

import javax.net.ssl.SSLSocketFactory;

/**
 * How long the client waits, and whom it trusts over TLS.
 *
 * @param timeout the bound on one probe's allocation (connect, TLS handshake and every
 * transaction up to the relayed address); releasing the allocation gets the same bound
 * again
 * @param initialRto the first UDP retransmission timeout; RFC 8489 uses 500 ms and
 * doubles it up to seven transmissions, which this client cuts at {@code timeout}
 * @param maxTransmissions how many times a UDP request is sent at most
 * @param sslSocketFactory the TLS client for {@code turns:} and {@code stuns:}, asked for
 * by the first TLS probe so that start-up does not load the trust store
 */
public record StunClientSettings(Duration timeout, Duration initialRto, int maxTransmissions,
		Supplier<SSLSocketFactory> sslSocketFactory) {

	public StunClientSettings {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The timeout must be positive");
		}
		if (initialRto.isNegative() || initialRto.isZero()) {
			throw new IllegalArgumentException("The initial RTO must be positive");
		}
		if (maxTransmissions < 1) {
			throw new IllegalArgumentException("At least one transmission is needed");
		}
	}

	/**
	 * RFC 8489's timers scaled down (250 ms initial RTO, seven transmissions) within the
	 * given bound, trusting the JVM's default certificate authorities.
	 */
	public static StunClientSettings withTimeout(Duration timeout) {
		return new StunClientSettings(timeout, Duration.ofMillis(250), 7,
				() -> (SSLSocketFactory) SSLSocketFactory.getDefault());
	}

}
