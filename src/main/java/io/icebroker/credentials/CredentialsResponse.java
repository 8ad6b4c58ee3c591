package io.icebroker.credentials;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.icebroker.ice.IceServer;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code GET /turn/credentials}, ready to pass to
 * {@code new RTCPeerConnection(...)}.
 *
 * @param iceServers the sanitized entries
 * @param provider the id of the provider that served
 * @param ttl seconds the credentials remain valid from now; absent when nothing expires
 * @param expiresAt the same instant; absent when nothing expires
 * @param refreshAfter when a client should fetch again (see {@link Lifetime}); present
 * whenever {@code expiresAt} is
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CredentialsResponse(List<IceServer> iceServers, String provider, @Nullable Long ttl,
		@JsonFormat(shape = JsonFormat.Shape.STRING) @Nullable Instant expiresAt,
		@JsonFormat(shape = JsonFormat.Shape.STRING) @Nullable Instant refreshAfter) {

	static CredentialsResponse of(List<IceServer> iceServers, String provider, @Nullable Lifetime lifetime) {
		return (lifetime != null) ? new CredentialsResponse(iceServers, provider, lifetime.ttl(), lifetime.expiresAt(),
				lifetime.refreshAfter()) : new CredentialsResponse(iceServers, provider, null, null, null);
	}

}
