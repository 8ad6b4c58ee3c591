package io.icebroker.ice;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * An ICE server entry as a provider's API returns it, before sanitizing: {@code urls} may
 * be a single string or an array, and older APIs also send a singular {@code url}.
 *
 * @param urls the URLs the provider listed under {@code urls}
 * @param url the legacy singular URL, if the provider sent one
 * @param username the TURN username, if any
 * @param credential the TURN credential, if any
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProviderIceServer(
		@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Nullable List<String> urls,
		@Nullable String url, @Nullable String username, @Nullable String credential) {

	public static ProviderIceServer of(List<String> urls, @Nullable String username, @Nullable String credential) {
		return new ProviderIceServer(urls, null, username, credential);
	}

	@Override
	public String toString() {
		return "ProviderIceServer[urls=" + this.urls + ", url=" + this.url + "]";
	}

}
