package io.icebroker.chain;

import java.time.Duration;

import io.icebroker.provider.Outcome;
import io.icebroker.testsupport.LocalHttp;
import io.icebroker.testsupport.MutableClock;
import io.icebroker.testsupport.TwilioApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.icebroker.testsupport.LocalHttp.credentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stand-in Twilio that hangs or answers slowly, behind a 1 s chain deadline and read
 * timeouts far longer than it: the deadline, not the HTTP client, bounds what clients
 * wait. Bounds on elapsed time are generous: each is far below what the stand-in's delay
 * would cost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "TURN_PROVIDER_ORDER=twilio,free-public-turn", "TURN_CHAIN_DEADLINE=1s",
				"TWILIO_READ_TIMEOUT=30s", TwilioApi.BASE_URL_PROPERTY, TwilioApi.ACCOUNT_SID_PROPERTY,
				TwilioApi.AUTH_TOKEN_PROPERTY })
@ExtendWith(OutputCaptureExtension.class)
class ChainDeadlineIntegrationTests {

	@RegisterExtension
	static final TwilioApi twilio = TwilioApi.shared();

	@LocalServerPort
	private int port;

	@Autowired
	private RecordingListener listener;

	@Autowired
	private UpstreamGuard guard;

	@Autowired
	private MutableClock clock;

	/**
	 * Each test starts past the cool-down of the last one's failures, with nothing
	 * recorded.
	 */
	@BeforeEach
	void passTheLastTestsCooldown() {
		this.clock.advance(Duration.ofHours(1));
		this.listener.clear();
	}

	@Test
	void answersFromTheFallbackWithinTheDeadlineWhileTwilioHangsThenSkipsItAtOnce(CapturedOutput output) {
		twilio.mintsTokens("tw-user-1", TwilioApi.TTL, Duration.ofSeconds(20));
		warmUp();
		long started = System.nanoTime();
		JsonNode first = credentials(this.port, "first");
		Duration firstTook = Duration.ofNanos(System.nanoTime() - started);
		assertThat(first.get("provider").asString()).isEqualTo("free-public-turn");
		assertThat(firstTook).isLessThan(Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.guard.state("twilio").circuit().equals("open"));
		started = System.nanoTime();
		for (int i = 0; i < 20; i++) {
			assertThat(credentials(this.port, "next-" + i).get("provider").asString()).isEqualTo("free-public-turn");
		}
		Duration twentyTook = Duration.ofNanos(System.nanoTime() - started);
		// Twenty bounded waits would take 20 s.
		assertThat(twentyTook).isLessThan(Duration.ofSeconds(10));
		assertThat(this.listener.outcomes("twilio")).hasSize(21).first().isEqualTo(Outcome.TIMEOUT);
		assertThat(this.listener.outcomes("twilio").subList(1, 21)).containsOnly(Outcome.CIRCUIT_OPEN);
		assertThat(output.getAll().lines().filter((line) -> line.contains("Circuit open, skipping Twilio")))
			.hasSize(20);
		assertThat(twilio.tokenRequests()).isEqualTo(1);
	}

	@Test
	void theDeadlineIncludesTwilioRetries() {
		// Each attempt is answered within the deadline; twilio-java's three attempts are
		// not.
		twilio.answers(aResponse().withStatus(503).withFixedDelay(800));
		JsonNode answer = credentials(this.port, "alice");
		assertThat(answer.get("provider").asString()).isEqualTo("free-public-turn");
		// Without the deadline, the third 503 would make this an error.
		assertThat(this.listener.outcomes("twilio")).containsExactly(Outcome.TIMEOUT);
		await().atMost(Duration.ofSeconds(10)).until(() -> twilio.tokenRequests() == 3);
	}

	/**
	 * The first HTTP exchange of a JVM loads classes for seconds on a busy machine; that
	 * is not what the bound is about.
	 */
	private void warmUp() {
		LocalHttp.okJson(this.port, "/actuator/health");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		@Primary
		MutableClock testClock() {
			return MutableClock.startingAt("2026-11-24T10:00:00Z");
		}

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

	}

}
