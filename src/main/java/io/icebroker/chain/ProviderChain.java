package io.icebroker.chain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.Served;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.provider.ProviderOrder;
import org.jspecify.annotations.Nullable;

/**
 * Asks providers in the configured order until one serves. It knows no provider by name:
 * providers are beans found by id, and every step is logged here, once, for all of them.
 */
public class ProviderChain {

	private final List<IceServerProvider> providers;

	private final Set<String> configured;

	private final List<IceServerProvider> unlisted;

	private final List<IceServerProvider> unconfiguredPremium;

	private final List<ChainListener> listeners;

	private final UpstreamGuard guard;

	private final TurnLog log;

	ProviderChain(List<IceServerProvider> available, TurnProperties properties, List<ChainListener> listeners,
			UpstreamGuard guard, TurnLog log) {
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
		this.listeners = List.copyOf(listeners);
		this.guard = guard;
		this.log = log;
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
	 * Ask providers in order until one serves: skip those not configured, and premium
	 * ones once the deadline is spent; ask the others through the guard; log and count
	 * each step; answer.
	 * @param userId a validated user id
	 * @return the served ICE servers, or every reason the providers gave
	 */
	public ChainResult resolve(String userId) {
		List<Attempt> attempts = new ArrayList<>(this.providers.size());
		RequestLines lines = new RequestLines(userId);
		long deadline = System.nanoTime() + this.guard.premiumBudget().toNanos();
		for (IceServerProvider provider : this.providers) {
			long started = System.nanoTime();
			ProviderResult answer;
			if (!this.configured.contains(provider.id())) {
				answer = FellThrough.notConfigured();
			}
			else if (provider.premium() && deadline - started <= 0) {
				// Earlier providers spent the deadline: not called, and not blamed.
				answer = FellThrough.notTried();
			}
			else {
				answer = this.guard.fetch(provider, userId, Duration.ofNanos(Math.max(0, deadline - started)),
						() -> lines.calling(provider));
			}
			Attempt attempt = new Attempt(provider.id(), answer, Duration.ofNanos(System.nanoTime() - started),
					lines.called(provider));
			if (answer instanceof Served served) {
				lines.served(provider, served, attempt, attempts);
				record(attempts, attempt);
				return answered(new ChainResult.Resolved(provider.id(), served.iceServers(), served.expiresAt(),
						List.copyOf(attempts)));
			}
			lines.fellThrough(provider, (FellThrough) answer, attempt);
			record(attempts, attempt);
		}
		lines.flushSkips();
		this.log.exhausted(userId, attempts);
		return answered(new ChainResult.Exhausted(List.copyOf(attempts)));
	}

	/**
	 * Ask one provider as the chain would, without walking on or logging: through the
	 * guard, so that cached credentials are reused while they are valid and a provider
	 * whose circuit is open is not called.
	 * @param provider one of the chain's providers
	 * @param userId a validated user id
	 * @return its credentials, or why it fell through
	 */
	public ProviderResult fetch(IceServerProvider provider, String userId) {
		return this.guard.fetch(provider, userId, this.guard.premiumBudget(), () -> {
		});
	}

	private ChainResult answered(ChainResult result) {
		this.listeners.forEach((listener) -> listener.answered(result));
		return result;
	}

	private void record(List<Attempt> attempts, Attempt attempt) {
		attempts.add(attempt);
		this.listeners.forEach((listener) -> listener.attempted(attempt));
	}

	/**
	 * The log lines of one request: "Generating credentials" once, before its first
	 * upstream call; providers skipped for an open circuit folded into the answer's line
	 * when nothing else was written, so that a request served without an upstream call
	 * stays a single line.
	 */
	private final class RequestLines {

		private final String userId;

		private final List<IceServerProvider> pendingSkips = new ArrayList<>(2);

		private @Nullable IceServerProvider called;

		private boolean generatingLogged;

		private boolean written;

		RequestLines(String userId) {
			this.userId = userId;
		}

		void calling(IceServerProvider provider) {
			if (!this.generatingLogged) {
				ProviderChain.this.log.generating(this.userId);
				this.generatingLogged = true;
			}
			flushSkips();
			this.called = provider;
			ProviderChain.this.log.detected(provider, this.userId);
			ProviderChain.this.log.calling(provider, this.userId);
		}

		boolean called(IceServerProvider provider) {
			return this.called == provider;
		}

		void fellThrough(IceServerProvider provider, FellThrough fellThrough, Attempt attempt) {
			switch (fellThrough.outcome()) {
				case NOT_CONFIGURED -> ProviderChain.this.log.skippedNotConfigured(provider);
				case CIRCUIT_OPEN -> {
					if (this.written) {
						ProviderChain.this.log.circuitOpen(provider, this.userId);
					}
					else {
						this.pendingSkips.add(provider);
					}
				}
				case NOT_TRIED -> {
					flushSkips();
					ProviderChain.this.log.notTried(provider, this.userId,
							ProviderChain.this.guard.resilience().chainDeadline());
				}
				default -> {
					flushSkips();
					ProviderChain.this.log.error(provider, this.userId, fellThrough, attempt.duration());
				}
			}
		}

		void served(IceServerProvider provider, Served served, Attempt attempt, List<Attempt> earlier) {
			TurnLog log = ProviderChain.this.log;
			if (attempt.upstreamCalled()) {
				log.created(provider, this.userId, attempt.duration());
				log.received(provider, this.userId, served.received(),
						served.iceServers().stream().mapToInt((server) -> server.urls().size()).sum());
			}
			else if (!provider.premium()) {
				log.fallback(provider, this.userId, earlier, takeSkips(), ProviderChain.this.unconfiguredPremium);
			}
			else {
				log.servedWithoutUpstreamCall(provider, this.userId, attempt.outcome(), takeSkips());
			}
		}

		void flushSkips() {
			this.pendingSkips.forEach((provider) -> ProviderChain.this.log.circuitOpen(provider, this.userId));
			this.pendingSkips.clear();
			this.written = true;
		}

		private List<IceServerProvider> takeSkips() {
			List<IceServerProvider> skips = List.copyOf(this.pendingSkips);
			this.pendingSkips.clear();
			return skips;
		}

	}

}
