package io.icebroker.ops.status;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.icebroker.TestSecrets;
import io.icebroker.testsupport.LocalHttp;
import io.icebroker.testsupport.TwilioApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/turn} with the production cache and cool-down: Cloudflare refuses
 * connections, so its circuit opens; Twilio serves, so its credentials are cached until
 * they expire.
 */
@AutoConfigureRestTestClient
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "TURN_PROVIDER_ORDER=cloudflare,twilio,free-public-turn", "TWILIO_READ_TIMEOUT=10s",
				"CLOUDFLARE_TURN_KEY=cf-key", "CLOUDFLARE_API_TOKEN=" + TestSecrets.CLOUDFLARE_API_TOKEN,
				"CLOUDFLARE_API_BASE_URL=http://127.0.0.1:1", TwilioApi.BASE_URL_PROPERTY,
				TwilioApi.ACCOUNT_SID_PROPERTY, TwilioApi.AUTH_TOKEN_PROPERTY,
				"TURN_ADMIN_KEYS=" + TestSecrets.TURN_ADMIN_KEY })
class TurnEndpointResilienceIntegrationTests {

	@RegisterExtension
	private static final TwilioApi twilio = TwilioApi.shared();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private RestTestClient client;

	@Test
	void showsTheOpenCircuitOfAFailingProviderAndTheCacheExpiryOfAServingOne() {
		twilio.mintsTokens();
		JsonNode answer = LocalHttp.credentials(this.port, "status-user");
		assertThat(answer.path("provider").asString()).isEqualTo("twilio");

		JsonNode providers = json.readTree(LocalHttp.get(this.port, "/actuator/turn").body()).path("providers");

		JsonNode cloudflare = providers.path(0);
		assertThat(cloudflare.path("circuit").asString()).isEqualTo("open");
		assertThat(cloudflare.path("cachedUntil").isNull()).isTrue();
		JsonNode twilioStatus = providers.path(1);
		assertThat(twilioStatus.path("circuit").asString()).isEqualTo("closed");
		// The answer's expiresAt is the cached credentials' expiry, to the second.
		assertThat(Instant.parse(twilioStatus.path("cachedUntil").asString()).truncatedTo(ChronoUnit.SECONDS))
			.isEqualTo(Instant.parse(answer.path("expiresAt").asString()));
		assertThat(providers.path(2).path("circuit").asString()).isEqualTo("disabled");
	}

	@Test
	void anOperatorCanRefreshCachedCredentialsNowAndSeeWhatCameOfIt() {
		twilio.mintsTokens();
		LocalHttp.credentials(this.port, "refresh-user");
		Instant firstMinted = Instant.parse(twilioStatus().path("cachedAt").asString());

		this.client.post()
			.uri("/actuator/turn/twilio")
			.header("Authorization", "Bearer " + TestSecrets.TURN_ADMIN_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.provider")
			.isEqualTo("twilio")
			.jsonPath("$.started")
			.isEqualTo(true);

		await().atMost(Duration.ofSeconds(10)).until(() -> !twilioStatus().path("lastRefresh").isNull());
		JsonNode twilioStatus = twilioStatus();
		assertThat(twilioStatus.path("lastRefresh").path("outcome").asString()).isEqualTo("success");
		assertThat(Instant.parse(twilioStatus.path("cachedAt").asString())).isAfter(firstMinted)
			.isBeforeOrEqualTo(Instant.parse(twilioStatus.path("lastRefresh").path("at").asString()));
		this.client.post()
			.uri("/actuator/turn/free-public-turn")
			.header("X-API-Key", TestSecrets.TURN_ADMIN_KEY)
			.exchange()
			.expectBody()
			.jsonPath("$.started")
			.isEqualTo(false);
	}

	@Test
	void aRefreshWithoutAnAdminKeyIsRefusedAndCallsNoProvider() {
		twilio.mintsTokens();
		LocalHttp.credentials(this.port, "refresh-refused-user");
		int calls = twilio.tokenRequests();

		this.client.post()
			.uri("/actuator/turn/twilio")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith("application/problem+json")
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("TURN_ADMIN_KEYS"));

		assertThat(twilio.tokenRequests()).isEqualTo(calls);
	}

	@Test
	void aHostileContentTypeIsNamedByTheRuleNotRepeated() {
		HttpResponse<String> response = LocalHttp.send("POST", this.port, "/actuator/turn/twilio", "Authorization",
				"Bearer " + TestSecrets.TURN_ADMIN_KEY, "Content-Type", "text/x-evil;injected=\"</script>forged\"");

		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		assertThat(LocalHttp.json(response).get("detail").asString())
			.isEqualTo("This content type is not supported here");
		assertThat(response.body()).doesNotContain("x-evil", "<", "forged");
	}

	@Test
	void aRefreshOfAnUnknownProviderIsNotFound() {
		this.client.post()
			.uri("/actuator/turn/no-such-provider")
			.header("Authorization", "Bearer " + TestSecrets.TURN_ADMIN_KEY)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith("application/problem+json")
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("Unknown provider; use one of cloudflare")
				.doesNotContain("no-such-provider"));
	}

	private JsonNode twilioStatus() {
		return json.readTree(LocalHttp.get(this.port, "/actuator/turn").body()).path("providers").path(1);
	}

}
