package io.icebroker.chain;

import java.net.http.HttpResponse;

import io.icebroker.testsupport.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario C of docs/contract.md, section 3: nothing configured. Startup says which
 * providers have no credentials; each request then writes one line. A fresh context, so
 * its startup lines are in this class's output.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "TURN_PROVIDER_ORDER=cloudflare,twilio,free-public-turn")
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class NothingConfiguredScenarioLogIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void scenarioCNoPremiumProviderConfigured(CapturedOutput output) {
		HttpResponse<String> response = TestHttp.get(this.port, "/turn/credentials?userId=bd22dd09");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(TestHttp.json(response).get("provider").asString()).isEqualTo("free-public-turn");
		assertThat(TurnLogLines.of(output)).containsSubsequence(
				"[TURN] ⚠️ Cloudflare credentials NOT found in environment variables",
				"[TURN] ⚠️ Twilio credentials NOT found in environment variables",
				"[TURN] Free public TURN fallback ready (position 3 in TURN_PROVIDER_ORDER)",
				"[TURN] ⚠️ Free public fallback has no TURN server (PUBLIC_TURN_URLS is unset): clients behind strict"
						+ " NATs or firewalls will fail to connect",
				"[TURN] No premium TURN configured, using free public TURN servers");
		assertThat(TurnLogLines.of(output)).doesNotContain("[TURN] Generating credentials for user bd22dd09");
	}

}
