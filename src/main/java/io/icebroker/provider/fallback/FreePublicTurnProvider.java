package io.icebroker.provider.fallback;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.icebroker.ice.IceServer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;

import org.springframework.stereotype.Component;

/**
 * Serves public STUN and, when the operator supplies one, a static TURN entry. Needs no
 * configuration, makes no call, and so always serves.
 */
@Component
class FreePublicTurnProvider implements IceServerProvider {

	private final FreePublicTurnProperties properties;

	private final Served served;

	FreePublicTurnProvider(FreePublicTurnProperties properties) {
		this.properties = properties;
		List<IceServer> iceServers = new ArrayList<>();
		if (!properties.stunUrls().isEmpty()) {
			iceServers.add(new IceServer(properties.stunUrls(), null, null));
		}
		if (properties.hasTurn()) {
			iceServers
				.add(new IceServer(properties.turnUrls(), properties.turnUsername(), properties.turnCredential()));
		}
		// A static entry has no known expiry, so the answer carries no ttl.
		this.served = new Served(iceServers, Optional.empty(), Served.Source.LOCAL);
	}

	@Override
	public String id() {
		return "free-public-turn";
	}

	@Override
	public String displayName() {
		// The id stays free-public-turn for clients and dashboards; the name says
		// what it serves.
		return this.properties.hasTurn() ? "Public STUN/TURN" : "Public STUN";
	}

	@Override
	public boolean premium() {
		return false;
	}

	@Override
	public ProviderConfiguration configuration() {
		ProviderConfiguration.Builder configuration = ProviderConfiguration.builder();
		if (this.properties.turnUrls().isEmpty()) {
			configuration.warn("Free public fallback has no TURN server (PUBLIC_TURN_URLS is unset): clients behind"
					+ " strict NATs or firewalls will fail to connect");
		}
		else if (!this.properties.hasTurn()) {
			configuration.warn("PUBLIC_TURN_URLS is set but PUBLIC_TURN_USERNAME or PUBLIC_TURN_CREDENTIAL is"
					+ " missing: the fallback serves STUN only, and clients behind strict NATs will fail to connect");
		}
		return configuration.build();
	}

	@Override
	public ProviderResult fetch(CredentialRequest request) {
		return this.served;
	}

}
