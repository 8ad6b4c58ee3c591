package io.icebroker.chain;

import java.net.http.HttpResponse;

import io.icebroker.testsupport.LocalHttp;
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
		int before = output.getOut().length();
		HttpResponse<String> response = LocalHttp.get(this.port, "/turn/credentials?userId=bd22dd09");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(LocalHttp.json(response).get("provider").asString()).isEqualTo("free-public-turn");
		assertThat(TurnLogLines.of(output)).containsSubsequence(
				"[TURN] ⚠️ Cloudflare credentials NOT found in environment variables: set CLOUDFLARE_TURN_KEY and"
						+ " CLOUDFLARE_API_TOKEN",
				"[TURN] ⚠️ Twilio credentials NOT found in environment variables: set TWILIO_ACCOUNT_SID and"
						+ " TWILIO_AUTH_TOKEN",
				"[TURN] Public STUN fallback ready (position 3 in TURN_PROVIDER_ORDER)",
				"[TURN] ⚠️ Free public fallback has no TURN server (PUBLIC_TURN_URLS is unset): clients behind strict"
						+ " NATs or firewalls will fail to connect",
				"[TURN] No premium TURN configured (Cloudflare, Twilio not found), using free public TURN servers");
		assertThat(TurnLogLines.of(output)).doesNotContain("[TURN] Generating credentials for user bd22dd09");
		// "Make a call, then search the logs for Twilio": the call's one line is found.
		assertThat(output.getOut().substring(before).lines().filter((line) -> line.contains("Twilio")))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("[TURN] No premium TURN configured (Cloudflare, Twilio not found)");
	}

}
