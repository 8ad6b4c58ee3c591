package io.icebroker.security;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.icebroker.chain.ProviderChain;
import io.icebroker.chain.TestChains;
import io.icebroker.chain.TurnProperties;
import io.icebroker.clientaddress.ClientAddressProperties;
import io.icebroker.clientaddress.ClientAddressSource;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.provider.ProviderResult;
import io.icebroker.security.cors.CorsProperties;
import io.icebroker.security.cors.CredentialsCors;
import io.icebroker.security.ratelimit.RateLimitProperties;
import io.icebroker.security.ratelimit.RateLimiting;
import io.icebroker.shared.SharedRedis;
import io.icebroker.web.TestProblems;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class SecurityReportTests {

	private static final String WARNING = "[TURN] ⚠️ TURN_AUTH_MODE is none but paid TURN providers are configured"
			+ " (twilio): anyone who can reach /turn/credentials can take credentials whose relay traffic you pay"
			+ " for. Set TURN_AUTH_MODE=api-key or jwt";

	@Test
	void warnsWhenAPaidProviderIsConfiguredAndAnyoneMayTakeCredentials(CapturedOutput output) {
		report(AuthMode.NONE, provider("cloudflare", true, false), provider("twilio", true, true),
				provider("free-public-turn", false, true));

		assertThat(output).containsOnlyOnce(WARNING);
		assertThat(output.getOut().lines().filter((line) -> line.contains(WARNING)))
			.allMatch((line) -> line.contains("WARN"));
	}

	@Test
	void staysQuietWhenOnlyTheFreeFallbackIsConfigured(CapturedOutput output) {
		report(AuthMode.NONE, provider("cloudflare", true, false), provider("free-public-turn", false, true));

		assertThat(output).doesNotContain("paid TURN providers").contains("authentication none");
	}

	@Test
	void staysQuietWhenAuthenticationIsOn(CapturedOutput output) {
		report(AuthMode.API_KEY, provider("twilio", true, true));

		assertThat(output).doesNotContain("paid TURN providers").contains("authentication api-key (1 key(s) accepted)");
	}

	@Test
	void reportNamesNoSecret(CapturedOutput output) {
		report(AuthMode.API_KEY, provider("twilio", true, true));

		assertThat(output).doesNotContain(io.icebroker.TestSecrets.TURN_API_KEY);
	}

	@Test
	void warnsWhenNothingCanScrapePrometheusOnThePublicPort(CapturedOutput output) {
		report(AuthMode.API_KEY, List.of(), true, provider("twilio", true, true));
		report(AuthMode.API_KEY, List.of(io.icebroker.TestSecrets.TURN_ADMIN_KEY), true,
				provider("twilio", true, true));
		report(AuthMode.API_KEY, List.of(), false, provider("twilio", true, true));
		report(AuthMode.NONE, List.of(), true, provider("twilio", true, true));

		assertThat(output).containsOnlyOnce("[TURN] ⚠️ /actuator/prometheus needs an admin key on PORT when"
				+ " TURN_AUTH_MODE is api-key, and TURN_ADMIN_KEYS is not set");
	}

	private static void report(AuthMode mode, IceServerProvider... providers) {
		report(mode, List.of(), true, providers);
	}

	private static void report(AuthMode mode, List<String> adminKeys, boolean prometheusOnPort,
			IceServerProvider... providers) {
		List<String> order = java.util.Arrays.stream(providers).map(IceServerProvider::id).toList();
		ProviderChain chain = TestChains.chain(List.of(providers), new TurnProperties(order, Duration.ofDays(1), 4));
		AuthProperties auth = new AuthProperties(mode, List.of(io.icebroker.TestSecrets.TURN_API_KEY),
				new AuthProperties.Jwt("", "", "", "", Duration.ofDays(1)), adminKeys);
		RateLimiting rateLimiting = new RateLimiting(new RateLimitProperties(30),
				ClientAddressSource.resolve(new ClientAddressProperties("", List.of()), (name) -> Optional.empty()),
				new WebEndpointProperties(), new SimpleMeterRegistry(),
				new DefaultListableBeanFactory().getBeanProvider(SharedRedis.class), TestProblems.PROBLEMS);
		MockEnvironment environment = new MockEnvironment();
		if (!prometheusOnPort) {
			environment.setProperty("management.server.port", "9090");
		}
		new SecurityReport(auth, chain, rateLimiting,
				new CredentialsCors(new CorsProperties(List.of()), TestProblems.PROBLEMS), environment)
			.onApplicationEvent(null);
	}

	private static IceServerProvider provider(String id, boolean premium, boolean configured) {
		return new IceServerProvider() {

			@Override
			public String id() {
				return id;
			}

			@Override
			public String displayName() {
				return id;
			}

			@Override
			public boolean premium() {
				return premium;
			}

			@Override
			public ProviderConfiguration configuration() {
				return ProviderConfiguration.builder()
					.require(id.toUpperCase() + "_KEY", configured ? "set" : "")
					.build();
			}

			@Override
			public ProviderResult fetch(CredentialRequest request) {
				throw new UnsupportedOperationException();
			}

		};
	}

}
