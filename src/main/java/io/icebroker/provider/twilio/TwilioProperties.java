package io.icebroker.provider.twilio;

import java.net.URI;
import java.time.Duration;

import io.icebroker.provider.ProviderConfiguration;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Twilio Network Traversal settings. Authenticate with the auth token, or with an API key
 * pair instead.
 *
 * @param accountSid The account SID, AC... (TWILIO_ACCOUNT_SID).
 * @param authToken The account's auth token (TWILIO_AUTH_TOKEN).
 * @param apiKeySid An API key SID, SK..., instead of the auth token (TWILIO_API_KEY_SID).
 * @param apiKeySecret That API key's secret (TWILIO_API_KEY_SECRET).
 * @param apiBaseUrl The API base, overridable for tests and proxies
 * (TWILIO_API_BASE_URL).
 * @param connectTimeout How long to wait for a connection (TWILIO_CONNECT_TIMEOUT).
 * @param readTimeout How long to wait for each answer; twilio-java retries a 5xx answer
 * up to three times (TWILIO_READ_TIMEOUT).
 */
@ConfigurationProperties("icebroker.twilio")
record TwilioProperties(@Nullable String accountSid, @Nullable String authToken, @Nullable String apiKeySid,
		@Nullable String apiKeySecret, @DefaultValue("https://api.twilio.com") URI apiBaseUrl,
		@DefaultValue("1s") Duration connectTimeout, @DefaultValue("2s") Duration readTimeout) {

	TwilioProperties {
		// Values pasted into a dashboard often carry a trailing newline, which no HTTP
		// header accepts.
		accountSid = ProviderConfiguration.stripped(accountSid);
		authToken = ProviderConfiguration.stripped(authToken);
		apiKeySid = ProviderConfiguration.stripped(apiKeySid);
		apiKeySecret = ProviderConfiguration.stripped(apiKeySecret);
	}

	boolean usesApiKey() {
		return StringUtils.hasText(this.apiKeySid) || StringUtils.hasText(this.apiKeySecret);
	}

	@Override
	public String toString() {
		return "TwilioProperties[apiBaseUrl=" + this.apiBaseUrl + "]";
	}

}
