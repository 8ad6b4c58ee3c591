package io.icebroker.ops;

import java.util.List;

import io.icebroker.testsupport.LocalHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Railway keeps at most 500 lines a second per replica: a request served without an
 * upstream call, the first one included, writes one line.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "TURN_PROVIDER_ORDER=cloudflare,twilio,free-public-turn")
@ExtendWith(OutputCaptureExtension.class)
class LogVolumeIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void writesOneLinePerRequestServedWithoutAnUpstreamCall(CapturedOutput output) {
		for (int request = 0; request < 3; request++) {
			int before = output.getOut().length();
			LocalHttp.credentials(this.port, "quiet-user-" + request);
			List<String> lines = output.getOut().substring(before).lines().toList();
			assertThat(lines).as("request %d", request)
				.singleElement()
				.asString()
				.contains("[TURN] No premium TURN configured (")
				.contains(" not found), using free public TURN servers");
		}
	}

}
