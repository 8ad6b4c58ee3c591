package io.icebroker.chain;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's variable names reach {@link ResilienceProperties} through
 * {@code application.yaml}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "TURN_CACHE=off", "TURN_CACHE_MIN_REMAINING=0.25", "TURN_CHAIN_DEADLINE=1500ms",
				"TURN_CIRCUIT_COOLDOWN=0", "TURN_UPSTREAM_THREADS=4" })
class ResilienceEnvironmentTests {

	@Autowired
	private ResilienceProperties properties;

	@Autowired
	private UpstreamGuard guard;

	@Test
	void bindsTheContractNames() {
		assertThat(this.properties).isEqualTo(new ResilienceProperties(ResilienceProperties.Switch.OFF, 0.25,
				Duration.ofMillis(1500), Duration.ZERO, 4));
	}

	@Test
	void reportsNoCircuitWhenTheCooldownIsZero() {
		assertThat(this.guard.state("twilio").circuit()).isEqualTo("disabled");
	}

}
