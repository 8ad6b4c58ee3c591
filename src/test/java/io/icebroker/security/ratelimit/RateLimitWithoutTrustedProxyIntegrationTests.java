package io.icebroker.security.ratelimit;

import io.icebroker.testsupport.LocalHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "TURN_RATE_LIMIT_PER_MINUTE=5")
@ExtendWith(OutputCaptureExtension.class)
class RateLimitWithoutTrustedProxyIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void forwardedHeadersAreIgnoredAndTheSocketAddressIsLimited(CapturedOutput output) {
		for (int request = 1; request <= 5; request++) {
			String header = (request % 2 == 0) ? "X-Real-IP" : "X-Forwarded-For";
			assertThat(LocalHttp
				.get(this.port, "/turn/credentials?userId=frank-" + request, header, "198.51.100." + request)
				.statusCode()).isEqualTo(200);
		}

		assertThat(
				LocalHttp.get(this.port, "/turn/credentials?userId=frank-6", "X-Real-IP", "198.51.100.6").statusCode())
			.isEqualTo(429);
		assertThat(LocalHttp.get(this.port, "/turn/credentials?userId=frank-7", "X-Forwarded-For", "198.51.100.7")
			.statusCode()).isEqualTo(429);
		assertThat(output).containsOnlyOnce("X-Forwarded-For or X-Real-IP but no proxy is trusted");
	}

}
