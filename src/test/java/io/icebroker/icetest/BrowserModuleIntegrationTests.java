package io.icebroker.icetest;

import java.net.http.HttpResponse;

import io.icebroker.TestSecrets;
import io.icebroker.testsupport.LocalHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /icebroker.js} is a static file: served as JavaScript, so that a module script
 * loads under {@code X-Content-Type-Options: nosniff}, to anyone, however often, even
 * when the credential endpoints need a key and are rate limited.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "TURN_AUTH_MODE=api-key", "TURN_API_KEYS=" + TestSecrets.TURN_API_KEY,
		"TURN_RATE_LIMIT_PER_MINUTE=2" })
class BrowserModuleIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void servesTheModuleAsJavaScriptWithoutKeyOrRateLimit() {
		for (int request = 0; request < 5; request++) {
			HttpResponse<String> response = LocalHttp.get(this.port, "/icebroker.js");

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/javascript"));
			assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(response.body()).contains("export class IceBroker extends EventTarget");
		}
		assertThat(LocalHttp.get(this.port, "/turn/credentials").statusCode()).isEqualTo(401);
	}

}
