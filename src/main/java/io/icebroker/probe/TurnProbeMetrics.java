package io.icebroker.probe;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code turn_probe_success{provider,transport}} (1 when every TURN URL relayed in the
 * latest probe) and {@code turn_probe_duration_seconds}. STUN URLs prove no relay and are
 * not counted; no URL, user or error text becomes a tag.
 */
class TurnProbeMetrics {

	private final MeterRegistry registry;

	private final Map<Key, AtomicInteger> success = new ConcurrentHashMap<>();

	TurnProbeMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * A provider that was asked but served no TURN URL this time has each of its earlier
	 * gauges set to 0, so that none stays at a stale 1.
	 */
	void record(ProbeReport report) {
		for (ProviderAnswer provider : report.providers()) {
			if (!provider.configured()) {
				continue;
			}
			List<UrlProbe> turnUrls = report.urls()
				.stream()
				.filter((probe) -> probe.turn() && probe.provider().equals(provider.provider()))
				.toList();
			Map<String, Boolean> allRelayed = turnUrls.stream()
				.collect(Collectors.groupingBy(UrlProbe::transport,
						Collectors.reducing(true, UrlProbe::relayed, Boolean::logicalAnd)));
			allRelayed.forEach((transport, relayed) -> gauge(provider.provider(), transport).set(relayed ? 1 : 0));
			Set<String> probed = allRelayed.keySet();
			this.success.forEach((key, value) -> {
				if (key.provider().equals(provider.provider()) && !probed.contains(key.transport())) {
					value.set(0);
				}
			});
			turnUrls.forEach((probe) -> timer(probe).record(probe.duration()));
		}
	}

	private AtomicInteger gauge(String provider, String transport) {
		return this.success.computeIfAbsent(new Key(provider, transport), (key) -> {
			AtomicInteger value = new AtomicInteger();
			Gauge.builder("turn.probe.success", value, AtomicInteger::get)
				.description("1 when every TURN URL of the provider and transport relayed in the latest probe")
				.tag("provider", provider)
				.tag("transport", transport)
				.register(this.registry);
			return value;
		});
	}

	private Timer timer(UrlProbe probe) {
		return Timer.builder("turn.probe.duration")
			.description("How long probing one TURN URL took, allocation and release included")
			.tag("provider", probe.provider())
			.tag("transport", probe.transport())
			.publishPercentileHistogram()
			.register(this.registry);
	}

	private record Key(String provider, String transport) {
	}

}
