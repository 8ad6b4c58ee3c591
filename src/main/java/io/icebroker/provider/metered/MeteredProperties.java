package io.icebroker.provider.metered;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

import io.icebroker.misconfiguration.MisconfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Metered TURN settings.
 *
 * @param appName The app's subdomain, myapp for myapp.metered.live (METERED_APP_NAME).
 * @param apiKey The app's API key (METERED_API_KEY).
 * @param apiBaseUrl The API base, overridable for tests and proxies; blank means
 * https://<app>.metered.live (METERED_API_BASE_URL).
 * @param connectTimeout How long to wait for a connection (METERED_CONNECT_TIMEOUT).
 * @param readTimeout How long to wait for the answer (METERED_READ_TIMEOUT).
 */
@ConfigurationProperties("icebroker.metered")
record MeteredProperties(@Nullable String appName, @Nullable String apiKey, @Nullable String apiBaseUrl,
		@DefaultValue("1s") Duration connectTimeout, @DefaultValue("2s") Duration readTimeout) {

	private static final Pattern APP_NAME = Pattern.compile("[A-Za-z0-9-]*");

	MeteredProperties {
		if (appName != null && !APP_NAME.matcher(appName.strip()).matches()) {
			throw new MisconfigurationException("METERED_APP_NAME",
					"is '" + MisconfigurationException.printable(appName) + "', which is not a subdomain",
					"Set METERED_APP_NAME to the app's subdomain: myapp for myapp.metered.live.");
		}
	}

	/**
	 * Where the API lives.
	 * @return {@code METERED_API_BASE_URL} when set, otherwise
	 * {@code https://<app>.metered.live}
	 */
	URI baseUrl() {
		if (this.apiBaseUrl != null && !this.apiBaseUrl.isBlank()) {
			return URI.create(this.apiBaseUrl.strip());
		}
		return URI.create("https://" + ((this.appName != null) ? this.appName.strip() : "") + ".metered.live");
	}

	@Override
	public String toString() {
		return "MeteredProperties[appName=" + this.appName + ", apiBaseUrl=" + this.apiBaseUrl + "]";
	}

}
