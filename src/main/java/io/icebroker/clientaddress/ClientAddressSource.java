package io.icebroker.clientaddress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.icebroker.misconfiguration.MisconfigurationException;
import io.icebroker.misconfiguration.Suggestions;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.util.NetMask;

/**
 * Where the client address of every request comes from, decided once at startup: Tomcat's
 * {@code RemoteIpValve} takes it from {@link #header()} when the TCP peer is one of
 * {@link #trustedProxies()}. On Railway the default is {@code X-Real-IP} from a
 * private-network peer: Railway's edge overwrites a forged one, while its
 * {@code X-Forwarded-For} ends with a rotating public edge hop.
 *
 * @param header empty for {@link Kind#SOCKET}
 * @param trustedProxies CIDR ranges; empty for {@link Kind#SOCKET}
 * @param railwayVariable the variable that showed the service runs on Railway, if any
 */
public record ClientAddressSource(Kind kind, String header, List<String> trustedProxies,
		Optional<String> railwayVariable) {

	/** Variables Railway sets in every deployment; any one of them means Railway. */
	static final List<String> RAILWAY_VARIABLES = List.of("RAILWAY_ENVIRONMENT_NAME", "RAILWAY_PRIVATE_DOMAIN",
			"RAILWAY_REPLICA_ID");

	static final String PRIVATE = "private";

	/**
	 * What {@code private} stands for: loopback, RFC 1918, carrier-grade NAT (RFC 6598),
	 * link-local, and IPv6 unique-local and link-local. A client on the public internet
	 * never has one of these addresses, so a proxy among them cannot be a client.
	 */
	static final List<String> PRIVATE_RANGES = List.of("127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
			"100.64.0.0/10", "169.254.0.0/16", "::1/128", "fc00::/7", "fe80::/10");

	static final String FORWARDED_FOR = "X-Forwarded-For";

	static final String REAL_IP = "X-Real-IP";

	private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");

	public ClientAddressSource {
		trustedProxies = List.copyOf(trustedProxies);
	}

	public static ClientAddressSource resolve(ClientAddressProperties properties,
			Function<String, Optional<String>> environmentVariable) {
		Optional<String> railway = RAILWAY_VARIABLES.stream()
			.filter((name) -> environmentVariable.apply(name).filter((value) -> !value.isBlank()).isPresent())
			.findFirst();
		List<String> entries = properties.trustedProxies();
		Kind kind = !entries.isEmpty() ? Kind.CONFIGURED : railway.isPresent() ? Kind.RAILWAY : Kind.SOCKET;
		if (kind == Kind.SOCKET) {
			return new ClientAddressSource(kind, "", List.of(), railway);
		}
		String header = properties.header().isEmpty() ? (railway.isPresent() ? REAL_IP : FORWARDED_FOR)
				: validHeader(properties.header());
		List<String> ranges = (kind == Kind.RAILWAY) ? PRIVATE_RANGES
				: entries.stream().flatMap((entry) -> ranges(entry).stream()).distinct().toList();
		return new ClientAddressSource(kind, header, ranges, railway);
	}

	/**
	 * Spring Boot's properties that make Tomcat's {@code RemoteIpValve} read the client
	 * address; none when the TCP peer is the client.
	 */
	Map<String, Object> tomcatProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (this.kind != Kind.SOCKET) {
			properties.put("server.tomcat.remoteip.remote-ip-header", this.header);
			// A list with a '/' makes Tomcat match CIDR ranges, not regular expressions.
			properties.put("server.tomcat.remoteip.internal-proxies", String.join(",", this.trustedProxies));
		}
		return properties;
	}

	public boolean trustsProxies() {
		return this.kind != Kind.SOCKET;
	}

	/**
	 * Whether the request carries a forwarded address that no trusted proxy vouches for.
	 */
	public boolean ignoresForwardedAddress(HttpServletRequest request) {
		return !trustsProxies() && (request.getHeader(FORWARDED_FOR) != null || request.getHeader(REAL_IP) != null);
	}

	public String describe() {
		return switch (this.kind) {
			case SOCKET -> "the TCP peer (no proxy is trusted; behind a reverse proxy set TURN_TRUSTED_PROXIES)";
			case RAILWAY -> this.header + " from private-network peers (Railway: " + this.railwayVariable.orElseThrow()
					+ " is set)";
			case CONFIGURED -> this.header + " from trusted proxies " + String.join(",", this.trustedProxies)
					+ " (TURN_TRUSTED_PROXIES)";
		};
	}

	private static String validHeader(String header) {
		if (!HEADER_NAME.matcher(header).matches()) {
			throw new MisconfigurationException("TURN_CLIENT_ADDRESS_HEADER", "is not an HTTP header name",
					"Set TURN_CLIENT_ADDRESS_HEADER to the header your proxy writes the client address into, such as "
							+ REAL_IP + " or " + FORWARDED_FOR + ", or leave it unset.");
		}
		return header;
	}

	private static List<String> ranges(String entry) {
		if (entry.toLowerCase(Locale.ROOT).equals(PRIVATE)) {
			return PRIVATE_RANGES;
		}
		int slash = entry.indexOf('/');
		String address = (slash >= 0) ? entry.substring(0, slash) : entry;
		String range = (slash >= 0) ? entry : entry + ((entry.indexOf(':') >= 0) ? "/128" : "/32");
		try {
			// NetMask checks the prefix length, but would resolve a host name: only
			// literals reach it.
			ClientAddresses.parse(address).orElseThrow(IllegalArgumentException::new);
			new NetMask(range);
		}
		catch (IllegalArgumentException ex) {
			throw new MisconfigurationException("TURN_TRUSTED_PROXIES",
					"entry '" + MisconfigurationException.printable(entry) + "' is not an IP address, a CIDR range or '"
							+ PRIVATE + "'",
					"Set TURN_TRUSTED_PROXIES to the comma-separated addresses or CIDR ranges of your reverse proxies"
							+ " (for example 10.0.0.0/8), or to '" + PRIVATE + "' for every private range."
							+ Suggestions.didYouMean(entry, List.of(PRIVATE)));
		}
		return List.of(range);
	}

	public enum Kind {

		/** No proxy is trusted: the TCP peer is the client. */
		SOCKET,

		/** {@code TURN_TRUSTED_PROXIES} names the proxies. */
		CONFIGURED,

		/** Railway's edge, recognised by Railway's own variables. */
		RAILWAY

	}

}
