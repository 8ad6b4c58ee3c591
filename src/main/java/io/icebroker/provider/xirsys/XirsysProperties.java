package io.icebroker.provider.xirsys;

import java.net.URI;
import java.time.Duration;

import io.icebroker.provider.ProviderConfiguration;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Xirsys settings.
 *
 * @param ident The account ident (XIRSYS_IDENT).
 * @param secret That account's secret (XIRSYS_SECRET).
 * @param channel The channel path whose TURN servers are served (XIRSYS_CHANNEL).
 * @param apiBaseUrl The API base, overridable for tests and proxies
 * (XIRSYS_API_BASE_URL).
 * @param connectTimeout How long to wait for a connection (XIRSYS_CONNECT_TIMEOUT).
 * @param readTimeout How long to wait for the answer (XIRSYS_READ_TIMEOUT).
 */
@ConfigurationProperties("icebroker.xirsys")
record XirsysProperties(@Nullable String ident, @Nullable String secret,
		@DefaultValue(XirsysProperties.DEFAULT_CHANNEL) @Nullable String channel,
		@DefaultValue("https://global.xirsys.net") URI apiBaseUrl, @DefaultValue("1s") Duration connectTimeout,
		@DefaultValue("2s") Duration readTimeout) {

	// The default, stated once: an empty variable binds as an empty string, which
	// @DefaultValue does not replace.
	static final String DEFAULT_CHANNEL = "default";

	XirsysProperties {
		// Values pasted into a dashboard often carry a trailing newline, which no HTTP
		// header accepts.
		ident = ProviderConfiguration.stripped(ident);
		secret = ProviderConfiguration.stripped(secret);
		channel = (channel == null || channel.isBlank()) ? DEFAULT_CHANNEL : channel.strip();
	}

	@Override
	public String toString() {
		return "XirsysProperties[channel=" + this.channel + ", apiBaseUrl=" + this.apiBaseUrl + "]";
	}

}
