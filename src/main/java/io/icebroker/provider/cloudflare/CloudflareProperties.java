package io.icebroker.provider.cloudflare;

import java.net.URI;
import java.time.Duration;

import io.icebroker.provider.ProviderConfiguration;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cloudflare TURN settings.
 *
 * @param turnKey The TURN key id (CLOUDFLARE_TURN_KEY).
 * @param apiToken That key's API token (CLOUDFLARE_API_TOKEN).
 * @param apiBaseUrl The API base, overridable for tests and proxies
 * (CLOUDFLARE_API_BASE_URL).
 * @param connectTimeout How long to wait for a connection (CLOUDFLARE_CONNECT_TIMEOUT).
 * @param readTimeout How long to wait for the answer (CLOUDFLARE_READ_TIMEOUT).
 */
@ConfigurationProperties("icebroker.cloudflare")
record CloudflareProperties(@Nullable String turnKey, @Nullable String apiToken,
		@DefaultValue("https://rtc.live.cloudflare.com") URI apiBaseUrl, @DefaultValue("1s") Duration connectTimeout,
		@DefaultValue("2s") Duration readTimeout) {

	CloudflareProperties {
		// Values pasted into a dashboard often carry a trailing newline, which no HTTP
		// header accepts.
		turnKey = ProviderConfiguration.stripped(turnKey);
		apiToken = ProviderConfiguration.stripped(apiToken);
	}

	@Override
	public String toString() {
		return "CloudflareProperties[apiBaseUrl=" + this.apiBaseUrl + "]";
	}

}
