package io.icebroker.chain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.Served;
import io.icebroker.provider.Outcome;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.provider.ProviderOrder;

/**
 * Asks providers in the configured order until one serves. It knows no provider by name:
 * providers are beans found by id, and every step is logged here, once, for all of them.
 */
public class ProviderChain {

	private final List<IceServerProvider> providers;

	private final Set<String> configured;

	private final List<IceServerProvider> unlisted;

	private final List<IceServerProvider> unconfiguredPremium;

	private final Duration credentialTtl;

	private final List<ChainListener> listeners;

	private final UpstreamGuard guard;

	private final TurnLog log = new TurnLog();

	/**
	 * A chain that asks premium providers through a guard (cached credentials, one
	 * upstream call at a time, a deadline and cool-downs) and the free fallback directly,
	 * after the deadline if need be.
	 * @param available every provider bean
	 * @param properties the order and the requested lifetime
	 * @param listeners observers of attempts and answers
	 * @param guard the guard of premium providers
	 */
	public ProviderChain(List<IceServerProvider> available, TurnProperties properties, List<ChainListener> listeners,
			UpstreamGuard guard) {
		Map<String, IceServerProvider> byId = new LinkedHashMap<>();
		available.forEach((provider) -> byId.put(provider.id(), provider));
		ProviderOrder.requireKnown(properties.providerOrder(), byId.keySet());
		this.providers = properties.providerOrder().stream().map(byId::get).toList();
		// Configuration comes from immutable properties: read once, not on every request.
		this.configured = this.providers.stream()
			.filter((provider) -> provider.configuration().configured())
			.map(IceServerProvider::id)
			.collect(Collectors.toUnmodifiableSet());
		this.unlisted = byId.values().stream().filter((provider) -> !this.providers.contains(provider)).toList();
		this.unconfiguredPremium = this.providers.stream()
			.filter((provider) -> provider.premium() && !this.configured.contains(provider.id()))
			.toList();
		this.credentialTtl = properties.credentialTtl();
		this.listeners = List.copyOf(listeners);
		this.guard = guard;
	}

	/**
	 * The providers in the order they are asked.
	 * @return the ordered providers
	 */
	public List<IceServerProvider> providers() {
		return this.providers;
	}

	/**
	 * Log, once, what each provider's configuration allows.
	 */
	public void reportConfiguration() {
		for (int index = 0; index < this.providers.size(); index++) {
			IceServerProvider provider = this.providers.get(index);
			ProviderConfiguration configuration = provider.configuration();
			if (configuration.incomplete()) {
				this.log.incomplete(provider, configuration);
			}
			else if (!configuration.configured()) {
				this.log.notConfigured(provider, configuration);
			}
			else {
				this.log.configured(provider, index + 1);
			}
			configuration.warnings().forEach((warning) -> this.log.warning(provider, warning));
		}
		this.unlisted.stream()
			.filter((provider) -> provider.premium() && provider.configuration().configured())
			.forEach(this.log::notInOrder);
		if (this.providers.stream().allMatch(IceServerProvider::premium)) {
			this.log.noFallback(this.providers.stream().map(IceServerProvider::id).toList());
		}
		this.log.resilience(this.guard.resilience());
		reportCallsLongerThanTheDeadline();
	}

	/**
	 * A provider whose API call may outlast the deadline leaves the configured premium
	 * providers after it no time whenever it hangs.
	 */
	private void reportCallsLongerThanTheDeadline() {
		Duration budget = this.guard.premiumBudget();
		for (int index = 0; index < this.providers.size(); index++) {
			IceServerProvider provider = this.providers.get(index);
			List<IceServerProvider> after = this.providers.subList(index + 1, this.providers.size())
				.stream()
				.filter((next) -> next.premium() && this.configured.contains(next.id()))
				.toList();
			if (!this.configured.contains(provider.id()) || after.isEmpty()) {
				continue;
			}
			provider.longestCall()
				.filter((longest) -> longest.duration().compareTo(budget) >= 0)
				.ifPresent((longest) -> this.log.callOutlastsDeadline(provider, longest,
						this.guard.resilience().chainDeadline(), after));
		}
	}

	/**
	 * Ask providers in order until one serves.
	 * @param userId a validated user id
	 * @return the served ICE servers, or every reason the providers gave
	 */
	public ChainResult resolve(String userId) {
		ChainResult result = walk(userId);
		this.listeners.forEach((listener) -> listener.answered(result));
		return result;
	}

	/**
	 * Ask one provider as the chain would, without walking on or logging: through its
	 * guard, so that cached credentials are reused while they are valid and a provider
	 * whose circuit is open is not called.
	 * @param provider one of the chain's providers
	 * @param userId a validated user id
	 * @return its credentials, or why it fell through
	 */
	public ProviderResult fetch(IceServerProvider provider, String userId) {
		return this.guard.fetch(provider, CredentialRequest.of(userId, this.credentialTtl), this.guard.premiumBudget());
	}

	private ChainResult walk(String userId) {
		List<Attempt> attempts = new ArrayList<>();
		RequestTrace trace = new RequestTrace(userId);
		long deadline = System.nanoTime() + this.guard.premiumBudget().toNanos();
		for (IceServerProvider provider : this.providers) {
			if (!this.configured.contains(provider.id())) {
				this.log.skippedNotConfigured(provider);
				record(attempts, new Attempt(provider.id(), FellThrough.notConfigured(), Duration.ZERO, false));
				continue;
			}
			ProviderCall call = trace.call(provider);
			long started = System.nanoTime();
			ProviderResult answer = ask(provider, new CredentialRequest(userId, this.credentialTtl, call::announce),
					deadline - started);
			// A call the request no longer waits for must not log into it.
			call.close();
			Duration duration = Duration.ofNanos(System.nanoTime() - started);
			Attempt attempt = new Attempt(provider.id(), answer, duration, call.announced());
			if (answer instanceof Served issued) {
				logServed(provider, userId, issued, attempts, attempt, trace);
				record(attempts, attempt);
				return new ChainResult.Resolved(provider.id(), issued.iceServers(), issued.expiresAt(),
						List.copyOf(attempts));
			}
			FellThrough fellThrough = (FellThrough) answer;
			if (fellThrough.outcome() == Outcome.CIRCUIT_OPEN) {
				trace.skipped(provider);
			}
			else {
				trace.flushSkips();
				if (fellThrough.outcome() == Outcome.NOT_TRIED) {
					this.log.notTried(provider, userId, this.guard.resilience().chainDeadline());
				}
				else {
					this.log.error(provider, userId, fellThrough, duration);
				}
			}
			record(attempts, attempt);
		}
		trace.flushSkips();
		this.log.exhausted(userId, attempts);
		return new ChainResult.Exhausted(List.copyOf(attempts));
	}

	private ProviderResult ask(IceServerProvider provider, CredentialRequest request, long budgetNanos) {
		if (provider.premium() && budgetNanos <= 0) {
			// Earlier providers used the whole deadline: this one is not called, and not
			// blamed.
			return FellThrough.notTried();
		}
		return this.guard.fetch(provider, request, Duration.ofNanos(Math.max(0, budgetNanos)));
	}

	private void record(List<Attempt> attempts, Attempt attempt) {
		attempts.add(attempt);
		this.listeners.forEach((listener) -> listener.attempted(attempt));
	}

	private void logServed(IceServerProvider provider, String userId, Served issued, List<Attempt> earlier,
			Attempt attempt, RequestTrace trace) {
		if (attempt.upstreamCalled()) {
			this.log.created(provider, userId, attempt.duration());
			this.log.received(provider, userId, issued.received(),
					issued.iceServers().stream().mapToInt((server) -> server.urls().size()).sum());
		}
		else if (!provider.premium()) {
			this.log.fallback(provider, userId, earlier, trace.takeSkips(), this.unconfiguredPremium);
		}
		else {
			this.log.servedWithoutUpstreamCall(provider, userId, attempt.outcome(), trace.takeSkips());
		}
	}

	/**
	 * The log lines one request has written so far: "Generating credentials" is written
	 * once, before the first upstream call, and providers skipped for an open circuit are
	 * folded into the answer's line when nothing else was written, so a request served
	 * without an upstream call stays a single line. Announcements arrive from the
	 * upstream pool's threads, hence the locks.
	 */
	private final class RequestTrace {

		private final String userId;

		private final List<IceServerProvider> pendingSkips = new ArrayList<>();

		private boolean generatingLogged;

		private boolean written;

		private RequestTrace(String userId) {
			this.userId = userId;
		}

		ProviderCall call(IceServerProvider provider) {
			return new ProviderCall(this, provider);
		}

		synchronized void announce(IceServerProvider provider) {
			if (!this.generatingLogged) {
				ProviderChain.this.log.generating(this.userId);
				this.generatingLogged = true;
			}
			flushSkips();
			ProviderChain.this.log.detected(provider, this.userId);
			ProviderChain.this.log.calling(provider, this.userId);
		}

		synchronized void skipped(IceServerProvider provider) {
			if (this.written) {
				ProviderChain.this.log.circuitOpen(provider, this.userId);
			}
			else {
				this.pendingSkips.add(provider);
			}
		}

		synchronized void flushSkips() {
			this.pendingSkips.forEach((provider) -> ProviderChain.this.log.circuitOpen(provider, this.userId));
			this.pendingSkips.clear();
			this.written = true;
		}

		synchronized List<IceServerProvider> takeSkips() {
			List<IceServerProvider> skips = List.copyOf(this.pendingSkips);
			this.pendingSkips.clear();
			return skips;
		}

	}

	private static final class ProviderCall {

		private final RequestTrace trace;

		private final IceServerProvider provider;

		private boolean announced;

		private boolean closed;

		private ProviderCall(RequestTrace trace, IceServerProvider provider) {
			this.trace = trace;
			this.provider = provider;
		}

		synchronized void announce() {
			if (!this.announced && !this.closed) {
				this.announced = true;
				this.trace.announce(this.provider);
			}
		}

		synchronized void close() {
			this.closed = true;
		}

		synchronized boolean announced() {
			return this.announced;
		}

	}

}
