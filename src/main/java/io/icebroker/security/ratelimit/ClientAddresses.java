package io.icebroker.security.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which client a request comes from, as a rate-limit key.
 * <p>
 * {@code X-Forwarded-For} is read only when the socket peer is a trusted proxy, and then
 * from the right: each proxy appends the address it received the request from, so the
 * rightmost entry that is not itself a trusted proxy is the client, and anything left of
 * it is whatever the client chose to send. Without trusted proxies the socket address is
 * used, which is already the client's when {@code server.forward-headers-strategy=native}
 * lets Tomcat read the header.
 * <p>
 * IPv6 clients are keyed by their /64 network, since one host usually holds a whole /64
 * and could otherwise take a fresh address for every request.
 */
final class ClientAddresses {

	static final String FORWARDED_FOR = "X-Forwarded-For";

	/**
	 * Bounds the work an attacker can cause with a long header.
	 */
	private static final int MAX_HOPS = 16;

	private final List<AddressRange> trustedProxies;

	ClientAddresses(List<AddressRange> trustedProxies) {
		this.trustedProxies = List.copyOf(trustedProxies);
	}

	boolean trustsProxies() {
		return !this.trustedProxies.isEmpty();
	}

	/**
	 * Whether the request came straight from a trusted proxy.
	 * @param request the request
	 * @return {@code false} when no proxy is trusted or the peer is not one
	 */
	boolean fromTrustedProxy(HttpServletRequest request) {
		return IpLiterals.parse(request.getRemoteAddr()).map(this::isTrusted).orElse(false);
	}

	/**
	 * The rate-limit key of a request's client.
	 * @param request the request
	 * @return an IPv4 address, or an IPv6 /64 network
	 */
	String key(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		return IpLiterals.parse(peer).map((address) -> key(client(address, request))).orElse(peer);
	}

	private InetAddress client(InetAddress peer, HttpServletRequest request) {
		if (!isTrusted(peer)) {
			return peer;
		}
		List<String> hops = forwardedFor(request);
		InetAddress client = peer;
		for (int index = hops.size() - 1; index >= 0 && index >= hops.size() - MAX_HOPS; index--) {
			Optional<InetAddress> hop = IpLiterals.parse(hops.get(index));
			if (hop.isEmpty()) {
				// A trusted proxy never writes this; stop at the last hop we can vouch
				// for.
				return client;
			}
			client = hop.get();
			if (!isTrusted(client)) {
				return client;
			}
		}
		return client;
	}

	private boolean isTrusted(InetAddress address) {
		return this.trustedProxies.stream().anyMatch((range) -> range.contains(address));
	}

	private static List<String> forwardedFor(HttpServletRequest request) {
		List<String> hops = new ArrayList<>();
		for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
			for (String hop : header.split(",", -1)) {
				hops.add(hop.strip());
			}
		}
		return hops;
	}

	static String key(InetAddress address) {
		if (address instanceof Inet6Address) {
			byte[] network = address.getAddress();
			for (int index = 8; index < network.length; index++) {
				network[index] = 0;
			}
			try {
				return InetAddress.getByAddress(network).getHostAddress() + "/64";
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException("16 bytes are always an IPv6 address", ex);
			}
		}
		return address.getHostAddress();
	}

}
