package io.icebroker.probe;

import java.io.IOException;
import java.time.Duration;

import io.icebroker.TestSecrets;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code TURN_PROBE_ON_STARTUP=true}: the service probes every configured provider by
 * itself after startup, with nobody calling the endpoint.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "TURN_PROBE_ON_STARTUP=true", "TURN_PROBE_INTERVAL=10m" })
@ExtendWith(OutputCaptureExtension.class)
class ScheduledTurnProbeIntegrationTests {

	private static ProbeCoturn coturn;

	@Autowired
	private MeterRegistry registry;

	@DynamicPropertySource
	static void serveCoturn(DynamicPropertyRegistry registry) throws IOException {
		coturn = ProbeCoturn.start(TestSecrets.COTURN_SECRET);
		coturn.register(registry);
	}

	@AfterAll
	static void stopCoturn() {
		coturn.close();
	}

	@Test
	void probesAtStartupAndPublishesTheOutcome(CapturedOutput output) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Gauge udp = this.registry.find("turn.probe.success")
				.tags("provider", "free-public-turn", "transport", "udp")
				.gauge();
			assertThat(udp).isNotNull();
			assertThat(udp.value()).isEqualTo(1.0);
		});
		assertThat(this.registry.get("turn.probe.success")
			.tags("provider", "free-public-turn", "transport", "tcp")
			.gauge()
			.value()).isEqualTo(1.0);
		assertThat(output.toString())
			.contains("[TURN] ✅ Probe free-public-turn " + coturn.coturn().turnUrl("udp") + ": relay allocated at")
			.doesNotContain(coturn.credential().password());
	}

}
