package io.icebroker.chain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.icebroker.TestSecrets;
import io.icebroker.provider.Outcome;
import io.icebroker.testsupport.MutableClock;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.icebroker.chain.TwilioStandIn.calls;
import static io.icebroker.chain.TwilioStandIn.concurrently;
import static io.icebroker.chain.TwilioStandIn.credentials;
import static io.icebroker.chain.TwilioStandIn.token;
import static io.icebroker.chain.TwilioStandIn.tokens;
import static io.icebroker.chain.TwilioStandIn.turnUsername;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /turn/credentials} in front of a stand-in Twilio answering in 200 ms: one
 * upstream call for a burst of cold requests, none afterwards, and the true remaining
 * lifetime in every answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// Hundreds of requests from one address: the rate limit, tested on its own, would
		// refuse them.
		properties = { "TURN_RATE_LIMIT_PER_MINUTE=0", "TURN_PROVIDER_ORDER=twilio,free-public-turn",
				"TWILIO_ACCOUNT_SID=" + TwilioStandIn.ACCOUNT_SID,
				"TWILIO_AUTH_TOKEN=" + TestSecrets.TWILIO_AUTH_TOKEN })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@ExtendWith(OutputCaptureExtension.class)
class ResilienceIntegrationTests {

	private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

	@RegisterExtension
	static final WireMockExtension twilio = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@LocalServerPort
	private int port;

	@Autowired
	private MutableClock clock;

	@Autowired
	private RecordingListener listener;

	@DynamicPropertySource
	static void twilioApi(DynamicPropertyRegistry registry) {
		// localhost, not 127.0.0.1: twilio-java re-parses dotted hosts.
		registry.add("TWILIO_API_BASE_URL", () -> "http://localhost:" + twilio.getPort());
	}

	@Test
	void sixtyConcurrentColdRequestsCauseOneTwilioCallAndTwoHundredMoreCauseNone() throws Exception {
		twilio.stubFor(tokens().willReturn(token("tw-user-1").withFixedDelay(200)));
		List<JsonNode> cold = concurrently(60, this.port, "cold-");
		assertThat(cold).allSatisfy((answer) -> {
			assertThat(answer.get("provider").asString()).isEqualTo("twilio");
			assertThat(turnUsername(answer)).isEqualTo("tw-user-1");
		});
		assertThat(calls(twilio)).isEqualTo(1);
		List<JsonNode> warm = concurrently(200, this.port, "warm-");
		assertThat(warm).allSatisfy((answer) -> assertThat(turnUsername(answer)).isEqualTo("tw-user-1"));
		assertThat(calls(twilio)).isEqualTo(1);
		assertThat(this.listener.outcomes("twilio")).hasSize(260).containsOnly(Outcome.SUCCESS, Outcome.CACHED);
	}

	@Test
	void answersWithTheTrueRemainingLifetimeOfCachedCredentials() {
		twilio.stubFor(tokens().willReturn(token("tw-user-1")));
		JsonNode first = credentials(this.port, "alice");
		assertThat(first.get("ttl").asLong()).isEqualTo(86400);
		assertThat(first.get("expiresAt").asString()).isEqualTo("2026-11-25T10:00:00Z");
		this.clock.advance(Duration.ofHours(2).plusSeconds(7));
		JsonNode later = credentials(this.port, "bob");
		assertThat(turnUsername(later)).isEqualTo("tw-user-1");
		assertThat(later.get("ttl").asLong()).isEqualTo(86400 - 7207);
		assertThat(later.get("expiresAt").asString()).isEqualTo("2026-11-25T10:00:00Z");
		assertThat(calls(twilio)).isEqualTo(1);
	}

	@Test
	void writesOneLinePerRequestServedFromCache(CapturedOutput output) {
		twilio.stubFor(tokens().willReturn(token("tw-user-1")));
		credentials(this.port, "warm-up");
		credentials(this.port, "cached-probe");
		List<String> lines = output.getAll().lines().filter((line) -> line.contains("cached-probe")).toList();
		assertThat(lines).singleElement()
			.asString()
			.contains("[TURN] ✅ Twilio credentials served from cache for user cached-probe");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(START);
		}

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

	}

}
