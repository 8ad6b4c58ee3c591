package io.icebroker.security.ratelimit;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * An address or a CIDR range, such as {@code 10.0.0.0/8} or {@code fc00::/7}.
 */
final class AddressRange {

	/**
	 * What {@code private} stands for: loopback, RFC 1918, carrier-grade NAT (RFC 6598),
	 * link-local, and IPv6 unique-local and link-local. A client on the public internet
	 * never has one of these addresses, so a proxy among them cannot be confused with a
	 * client.
	 */
	static final List<String> PRIVATE = List.of("127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
			"100.64.0.0/10", "169.254.0.0/16", "::1/128", "fc00::/7", "fe80::/10");

	private final byte[] network;

	private final int prefixLength;

	private final String text;

	private AddressRange(byte[] network, int prefixLength, String text) {
		this.network = network;
		this.prefixLength = prefixLength;
		this.text = text;
	}

	/**
	 * Parse a list of entries, expanding {@code private}.
	 * @param entries the entries of {@code TURN_TRUSTED_PROXIES}
	 * @return the ranges
	 * @throws IllegalArgumentException naming the entry that is not an address or range
	 */
	static List<AddressRange> parseAll(List<String> entries) {
		return entries.stream()
			.flatMap((entry) -> entry.toLowerCase(Locale.ROOT).equals("private") ? PRIVATE.stream()
					: List.of(entry).stream())
			.map(AddressRange::parse)
			.toList();
	}

	static AddressRange parse(String entry) {
		int slash = entry.indexOf('/');
		String addressPart = (slash < 0) ? entry : entry.substring(0, slash);
		InetAddress address = IpLiterals.parse(addressPart)
			.orElseThrow(() -> invalid(entry, "is not an IP address or CIDR range"));
		int bits = address.getAddress().length * 8;
		int prefixLength = bits;
		if (slash >= 0) {
			try {
				prefixLength = Integer.parseInt(entry.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				throw invalid(entry, "has no valid prefix length");
			}
			if (prefixLength < 0 || prefixLength > bits) {
				throw invalid(entry, "has a prefix length outside 0-" + bits);
			}
		}
		return new AddressRange(address.getAddress(), prefixLength, entry);
	}

	boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != this.network.length) {
			return false;
		}
		int fullBytes = this.prefixLength / 8;
		for (int index = 0; index < fullBytes; index++) {
			if (candidate[index] != this.network[index]) {
				return false;
			}
		}
		int remainingBits = this.prefixLength % 8;
		if (remainingBits == 0) {
			return true;
		}
		int mask = (0xFF << (8 - remainingBits)) & 0xFF;
		return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
	}

	@Override
	public String toString() {
		return this.text;
	}

	private static IllegalArgumentException invalid(String entry, String problem) {
		return new IllegalArgumentException("TURN_TRUSTED_PROXIES entry '" + entry + "' " + problem);
	}

}
