package io.icebroker.security;

import java.util.List;
import java.util.Optional;

import io.icebroker.ice.IceServer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A provider that serves the user id it was asked for as its TURN username, so that a
 * test can see which user id the service chose. Import it and put {@value #ID} first in
 * {@code TURN_PROVIDER_ORDER}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class UserIdEcho {

	public static final String ID = "user-id-echo";

	@Bean
	IceServerProvider userIdEchoProvider() {
		return new IceServerProvider() {

			@Override
			public String id() {
				return ID;
			}

			@Override
			public String displayName() {
				return "User id echo";
			}

			@Override
			public ProviderConfiguration configuration() {
				return ProviderConfiguration.builder().build();
			}

			@Override
			public ProviderResult fetch(CredentialRequest request) {
				return new Served(List.of(new IceServer(List.of("turn:turn.example.test:3478?transport=udp"),
						request.userId(), "echo-credential")), Optional.empty(), Served.Source.LOCAL);
			}

		};
	}

}
