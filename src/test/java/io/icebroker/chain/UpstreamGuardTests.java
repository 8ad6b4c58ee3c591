package io.icebroker.chain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.icebroker.TestSecrets;
import io.icebroker.ice.IceServer;
import io.icebroker.ice.IceServerSanitizer;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.Outcome;
import io.icebroker.testsupport.MutableClock;
import io.icebroker.testsupport.StunOnlyFallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chain in front of a provider that mints credentials remotely (a stand-in API on
 * WireMock): cache, single flight, refresh ahead, stale if error, deadline and cool-down.
 * Time moves only when a test moves the clock; assertions are on counts and outcomes.
 */
class UpstreamGuardTests {

	private static final Duration DAY = Duration.ofDays(1);

	@RegisterExtension
	static final WireMockExtension api = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final MutableClock clock = MutableClock.startingAt("2026-11-24T10:00:00Z");

	private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private UpstreamGuard guard;

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void makesOneUpstreamCallForManyConcurrentColdRequests() throws Exception {
		stubCredentials("user-1", 86400, 300);
		ProviderChain chain = chain(settings());
		List<ChainResult> results = concurrently(60, chain);
		assertThat(results).allSatisfy((result) -> assertThat(username(result)).isEqualTo("user-1"));
		api.verify(1, postRequestedFor(urlEqualTo("/credentials")));
		assertThat(outcomes("remote")).hasSize(60).containsOnly(Outcome.SUCCESS, Outcome.CACHED);
		assertThat(outcomes("remote")).filteredOn(Outcome.SUCCESS::equals).hasSize(1);
	}

	@Test
	void reusesCachedCredentialsWithTheirTrueRemainingLifetime() {
		stubCredentials("user-1", 86400, 0);
		ProviderChain chain = chain(settings());
		ChainResult.Resolved first = resolved(chain.resolve("alice"));
		this.clock.advance(Duration.ofHours(1));
		ChainResult.Resolved second = resolved(chain.resolve("bob"));
		assertThat(username(second)).isEqualTo("user-1");
		assertThat(second.expiresAt()).isEqualTo(first.expiresAt()).contains(start().plus(DAY));
		assertThat(Duration.between(this.clock.instant(), second.expiresAt().orElseThrow()))
			.isEqualTo(DAY.minusHours(1));
		assertThat(outcomes("remote")).containsExactly(Outcome.SUCCESS, Outcome.CACHED);
		api.verify(1, postRequestedFor(urlEqualTo("/credentials")));
	}

	@Test
	void refreshesAheadInTheBackgroundBeforeTheFloor() {
		stubCredentials("user-1", 86400, 0);
		ProviderChain chain = chain(settings());
		chain.resolve("alice");
		stubCredentials("user-2", 86400, 0);
		// 14 h left: above the 12 h floor, inside the last fifth of the reuse window.
		this.clock.advance(Duration.ofHours(10));
		assertThat(username(chain.resolve("bob"))).isEqualTo("user-1");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.guard.state("remote").cachedExpiresAt(),
					(expiry) -> expiry.equals(Optional.of(this.clock.instant().plus(DAY))));
		ChainResult.Resolved refreshed = resolved(chain.resolve("carol"));
		assertThat(username(refreshed)).isEqualTo("user-2");
		assertThat(refreshed.expiresAt()).contains(this.clock.instant().plus(DAY));
		assertThat(outcomes("remote")).containsExactly(Outcome.SUCCESS, Outcome.CACHED, Outcome.CACHED);
		assertThat(this.guard.state("remote").lastRefresh()).map(ProviderState.Refresh::outcome)
			.contains(Outcome.SUCCESS);
		api.verify(2, postRequestedFor(urlEqualTo("/credentials")));
	}

	@Test
	void manyConcurrentRequestsPastTheRefreshPointRefreshOnce() throws Exception {
		stubCredentials("user-1", 86400, 0);
		ProviderChain chain = chain(settings());
		chain.resolve("alice");
		stubCredentials("user-2", 86400, 0);
		this.clock.advance(Duration.ofHours(10));

		List<ChainResult> results = concurrently(60, chain);

		assertThat(results).allSatisfy((result) -> assertThat(username(result)).isIn("user-1", "user-2"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.guard.state("remote").lastRefresh().isPresent());
		assertThat(username(chain.resolve("bob"))).isEqualTo("user-2");
		api.verify(2, postRequestedFor(urlEqualTo("/credentials")));
	}

	@Test
	void doesNotRefreshEarlierThanTheRefreshPoint() {
		stubCredentials("user-1", 86400, 0);
		ProviderChain chain = chain(settings());
		chain.resolve("alice");
		this.clock.advance(Duration.ofHours(9));
		chain.resolve("bob");
		api.verify(1, postRequestedFor(urlEqualTo("/credentials")));
	}

	@Test
	void keepsServingCachedCredentialsWhileValidWhenARefreshFails() {
		stubCredentials("user-1", 86400, 0);
		ProviderChain chain = chain(settings());
		chain.resolve("alice");
		stubFailure(500);
		// 11 h left: below the 12 h floor, so the chain must try to renew.
		this.clock.advance(Duration.ofHours(13));
		ChainResult.Resolved stale = resolved(chain.resolve("bob"));
		assertThat(username(stale)).isEqualTo("user-1");
		assertThat(stale.expiresAt()).contains(start().plus(DAY));
		assertThat(this.guard.state("remote").lastRefresh()).map(ProviderState.Refresh::outcome)
			.contains(Outcome.ERROR);
		// The failure opened the circuit: still valid, served without another call.
		assertThat(username(chain.resolve("carol"))).isEqualTo("user-1");
		api.verify(2, postRequestedFor(urlEqualTo("/credentials")));
		// Nothing valid remains: the provider falls through.
		this.clock.advance(Duration.ofHours(11));
		ChainResult.Resolved fallback = resolved(chain.resolve("dave"));
		assertThat(fallback.provider()).isEqualTo("free-public-turn");
		assertThat(outcomes("remote")).containsExactly(Outcome.SUCCESS, Outcome.CACHED, Outcome.CACHED, Outcome.ERROR);
	}

	@Test
	void fallsThroughWithTimeoutWhenTheChainDeadlinePasses() {
		stubCredentials("user-1", 86400, 5000);
		ProviderChain chain = chain(settings().deadline(Duration.ofMillis(500)));
		long started = System.nanoTime();
		ChainResult.Resolved result = resolved(chain.resolve("alice"));
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		assertThat(result.provider()).isEqualTo("free-public-turn");
		assertThat(outcomes("remote")).containsExactly(Outcome.TIMEOUT);
		// The stand-in answers after 5 s; the client has its answer well before.
		assertThat(elapsed).isLessThan(Duration.ofSeconds(4));
	}

	@Test
	void skipsAFailedProviderUntilTheCooldownPassesThenLetsOneTrialCallThrough() {
		stubFailure(500);
		ProviderChain chain = chain(settings());
		assertThat(resolved(chain.resolve("alice")).provider()).isEqualTo("free-public-turn");
		assertThat(this.guard.state("remote").circuit()).isEqualTo("open");
		for (int i = 0; i < 5; i++) {
			assertThat(resolved(chain.resolve("bob")).provider()).isEqualTo("free-public-turn");
		}
		assertThat(outcomes("remote")).containsExactly(Outcome.ERROR, Outcome.CIRCUIT_OPEN, Outcome.CIRCUIT_OPEN,
				Outcome.CIRCUIT_OPEN, Outcome.CIRCUIT_OPEN, Outcome.CIRCUIT_OPEN);
		api.verify(1, postRequestedFor(urlEqualTo("/credentials")));
		stubCredentials("user-1", 86400, 0);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(resolved(chain.resolve("carol")).provider()).isEqualTo("remote");
		assertThat(this.guard.state("remote").circuit()).isEqualTo("closed");
		api.verify(2, postRequestedFor(urlEqualTo("/credentials")));
	}

	@Test
	void saysTheCircuitIsHalfOpenAsSoonAsTheCooldownIsOverNotAtTheNextRequest() {
		stubFailure(500);
		ProviderChain chain = chain(settings());
		chain.resolve("alice");
		assertThat(this.guard.state("remote").circuit()).isEqualTo("open");
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(this.guard.state("remote").circuit()).isEqualTo("open");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.guard.state("remote").circuit()).isEqualTo("half_open");
		api.verify(1, postRequestedFor(urlEqualTo("/credentials")));
	}

	@Test
	void aForcedRefreshReplacesCachedCredentialsNowAndIsReported() {
		stubCredentials("user-1", 86400, 0);
		ProviderChain chain = chain(settings());
		assertThat(username(chain.resolve("alice"))).isEqualTo("user-1");
		stubCredentials("user-2", 86400, 0);
		this.clock.advance(Duration.ofMinutes(5));

		assertThat(this.guard.refreshNow("remote")).isTrue();

		await().atMost(Duration.ofSeconds(5)).until(() -> this.guard.state("remote").lastRefresh().isPresent());
		assertThat(username(chain.resolve("bob"))).isEqualTo("user-2");
		ProviderState state = this.guard.state("remote");
		assertThat(state.lastRefresh()).hasValueSatisfying((refresh) -> {
			assertThat(refresh.outcome()).isEqualTo(Outcome.SUCCESS);
			assertThat(refresh.at()).isEqualTo(start().plus(Duration.ofMinutes(5)));
		});
		assertThat(state.cachedAt()).contains(start().plus(Duration.ofMinutes(5)));
		assertThat(this.guard.refreshNow("free-public-turn")).isFalse();
	}

	@Test
	void opensAgainWhenTheTrialCallFails() {
		stubFailure(503);
		ProviderChain chain = chain(settings());
		chain.resolve("alice");
		this.clock.advance(Duration.ofSeconds(31));
		chain.resolve("bob");
		chain.resolve("carol");
		assertThat(outcomes("remote")).containsExactly(Outcome.ERROR, Outcome.ERROR, Outcome.CIRCUIT_OPEN);
		assertThat(this.guard.state("remote").circuit()).isEqualTo("open");
		api.verify(2, postRequestedFor(urlEqualTo("/credentials")));
	}

	@Test
	void neverSkipsAProviderWhenTheCooldownIsZero() {
		stubFailure(500);
		ProviderChain chain = chain(settings().cooldown(Duration.ZERO));
		chain.resolve("alice");
		chain.resolve("bob");
		assertThat(outcomes("remote")).containsExactly(Outcome.ERROR, Outcome.ERROR);
		assertThat(this.guard.state("remote").circuit()).isEqualTo("disabled");
		api.verify(2, postRequestedFor(urlEqualTo("/credentials")));
	}

	@Test
	void aHungProviderCostsOneBoundedWaitNotOnePerRequest() {
		stubCredentials("user-1", 86400, 10_000);
		Settings settings = settings();
		ProviderChain chain = chain(settings);
		assertThat(resolved(chain.resolve("alice")).provider()).isEqualTo("free-public-turn");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.guard.state("remote").circuit().equals("open"));
		for (int i = 0; i < 20; i++) {
			assertThat(resolved(chain.resolve("bob")).provider()).isEqualTo("free-public-turn");
		}
		assertThat(outcomes("remote")).hasSize(21).first().isEqualTo(Outcome.TIMEOUT);
		assertThat(outcomes("remote").subList(1, 21)).containsOnly(Outcome.CIRCUIT_OPEN);
		// A request that waited for the hung call would spend the whole premium budget
		// (2.9 s) on it; each skipped one spends a lookup, however loaded the machine.
		Duration budget = settings.properties().premiumBudget();
		assertThat(attempts("remote").subList(1, 21)).allSatisfy((attempt) -> {
			assertThat(attempt.duration()).isLessThan(budget);
			assertThat(attempt.upstreamCalled()).isFalse();
		});
		api.verify(1, postRequestedFor(urlEqualTo("/credentials")));
	}

	@Test
	void mintsOnEveryRequestWhenTheCacheIsOff() {
		stubCredentials("user-1", 86400, 0);
		ProviderChain chain = chain(settings().cacheOff());
		chain.resolve("alice");
		chain.resolve("bob");
		chain.resolve("carol");
		assertThat(outcomes("remote")).containsExactly(Outcome.SUCCESS, Outcome.SUCCESS, Outcome.SUCCESS);
		assertThat(this.guard.state("remote").cachedExpiresAt()).isEmpty();
		api.verify(3, postRequestedFor(urlEqualTo("/credentials")));
	}

	@Test
	void neverSharesCredentialsAProviderComputesInProcess() throws Exception {
		PerUserTestProvider perUser = new PerUserTestProvider(this.clock);
		ProviderChain chain = chain(settings(), perUser);
		List<ChainResult> results = concurrently(20, chain);
		assertThat(results).extracting(UpstreamGuardTests::username)
			.allSatisfy((username) -> assertThat(username).startsWith(start().plus(DAY).getEpochSecond() + ":user-"))
			.doesNotHaveDuplicates();
		assertThat(username(chain.resolve("zoe"))).endsWith(":zoe");
		assertThat(this.guard.state("per-user").cachedExpiresAt()).isEmpty();
	}

	@Test
	void reportsCircuitStateAndCachedExpiry() {
		stubCredentials("user-1", 86400, 0);
		ProviderChain chain = chain(settings());
		ProviderState nothingYet = new ProviderState("closed", Optional.empty(), Optional.empty(), Optional.empty());
		assertThat(this.guard.state("remote")).isEqualTo(nothingYet);
		chain.resolve("alice");
		assertThat(this.guard.state("remote")).isEqualTo(
				new ProviderState("closed", Optional.of(start().plus(DAY)), Optional.of(start()), Optional.empty()));
		ProviderState unguarded = new ProviderState("disabled", Optional.empty(), Optional.empty(), Optional.empty());
		assertThat(this.guard.state("free-public-turn")).isEqualTo(unguarded);
		assertThat(this.guard.state("unknown")).isEqualTo(unguarded);
	}

	private ProviderChain chain(Settings settings, IceServerProvider... premium) {
		List<IceServerProvider> providers = new ArrayList<>(List.of(premium));
		if (providers.isEmpty()) {
			providers.add(new RemoteTestProvider(api.baseUrl(), this.clock));
		}
		providers.add(new StunOnlyFallback());
		TurnProperties turn = new TurnProperties(providers.stream().map(IceServerProvider::id).toList(), DAY, 4);
		ChainListener recorder = new ChainListener() {

			@Override
			public void attempted(Attempt attempt) {
				UpstreamGuardTests.this.attempts.add(attempt);
			}

		};
		ResilienceProperties resilience = settings.properties();
		ThreadPoolTaskExecutor upstream = TestChains.upstreamExecutor(resilience);
		this.closeables.add(upstream::shutdown);
		TurnLog log = TestChains.log();
		this.guard = new UpstreamGuard(providers, resilience, turn, new IceServerSanitizer(4), this.clock, upstream,
				log);
		return new ProviderChain(providers, turn, List.of(recorder), this.guard, log);
	}

	private List<ChainResult> concurrently(int requests, ProviderChain chain) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(requests);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<ChainResult>> futures = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				String userId = "user-" + i;
				futures.add(pool.submit(() -> {
					go.await();
					return chain.resolve(userId);
				}));
			}
			go.countDown();
			List<ChainResult> results = new ArrayList<>();
			for (Future<ChainResult> future : futures) {
				results.add(future.get(30, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private List<Outcome> outcomes(String provider) {
		return attempts(provider).stream().map(Attempt::outcome).toList();
	}

	private List<Attempt> attempts(String provider) {
		return this.attempts.stream().filter((attempt) -> attempt.provider().equals(provider)).toList();
	}

	private static void stubCredentials(String username, int ttl, int delayMillis) {
		api.stubFor(post("/credentials").willReturn(aResponse().withStatus(200)
			.withFixedDelay(delayMillis)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"username\":\"" + username + "\",\"credential\":\"" + TestSecrets.UPSTREAM_TURN_CREDENTIAL
					+ "\",\"ttl\":" + ttl + "}")));
	}

	private static void stubFailure(int status) {
		api.stubFor(post("/credentials").willReturn(WireMock.status(status).withBody("{\"error\":\"unavailable\"}")));
	}

	private Instant start() {
		return Instant.parse("2026-11-24T10:00:00Z");
	}

	private static ChainResult.Resolved resolved(ChainResult result) {
		assertThat(result).isInstanceOf(ChainResult.Resolved.class);
		return (ChainResult.Resolved) result;
	}

	private static String username(ChainResult result) {
		return resolved(result).iceServers()
			.stream()
			.filter((server) -> server.username() != null)
			.map(IceServer::username)
			.findFirst()
			.orElseThrow();
	}

	private static Settings settings() {
		return new Settings(true, Duration.ofSeconds(3), Duration.ofSeconds(30));
	}

	private record Settings(boolean cache, Duration chainDeadline, Duration cooldown) {

		Settings deadline(Duration deadline) {
			return new Settings(this.cache, deadline, this.cooldown);
		}

		Settings cooldown(Duration cooldown) {
			return new Settings(this.cache, this.chainDeadline, cooldown);
		}

		Settings cacheOff() {
			return new Settings(false, this.chainDeadline, this.cooldown);
		}

		ResilienceProperties properties() {
			return new ResilienceProperties(
					this.cache ? ResilienceProperties.CacheMode.ON : ResilienceProperties.CacheMode.OFF, 0.5,
					this.chainDeadline, this.cooldown, 16);
		}

	}

}
