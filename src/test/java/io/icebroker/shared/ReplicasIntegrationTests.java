package io.icebroker.shared;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import io.icebroker.testsupport.RedisServer;
import io.icebroker.testsupport.TwilioApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three replicas sharing one real Redis and one stand-in Twilio: at most one mint per
 * replica, one rate limit for the fleet, and answers as usual while Redis is killed and
 * started again.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIntegrationTests {

	private static final int PER_MINUTE = 10;

	// TURN_CHAIN_DEADLINE's default.
	private static final long CHAIN_DEADLINE_MS = 3000;

	private static RedisServer redis;

	private static TwilioApi twilio;

	private static Replicas replicas;

	private static final AtomicInteger unique = new AtomicInteger();

	@BeforeAll
	static void start() throws Exception {
		RedisServer.assumeInstalled();
		redis = RedisServer.start();
		twilio = TwilioApi.shared();
		twilio.reset();
		Map<String, String> environment = new LinkedHashMap<>(twilio.environment());
		environment.put("TWILIO_READ_TIMEOUT", "10s");
		environment.put("REDIS_URL", redis.url());
		environment.put("TURN_PROVIDER_ORDER", "twilio,free-public-turn");
		environment.put("TURN_RATE_LIMIT_PER_MINUTE", String.valueOf(PER_MINUTE));
		// Each request names its client address, so that the load test is not one
		// address's limit.
		environment.put("TURN_TRUSTED_PROXIES", "127.0.0.1/32");
		environment.put("TURN_CLIENT_ADDRESS_HEADER", "X-Forwarded-For");
		// The default 250ms is for a production machine; this one runs three replicas,
		// their load and other builds on two cores, where a live Redis can take longer.
		environment.put("TURN_REDIS_TIMEOUT", "1s");
		replicas = Replicas.start(3, environment);
	}

	@AfterAll
	static void stop() {
		if (replicas != null) {
			replicas.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	@Order(1)
	void sixtyColdRequestsOverThreeReplicasCauseOneTwilioCallPerReplicaAtMostAndThreeHundredMoreCauseNone()
			throws Exception {
		List<HttpResponse<String>> cold = concurrently(60, 60, this::fresh);
		assertThat(cold).allSatisfy((response) -> {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"provider\":\"twilio\"");
		});
		int calls = twilio.tokenRequests();
		assertThat(calls).isBetween(1, replicas.size());
		List<HttpResponse<String>> warm = concurrently(300, 30, this::fresh);
		assertThat(warm).allSatisfy((response) -> assertThat(response.body()).contains("\"provider\":\"twilio\""));
		assertThat(twilio.tokenRequests()).isEqualTo(calls);
		System.out.println("[replicas-test] cold=60 warm=300 twilioCalls=" + twilio.tokenRequests());
	}

	@Test
	@Order(2)
	void oneClientsLimitHoldsForTheWholeFleet() throws Exception {
		String user = "limited-" + unique.incrementAndGet();
		String address = "203.0.113.77";
		List<HttpResponse<String>> answers = concurrently(40, 4,
				(request) -> replicas.get(request, "/turn/credentials?userId=" + user, "X-Forwarded-For", address));
		long allowed = answers.stream().filter((response) -> response.statusCode() == 200).count();
		List<HttpResponse<String>> limited = answers.stream()
			.filter((response) -> response.statusCode() == 429)
			.toList();
		assertThat(allowed).isEqualTo(PER_MINUTE);
		assertThat(limited).hasSize(40 - PER_MINUTE)
			.allSatisfy((response) -> assertThat(response.headers().firstValue("Retry-After")).isPresent());
		String keys = redis.command("KEYS", "icebroker:rate:*");
		assertThat(keys).doesNotContain(user, address);
		System.out.println("[replicas-test] rate limit: 200=" + allowed + " 429=" + limited.size());
	}

	@Test
	@Order(3)
	void answersAsUsualWhileRedisIsKilledAndStartedAgain(CapturedOutput output) throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Long> durations = new ConcurrentLinkedQueue<>();
		ExecutorService load = Executors.newFixedThreadPool(6);
		List<Future<?>> workers = new ArrayList<>();
		for (int worker = 0; worker < 6; worker++) {
			workers.add(load.submit(() -> {
				while (running.get()) {
					int request = unique.incrementAndGet();
					long start = System.nanoTime();
					HttpResponse<String> response = fresh(request);
					durations.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
					statuses.add(response.statusCode());
				}
				return null;
			}));
		}
		try {
			awaitRequests(statuses, 100);
			redis.kill();
			awaitAll((index) -> !replicas.status(index).get("sharedState").get("up").asBoolean());
			int atLoss = statuses.size();
			awaitRequests(statuses, atLoss + 100);
			redis.restart();
			awaitAll((index) -> replicas.status(index).get("sharedState").get("up").asBoolean());
			int atRecovery = statuses.size();
			awaitRequests(statuses, atRecovery + 100);
		}
		finally {
			running.set(false);
			for (Future<?> worker : workers) {
				worker.get(30, TimeUnit.SECONDS);
			}
			load.shutdown();
		}
		assertThat(statuses).allSatisfy((status) -> assertThat(status).isIn(200, 429));
		long longest = durations.stream().mapToLong(Long::longValue).max().orElseThrow();
		assertThat(longest).isLessThan(CHAIN_DEADLINE_MS);
		for (int index = 1; index <= 3; index++) {
			String replica = "replica " + "replica-" + index;
			assertThat(lines(output, "Shared state in Redis lost", replica)).hasSize(1);
			assertThat(lines(output, "is back", replica)).hasSize(1);
		}
		System.out.println("[replicas-test] kill: requests=" + statuses.size() + " non200="
				+ statuses.stream().filter((status) -> status != 200).count() + " longestMs=" + longest);
		output.getAll()
			.lines()
			.filter((line) -> line.contains("Shared state in Redis"))
			.forEach((line) -> System.out.println("[replicas-test] " + line));
		for (int index = 0; index < replicas.size(); index++) {
			assertThat(gauge(index)).isEqualTo("turn_shared_state_up 1.0");
		}
		// Shared again: one client's limit holds across the fleet once more.
		oneClientsLimitHoldsForTheWholeFleet();
	}

	@Test
	@Order(4)
	void eachReplicaRefreshesAheadOnceWhileServingItsCredentials() throws Exception {
		int before = twilio.tokenRequests();
		List<String> minted = new ArrayList<>();
		for (int index = 0; index < replicas.size(); index++) {
			minted.add(cachedAt(index));
			// Past the refresh point (80 % of the reuse window: 9.6 h of 24 h), below the
			// floor (12 h).
			replicas.clock(index).advance(java.time.Duration.ofHours(10));
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		while (!everyReplicaRefreshed(minted)) {
			assertThat(System.nanoTime()).as("every replica refreshes in time").isLessThan(deadline);
			List<HttpResponse<String>> served = concurrently(6, 6, this::fresh);
			assertThat(served).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(200));
		}
		int calls = twilio.tokenRequests();
		assertThat(calls - before).isBetween(1, replicas.size());
		concurrently(60, 12, this::fresh);
		assertThat(twilio.tokenRequests()).isEqualTo(calls);
		System.out.println("[replicas-test] refresh ahead: twilioCalls " + before + " -> " + twilio.tokenRequests());
	}

	static String gauge(int index) {
		return replicas.get(index, "/actuator/prometheus")
			.body()
			.lines()
			.filter((line) -> line.startsWith("turn_shared_state_up"))
			.findFirst()
			.orElseThrow();
	}

	private static boolean everyReplicaRefreshed(List<String> minted) {
		for (int index = 0; index < replicas.size(); index++) {
			if (minted.get(index).equals(cachedAt(index))) {
				return false;
			}
		}
		return true;
	}

	private static String cachedAt(int index) {
		for (var provider : replicas.status(index).get("providers")) {
			if (provider.get("id").asString().equals("twilio")) {
				return provider.get("cachedAt").asString();
			}
		}
		throw new AssertionError("No twilio in /actuator/turn");
	}

	private HttpResponse<String> fresh(int request) {
		int id = unique.incrementAndGet();
		return replicas.get(request, "/turn/credentials?userId=user-" + id, "X-Forwarded-For",
				"10." + ((id >> 16) & 255) + "." + ((id >> 8) & 255) + "." + (id & 255));
	}

	private static List<String> lines(CapturedOutput output, String... parts) {
		return output.getAll().lines().filter((line) -> {
			for (String part : parts) {
				if (!line.contains(part)) {
					return false;
				}
			}
			return true;
		}).toList();
	}

	private static void awaitRequests(ConcurrentLinkedQueue<Integer> statuses, int count) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (statuses.size() < count) {
			assertThat(System.nanoTime()).as("requests answered in time").isLessThan(deadline);
			Thread.onSpinWait();
			Thread.yield();
		}
	}

	private static void awaitAll(IntPredicate condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
		for (int index = 0; index < replicas.size(); index++) {
			while (!condition.test(index)) {
				assertThat(System.nanoTime()).as("replica " + index + " in time").isLessThan(deadline);
				TimeUnit.MILLISECONDS.sleep(50);
			}
		}
	}

	private static List<HttpResponse<String>> concurrently(int requests, int threads, Request send) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<HttpResponse<String>>> futures = new ArrayList<>();
			for (int index = 0; index < requests; index++) {
				int request = index;
				Callable<HttpResponse<String>> call = () -> {
					go.await();
					return send.send(request);
				};
				futures.add(pool.submit(call));
			}
			go.countDown();
			List<HttpResponse<String>> answers = new ArrayList<>();
			for (Future<HttpResponse<String>> future : futures) {
				answers.add(future.get(60, TimeUnit.SECONDS));
			}
			return answers;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@FunctionalInterface
	interface Request {

		HttpResponse<String> send(int request);

	}

}
