package io.icebroker.ice;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * An ICE server entry as providers' JSON APIs write it: {@code urls} may be a single
 * string or an array, and older APIs also send a singular {@code url}. Providers read it
 * and hand on {@link #toIceServer()}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProviderIceServer(
		@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Nullable List<String> urls,
		@Nullable String url, @Nullable String username, @Nullable String credential) {

	/**
	 * The entry with the legacy {@code url} folded into {@code urls}, after them, unless
	 * it is one of them.
	 */
	public IceServer toIceServer() {
		List<String> all = new ArrayList<>();
		if (this.urls != null) {
			this.urls.stream().filter(Objects::nonNull).forEach(all::add);
		}
		if (this.url != null && !all.contains(this.url)) {
			all.add(this.url);
		}
		return new IceServer(all, this.username, this.credential);
	}

	@Override
	public String toString() {
		return "ProviderIceServer[urls=" + this.urls + ", url=" + this.url + "]";
	}

}
