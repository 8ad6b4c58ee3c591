package io.icebroker.probe;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.icebroker.TestSecrets;
import io.icebroker.chain.ProviderChain;
import io.icebroker.chain.TestChains;
import io.icebroker.chain.TurnProperties;
import io.icebroker.ice.IceServer;
import io.icebroker.probe.stun.ProbeOutcome;
import io.icebroker.probe.stun.StunClient;
import io.icebroker.probe.stun.StunClientSettings;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.LongestCall;
import io.icebroker.provider.Outcome;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;
import io.icebroker.testsupport.CoturnServer;
import io.icebroker.testsupport.TurnRestCredential;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prober over a chain of scripted providers, the TURN ones pointing at a real coturn.
 */
class TurnProberTests {

	private static CoturnServer coturn;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final FakeProvider premium = new FakeProvider("premium", true);

	private final FakeProvider unconfigured = new FakeProvider("unconfigured", true);

	private final FakeProvider fallback = new FakeProvider("fallback", false);

	private final ThreadPoolTaskExecutor urlProbes = new ThreadPoolTaskExecutor();

	private TurnProber prober;

	@BeforeAll
	static void startCoturn() throws IOException {
		coturn = CoturnServer.start(TestSecrets.COTURN_SECRET);
	}

	@AfterAll
	static void stopCoturn() {
		coturn.close();
	}

	TurnProberTests() {
		this.unconfigured.configuration = ProviderConfiguration.builder().require("UNCONFIGURED_KEY", null).build();
		this.fallback.result.set(() -> new Served(List.of(new IceServer(List.of(coturn.stunUrl()), null, null)),
				Optional.empty(), Served.Source.LOCAL));
		ProviderChain chain = TestChains.chain(List.of(this.premium, this.unconfigured, this.fallback),
				new TurnProperties(List.of("premium", "unconfigured", "fallback"), Duration.ofHours(1), 4));
		this.urlProbes.initialize();
		this.prober = prober(chain);
	}

	private TurnProber proberOf(FakeProvider premium) {
		return prober(TestChains.chain(List.of(premium, this.fallback),
				new TurnProperties(List.of("premium", "fallback"), Duration.ofHours(1), 4)));
	}

	private TurnProber prober(ProviderChain chain) {
		return new TurnProber(chain,
				new StunClient(StunClientSettings.withTimeout(Duration.ofSeconds(2)), ForkJoinPool.commonPool()),
				new TurnProbeMetrics(this.registry), this.urlProbes);
	}

	@AfterEach
	void stopUrlProbes() {
		this.urlProbes.shutdown();
	}

	@Test
	void probesEveryConfiguredProviderAndListsTheOthersWithoutCallingThem() {
		this.premium.serves(TestSecrets.COTURN_SECRET, "udp", "tcp");

		ProbeReport report = this.prober.probeProviders(Optional.empty());

		assertThat(report.providers()).containsExactly(new ProviderAnswer("premium", Outcome.SUCCESS, Optional.empty()),
				new ProviderAnswer("unconfigured", Outcome.NOT_CONFIGURED, Optional.of("missing UNCONFIGURED_KEY")),
				new ProviderAnswer("fallback", Outcome.SUCCESS, Optional.empty()));
		assertThat(this.unconfigured.calls).hasValue(0);
		assertThat(report.urls()).extracting(UrlProbe::provider, UrlProbe::transport, UrlProbe::relayed)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("premium", "udp", true),
					org.assertj.core.groups.Tuple.tuple("premium", "tcp", true),
					org.assertj.core.groups.Tuple.tuple("fallback", "udp", false));
		assertThat(report.urls().get(2).outcome()).isInstanceOf(ProbeOutcome.Bound.class);
		assertThat(report.relayWorks()).isTrue();
		assertThat(this.premium.lastRequest.get().userId()).isEqualTo(TurnProber.PROBE_USER_ID);
	}

	@Test
	void probesWhatTheChainServesNow() {
		this.premium.result.set(() -> FellThrough.timeout("Timed out"));

		ProbeReport report = this.prober.probeChain();

		assertThat(report.scope()).isEqualTo("chain");
		assertThat(report.providers()).extracting(ProviderAnswer::provider, ProviderAnswer::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("premium", Outcome.TIMEOUT),
					org.assertj.core.groups.Tuple.tuple("unconfigured", Outcome.NOT_CONFIGURED),
					org.assertj.core.groups.Tuple.tuple("fallback", Outcome.SUCCESS));
		assertThat(report.urls()).singleElement().satisfies((probe) -> {
			assertThat(probe.provider()).isEqualTo("fallback");
			assertThat(probe.turn()).isFalse();
		});
		assertThat(report.relayWorks()).isFalse();
	}

	@Test
	void reportsWhyAProviderFellThrough() {
		this.premium.result.set(() -> FellThrough.httpError(401, "Authentication failed", java.util.Map.of()));

		ProbeReport report = this.prober.probeProviders(Optional.of("premium"));

		assertThat(report.scope()).isEqualTo("premium");
		assertThat(report.providers())
			.containsExactly(new ProviderAnswer("premium", Outcome.ERROR, Optional.of("Authentication failed")));
		assertThat(report.urls()).isEmpty();
	}

	@Test
	void reportsAProviderThatThrowsWithoutItsMessage() {
		this.premium.result.set(() -> {
			throw new IllegalStateException("boom " + TestSecrets.COTURN_SECRET);
		});

		ProbeReport report = this.prober.probeProviders(Optional.of("premium"));

		assertThat(report.providers())
			.containsExactly(new ProviderAnswer("premium", Outcome.ERROR, Optional.of("Unexpected failure")));
	}

	@Test
	void turnsTheSuccessGaugeToZeroWhenAProviderStopsRelaying() {
		this.premium.serves(TestSecrets.COTURN_SECRET, "udp", "tcp");
		this.prober.probeProviders(Optional.empty());
		assertThat(gauge("premium", "udp")).isEqualTo(1);
		assertThat(gauge("premium", "tcp")).isEqualTo(1);

		this.premium.serves("not-the-coturn-secret", "udp");
		this.prober.probeProviders(Optional.empty());
		assertThat(gauge("premium", "udp")).isZero();
		assertThat(gauge("premium", "tcp")).as("not served any more").isZero();

		this.premium.serves(TestSecrets.COTURN_SECRET, "udp");
		this.prober.probeProviders(Optional.empty());
		assertThat(gauge("premium", "udp")).isEqualTo(1);
		assertThat(this.registry.get("turn.probe.duration")
			.tags("provider", "premium", "transport", "udp")
			.timer()
			.count()).isEqualTo(3);
		assertThat(this.registry.find("turn.probe.success").tag("provider", "fallback").gauges())
			.as("STUN proves no relay")
			.isEmpty();
	}

	@Test
	void reportsAnExhaustedChainWithNothingToProbe() {
		ProviderChain premiumOnly = TestChains.chain(List.of(this.premium),
				new TurnProperties(List.of("premium"), Duration.ofHours(1), 4));
		this.premium.result.set(() -> FellThrough.timeout("Timed out"));
		ProbeReport report = prober(premiumOnly).probeChain();

		assertThat(report.urls()).isEmpty();
		assertThat(report.relayWorks()).isFalse();
		assertThat(report.providers()).singleElement().extracting(ProviderAnswer::outcome).isEqualTo(Outcome.TIMEOUT);
	}

	@Test
	void reusesTheCredentialsTheChainCachedInsteadOfMintingAgain() {
		FakeProvider api = FakeProvider.remote("premium");
		TurnProber prober = proberOf(api);
		api.serves(TestSecrets.COTURN_SECRET, "udp");
		prober.probeProviders(Optional.of("premium"));

		ProbeReport again = prober.probeProviders(Optional.of("premium"));

		assertThat(api.calls).hasValue(1);
		assertThat(again.relayWorks()).isTrue();
	}

	@Test
	void doesNotCallAProviderWhoseCircuitIsOpen() {
		FakeProvider api = FakeProvider.remote("premium");
		TurnProber prober = proberOf(api);
		api.result.set(() -> FellThrough.httpError(503, "Server error (503)", java.util.Map.of()));
		prober.probeProviders(Optional.of("premium"));

		ProbeReport report = prober.probeProviders(Optional.of("premium"));

		assertThat(api.calls).hasValue(1);
		assertThat(report.providers()).singleElement()
			.extracting(ProviderAnswer::outcome)
			.isEqualTo(Outcome.CIRCUIT_OPEN);
	}

	@Test
	void reportsAUrlTheProbeCannotRead() {
		TurnRestCredential credential = TurnRestCredential.validFor(TestSecrets.COTURN_SECRET, "probe",
				Duration.ofHours(1));
		this.premium.result.set(() -> Served
			.fromUpstream(List.of(new IceServer(List.of("turns:127.0.0.1:" + coturn.port() + "?transport=udp"),
					credential.username(), credential.password())), Instant.now().plusSeconds(3600)));

		ProbeReport report = this.prober.probeProviders(Optional.of("premium"));

		assertThat(report.urls()).singleElement().satisfies((probe) -> {
			assertThat(probe.transport()).isEqualTo("unknown");
			assertThat(probe.outcome()).isEqualTo(new ProbeOutcome.ProtocolError("URL not supported by the probe"));
		});
	}

	private double gauge(String provider, String transport) {
		return this.registry.get("turn.probe.success")
			.tags("provider", provider, "transport", transport)
			.gauge()
			.value();
	}

	private static final class FakeProvider implements IceServerProvider {

		private final String id;

		private final boolean premium;

		private final AtomicReference<java.util.function.Supplier<ProviderResult>> result = new AtomicReference<>(
				() -> FellThrough.error("Not scripted", java.util.Map.of()));

		private final AtomicInteger calls = new AtomicInteger();

		private final AtomicReference<CredentialRequest> lastRequest = new AtomicReference<>();

		private ProviderConfiguration configuration = ProviderConfiguration.builder().build();

		private final boolean remote;

		FakeProvider(String id, boolean premium) {
			this(id, premium, false);
		}

		private FakeProvider(String id, boolean premium, boolean remote) {
			this.id = id;
			this.premium = premium;
			this.remote = remote;
		}

		/**
		 * A premium provider that mints from a remote API, so that the chain caches what
		 * it serves and cools it down after a failure.
		 */
		static FakeProvider remote(String id) {
			return new FakeProvider(id, true, true);
		}

		void serves(String secret, String... transports) {
			TurnRestCredential credential = TurnRestCredential.validFor(secret, "probe", Duration.ofHours(1));
			List<String> urls = java.util.Arrays.stream(transports).map(coturn::turnUrl).toList();
			this.result.set(() -> Served.fromUpstream(
					List.of(new IceServer(urls, credential.username(), credential.password())),
					Instant.now().plusSeconds(3600)));
		}

		@Override
		public String id() {
			return this.id;
		}

		@Override
		public String displayName() {
			return this.id;
		}

		@Override
		public boolean premium() {
			return this.premium;
		}

		// A provider with a remote API is asked through the chain's guard.
		@Override
		public java.util.Optional<LongestCall> longestCall() {
			return this.remote ? java.util.Optional.of(LongestCall.of("PREMIUM", Duration.ofSeconds(1), Duration.ZERO))
					: java.util.Optional.empty();
		}

		@Override
		public ProviderConfiguration configuration() {
			return this.configuration;
		}

		@Override
		public ProviderResult fetch(CredentialRequest request) {
			this.calls.incrementAndGet();
			this.lastRequest.set(request);
			return this.result.get().get();
		}

	}

}
