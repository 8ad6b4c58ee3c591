package io.icebroker.chain;

import java.time.Duration;
import java.util.List;

import io.icebroker.misconfiguration.MisconfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TurnPropertiesTests {

	@Test
	void acceptsCredentialLifetimesOfAFewSeconds() {
		TurnProperties properties = new TurnProperties(List.of("coturn"), Duration.ofSeconds(5), 4);

		assertThat(properties.credentialTtl()).hasSeconds(5);
	}

	@Test
	void refusesCredentialLifetimesTooShortToFetchAndGatherWithin() {
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> new TurnProperties(List.of("coturn"), Duration.ofSeconds(4), 4))
			.withMessage("TURN_CREDENTIAL_TTL is 4 s, less than the minimum of 5 s");
	}

}
