package io.icebroker.clientaddress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP address literals without ever asking DNS: {@link InetAddress#getByName} would
 * resolve anything that is not a literal, and a remote address taken from a proxy's
 * header is partly client input.
 */
public final class IpLiterals {

	private static final Pattern IPV4 = Pattern
		.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z]{1,16})?");

	private IpLiterals() {
	}

	/**
	 * Parse one literal.
	 * @param text the text
	 * @return the address, or empty when the text is not an IP literal
	 */
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

}
