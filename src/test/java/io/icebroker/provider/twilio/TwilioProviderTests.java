package io.icebroker.provider.twilio;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
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
import io.icebroker.testsupport.ConnectionFailure;
import io.icebroker.testsupport.LoopbackPorts;
import io.icebroker.testsupport.StunOnlyFallback;
import io.icebroker.testsupport.TwilioApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static io.icebroker.testsupport.ProviderAnswers.assertNoSecretIn;
import static io.icebroker.testsupport.ProviderAnswers.fellThrough;
import static io.icebroker.testsupport.ProviderAnswers.json;
import static io.icebroker.testsupport.ProviderAnswers.payload;
import static io.icebroker.testsupport.TwilioApi.ACCOUNT_SID;
import static io.icebroker.testsupport.TwilioApi.API_KEY_SID;
import static io.icebroker.testsupport.TwilioApi.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TwilioProvider} against a WireMock stand-in for Twilio's {@code Tokens}
 * resource, through twilio-java and {@link BaseUrlHttpClient}.
 */
class TwilioProviderTests {

	// Generous: a stand-in's first answer on a loaded machine has taken seconds. Only the
	// timeout tests use a short one.
	static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	@RegisterExtension
	static final TwilioApi twilio = TwilioApi.shared();

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@Test
	void servesTheMintedIceServersAndAsksForTheClampedTtl() {
		twilio.mintsTokens();

		ProviderResult result = provider().fetch(new CredentialRequest("alice", Duration.ofHours(48)));

		twilio.verify(1,
				tokenRequest().withBasicAuth(new BasicCredentials(ACCOUNT_SID, TestSecrets.TWILIO_AUTH_TOKEN))
					.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
					.withFormParam("Ttl", equalTo("86400")));
		assertThat(result).isInstanceOfSatisfying(Served.class, (served) -> {
			assertThat(served.source()).isEqualTo(Served.Source.UPSTREAM);
			assertThat(served.expiresAt()).contains(NOW.plusSeconds(86400));
			assertThat(served.iceServers()).containsExactly(
					new IceServer(List.of("stun:global.stun.twilio.com:3478",
							"stun:global.stun.twilio.com:3478?transport=udp"), null, null),
					turn("turn:global.turn.twilio.com:3478?transport=udp"),
					turn("turn:global.turn.twilio.com:3478?transport=tcp"),
					turn("turn:global.turn.twilio.com:443?transport=tcp"));
		});
	}

	@Test
	void namesTheVariablesPeopleWriteForItsOwn() {
		assertThat(provider().aliases()).containsEntry("TWILIO_TOKEN", "TWILIO_AUTH_TOKEN")
			.containsEntry("TWILIO_SID", "TWILIO_ACCOUNT_SID")
			.allSatisfy((alias, read) -> assertThat(read).startsWith("TWILIO_"));
	}

	@Test
	void expiresWhenTwilioSaysTheTokenDoes() {
		twilio.answers(TwilioApi.token(TwilioApi.USERNAME, Duration.ofHours(1)));

		ProviderResult result = provider().fetch(new CredentialRequest("alice", Duration.ofHours(2)));

		twilio.verify(1, tokenRequest().withFormParam("Ttl", equalTo("7200")));
		assertThat(result).isInstanceOfSatisfying(Served.class,
				(served) -> assertThat(served.expiresAt()).contains(NOW.plusSeconds(3600)));
	}

	@Test
	void authenticatesWithTheApiKeyPairWhenOneIsConfigured() {
		twilio.mintsTokens();
		TwilioProvider provider = new TwilioProvider(new TwilioProperties(ACCOUNT_SID, null, API_KEY_SID,
				TestSecrets.TWILIO_API_KEY_SECRET, URI.create(twilio.baseUrl()), Duration.ofSeconds(1), READ_TIMEOUT),
				this.clock);

		ProviderResult result = provider.fetch(new CredentialRequest("alice", Duration.ofHours(1)));

		assertThat(provider.configuration().present()).containsExactly("TWILIO_ACCOUNT_SID", "TWILIO_API_KEY_SID",
				"TWILIO_API_KEY_SECRET");
		twilio.verify(1,
				tokenRequest().withBasicAuth(new BasicCredentials(API_KEY_SID, TestSecrets.TWILIO_API_KEY_SECRET))
					.withFormParam("Ttl", equalTo("3600")));
		assertThat(result).isInstanceOfSatisfying(Served.class, (served) -> assertThat(served.iceServers()).hasSize(4));
	}

	@Test
	void fallsThroughWithServerErrorAfterTwilioJavaRetriedThreeTimes() {
		twilio.fails(500, 20500, "Internal Server Error");

		FellThrough fellThrough = fellThrough(provider().fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(fellThrough.message()).isEqualTo("Server error (500)");
		assertThat(fellThrough.errorStatus()).hasValue(500);
		assertThat(fellThrough.details()).containsEntry("status", 500).containsEntry("code", 20500);
		assertNoSecretIn(fellThrough);
		twilio.verify(3, tokenRequest());
	}

	@Test
	void reportsTheHttpStatusWhenAProxyAnswersWithoutATwilioErrorBody() {
		twilio.answers(aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));

		FellThrough fellThrough = fellThrough(provider().fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.message()).isEqualTo("Server error (502)");
		assertThat(fellThrough.errorStatus()).hasValue(502);
		assertThat(fellThrough.details()).containsEntry("status", 502);
		assertNoSecretIn(fellThrough);
		twilio.verify(3, tokenRequest());
	}

	@Test
	void reportsTheHttpStatusWhenAJsonErrorBodyLacksOne() {
		twilio.answers(json(429, "{\"message\":\"Too Many Requests\"}"));

		FellThrough fellThrough = fellThrough(provider().fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.message()).isEqualTo("Rate limited (429)");
		assertThat(fellThrough.errorStatus()).hasValue(429);
		assertThat(fellThrough.details()).containsEntry("status", 429);
	}

	@Test
	void redactsTheSecretsWhenAnErrorAnswerEchoesThem() {
		twilio.fails(401, 20003, "Bad token " + TestSecrets.TWILIO_AUTH_TOKEN);

		FellThrough fellThrough = fellThrough(provider().fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.details()).containsEntry("message", "Bad token ***");
		assertNoSecretIn(fellThrough);
	}

	@Test
	void redactsEitherBasicPairWhenAnErrorAnswerEchoesTheAuthorizationHeader() {
		twilio.failsEchoingAuthorization(401);
		TwilioProvider withApiKey = new TwilioProvider(new TwilioProperties(ACCOUNT_SID, null, API_KEY_SID,
				TestSecrets.TWILIO_API_KEY_SECRET, URI.create(twilio.baseUrl()), Duration.ofSeconds(1), READ_TIMEOUT),
				this.clock);

		for (TwilioProvider provider : List.of(provider(), withApiKey)) {
			FellThrough fellThrough = fellThrough(provider.fetch(new CredentialRequest("alice", Duration.ofHours(1))));

			assertThat(fellThrough.details()).containsEntry("message", "Authenticate Basic ***");
		}
		twilio.verify(1,
				tokenRequest().withBasicAuth(new BasicCredentials(ACCOUNT_SID, TestSecrets.TWILIO_AUTH_TOKEN)));
		twilio.verify(1,
				tokenRequest().withBasicAuth(new BasicCredentials(API_KEY_SID, TestSecrets.TWILIO_API_KEY_SECRET)));
	}

	@Test
	void fallsThroughWithTimeoutWhenTwilioAnswersTooLate() {
		twilio.mintsTokens(TwilioApi.USERNAME, TwilioApi.TTL, Duration.ofSeconds(2));

		FellThrough fellThrough = fellThrough(
				provider(Duration.ofMillis(300)).fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.TIMEOUT);
		assertThat(fellThrough.message()).isEqualTo("Timed out");
		assertThat(fellThrough.errorStatus()).isEmpty();
		assertNoSecretIn(fellThrough);
		// twilio-java retries answers, not exceptions: a timeout costs one read timeout.
		twilio.verify(1, tokenRequest());
	}

	@Test
	void fallsThroughWithConnectionFailedWhenNothingListens() throws IOException {
		int unusedPort = LoopbackPorts.free();
		TwilioProvider provider = new TwilioProvider(new TwilioProperties(ACCOUNT_SID, TestSecrets.TWILIO_AUTH_TOKEN,
				null, null, URI.create("http://localhost:" + unusedPort), Duration.ofSeconds(1), READ_TIMEOUT),
				this.clock);

		FellThrough fellThrough = fellThrough(provider.fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(fellThrough.message()).isEqualTo("Connection refused");
		assertNoSecretIn(fellThrough);
	}

	@Test
	void fallsThroughNamingAResetConnection() {
		twilio.answers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

		FellThrough fellThrough = fellThrough(provider().fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(fellThrough.message()).isEqualTo("Connection reset by the server");
		assertThat(fellThrough.errorStatus()).isEmpty();
		assertNoSecretIn(fellThrough);
		twilio.verify(1, tokenRequest());
	}

	@Test
	void fallsThroughWithMalformedResponseWhenTheAnswerIsNotJson() {
		twilio.answers(json(201, "{\"account_sid\": \"" + ACCOUNT_SID + "\", \"ice_servers\": ["));

		FellThrough fellThrough = fellThrough(provider().fetch(new CredentialRequest("alice", Duration.ofHours(1))));

		assertThat(fellThrough.outcome()).isEqualTo(Outcome.ERROR);
		assertThat(fellThrough.message()).isEqualTo("Malformed response");
		assertThat(fellThrough.errorStatus()).isEmpty();
		assertNoSecretIn(fellThrough);
	}

	@Test
	void anEmptyServerListMakesTheChainReportEmptyAndFallThrough() {
		twilio.answers(json(201,
				payload("twilio-token.json").replaceAll("(?s)\"ice_servers\": \\[.*?\\n  \\]", "\"ice_servers\": []")));
		TwilioProvider provider = provider();
		assertThat(provider.fetch(new CredentialRequest("alice", Duration.ofHours(1))))
			.isInstanceOfSatisfying(Served.class, (served) -> assertThat(served.iceServers()).isEmpty());

		ProviderChain chain = TestChains.chain(List.of(provider, new StunOnlyFallback()),
				new TurnProperties(List.of("twilio", "free-public-turn"), Duration.ofDays(1), 4));
		ChainResult result = chain.resolve("alice");

		assertThat(result).isInstanceOfSatisfying(ChainResult.Resolved.class,
				(resolved) -> assertThat(resolved.provider()).isEqualTo("free-public-turn"));
		Attempt twilioAttempt = result.attempts().get(0);
		assertThat(twilioAttempt.provider()).isEqualTo("twilio");
		assertThat(twilioAttempt.upstreamCalled()).isTrue();
		assertThat(twilioAttempt.outcome()).isEqualTo(Outcome.ERROR);
	}

	@Test
	void namesTheMissingAuthTokenWhenOnlyTheAccountSidIsSet() {
		TwilioProvider provider = new TwilioProvider(new TwilioProperties(ACCOUNT_SID, "", null, null,
				URI.create(twilio.baseUrl()), Duration.ofSeconds(1), READ_TIMEOUT), this.clock);

		ProviderConfiguration configuration = provider.configuration();

		assertThat(configuration.incomplete()).isTrue();
		assertThat(configuration.missing()).containsExactly("TWILIO_AUTH_TOKEN");
		assertThat(provider.fetch(new CredentialRequest("alice", Duration.ofHours(1))))
			.isEqualTo(FellThrough.notConfigured());
		assertThat(twilio.requests()).isZero();
	}

	@Test
	void namesTheMissingKeySecretWhenOnlyTheApiKeySidIsSet() {
		TwilioProvider provider = new TwilioProvider(new TwilioProperties(ACCOUNT_SID, TestSecrets.TWILIO_AUTH_TOKEN,
				API_KEY_SID, null, URI.create(twilio.baseUrl()), Duration.ofSeconds(1), READ_TIMEOUT), this.clock);

		assertThat(provider.configuration().missing()).containsExactly("TWILIO_API_KEY_SECRET");
	}

	@Test
	void warnsWithoutQuotingItWhenTheAccountSidIsAnApiKeySid() {
		TwilioProvider provider = new TwilioProvider(new TwilioProperties(API_KEY_SID, TestSecrets.TWILIO_AUTH_TOKEN,
				null, null, URI.create(twilio.baseUrl()), Duration.ofSeconds(1), READ_TIMEOUT), this.clock);

		assertThat(provider.configuration().warnings()).singleElement()
			.asString()
			.startsWith("TWILIO_ACCOUNT_SID does not start with AC")
			.contains("TWILIO_API_KEY_SID")
			.doesNotContain(API_KEY_SID);
	}

	@Test
	void doesNotWarnAboutAnAccountSid() {
		TwilioProvider provider = new TwilioProvider(new TwilioProperties(ACCOUNT_SID, TestSecrets.TWILIO_AUTH_TOKEN,
				null, null, URI.create(twilio.baseUrl()), Duration.ofSeconds(1), READ_TIMEOUT), this.clock);

		assertThat(provider.configuration().warnings()).isEmpty();
	}

	@Test
	void neverPrintsTheSecretsInItsProperties() {
		TwilioProperties properties = new TwilioProperties(ACCOUNT_SID, TestSecrets.TWILIO_AUTH_TOKEN, API_KEY_SID,
				TestSecrets.TWILIO_API_KEY_SECRET, URI.create(twilio.baseUrl()), Duration.ofSeconds(1), READ_TIMEOUT);

		assertThat(properties.toString()).doesNotContain(TestSecrets.TWILIO_AUTH_TOKEN)
			.doesNotContain(TestSecrets.TWILIO_API_KEY_SECRET);
	}

	private TwilioProvider provider() {
		return provider(READ_TIMEOUT);
	}

	private TwilioProvider provider(Duration readTimeout) {
		return new TwilioProvider(new TwilioProperties(ACCOUNT_SID, TestSecrets.TWILIO_AUTH_TOKEN, null, null,
				URI.create(twilio.baseUrl()), Duration.ofSeconds(1), readTimeout), this.clock);
	}

	private static IceServer turn(String url) {
		return new IceServer(List.of(url), TwilioApi.USERNAME, TestSecrets.UPSTREAM_TURN_CREDENTIAL);
	}

	@Test
	void countsItsOwnRetriesInTheLongestACallCanTake() {
		TwilioProvider provider = new TwilioProvider(new TwilioProperties(ACCOUNT_SID, TestSecrets.TWILIO_AUTH_TOKEN,
				null, null, URI.create(twilio.baseUrl()), Duration.ofSeconds(1), Duration.ofSeconds(2)), this.clock);

		assertThat(provider.longestCall()).hasValueSatisfying((longest) -> {
			assertThat(longest.duration()).isEqualTo(Duration.ofSeconds(9));
			assertThat(longest.settings()).isEqualTo("TWILIO_CONNECT_TIMEOUT + TWILIO_READ_TIMEOUT, 3 attempts");
		});
	}

	@ParameterizedTest
	@EnumSource(ConnectionFailure.class)
	void namesTheCauseOfAConnectionFailure(ConnectionFailure failure) throws Exception {
		try (ConnectionFailure.Endpoint endpoint = failure.start()) {
			TwilioProvider provider = new TwilioProvider(
					new TwilioProperties(ACCOUNT_SID, TestSecrets.TWILIO_AUTH_TOKEN, null, null,
							URI.create(endpoint.baseUrl()), Duration.ofSeconds(1), READ_TIMEOUT),
					this.clock);

			FellThrough fellThrough = fellThrough(provider.fetch(new CredentialRequest("alice", Duration.ofHours(1))));

			assertThat(fellThrough.message()).isEqualTo(failure.phrase());
		}
	}

}
