package io.icebroker.provider.metered;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.icebroker.TestSecrets;
import io.icebroker.ice.IceServer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.Outcome;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;
import io.icebroker.testsupport.ConnectionFailure;
import io.icebroker.testsupport.LoopbackPorts;
import io.icebroker.testsupport.MeteredApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.icebroker.testsupport.ProviderAnswers.fellThrough;
import static org.assertj.core.api.Assertions.assertThat;

class MeteredProviderTests {

	static final String KEY = MeteredApi.API_KEY;

	@RegisterExtension
	static final MeteredApi metered = MeteredApi.shared();

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	@Test
	void servesTheAppsIceServersFromTheBareArrayWithoutAnExpiry() {
		metered.mintsCredentials();
		ProviderResult result = provider(KEY).fetch(new CredentialRequest("alice", Duration.ofHours(1)));

		assertThat(result).isInstanceOf(Served.class);
		Served served = (Served) result;
		assertThat(served.source()).isEqualTo(Served.Source.UPSTREAM);
		assertThat(served.expiresAt()).isEmpty();
		assertThat(served.iceServers()).hasSize(4);
		assertThat(served.iceServers().get(0).urls()).containsExactly("stun:stun.relay.metered.ca:80");
		assertThat(served.iceServers().get(1)).isEqualTo(new IceServer(List.of("turn:global.relay.metered.ca:80"),
				"e8dd65b92c62d3e36cafb807", TestSecrets.UPSTREAM_TURN_CREDENTIAL));
		metered.verify(1, MeteredApi.credentialsRequest(KEY));
	}

	@Test
	void sendsAnApiKeyWithReservedCharactersUrlEncoded() {
		String key = KEY + "+/=&?#%";
		metered.answers(key, okJson(MeteredApi.ICE_SERVERS));

		ProviderResult result = provider(key).fetch(new CredentialRequest("alice", Duration.ofHours(1)));

		assertThat(result).isInstanceOf(Served.class);
		metered.verify(1, MeteredApi.credentialsRequest(key));
	}

	@Test
	void fallsThroughWithAuthenticationFailedWhenTheApiKeyIsInvalid() {
		metered.answers(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"Invalid API Key\"}"));

		FellThrough fellThrough = fellThrough(provider(KEY).fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(fellThrough.errorStatus()).hasValue(401);
		assertThat(fellThrough.message()).isEqualTo("Authentication failed");
		assertThat(fellThrough.details()).containsEntry("status", 401)
			.containsEntry("body", "{\"error\":\"Invalid API Key\"}");
	}

	@Test
	void fallsThroughWithServerErrorOn500() {
		metered.answers(aResponse().withStatus(500).withBody("upstream exploded"));

		FellThrough fellThrough = fellThrough(provider(KEY).fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(fellThrough.errorStatus()).hasValue(500);
		assertThat(fellThrough.message()).isEqualTo("Server error (500)");
	}

	@Test
	void fallsThroughWithTimeoutWhenMeteredAnswersTooLate() {
		metered.answers(okJson(MeteredApi.ICE_SERVERS).withFixedDelay(3000));
		MeteredProvider provider = new MeteredProvider(properties(KEY, metered.baseUrl(), Duration.ofMillis(300)),
				RestClient.builder(), this.jsonMapper);

		FellThrough fellThrough = fellThrough(provider.fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.TIMEOUT);
		assertThat(fellThrough.message()).isEqualTo("Timed out");
	}

	@Test
	void fallsThroughAsMalformedWhenTheAnswerIsNotJson() {
		metered
			.answers(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>oops</html>"));

		FellThrough fellThrough = fellThrough(provider(KEY).fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(fellThrough.message()).isEqualTo("Malformed response");
		assertThat(fellThrough.details()).containsEntry("body", "<html>oops</html>");
	}

	@Test
	void fallsThroughAsMalformedWhenTheAnswerIsNotAnArrayOfIceServers() {
		for (String body : List.of("{\"iceServers\": []}", "[null]", "null", "[\"stun:stun.relay.metered.ca:80\"]")) {
			metered.answers(okJson(body));

			ProviderResult result = provider(KEY).fetch(new CredentialRequest("alice", Duration.ofHours(1)));

			assertThat(fellThrough(result).message()).as(body).isEqualTo("Malformed response");
		}
	}

	@Test
	void fallsThroughWhenMeteredCannotBeReached() throws IOException {
		int closedPort = LoopbackPorts.free();
		MeteredProvider provider = new MeteredProvider(
				properties(KEY, "http://127.0.0.1:" + closedPort, Duration.ofSeconds(5)), RestClient.builder(),
				this.jsonMapper);

		FellThrough fellThrough = fellThrough(provider.fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(fellThrough.message()).isEqualTo("Connection refused");
		assertThat(fellThrough.toString()).doesNotContain(KEY);
	}

	@Test
	void removesTheApiKeyFromErrorDetailsWhenMeteredEchoesIt() {
		metered.answers(aResponse().withStatus(403).withBody("{\"error\":\"API key " + KEY + " is disabled\"}"));

		FellThrough fellThrough = fellThrough(provider(KEY).fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.errorStatus()).hasValue(403);
		assertThat(fellThrough.details().get("body")).isEqualTo("{\"error\":\"API key *** is disabled\"}");
		assertThat(fellThrough.toString()).doesNotContain(KEY);
	}

	@Test
	void isConfiguredWithAnAppNameAndAnApiKey() {
		assertThat(provider(KEY).configuration().configured()).isTrue();
		assertThat(new MeteredProvider(
				new MeteredProperties(MeteredApi.APP_NAME, "", null, Duration.ofSeconds(1), Duration.ofSeconds(2)),
				RestClient.builder(), this.jsonMapper)
			.configuration()
			.missing()).containsExactly("METERED_API_KEY");
		assertThat(new MeteredProvider(
				new MeteredProperties(null, null, null, Duration.ofSeconds(1), Duration.ofSeconds(2)),
				RestClient.builder(), this.jsonMapper)
			.configuration()
			.missing()).containsExactly("METERED_APP_NAME", "METERED_API_KEY");
	}

	private MeteredProvider provider(String apiKey) {
		return new MeteredProvider(properties(apiKey, metered.baseUrl(), Duration.ofSeconds(5)), RestClient.builder(),
				this.jsonMapper);
	}

	private static MeteredProperties properties(String apiKey, String baseUrl, Duration readTimeout) {
		return new MeteredProperties(MeteredApi.APP_NAME, apiKey, baseUrl, Duration.ofSeconds(1), readTimeout);
	}

	@ParameterizedTest
	@EnumSource(ConnectionFailure.class)
	void namesTheCauseOfAConnectionFailure(ConnectionFailure failure) throws Exception {
		try (ConnectionFailure.Endpoint endpoint = failure.start()) {
			MeteredProvider provider = new MeteredProvider(properties(KEY, endpoint.baseUrl(), Duration.ofSeconds(2)),
					RestClient.builder(), this.jsonMapper);

			FellThrough fellThrough = fellThrough(provider.fetch(new CredentialRequest("alice", Duration.ofHours(1))));

			assertThat(fellThrough.message()).isEqualTo(failure.phrase());
		}
	}

}
