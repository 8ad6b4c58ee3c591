package io.icebroker.clientaddress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Client addresses as text: IP literals parsed without ever asking DNS, and the key that
 * rate-limits a client. The address is Tomcat's remote address, which
 * {@code RemoteIpValve} has already taken from a trusted proxy's header where one is
 * trusted, so it is partly client input: {@link InetAddress#getByName} would resolve
 * anything that is not a literal.
 */
public final class ClientAddresses {

	private static final Pattern IPV4 = Pattern
		.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z]{1,16})?");

	/**
	 * Bounds a key that is not an IP literal (a trusted proxy passing on a client's
	 * garbage), so that such keys cost bounded memory.
	 */
	private static final int MAX_KEY_LENGTH = 64;

	private ClientAddresses() {
	}

	public static Optional<InetAddress> parse(String text) {
		if (text.length() > 45 || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
			return Optional.empty();
		}
		try {
			return Optional.of(InetAddress.getByName(text));
		}
		catch (UnknownHostException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The rate-limit key of a remote address. IPv6 clients are keyed by their /64
	 * network, since one host usually holds a whole /64 and could otherwise take a fresh
	 * address for every request.
	 */
	public static String key(String remoteAddress) {
		if (isCanonicalIpv4(remoteAddress)) {
			// What Tomcat nearly always gives: no parsing into an InetAddress and back.
			return remoteAddress;
		}
		return parse(remoteAddress).map(ClientAddresses::key)
			.orElseGet(() -> (remoteAddress.length() > MAX_KEY_LENGTH) ? remoteAddress.substring(0, MAX_KEY_LENGTH)
					: remoteAddress);
	}

	/**
	 * Whether the text is four decimal octets without leading zeros, the form
	 * {@link InetAddress#getHostAddress()} gives an IPv4 address.
	 */
	static boolean isCanonicalIpv4(String text) {
		int length = text.length();
		if (length < 7 || length > 15) {
			return false;
		}
		int octets = 0;
		int index = 0;
		while (index < length) {
			int start = index;
			int value = 0;
			while (index < length && text.charAt(index) >= '0' && text.charAt(index) <= '9') {
				value = value * 10 + (text.charAt(index) - '0');
				index++;
			}
			int digits = index - start;
			if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
				return false;
			}
			octets++;
			if (index == length) {
				break;
			}
			if (text.charAt(index) != '.' || octets == 4) {
				return false;
			}
			index++;
			if (index == length) {
				return false;
			}
		}
		return octets == 4;
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
