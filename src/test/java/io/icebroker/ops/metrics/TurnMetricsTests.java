package io.icebroker.ops.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.icebroker.chain.Attempt;
import io.icebroker.chain.ChainResult;
import io.icebroker.chain.TurnProperties;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.Served;
import io.icebroker.provider.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TurnMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final TurnMetrics metrics = new TurnMetrics(this.registry,
			new TurnProperties(List.of("cloudflare", "twilio", "free-public-turn"), Duration.ofDays(1), 4));

	@Test
	void registersEveryOutcomeOfEveryProviderUpFront() {
		assertThat(this.registry.find(TurnMetrics.ATTEMPTS).counters()).hasSize(3 * Outcome.values().length)
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
		assertThat(this.registry.find(TurnMetrics.REQUESTS).counters()).hasSize(3);
		assertThat(this.registry.find(TurnMetrics.UPSTREAM_LATENCY).timers()).isEmpty();
	}

	@Test
	void recordsLatencyOfUpstreamCallsWhateverTheirOutcome() {
		this.metrics
			.attempted(new Attempt("cloudflare", FellThrough.timeout("Timed out"), Duration.ofSeconds(2), true));
		this.metrics.attempted(new Attempt("twilio", upstream(), Duration.ofMillis(120), true));
		assertThat(this.registry.get(TurnMetrics.UPSTREAM_LATENCY).tag("provider", "cloudflare").timer().count())
			.isOne();
		assertThat(this.registry.get(TurnMetrics.ATTEMPTS)
			.tags("provider", "cloudflare", "outcome", "timeout")
			.counter()
			.count()).isOne();
		assertThat(this.registry.get(TurnMetrics.UPSTREAM_LATENCY).tag("provider", "twilio").timer().count()).isOne();
	}

	@Test
	void doesNotTimeAnswersMadeWithoutAnUpstreamCall() {
		this.metrics.attempted(new Attempt("cloudflare", FellThrough.notConfigured(), Duration.ZERO, false));
		this.metrics.attempted(new Attempt("twilio",
				new Served(List.of(), Optional.of(Instant.now()), Served.Source.CACHE), Duration.ofNanos(5), false));
		assertThat(this.registry.find(TurnMetrics.UPSTREAM_LATENCY).timers()).isEmpty();
		assertThat(this.registry.get(TurnMetrics.ATTEMPTS)
			.tags("provider", "twilio", "outcome", "cached")
			.counter()
			.count()).isOne();
	}

	@Test
	void countsAResponseForTheProviderThatServedItOnly() {
		Attempt skipped = new Attempt("cloudflare", FellThrough.notConfigured(), Duration.ZERO, false);
		Attempt served = new Attempt("twilio", upstream(), Duration.ofMillis(80), true);
		this.metrics
			.answered(new ChainResult.Resolved("twilio", List.of(), Optional.empty(), List.of(skipped, served)));
		this.metrics.answered(new ChainResult.Exhausted(List.of(skipped)));
		assertThat(this.registry.get(TurnMetrics.REQUESTS).tag("provider", "twilio").counter().count()).isOne();
		assertThat(this.registry.get(TurnMetrics.REQUESTS).tag("provider", "cloudflare").counter().count()).isZero();
	}

	private static Served upstream() {
		return new Served(List.of(), Optional.of(Instant.now().plusSeconds(3600)), Served.Source.UPSTREAM);
	}

}
