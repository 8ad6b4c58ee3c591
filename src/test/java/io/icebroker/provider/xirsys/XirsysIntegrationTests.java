package io.icebroker.provider.xirsys;

import io.icebroker.TestSecrets;
import io.icebroker.testsupport.LocalHttp;
import io.icebroker.testsupport.XirsysApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /turn/credentials} with Xirsys first, against its stand-in: the seed's scenario
 * lines name Xirsys, and every failure still answers {@code 200} from the fallback.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "TURN_PROVIDER_ORDER=xirsys,free-public-turn", "TURN_CIRCUIT_COOLDOWN=0",
				"XIRSYS_API_BASE_URL=" + XirsysApi.BASE_URL, "XIRSYS_IDENT=" + XirsysApi.IDENT,
				"XIRSYS_SECRET=" + TestSecrets.XIRSYS_SECRET, "XIRSYS_CHANNEL=" + XirsysApi.CHANNEL })
@ExtendWith(OutputCaptureExtension.class)
class XirsysIntegrationTests {

	@RegisterExtension
	static final XirsysApi xirsys = XirsysApi.shared();

	@LocalServerPort
	private int port;

	@Test
	void scenarioA_xirsysServesWithTheSeedsLines(CapturedOutput output) {
		JsonNode answer = LocalHttp.credentials(this.port, "bd22dd09");

		assertThat(answer.get("provider").asString()).isEqualTo("xirsys");
		JsonNode entry = answer.get("iceServers").get(0);
		assertThat(entry.get("urls").valueStream().map(JsonNode::asString)).as("sanitized to TURN_MAX_URLS")
			.hasSize(4)
			.contains("turn:bn-turn1.xirsys.com:3478?transport=udp");
		assertThat(entry.get("credential").asString()).isEqualTo(TestSecrets.UPSTREAM_TURN_CREDENTIAL);
		assertThat(output).contains("[TURN] Generating credentials for user bd22dd09",
				"[TURN] ✅ Xirsys credentials detected, attempting to generate TURN credentials...",
				"[TURN] Calling Xirsys API to create token...", "[TURN] ✅ Xirsys token created successfully!",
				"[TURN] ICE servers received: 1");
	}

	@Test
	void scenarioB_aRefusalAnsweredWith200FallsThroughToTheFallback(CapturedOutput output) {
		xirsys.answers(XirsysApi.error("unauthorized"));

		JsonNode answer = LocalHttp.credentials(this.port, "bd22dd09");

		assertThat(answer.get("provider").asString()).isEqualTo("free-public-turn");
		assertThat(output).contains("[TURN] ❌ Xirsys TURN error: Authentication failed",
				"[TURN] Error details: {\"status\":200,\"reason\":\"unauthorized\"}",
				"[TURN] ⚠️ No premium TURN available (xirsys: error), using free public TURN servers");
	}

}
