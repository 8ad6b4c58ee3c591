package io.icebroker.security.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses IP address literals without ever asking DNS: {@link InetAddress#getByName} would
 * resolve anything that is not a literal, and a forwarded header is attacker input.
 */
final class IpLiterals {

	private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

	private IpLiterals() {
	}

	/**
	 * Parse one literal, as found in {@code X-Forwarded-For}: bare, in brackets, or IPv4
	 * with a port.
	 * @param text the text
	 * @return the address, or empty when the text is not an IP literal
	 */
	static Optional<InetAddress> parse(String text) {
		String literal = text.strip();
		if (literal.startsWith("[")) {
			int end = literal.indexOf(']');
			if (end < 0) {
				return Optional.empty();
			}
			literal = literal.substring(1, end);
		}
		else if (literal.indexOf(':') > 0 && literal.indexOf(':') == literal.lastIndexOf(':')
				&& literal.indexOf('.') > 0) {
			literal = literal.substring(0, literal.indexOf(':'));
		}
		if (isIpv4(literal) || (literal.indexOf(':') >= 0 && IPV6.matcher(literal).matches())) {
			try {
				return Optional.of(InetAddress.getByName(literal));
			}
			catch (UnknownHostException | IllegalArgumentException ex) {
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	private static boolean isIpv4(String literal) {
		Matcher matcher = IPV4.matcher(literal);
		if (!matcher.matches()) {
			return false;
		}
		for (int group = 1; group <= 4; group++) {
			if (Integer.parseInt(matcher.group(group)) > 255) {
				return false;
			}
		}
		return true;
	}

}
