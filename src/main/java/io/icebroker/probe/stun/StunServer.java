package io.icebroker.probe.stun;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A server to probe, parsed from a {@code stun:}, {@code stuns:}, {@code turn:} or
 * {@code turns:} URL (RFC 7064, RFC 7065).
 *
 * @param url the URL as given
 * @param turn whether it is a TURN server, to be probed with an allocation, rather than a
 * STUN server, probed with a Binding
 * @param host the host name or address, without IPv6 brackets
 * @param port the explicit port, or the scheme's default (3478, or 5349 for TLS)
 * @param transport UDP or TCP from {@code ?transport=}, TLS for the secure schemes
 */
public record StunServer(String url, boolean turn, String host, int port, Transport transport) {

	/**
	 * Parse a URL. DTLS ({@code turns:…?transport=udp}) is not supported.
	 * @param url the URL
	 * @return the server, or empty when the URL is not one this client can probe
	 */
	public static Optional<StunServer> parse(String url) {
		String trimmed = url.strip();
		int colon = trimmed.indexOf(':');
		if (colon <= 0) {
			return Optional.empty();
		}
		String scheme = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
		boolean turn = scheme.equals("turn") || scheme.equals("turns");
		if (!turn && !scheme.equals("stun") && !scheme.equals("stuns")) {
			return Optional.empty();
		}
		boolean secure = scheme.endsWith("s");
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
			if (close < 0 || (close + 1 < rest.length() && rest.charAt(close + 1) != ':')) {
				return Optional.empty();
			}
			host = rest.substring(1, close);
			portText = (close + 1 < rest.length()) ? rest.substring(close + 2) : null;
		}
		else {
			int portColon = rest.indexOf(':');
			host = (portColon >= 0) ? rest.substring(0, portColon) : rest;
			portText = (portColon >= 0) ? rest.substring(portColon + 1) : null;
		}
		if (host.isEmpty() || !host.chars().allMatch(StunServer::isHostChar)) {
			return Optional.empty();
		}
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
		Transport transport = secure ? Transport.TLS : Transport.UDP;
		String requested = turn ? transportParameter(query) : null;
		if (requested != null) {
			if (requested.equals("tcp")) {
				transport = secure ? Transport.TLS : Transport.TCP;
			}
			else if (!requested.equals("udp") || secure) {
				return Optional.empty();
			}
		}
		return Optional.of(new StunServer(trimmed, turn, host, port, transport));
	}

	private static @Nullable String transportParameter(String query) {
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

}
