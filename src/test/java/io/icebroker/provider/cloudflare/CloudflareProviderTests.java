package io.icebroker.provider.cloudflare;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.http.Fault;
import io.icebroker.TestSecrets;
import io.icebroker.chain.Attempt;
import io.icebroker.chain.ChainResult;
import io.icebroker.chain.ProviderChain;
import io.icebroker.chain.TestChains;
import io.icebroker.chain.TurnProperties;
import io.icebroker.ice.IceServer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.Outcome;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;
import io.icebroker.testsupport.CloudflareApi;
import io.icebroker.testsupport.ConnectionFailure;
import io.icebroker.testsupport.LoopbackPorts;
import io.icebroker.testsupport.StunOnlyFallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static io.icebroker.testsupport.ProviderAnswers.assertNoSecretIn;
import static io.icebroker.testsupport.ProviderAnswers.fellThrough;
import static io.icebroker.testsupport.ProviderAnswers.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CloudflareProvider} against a WireMock stand-in for Cloudflare's
 * {@code generate-ice-servers} API.
 */
class CloudflareProviderTests {

	// Generous: a stand-in's first answer on a loaded machine has taken seconds. Only the
	// timeout tests use a short one.
	static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	@RegisterExtension
	static final CloudflareApi cloudflare = CloudflareApi.shared();

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@Test
	void servesTheMintedIceServersAndAsksForTheClampedTtl() {
		cloudflare.mintsCredentials();

		ProviderResult result = provider().fetch(new CredentialRequest("alice", Duration.ofHours(72)));

		cloudflare.verify(1,
				CloudflareApi.generateRequest()
					.withHeader("Authorization", equalTo("Bearer " + TestSecrets.CLOUDFLARE_API_TOKEN))
					.withHeader("Content-Type", equalTo("application/json"))
					.withRequestBody(equalToJson("{\"ttl\": 172800}")));
		assertThat(result).isInstanceOfSatisfying(Served.class, (served) -> {
			assertThat(served.source()).isEqualTo(Served.Source.UPSTREAM);
			assertThat(served.expiresAt()).contains(NOW.plus(Duration.ofHours(48)));
			assertThat(served.iceServers()).containsExactly(
					new IceServer(List.of("stun:stun.cloudflare.com:3478", "stun:stun.cloudflare.com:53"), null, null),
					new IceServer(List.of("turn:turn.cloudflare.com:3478?transport=udp",
							"turn:turn.cloudflare.com:3478?transport=tcp",
							"turns:turn.cloudflare.com:5349?transport=tcp", "turn:turn.cloudflare.com:53?transport=udp",
							"turn:turn.cloudflare.com:80?transport=tcp", "turns:turn.cloudflare.com:443?transport=tcp"),
							"g0f1b9a8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170f6e5d4c3",
							TestSecrets.UPSTREAM_TURN_CREDENTIAL));
		});
	}

	@Test
	void sendsATokenPastedWithATrailingNewlineWithoutIt() {
		cloudflare.mintsCredentials();
		CloudflareProperties pasted = new CloudflareProperties(CloudflareApi.TURN_KEY + "\n",
				TestSecrets.CLOUDFLARE_API_TOKEN + "\r\n", URI.create(cloudflare.baseUrl()), Duration.ofSeconds(1),
				Duration.ofSeconds(10));

		ProviderResult result = new CloudflareProvider(pasted, RestClient.builder(), JsonMapper.builder().build(),
				this.clock)
			.fetch(new CredentialRequest("alice", Duration.ofHours(1)));

		assertThat(result).isInstanceOf(Served.class);
		cloudflare.verify(1, CloudflareApi.generateRequest()
			.withHeader("Authorization", equalTo("Bearer " + TestSecrets.CLOUDFLARE_API_TOKEN)));
	}

	@Test
	void asksForAShorterTtlUnchangedAndExpiresWithIt() {
		cloudflare.mintsCredentials();

		ProviderResult result = provider().fetch(new CredentialRequest("alice", Duration.ofMinutes(10)));

		cloudflare.verify(1, CloudflareApi.generateRequest().withRequestBody(equalToJson("{\"ttl\": 600}")));
		assertThat(result).isInstanceOfSatisfying(Served.class,
				(served) -> assertThat(served.expiresAt()).contains(NOW.plusSeconds(600)));
	}

	@Test
	void acceptsTheOlderSingleObjectShape() {
		cloudflare.answers(CloudflareApi.legacyIceServers());

		ProviderResult result = provider().fetch(new CredentialRequest("alice", Duration.ofHours(1)));

		assertThat(result).isInstanceOfSatisfying(Served.class, (served) -> assertThat(served.iceServers())
			.containsExactly(new IceServer(
					List.of("stun:stun.cloudflare.com:3478", "turn:turn.cloudflare.com:3478?transport=udp",
							"turn:turn.cloudflare.com:3478?transport=tcp",
							"turns:turn.cloudflare.com:5349?transport=tcp"),
					"bc91b63e2b5d759f8eb9f3b58062439e0a0e15893d76317d833265ad08d6631099ce7c7087caabb31ad3e1c386424e3e",
					TestSecrets.UPSTREAM_TURN_CREDENTIAL)));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			401 | Authentication failed | Authentication error
			403 | Access denied (403)   | Forbidden
			429 | Rate limited (429)    | Too many requests
			500 | Server error (500)    | Internal server error
			""")
	void fallsThroughWithTheStatusWhenCloudflareRejectsTheRequest(int status, String message, String apiMessage) {
		String body = CloudflareApi.ERROR.formatted(apiMessage);
		cloudflare.answers(json(status, body));

		FellThrough fellThrough = fellThrough(provider().fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(fellThrough.message()).isEqualTo(message);
		assertThat(fellThrough.errorStatus()).hasValue(status);
		assertThat(fellThrough.details()).containsEntry("status", status).containsEntry("body", body);
		assertNoSecretIn(fellThrough, CloudflareApi.TURN_KEY);
		cloudflare.verify(1, CloudflareApi.generateRequest());
	}

	@Test
	void redactsTheTokenAndKeyWhenAnErrorAnswerEchoesThem() {
		cloudflare.answers(CloudflareApi.error(401,
				"Invalid token " + TestSecrets.CLOUDFLARE_API_TOKEN + " for key " + CloudflareApi.TURN_KEY));

		FellThrough fellThrough = fellThrough(provider().fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.details().get("body")).asString().contains("Invalid token *** for key ***");
		assertNoSecretIn(fellThrough, CloudflareApi.TURN_KEY);
	}

	@Test
	void fallsThroughWithTimeoutWhenCloudflareAnswersTooLate() {
		cloudflare.answers(CloudflareApi.iceServers().withFixedDelay(2000));

		FellThrough fellThrough = fellThrough(
				provider(Duration.ofMillis(300)).fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.TIMEOUT);
		assertThat(fellThrough.message()).isEqualTo("Timed out");
		assertThat(fellThrough.errorStatus()).isEmpty();
		assertNoSecretIn(fellThrough, CloudflareApi.TURN_KEY);
	}

	@Test
	void fallsThroughWithConnectionFailedWhenNothingListens() throws IOException {
		CloudflareProvider provider = new CloudflareProvider(
				properties(URI.create("http://localhost:" + LoopbackPorts.free()), READ_TIMEOUT), RestClient.builder(),
				JsonMapper.builder().build(), this.clock);

		FellThrough fellThrough = fellThrough(provider.fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(fellThrough.message()).isEqualTo("Connection refused");
		assertNoSecretIn(fellThrough, CloudflareApi.TURN_KEY);
	}

	@Test
	void fallsThroughNamingAResetConnection() {
		cloudflare.answers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

		FellThrough fellThrough = fellThrough(provider().fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(fellThrough.message()).isEqualTo("Connection reset by the server");
		assertThat(fellThrough.errorStatus()).isEmpty();
		assertNoSecretIn(fellThrough, CloudflareApi.TURN_KEY);
	}

	@Test
	void fallsThroughWithMalformedResponseWhenTheAnswerIsNotJson() {
		String truncated = "{\"iceServers\":[{\"urls\":[\"stun:stun.cloudflare.com:3478\"";
		cloudflare.answers(json(201, truncated));

		FellThrough fellThrough = fellThrough(provider().fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(fellThrough.message()).isEqualTo("Malformed response");
		assertThat(fellThrough.errorStatus()).isEmpty();
		assertThat(fellThrough.details()).containsEntry("body", truncated);
		assertNoSecretIn(fellThrough, CloudflareApi.TURN_KEY);
	}

	@Test
	void fallsThroughWithMalformedResponseWhenTheAnswerHasNoIceServers() {
		cloudflare.answers(json(201, "{\"result\":{}}"));

		FellThrough fellThrough = fellThrough(provider().fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(fellThrough.message()).isEqualTo("Malformed response");
	}

	@Test
	void anEmptyServerListMakesTheChainReportEmptyAndFallThrough() {
		cloudflare.answers(json(201, "{\"iceServers\":[]}"));
		CloudflareProvider provider = provider();
		assertThat(provider.fetch(new CredentialRequest("alice", Duration.ofHours(1))))
			.isInstanceOfSatisfying(Served.class, (served) -> assertThat(served.iceServers()).isEmpty());

		ProviderChain chain = TestChains.chain(List.of(provider, new StunOnlyFallback()),
				new TurnProperties(List.of("cloudflare", "free-public-turn"), Duration.ofDays(1), 4));
		ChainResult result = chain.resolve("alice");

		assertThat(result).isInstanceOfSatisfying(ChainResult.Resolved.class,
				(resolved) -> assertThat(resolved.provider()).isEqualTo("free-public-turn"));
		Attempt cloudflareAttempt = result.attempts().get(0);
		assertThat(cloudflareAttempt.provider()).isEqualTo("cloudflare");
		assertThat(cloudflareAttempt.upstreamCalled()).isTrue();
		assertThat(cloudflareAttempt.outcome()).isEqualTo(Outcome.ERROR);
	}

	@Test
	void isConfiguredWithTheKeyAndToken() {
		assertThat(provider().configuration().configured()).isTrue();
		assertThat(provider().configuration().present()).containsExactly("CLOUDFLARE_TURN_KEY", "CLOUDFLARE_API_TOKEN");
	}

	@Test
	void namesTheMissingTokenWhenOnlyTheKeyIsSet() {
		CloudflareProvider provider = new CloudflareProvider(
				new CloudflareProperties(CloudflareApi.TURN_KEY, " ", URI.create(cloudflare.baseUrl()),
						Duration.ofSeconds(1), READ_TIMEOUT),
				RestClient.builder(), JsonMapper.builder().build(), this.clock);

		ProviderConfiguration configuration = provider.configuration();

		assertThat(configuration.configured()).isFalse();
		assertThat(configuration.incomplete()).isTrue();
		assertThat(configuration.missing()).containsExactly("CLOUDFLARE_API_TOKEN");
	}

	@Test
	void neverPrintsTheTokenInItsProperties() {
		assertThat(properties(URI.create(cloudflare.baseUrl()), READ_TIMEOUT).toString())
			.doesNotContain(TestSecrets.CLOUDFLARE_API_TOKEN);
	}

	private CloudflareProvider provider() {
		return provider(READ_TIMEOUT);
	}

	private CloudflareProvider provider(Duration readTimeout) {
		return new CloudflareProvider(properties(URI.create(cloudflare.baseUrl()), readTimeout), RestClient.builder(),
				JsonMapper.builder().build(), this.clock);
	}

	private static CloudflareProperties properties(URI baseUrl, Duration readTimeout) {
		return new CloudflareProperties(CloudflareApi.TURN_KEY, TestSecrets.CLOUDFLARE_API_TOKEN, baseUrl,
				Duration.ofSeconds(1), readTimeout);
	}

	@ParameterizedTest
	@EnumSource(ConnectionFailure.class)
	void namesTheCauseOfAConnectionFailure(ConnectionFailure failure) throws Exception {
		try (ConnectionFailure.Endpoint endpoint = failure.start()) {
			CloudflareProvider provider = new CloudflareProvider(
					properties(URI.create(endpoint.baseUrl()), READ_TIMEOUT), RestClient.builder(),
					JsonMapper.builder().build(), this.clock);

			FellThrough fellThrough = fellThrough(provider.fetch(new CredentialRequest("alice", Duration.ofHours(1))));

			assertThat(fellThrough.message()).isEqualTo(failure.phrase());
		}
	}

}
