package io.icebroker.ice;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One {@code RTCIceServer} entry as a browser receives it: {@code urls} is always an
 * array; {@code username} and {@code credential} are absent for STUN-only entries.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IceServer(List<String> urls, @Nullable String username, @Nullable String credential) {

	public IceServer {
		urls = List.copyOf(urls);
	}

	public static IceServer stun(List<String> urls) {
		return new IceServer(urls, null, null);
	}

	@Override
	public String toString() {
		// A credential must never reach a log line by accident.
		return "IceServer[urls=" + this.urls + ", username=" + ((this.username != null) ? "***" : null)
				+ ", credential=" + ((this.credential != null) ? "***" : null) + "]";
	}

}
