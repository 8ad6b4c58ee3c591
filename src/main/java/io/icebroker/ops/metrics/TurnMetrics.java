package io.icebroker.ops.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.icebroker.chain.Attempt;
import io.icebroker.chain.ChainListener;
import io.icebroker.chain.ChainResult;
import io.icebroker.chain.TurnProperties;
import io.icebroker.provider.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Counts what the chain does, under the Prometheus names of docs/contract.md, section 4.
 * Tags are the provider id and the outcome only: both come from bounded sets, so no user
 * id, URL or error text can multiply the series.
 */
@Component
class TurnMetrics implements ChainListener {

	static final String REQUESTS = "turn.credentials.requests";

	static final String ATTEMPTS = "turn.provider.attempts";

	static final String UPSTREAM_LATENCY = "turn.provider.request";

	// API calls take tens of milliseconds to a few seconds; twilio-java's own retries of
	// a 5xx answer can stretch one attempt towards ten.
	private static final Duration[] LATENCY_BUCKETS = { Duration.ofMillis(25), Duration.ofMillis(50),
			Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
			Duration.ofSeconds(2), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10) };

	private final MeterRegistry registry;

	private final Map<String, Counter> requests = new ConcurrentHashMap<>();

	// By provider, then by outcome: read on every request, without building a key.
	private final Map<String, Map<Outcome, Counter>> attempts = new ConcurrentHashMap<>();

	private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

	TurnMetrics(MeterRegistry registry, TurnProperties properties) {
		this.registry = registry;
		for (String provider : properties.providerOrder()) {
			requestCounter(provider);
			// Every outcome up front, so that dashboards and alerts see zeros rather than
			// missing series.
			for (Outcome outcome : Outcome.values()) {
				attemptCounter(provider, outcome);
			}
		}
	}

	@Override
	public void attempted(Attempt attempt) {
		attemptCounter(attempt.provider(), attempt.outcome()).increment();
		if (attempt.upstreamCalled()) {
			latency(attempt.provider()).record(attempt.duration());
		}
	}

	@Override
	public void answered(ChainResult result) {
		if (result instanceof ChainResult.Resolved resolved) {
			requestCounter(resolved.provider()).increment();
		}
	}

	private Counter requestCounter(String provider) {
		Counter counter = this.requests.get(provider);
		if (counter != null) {
			return counter;
		}
		return this.requests.computeIfAbsent(provider,
				(key) -> Counter.builder(REQUESTS)
					.description("Credential responses served, by the provider that served them")
					.tag("provider", provider)
					.register(this.registry));
	}

	private Counter attemptCounter(String provider, Outcome outcome) {
		Map<Outcome, Counter> byOutcome = this.attempts.get(provider);
		if (byOutcome == null) {
			byOutcome = this.attempts.computeIfAbsent(provider, (key) -> new ConcurrentHashMap<>());
		}
		Counter counter = byOutcome.get(outcome);
		if (counter != null) {
			return counter;
		}
		return byOutcome.computeIfAbsent(outcome,
				(key) -> Counter.builder(ATTEMPTS)
					.description("Provider attempts, by provider and outcome")
					.tag("provider", provider)
					.tag("outcome", outcome.tag())
					.register(this.registry));
	}

	// Registered on the first call, so that providers that never call an API (the
	// fallback, a shared-secret coturn) export no empty histogram.
	private Timer latency(String provider) {
		return this.latencies.computeIfAbsent(provider,
				(key) -> Timer.builder(UPSTREAM_LATENCY)
					.description("Latency of calls to a provider's remote API")
					.tag("provider", provider)
					.serviceLevelObjectives(LATENCY_BUCKETS)
					.register(this.registry));
	}

}
