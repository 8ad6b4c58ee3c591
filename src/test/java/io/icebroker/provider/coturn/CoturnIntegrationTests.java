package io.icebroker.provider.coturn;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.icebroker.TestSecrets;
import io.icebroker.ice.IceServer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.Served;
import io.icebroker.testsupport.CoturnServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coturn provider against a real coturn: what the service issues allocates a relay,
 * and what a TURN server must refuse is refused.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "TURN_PROVIDER_ORDER=coturn,free-public-turn")
@ExtendWith(OutputCaptureExtension.class)
class CoturnIntegrationTests {

	// Random for each run; SecretLeakExtension still catches it because it contains
	// the TestSecrets value.
	private static final String SECRET = TestSecrets.COTURN_SECRET + "-" + UUID.randomUUID();

	private static CoturnServer coturn;

	@LocalServerPort
	private int port;

	@Autowired
	private CoturnProperties properties;

	@Autowired
	private JsonMapper jsonMapper;

	@BeforeAll
	static void startCoturn() throws IOException {
		coturn = CoturnServer.start(SECRET);
	}

	@AfterAll
	static void stopCoturn() {
		if (coturn != null) {
			coturn.close();
		}
	}

	@DynamicPropertySource
	static void coturnProperties(DynamicPropertyRegistry registry) {
		registry.add("COTURN_SECRET", () -> SECRET);
		registry.add("COTURN_URLS", () -> coturn.turnUrl("udp") + "," + coturn.turnUrl("tcp"));
	}

	@Test
	void credentialsTheServiceIssuesForAUserAllocateARelayOverUdpAndTcp(CapturedOutput output) throws Exception {
		String body = getCredentials("alice");
		JsonNode answer = this.jsonMapper.readTree(body);
		JsonNode turn = turnEntry(answer);
		String username = turn.get("username").asString();
		String credential = turn.get("credential").asString();

		assertThat(answer.get("provider").asString()).isEqualTo("coturn");
		assertThat(username).matches("\\d+:alice");
		Instant expiresAt = Instant.parse(answer.get("expiresAt").asString());
		assertThat(expiresAt.getEpochSecond()).isEqualTo(Long.parseLong(username.substring(0, username.indexOf(':'))));
		assertThat(answer.get("ttl").asLong()).isBetween(86400L - 300, 86400L);
		assertThat(coturn.allocatesOverUdpAndTcp(username, credential)).as("UDP and TCP allocations")
			.isEqualTo(new CoturnServer.Allocations(true, true));
		assertThat(body).doesNotContain(SECRET);
		assertThat(output).contains("[TURN] ✅ coturn credentials issued for user alice (no API call)")
			.doesNotContain("Calling coturn API")
			.doesNotContain(SECRET);
	}

	@Test
	void userIdsWithColonsAllocateBecauseTheServerReadsTheExpiryUpToTheFirstColon() throws Exception {
		JsonNode turn = turnEntry(this.jsonMapper.readTree(getCredentials("bob@example.com:desk-2")));

		assertThat(turn.get("username").asString()).endsWith(":bob@example.com:desk-2");
		assertThat(coturn.allocates(turn.get("username").asString(), turn.get("credential").asString(), false))
			.isTrue();
	}

	@Test
	void credentialsWhoseExpiryHasPassedAreRefused() throws Exception {
		Clock twoHoursAgo = Clock.offset(Clock.systemUTC(), Duration.ofHours(-2));
		IceServer expired = issue(new CoturnProvider(this.properties, twoHoursAgo), "carol");
		IceServer current = issue(new CoturnProvider(this.properties, Clock.systemUTC()), "carol");

		assertThat(coturn.allocatesOverUdpAndTcp(expired.username(), expired.credential())).as("expired")
			.isEqualTo(new CoturnServer.Allocations(false, false));
		assertThat(coturn.allocates(current.username(), current.credential(), false)).as("same user, current").isTrue();
	}

	@Test
	void credentialsMadeWithAnotherSecretAreRefused() throws Exception {
		CoturnProperties forged = new CoturnProperties("another-secret-" + UUID.randomUUID(), this.properties.urls());
		IceServer credentials = issue(new CoturnProvider(forged, Clock.systemUTC()), "mallory");

		assertThat(coturn.allocatesOverUdpAndTcp(credentials.username(), credentials.credential()))
			.isEqualTo(new CoturnServer.Allocations(false, false));
	}

	private String getCredentials(String userId) {
		String body = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/turn/credentials?userId={userId}", userId)
			.retrieve()
			.body(String.class);
		assertThat(body).isNotNull();
		return body;
	}

	private static JsonNode turnEntry(JsonNode answer) {
		List<JsonNode> withCredentials = answer.get("iceServers")
			.valueStream()
			.filter((s) -> s.has("username"))
			.toList();
		assertThat(withCredentials).hasSize(1);
		return withCredentials.get(0);
	}

	private static IceServer issue(CoturnProvider provider, String userId) {
		Served served = (Served) provider.fetch(new CredentialRequest(userId, Duration.ofHours(1)));
		return served.iceServers().stream().filter((server) -> server.username() != null).findFirst().orElseThrow();
	}

}
