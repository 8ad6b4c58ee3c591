package io.icebroker.probe.stun;

import java.util.Optional;

import io.icebroker.ice.IceUrl;

/**
 * A server to probe, parsed from a {@code stun:}, {@code stuns:}, {@code turn:} or
 * {@code turns:} URL (RFC 7064, RFC 7065).
 *
 * @param url the URL as given
 * @param turn whether it is probed with an allocation rather than a Binding
 * @param host the host name or address, without IPv6 brackets
 * @param port the explicit port, or the scheme's default (3478, or 5349 for TLS)
 * @param transport UDP or TCP from {@code ?transport=}, TLS for the secure schemes
 */
public record StunServer(String url, boolean turn, String host, int port, Transport transport) {

	/**
	 * Parse a URL. DTLS ({@code turns:…?transport=udp}) is not supported.
	 */
	public static Optional<StunServer> parse(String url) {
		return IceUrl.parse(url).flatMap(StunServer::of);
	}

	private static Optional<StunServer> of(IceUrl url) {
		if (url.isSecure()) {
			return url.transport().equals("tcp")
					? Optional.of(new StunServer(url.text(), url.isTurn(), url.host(), url.port(), Transport.TLS))
					: Optional.empty();
		}
		Transport transport = url.transport().equals("tcp") ? Transport.TCP : Transport.UDP;
		return Optional.of(new StunServer(url.text(), url.isTurn(), url.host(), url.port(), transport));
	}

}
