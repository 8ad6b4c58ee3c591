package io.icebroker.chain;

import java.net.http.HttpResponse;

import io.icebroker.TestSecrets;
import io.icebroker.testsupport.LocalHttp;
import io.icebroker.testsupport.TwilioApi;
import io.icebroker.testsupport.TwilioServesTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenarios A (Twilio serves) and B (Twilio rejects) of docs/contract.md, section 3, line
 * by line.
 */
@TwilioServesTest
@ExtendWith(OutputCaptureExtension.class)
class TwilioScenarioLogIntegrationTests {

	@RegisterExtension
	static final TwilioApi twilio = TwilioApi.shared();

	@LocalServerPort
	int port;

	@Test
	void scenarioATwilioServes(CapturedOutput output) {
		twilio.mintsTokens();

		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials?userId=bd22dd09");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(LocalHttp.json(response).get("provider").asString()).isEqualTo("twilio");
		assertThat(TurnLogLines.from(output, "[TURN] Generating credentials for user bd22dd09")).containsExactly(
				"[TURN] Generating credentials for user bd22dd09",
				"[TURN] ✅ Twilio credentials detected, attempting to generate TURN credentials...",
				"[TURN] Calling Twilio API to create token...", "[TURN] ✅ Twilio token created successfully!",
				"[TURN] ICE servers received: 4");
	}

	@Test
	void scenarioBTwilioRejects(CapturedOutput output) {
		twilio.fails(401, 20003, "Authenticate");

		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials?userId=bd22dd09");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(LocalHttp.json(response).get("provider").asString()).isEqualTo("free-public-turn");
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
