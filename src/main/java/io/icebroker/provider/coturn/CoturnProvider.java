package io.icebroker.provider.coturn;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.icebroker.ice.IceServer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;

import org.springframework.stereotype.Component;

/**
 * Issues per-user credentials for a self-hosted TURN server that shares a secret with
 * this service. Computed in process: no network call, so it cannot time out, and the TURN
 * server's logs attribute each allocation to the user named in the username.
 */
@Component
class CoturnProvider implements IceServerProvider {

	private final CoturnProperties properties;

	private final Clock clock;

	CoturnProvider(CoturnProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public String id() {
		return "coturn";
	}

	@Override
	public String displayName() {
		return "coturn";
	}

	@Override
	public ProviderConfiguration configuration() {
		ProviderConfiguration.Builder configuration = ProviderConfiguration.builder()
			.require("COTURN_SECRET", this.properties.secret())
			.require("COTURN_URLS", String.join(",", this.properties.urls()));
		if (!this.properties.urls().isEmpty() && this.properties.turnUrls().isEmpty()) {
			configuration.warn("COTURN_URLS lists no turn: or turns: URL, so coturn serves STUN only and clients"
					+ " behind strict NATs or firewalls will fail to connect");
		}
		return configuration.build();
	}

	@Override
	public ProviderResult fetch(CredentialRequest request) {
		// Whole seconds: the expiry in the username is what the TURN server enforces, and
		// the answer must report that same instant.
		Instant expiresAt = Instant.ofEpochSecond(this.clock.instant().plus(request.ttl()).getEpochSecond());
		List<IceServer> iceServers = new ArrayList<>();
		List<String> stunUrls = this.properties.stunUrls();
		if (!stunUrls.isEmpty()) {
			iceServers.add(new IceServer(stunUrls, null, null));
		}
		List<String> turnUrls = this.properties.turnUrls();
		if (turnUrls.isEmpty()) {
			return new Served(iceServers, Optional.empty(), Served.Source.LOCAL);
		}
		TurnRestCredentials.Credentials credentials = TurnRestCredentials
			.issue(Objects.requireNonNull(this.properties.secret()), request.userId(), expiresAt);
		iceServers.add(new IceServer(turnUrls, credentials.username(), credentials.credential()));
		return new Served(iceServers, Optional.of(expiresAt), Served.Source.LOCAL);
	}

}
