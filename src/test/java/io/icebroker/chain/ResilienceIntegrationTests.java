package io.icebroker.chain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.icebroker.provider.Outcome;
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
import static io.icebroker.testsupport.LocalHttp.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /turn/credentials} in front of a stand-in Twilio: one upstream call for a
 * burst of cold requests, none afterwards, and the true remaining lifetime in every
 * answer; and, with read timeouts far longer than the chain deadline, the deadline, not
 * the HTTP client, bounds what clients wait. Bounds on elapsed time are generous: each is
 * far below what the stand-in's delay would cost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// Hundreds of requests from one address: the rate limit, tested on its own, would
		// refuse them.
		properties = { "TURN_RATE_LIMIT_PER_MINUTE=0", "TURN_PROVIDER_ORDER=twilio,free-public-turn",
				"TWILIO_READ_TIMEOUT=10s", TwilioApi.BASE_URL_PROPERTY, TwilioApi.ACCOUNT_SID_PROPERTY,
				TwilioApi.AUTH_TOKEN_PROPERTY })
@ExtendWith(OutputCaptureExtension.class)
class ResilienceIntegrationTests {

	private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

	@RegisterExtension
	static final TwilioApi twilio = TwilioApi.shared();

	@LocalServerPort
	private int port;

	@Autowired
	private MutableClock clock;

	@Autowired
	private RecordingListener listener;

	@Autowired
	private UpstreamGuard guard;

	/**
	 * Each test starts a month after the last, when what it cached has expired, with
	 * nothing recorded, and in a fresh second: the lines of requests served from cache
	 * have a per-second budget, which the first test's 260 requests spend.
	 */
	@BeforeEach
	void startAfterWhatTheLastTestCachedExpired() {
		this.clock.advance(Duration.ofDays(30));
		this.listener.clear();
		long second = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime());
		await().atMost(Duration.ofSeconds(2)).until(() -> TimeUnit.NANOSECONDS.toSeconds(System.nanoTime()) > second);
	}

	@Test
	void sixtyConcurrentColdRequestsCauseOneTwilioCallAndTwoHundredMoreCauseNone() throws Exception {
		twilio.mintsTokens("tw-user-1", TwilioApi.TTL, Duration.ofMillis(200));
		List<JsonNode> cold = concurrently(60, this.port, "cold-");
		assertThat(cold).allSatisfy((answer) -> {
			assertThat(answer.get("provider").asString()).isEqualTo("twilio");
			assertThat(turnUsername(answer)).isEqualTo("tw-user-1");
		});
		assertThat(twilio.tokenRequests()).isEqualTo(1);
		List<JsonNode> warm = concurrently(200, this.port, "warm-");
		assertThat(warm).allSatisfy((answer) -> assertThat(turnUsername(answer)).isEqualTo("tw-user-1"));
		assertThat(twilio.tokenRequests()).isEqualTo(1);
		assertThat(this.listener.outcomes("twilio")).hasSize(260).containsOnly(Outcome.SUCCESS, Outcome.CACHED);
	}

	@Test
	void answersWithTheTrueRemainingLifetimeOfCachedCredentials() {
		twilio.mintsTokens("tw-user-1");
		JsonNode first = credentials(this.port, "alice");
		assertThat(first.get("ttl").asLong()).isEqualTo(86400);
		String expiresAt = this.clock.instant().plus(Duration.ofDays(1)).toString();
		assertThat(first.get("expiresAt").asString()).isEqualTo(expiresAt);
		this.clock.advance(Duration.ofHours(2).plusSeconds(7));
		JsonNode later = credentials(this.port, "bob");
		assertThat(turnUsername(later)).isEqualTo("tw-user-1");
		assertThat(later.get("ttl").asLong()).isEqualTo(86400 - 7207);
		assertThat(later.get("expiresAt").asString()).isEqualTo(expiresAt);
		assertThat(twilio.tokenRequests()).isEqualTo(1);
	}

	@Test
	void writesOneLinePerRequestServedFromCache(CapturedOutput output) {
		twilio.mintsTokens("tw-user-1");
		credentials(this.port, "warm-up");
		credentials(this.port, "cached-probe");
		List<String> lines = output.getAll().lines().filter((line) -> line.contains("cached-probe")).toList();
		assertThat(lines).singleElement()
			.asString()
			.contains("[TURN] ✅ Twilio credentials served from cache for user cached-probe");
	}

	@Test
	void answersFromTheFallbackWithinTheDeadlineWhileTwilioHangsThenSkipsItAtOnce(CapturedOutput output) {
		twilio.mintsTokens("tw-user-1", TwilioApi.TTL, Duration.ofSeconds(6));
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
		// Twenty bounded waits would take a minute.
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
		twilio.answers(aResponse().withStatus(503).withFixedDelay(1200));
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
		okJson(this.port, "/actuator/health");
	}

	private static String turnUsername(JsonNode answer) {
		for (JsonNode server : answer.get("iceServers")) {
			if (server.has("username")) {
				return server.get("username").asString();
			}
		}
		throw new AssertionError("No TURN entry in " + answer.get("provider"));
	}

	private static List<JsonNode> concurrently(int requests, int port, String userPrefix) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(requests);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<JsonNode>> futures = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				String userId = userPrefix + i;
				Callable<JsonNode> request = () -> {
					go.await();
					return credentials(port, userId);
				};
				futures.add(pool.submit(request));
			}
			go.countDown();
			List<JsonNode> answers = new ArrayList<>();
			for (Future<JsonNode> future : futures) {
				answers.add(future.get(60, TimeUnit.SECONDS));
			}
			return answers;
		}
		finally {
			pool.shutdownNow();
		}
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
