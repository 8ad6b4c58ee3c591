package io.icebroker.ice;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One {@code RTCIceServer} entry as a browser receives it: {@code urls} is always an
 * array; {@code username} and {@code credential} are absent for STUN-only entries. Read
 * from providers' JSON with {@link #of}, which takes it as they write it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IceServer(List<String> urls, @Nullable String username, @Nullable String credential) {

	public IceServer {
		urls = List.copyOf(urls);
	}

	public static IceServer stun(List<String> urls) {
		return new IceServer(urls, null, null);
	}

	/**
	 * An entry as providers write it: {@code urls} a single string or an array, and, from
	 * older APIs, a singular {@code url}, folded in after them unless it is one of them.
	 */
	@JsonCreator
	public static IceServer of(
			@JsonProperty("urls") @JsonFormat(
					with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Nullable List<String> urls,
			@JsonProperty("url") @Nullable String url, @JsonProperty("username") @Nullable String username,
			@JsonProperty("credential") @Nullable String credential) {
		List<String> all = new ArrayList<>();
		if (urls != null) {
			urls.stream().filter(Objects::nonNull).forEach(all::add);
		}
		if (url != null && !all.contains(url)) {
			all.add(url);
		}
		return new IceServer(all, username, credential);
	}

	@Override
	public String toString() {
		// A credential must never reach a log line by accident.
		return "IceServer[urls=" + this.urls + ", username=" + ((this.username != null) ? "***" : null)
				+ ", credential=" + ((this.credential != null) ? "***" : null) + "]";
	}

}
