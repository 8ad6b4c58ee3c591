package io.icebroker.security.cors;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

import io.icebroker.misconfiguration.MisconfigurationException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which browser origins may call /turn/credentials.
 *
 * @param allowedOrigins Exact origins such as https://app.example.com; no wildcards, and
 * none means no CORS headers at all (TURN_ALLOWED_ORIGINS, comma-separated).
 */
@ConfigurationProperties("icebroker.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {

	public CorsProperties {
		allowedOrigins = allowedOrigins.stream()
			.map(String::strip)
			.filter((origin) -> !origin.isEmpty())
			.map(CorsProperties::exactOrigin)
			.distinct()
			.toList();
	}

	/**
	 * An origin is a scheme, a host and an optional port, nothing else: anything looser
	 * would let more sites through than the operator wrote.
	 */
	private static String exactOrigin(String origin) {
		String trimmed = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
		URI uri;
		try {
			uri = new URI(trimmed);
		}
		catch (URISyntaxException ex) {
			throw invalid(origin);
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getUserInfo() != null
				|| !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null
				|| trimmed.contains("*")) {
			throw invalid(origin);
		}
		return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
				+ ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
	}

	private static MisconfigurationException invalid(String origin) {
		return new MisconfigurationException("TURN_ALLOWED_ORIGINS",
				"entry '" + MisconfigurationException.printable(origin) + "' is not an exact origin",
				"Set TURN_ALLOWED_ORIGINS to origins separated by commas, each a scheme, a host and an optional"
						+ " port, such as https://app.example.com (no path and no wildcard).");
	}

}
