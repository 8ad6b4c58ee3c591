package io.icebroker.provider.coturn;

import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * A self-hosted TURN server that checks credentials with the TURN REST API shared secret
 * ({@code use-auth-secret} in coturn).
 *
 * @param secret the shared secret, coturn's {@code static-auth-secret}
 * ({@code COTURN_SECRET})
 * @param urls that server's {@code turn:}, {@code turns:} and {@code stun:} URLs
 * ({@code COTURN_URLS}, comma-separated)
 */
@ConfigurationProperties("icebroker.coturn")
@Validated
record CoturnProperties(@Nullable String secret, @DefaultValue List<@Pattern(regexp = "(?i)(turns?|stuns?):\\S+",
		message = "COTURN_URLS entries must be turn:, turns:, stun: or stuns: URLs") String> urls) {

	CoturnProperties {
		urls = urls.stream().map(String::strip).filter((url) -> !url.isEmpty()).toList();
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
