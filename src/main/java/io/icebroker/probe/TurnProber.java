package io.icebroker.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.icebroker.chain.Attempt;
import io.icebroker.chain.ChainResult;
import io.icebroker.chain.ProviderChain;
import io.icebroker.ice.IceServer;
import io.icebroker.probe.stun.LongTermCredential;
import io.icebroker.probe.stun.ProbeOutcome;
import io.icebroker.probe.stun.StunClient;
import io.icebroker.probe.stun.StunServer;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.Served;
import io.icebroker.provider.Outcome;
import io.icebroker.provider.ProviderConfiguration;

/**
 * Runs real STUN bindings and TURN allocations against what the chain serves now, or what
 * each configured provider serves. Providers are asked the way the chain asks them, so a
 * probe reuses cached credentials and never calls a provider whose circuit is open. The
 * URLs of a run are probed in parallel, each within its own bound.
 */
class TurnProber {

	/** The user id the probe asks providers for: recognisable in their logs and ours. */
	static final String PROBE_USER_ID = "icebroker-probe";

	private final ProviderChain chain;

	private final StunClient client;

	private final TurnProbeMetrics metrics;

	private final ProbeLog log = new ProbeLog();

	private final Executor urlProbes;

	TurnProber(ProviderChain chain, StunClient client, TurnProbeMetrics metrics, Executor urlProbes) {
		this.chain = chain;
		this.client = client;
		this.metrics = metrics;
		this.urlProbes = urlProbes;
	}

	List<String> providerIds() {
		return this.chain.providers().stream().map(IceServerProvider::id).toList();
	}

	/**
	 * Probe what {@code GET /turn/credentials} would serve now: the chain resolves for
	 * {@value #PROBE_USER_ID}, falling through as it does for clients.
	 */
	ProbeReport probeChain() {
		ChainResult result = this.chain.resolve(PROBE_USER_ID);
		List<ProviderAnswer> providers = result.attempts().stream().map(TurnProber::status).toList();
		if (!(result instanceof ChainResult.Resolved resolved)) {
			this.log.exhausted();
			return record(new ProbeReport("chain", providers, List.of()));
		}
		List<UrlProbe> urls = probeAll(resolved.provider(), resolved.iceServers());
		return record(new ProbeReport("chain", providers, urls));
	}

	/**
	 * Probe every configured provider, or one, by asking each directly for ICE servers.
	 * Unconfigured providers are listed, not called.
	 */
	ProbeReport probeProviders(Optional<String> only) {
		List<ProviderAnswer> providers = new ArrayList<>();
		List<UrlProbe> urls = new ArrayList<>();
		for (IceServerProvider provider : this.chain.providers()) {
			if (only.isPresent() && !only.get().equals(provider.id())) {
				continue;
			}
			ProviderConfiguration configuration = provider.configuration();
			if (!configuration.configured()) {
				providers.add(new ProviderAnswer(provider.id(), Outcome.NOT_CONFIGURED,
						Optional.of("missing " + String.join(", ", configuration.missing()))));
				continue;
			}
			ProviderResult answer = this.chain.fetch(provider, PROBE_USER_ID);
			List<IceServer> iceServers = (answer instanceof Served issued) ? issued.iceServers() : List.of();
			ProviderAnswer status = status(provider.id(), answer);
			providers.add(status);
			if (iceServers.isEmpty()) {
				this.log.nothingToProbe(status);
			}
			else {
				urls.addAll(probeAll(provider.id(), iceServers));
			}
		}
		return record(new ProbeReport(only.orElse("all"), providers, urls));
	}

	private ProbeReport record(ProbeReport report) {
		this.metrics.record(report);
		return report;
	}

	private List<UrlProbe> probeAll(String provider, List<IceServer> iceServers) {
		List<CompletableFuture<UrlProbe>> probes = new ArrayList<>();
		for (IceServer iceServer : iceServers) {
			Optional<LongTermCredential> credential = (iceServer.username() != null && iceServer.credential() != null)
					? Optional.of(new LongTermCredential(iceServer.username(), iceServer.credential()))
					: Optional.empty();
			for (String url : iceServer.urls()) {
				probes.add(CompletableFuture.supplyAsync(() -> probe(provider, url, credential), this.urlProbes));
			}
		}
		List<UrlProbe> results = probes.stream().map(CompletableFuture::join).toList();
		results.forEach(this.log::probed);
		if (results.stream().noneMatch(UrlProbe::turn)) {
			this.log.noTurnServed(provider);
		}
		return results;
	}

	private UrlProbe probe(String provider, String url, Optional<LongTermCredential> credential) {
		long started = System.nanoTime();
		Optional<StunServer> server = StunServer.parse(url);
		boolean turn = url.regionMatches(true, 0, "turn", 0, 4);
		if (server.isEmpty()) {
			return new UrlProbe(provider, url, turn, "unknown",
					new ProbeOutcome.ProtocolError("URL not supported by the probe"), Duration.ZERO);
		}
		ProbeOutcome outcome = this.client.probe(server.get(), credential);
		return new UrlProbe(provider, url, turn, server.get().transport().id(), outcome,
				Duration.ofNanos(System.nanoTime() - started));
	}

	private static ProviderAnswer status(Attempt attempt) {
		return status(attempt.provider(), attempt.answer());
	}

	private static ProviderAnswer status(String provider, ProviderResult answer) {
		Optional<String> message = (answer instanceof FellThrough fellThrough) ? Optional.of(fellThrough.message())
				: Optional.empty();
		return new ProviderAnswer(provider, answer.outcome(), message);
	}

}
