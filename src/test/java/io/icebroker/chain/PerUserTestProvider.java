package io.icebroker.chain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.icebroker.ice.IceServer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;

/**
 * A premium provider that computes per-user credentials in process, like the TURN REST
 * API shared secret does: no remote call, a username naming the user.
 */
class PerUserTestProvider implements IceServerProvider {

	private final Clock clock;

	PerUserTestProvider(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String id() {
		return "per-user";
	}

	@Override
	public String displayName() {
		return "Per-user";
	}

	@Override
	public ProviderConfiguration configuration() {
		return ProviderConfiguration.builder().build();
	}

	@Override
	public ProviderResult fetch(CredentialRequest request) {
		Instant expiresAt = this.clock.instant().plus(request.ttl());
		String username = expiresAt.getEpochSecond() + ":" + request.userId();
		// Deliberately the factory that also serves remote answers: what decides sharing
		// is that no upstream call was announced.
		return Served.fromUpstream(List
			.of(new IceServer(List.of("turn:turn.example.test:3478?transport=udp"), username, "computed-" + username)),
				expiresAt);
	}

}
