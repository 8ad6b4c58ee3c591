package io.icebroker.testsupport;

import java.util.List;
import java.util.Optional;

import io.icebroker.ice.IceServer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;

/**
 * A stand-in for the free fallback in chains built by hand: public STUN, no call, always
 * serves.
 */
public final class StunOnlyFallback implements IceServerProvider {

	public static final String STUN_URL = "stun:stun.example.test:3478";

	@Override
	public String id() {
		return "free-public-turn";
	}

	@Override
	public String displayName() {
		return "Public STUN";
	}

	@Override
	public boolean premium() {
		return false;
	}

	@Override
	public ProviderConfiguration configuration() {
		return ProviderConfiguration.builder().build();
	}

	@Override
	public ProviderResult fetch(CredentialRequest request) {
		return new Served(List.of(new IceServer(List.of(STUN_URL), null, null)), Optional.empty(), Served.Source.LOCAL);
	}

}
