package io.icebroker.chain;

import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.icebroker.TestSecrets;
import io.icebroker.testsupport.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenarios A (Twilio serves) and B (Twilio rejects) of docs/contract.md, section 3, line
 * by line.
 */
// Every request reaches the provider: these tests are about its answers, the cache and
// the cool-down have
// their own.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "TURN_CACHE=off", "TURN_CIRCUIT_COOLDOWN=0",
				"TURN_PROVIDER_ORDER=cloudflare,twilio,free-public-turn", "TWILIO_ACCOUNT_SID=AC0123456789abcdef",
				"TWILIO_AUTH_TOKEN=" + TestSecrets.TWILIO_AUTH_TOKEN })
@ExtendWith(OutputCaptureExtension.class)
class TwilioScenarioLogIntegrationTests {

	private static final String TOKENS_PATH = "/2010-04-01/Accounts/AC0123456789abcdef/Tokens.json";

	@RegisterExtension
	static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void twilioApi(DynamicPropertyRegistry registry) {
		registry.add("TWILIO_API_BASE_URL", () -> "http://localhost:" + twilio.getPort());
	}

	@LocalServerPort
	int port;

	@BeforeEach
	void resetStubs() {
		twilio.resetAll();
	}

	@Test
	void scenarioATwilioServes(CapturedOutput output) {
		twilio.stubFor(post(urlEqualTo(TOKENS_PATH)).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody(
					"""
							{"account_sid": "AC0123456789abcdef", "date_created": "Tue, 24 Nov 2026 10:00:00 +0000",
							 "date_updated": "Tue, 24 Nov 2026 10:00:00 +0000", "ttl": "86400", "username": "minted-user",
							 "password": "%1$s",
							 "ice_servers": [
							   {"url": "stun:global.stun.twilio.com:3478?transport=udp", "urls": "stun:global.stun.twilio.com:3478"},
							   {"url": "turn:global.turn.twilio.com:3478?transport=udp", "username": "minted-user",
							    "urls": "turn:global.turn.twilio.com:3478?transport=udp", "credential": "%1$s"},
							   {"url": "turn:global.turn.twilio.com:3478?transport=tcp", "username": "minted-user",
							    "urls": "turn:global.turn.twilio.com:3478?transport=tcp", "credential": "%1$s"},
							   {"url": "turn:global.turn.twilio.com:443?transport=tcp", "username": "minted-user",
							    "urls": "turn:global.turn.twilio.com:443?transport=tcp", "credential": "%1$s"}]}
							"""
						.formatted(TestSecrets.UPSTREAM_TURN_CREDENTIAL))));

		HttpResponse<String> response = TestHttp.get(this.port, "/turn/credentials?userId=bd22dd09");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(TestHttp.json(response).get("provider").asString()).isEqualTo("twilio");
		assertThat(TurnLogLines.from(output, "[TURN] Generating credentials for user bd22dd09")).containsExactly(
				"[TURN] Generating credentials for user bd22dd09",
				"[TURN] ✅ Twilio credentials detected, attempting to generate TURN credentials...",
				"[TURN] Calling Twilio API to create token...", "[TURN] ✅ Twilio token created successfully!",
				"[TURN] ICE servers received: 4");
	}

	@Test
	void scenarioBTwilioRejects(CapturedOutput output) {
		twilio.stubFor(post(urlEqualTo(TOKENS_PATH))
			.willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("""
					{"code": 20003, "message": "Authenticate", "more_info": "https://www.twilio.com/docs/errors/20003",
					 "status": 401}
					""")));

		HttpResponse<String> response = TestHttp.get(this.port, "/turn/credentials?userId=bd22dd09");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(TestHttp.json(response).get("provider").asString()).isEqualTo("free-public-turn");
		assertThat(TurnLogLines.from(output, "[TURN] Generating credentials for user bd22dd09")).containsExactly(
				"[TURN] Generating credentials for user bd22dd09",
				"[TURN] ✅ Twilio credentials detected, attempting to generate TURN credentials...",
				"[TURN] Calling Twilio API to create token...", "[TURN] ❌ Twilio TURN error: Authentication failed",
				"[TURN] Error details: {\"status\":401,\"code\":20003,\"message\":\"Authenticate\","
						+ "\"moreInfo\":\"https://www.twilio.com/docs/errors/20003\"}",
				"[TURN] ⚠️ No premium TURN available (twilio: error), using free public TURN servers");
		assertThat(output).doesNotContain(TestSecrets.TWILIO_AUTH_TOKEN);
	}

}
