package io.icebroker.misconfiguration;

import io.icebroker.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.icebroker.testsupport.ServiceStart.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A value that cannot be read as its setting's type stops start-up with one block naming
 * the environment variable, not the Spring property, and no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class ValueMisconfigurationTests {

	@Test
	void aCredentialTtlThatIsNotADurationStopsStartupNamingTheVariable(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("TURN_CREDENTIAL_TTL=abc"));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"TURN_CREDENTIAL_TTL is 'abc', which is not a duration",
				"Set TURN_CREDENTIAL_TTL to a number of seconds, or a number and a unit such as 500ms, 30s, 10m or 24h.");
		assertThat(output).doesNotContain("\tat ", "Exception", "icebroker.turn");
	}

	@Test
	void aCredentialTtlWithAUnitIsAccepted() {
		assertThatNoException().isThrownBy(() -> start("TURN_CREDENTIAL_TTL=24h"));
	}

	@Test
	void aMistypedCacheSwitchStopsStartupSuggestingOff(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("TURN_CACHE=of"));

		assertThat(output).contains("APPLICATION FAILED TO START", "TURN_CACHE is 'of', which is not one of on, off",
				"Set TURN_CACHE to one of on, off. Did you mean 'off'?");
		assertThat(output).doesNotContain("\tat ", "Exception", "icebroker.resilience");
	}

	@Test
	void aCoturnUrlWithoutItsColonStopsStartupWithoutPrintingTheSecret(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("COTURN_SECRET=" + TestSecrets.COTURN_SECRET,
				"COTURN_URLS=turn:turn.example.test:3478,turn//turn.example.test"));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"COTURN_URLS entry 'turn//turn.example.test' is not a turn:, turns:, stun: or stuns: URL",
				"Write each comma-separated entry as scheme:host[:port][?transport=udp|tcp]");
		assertThat(output).doesNotContain("\tat ", "Exception", TestSecrets.COTURN_SECRET);
	}

	@Test
	void aCoturnUrlWithUserInfoIsNotRepeated(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("COTURN_SECRET=" + TestSecrets.COTURN_SECRET,
				"COTURN_URLS=turn://user:" + TestSecrets.COTURN_SECRET + "@turn.example.test"));

		assertThat(output).contains("COTURN_URLS entry number 1 is not a turn:, turns:, stun: or stuns: URL");
		assertThat(output).doesNotContain("\tat ", "Exception", TestSecrets.COTURN_SECRET);
	}

}
