package io.icebroker.ice;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code stun:}, {@code stuns:}, {@code turn:} or {@code turns:} URL (RFC 7064,
 * RFC 7065).
 *
 * @param text the URL as it will be handed to clients
 * @param host the host, without IPv6 brackets
 * @param port the explicit port, or the scheme's default
 * @param transport {@code udp} or {@code tcp}: explicit for TURN, implied by the scheme
 * otherwise
 */
public record IceUrl(String text, String scheme, String host, int port, String transport) {

	/**
	 * Parse a URL as browsers read it.
	 */
	public static Optional<IceUrl> parse(String candidate) {
		String trimmed = candidate.strip();
		int colon = trimmed.indexOf(':');
		if (colon <= 0) {
			return Optional.empty();
		}
		String scheme = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
		if (!scheme.equals("stun") && !scheme.equals("stuns") && !scheme.equals("turn") && !scheme.equals("turns")) {
			return Optional.empty();
		}
		String rest = trimmed.substring(colon + 1);
		String query = "";
		int question = rest.indexOf('?');
		if (question >= 0) {
			query = rest.substring(question + 1);
			rest = rest.substring(0, question);
		}
		String host;
		@Nullable String portText = null;
		if (rest.startsWith("[")) {
			int close = rest.indexOf(']');
			if (close < 0) {
				return Optional.empty();
			}
			host = rest.substring(1, close);
			String afterHost = rest.substring(close + 1);
			if (afterHost.startsWith(":")) {
				portText = afterHost.substring(1);
			}
			else if (!afterHost.isEmpty()) {
				return Optional.empty();
			}
		}
		else {
			int portColon = rest.lastIndexOf(':');
			host = (portColon >= 0) ? rest.substring(0, portColon) : rest;
			portText = (portColon >= 0) ? rest.substring(portColon + 1) : null;
		}
		if (host.isEmpty() || !host.chars().allMatch(IceUrl::isHostChar)) {
			return Optional.empty();
		}
		boolean secure = scheme.endsWith("s");
		int port = secure ? 5349 : 3478;
		if (portText != null) {
			if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)) {
				return Optional.empty();
			}
			port = Integer.parseInt(portText);
			if (port < 1 || port > 65535) {
				return Optional.empty();
			}
		}
		boolean stun = scheme.startsWith("stun");
		String transport = secure ? "tcp" : "udp";
		if (!stun) {
			String requested = transportOf(query);
			if (requested != null) {
				if (!requested.equals("udp") && !requested.equals("tcp")) {
					return Optional.empty();
				}
				transport = requested;
			}
		}
		// Chrome 110+ rejects stun: URLs that carry a query such as ?transport=udp.
		String text = stun ? scheme + ":" + rest : scheme + trimmed.substring(colon);
		return Optional.of(new IceUrl(text, scheme, host, port, transport));
	}

	private static @Nullable String transportOf(String query) {
		for (String parameter : query.split("&")) {
			int equals = parameter.indexOf('=');
			if (equals > 0 && parameter.substring(0, equals).equalsIgnoreCase("transport")) {
				return parameter.substring(equals + 1).toLowerCase(Locale.ROOT);
			}
		}
		return null;
	}

	private static boolean isHostChar(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
				|| c == ':' || c == '_' || c == '%';
	}

	public boolean isStun() {
		return this.scheme.startsWith("stun");
	}

	public boolean isTurn() {
		return this.scheme.startsWith("turn");
	}

	public boolean isSecure() {
		return this.scheme.endsWith("s");
	}

}
