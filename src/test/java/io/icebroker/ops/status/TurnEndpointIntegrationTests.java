package io.icebroker.ops.status;

import java.time.Instant;

import io.icebroker.TestSecrets;
import io.icebroker.testsupport.LocalHttp;
import io.icebroker.testsupport.TwilioApi;
import io.icebroker.testsupport.TwilioServesTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/turn} with Cloudflare half configured, Twilio a fake on loopback and
 * the fallback carrying an operator's TURN entry.
 */
@TwilioServesTest
class TurnEndpointIntegrationTests {

	@RegisterExtension
	private static final TwilioApi twilio = TwilioApi.shared();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void listsProvidersInChainOrderWithTheNamesOfMissingVariables() {
		JsonNode providers = turn().path("providers");
		assertThat(providers.values()).extracting((provider) -> provider.path("id").asString())
			.containsExactly("cloudflare", "twilio", "free-public-turn");
		JsonNode cloudflare = providers.path(0);
		assertThat(cloudflare.path("position").asInt()).isEqualTo(1);
		assertThat(cloudflare.path("configured").asBoolean()).isFalse();
		assertThat(cloudflare.path("missing").values()).extracting(JsonNode::asString)
			.containsExactly("CLOUDFLARE_TURN_KEY");
		JsonNode twilioStatus = providers.path(1);
		assertThat(twilioStatus.path("configured").asBoolean()).isTrue();
		assertThat(twilioStatus.path("missing").isEmpty()).isTrue();
		JsonNode fallback = providers.path(2);
		assertThat(fallback.path("position").asInt()).isEqualTo(3);
		assertThat(fallback.path("premium").asBoolean()).isFalse();
	}

	@Test
	void showsTheLastSuccessAndTheLastErrorWithItsStatusAndShortMessage() {
		Instant before = Instant.now();
		LocalHttp.credentials(this.port, "status-user");
		twilio.fails(401);
		LocalHttp.credentials(this.port, "status-user");
		JsonNode status = provider("twilio");
		assertThat(Instant.parse(status.path("lastSuccess").path("at").asString())).isAfterOrEqualTo(before);
		assertThat(status.path("lastSuccess").path("outcome").asString()).isEqualTo("success");
		JsonNode lastError = status.path("lastError");
		assertThat(Instant.parse(lastError.path("at").asString())).isAfterOrEqualTo(before);
		assertThat(lastError.path("outcome").asString()).isEqualTo("error");
		assertThat(lastError.path("status").asInt()).isEqualTo(401);
		assertThat(lastError.path("message").asString()).isEqualTo("Authentication failed");
		assertThat(provider("free-public-turn").path("lastSuccess").path("at").isMissingNode()).isFalse();
	}

	@Test
	void showsNoErrorForAProviderThatIsOnlyNotConfigured() {
		LocalHttp.credentials(this.port, "skip-user");
		JsonNode cloudflare = provider("cloudflare");
		assertThat(cloudflare.path("lastError").isNull()).isTrue();
		assertThat(cloudflare.path("lastSuccess").isNull()).isTrue();
	}

	@Test
	void neverShowsAConfiguredSecretOrAnUpstreamErrorText() {
		LocalHttp.credentials(this.port, "secret-user");
		twilio.fails(401);
		LocalHttp.credentials(this.port, "secret-user");
		String body = LocalHttp.get(this.port, "/actuator/turn").body();
		assertThat(body).contains("\"twilio\"", "Authentication failed");
		assertThat(body).doesNotContain(TestSecrets.ALL.toArray(String[]::new));
		assertThat(body).doesNotContain(TwilioApi.ACCOUNT_SID, "Authenticate ", "20003", twilio.baseUrl(),
				"public-user", "turn.example.org");
	}

	private JsonNode turn() {
		var response = LocalHttp.get(this.port, "/actuator/turn");
		assertThat(response.statusCode()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private JsonNode provider(String id) {
		for (JsonNode provider : turn().path("providers").values()) {
			if (provider.path("id").asString().equals(id)) {
				return provider;
			}
		}
		throw new AssertionError("No provider " + id);
	}

}
