package io.icebroker.provider.coturn;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.icebroker.misconfiguration.MisconfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A self-hosted TURN server that checks credentials with the TURN REST API shared secret
 * (use-auth-secret in coturn).
 *
 * @param secret The shared secret, coturn's static-auth-secret (COTURN_SECRET).
 * @param urls That server's turn:, turns: and stun: URLs (COTURN_URLS, comma-separated).
 */
@ConfigurationProperties("icebroker.coturn")
record CoturnProperties(@Nullable String secret, @DefaultValue List<String> urls) {

	private static final Pattern URL = Pattern.compile("(?i)(turns?|stuns?):[^\\s/]\\S*");

	CoturnProperties {
		urls = urls.stream().map(String::strip).filter((url) -> !url.isEmpty()).toList();
		for (int index = 0; index < urls.size(); index++) {
			if (!URL.matcher(urls.get(index)).matches()) {
				throw invalid(index + 1, urls.get(index));
			}
		}
	}

	// The entry is shown unless it could carry credentials (user:password@host).
	private static MisconfigurationException invalid(int number, String url) {
		String entry = (url.indexOf('@') < 0 && url.length() <= 100 && !url.matches(".*\\p{Cntrl}.*"))
				? "entry '" + url + "'" : "entry number " + number;
		return new MisconfigurationException("COTURN_URLS", entry + " is not a turn:, turns:, stun: or stuns: URL",
				"Write each comma-separated entry as scheme:host[:port][?transport=udp|tcp], for example"
						+ " turn:turn.example.com:3478?transport=udp, turns:turn.example.com:5349 or"
						+ " stun:turn.example.com:3478.");
	}

	List<String> turnUrls() {
		return this.urls.stream().filter((url) -> scheme(url).startsWith("turn")).toList();
	}

	List<String> stunUrls() {
		return this.urls.stream().filter((url) -> scheme(url).startsWith("stun")).toList();
	}

	private static String scheme(String url) {
		int colon = url.indexOf(':');
		return (colon > 0) ? url.substring(0, colon).toLowerCase(Locale.ROOT) : "";
	}

	@Override
	public String toString() {
		return "CoturnProperties[urls=" + this.urls + "]";
	}

}
