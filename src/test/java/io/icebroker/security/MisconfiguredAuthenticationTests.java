package io.icebroker.security;

import io.icebroker.IceBrokerApplication;
import io.icebroker.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A misconfigured service refuses to start, says why, and never prints the secret it was
 * given.
 */
@ExtendWith(OutputCaptureExtension.class)
class MisconfiguredAuthenticationTests {

	private static final String SHORT_SECRET = "too-short-S3CRET";

	@Test
	void apiKeyModeWithoutKeysDoesNotStart() {
		assertThatException().isThrownBy(() -> start("TURN_AUTH_MODE=api-key"))
			.havingRootCause()
			.withMessageContaining("TURN_API_KEYS is empty");
	}

	@Test
	void jwtModeWithAShortSecretDoesNotStartAndDoesNotPrintIt(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("TURN_AUTH_MODE=jwt", "TURN_JWT_SECRET=" + SHORT_SECRET))
			.havingRootCause()
			.withMessageContaining("TURN_JWT_SECRET must be at least 32 bytes");
		assertThat(output).doesNotContain(SHORT_SECRET);
	}

	@Test
	void unknownModeDoesNotStartAndListsTheModes(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> start("TURN_AUTH_MODE=password", "TURN_API_KEYS=" + TestSecrets.TURN_API_KEY));
		assertThat(output).contains("NONE").contains("API_KEY").contains("JWT");
	}

	private static void start(String... properties) {
		new SpringApplicationBuilder(IceBrokerApplication.class)
			.properties("server.port=0", "spring.main.banner-mode=off")
			.properties(properties)
			.run()
			.close();
	}

}
