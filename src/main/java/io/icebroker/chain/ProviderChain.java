package io.icebroker.chain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.icebroker.ice.IceServer;
import io.icebroker.ice.IceServerSanitizer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.ProviderConfiguration;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;

/**
 * Asks providers in the configured order until one serves. It knows no provider by name:
 * providers are beans found by id, and every step is logged and sanitized here, once, for
 * all of them.
 */
public class ProviderChain {

	private final List<IceServerProvider> providers;

	private final List<IceServerProvider> unlisted;

	private final IceServerSanitizer sanitizer;

	private final Duration credentialTtl;

	private final List<ChainListener> listeners;

	private final TurnLog log = new TurnLog();

	public ProviderChain(List<IceServerProvider> available, TurnProperties properties, IceServerSanitizer sanitizer) {
		this(available, properties, sanitizer, List.of());
	}

	public ProviderChain(List<IceServerProvider> available, TurnProperties properties, IceServerSanitizer sanitizer,
			List<ChainListener> listeners) {
		Map<String, IceServerProvider> byId = new LinkedHashMap<>();
		available.forEach((provider) -> byId.put(provider.id(), provider));
		List<String> unknown = properties.providerOrder().stream().filter((id) -> !byId.containsKey(id)).toList();
		if (!unknown.isEmpty()) {
			throw new IllegalStateException("TURN_PROVIDER_ORDER names unknown provider(s) " + unknown
					+ "; known providers are " + byId.keySet());
		}
		this.providers = properties.providerOrder().stream().map(byId::get).toList();
		this.unlisted = byId.values().stream().filter((provider) -> !this.providers.contains(provider)).toList();
		this.sanitizer = sanitizer;
		this.credentialTtl = properties.credentialTtl();
		this.listeners = List.copyOf(listeners);
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

	private ChainResult walk(String userId) {
		List<Attempt> attempts = new ArrayList<>();
		RequestTrace trace = new RequestTrace(userId);
		for (IceServerProvider provider : this.providers) {
			if (!provider.configuration().configured()) {
				this.log.skippedNotConfigured(provider);
				record(attempts, new Attempt(provider.id(), FellThrough.notConfigured(), Duration.ZERO, false));
				continue;
			}
			ProviderCall call = trace.call(provider);
			long started = System.nanoTime();
			ProviderResult result = fetch(provider, new CredentialRequest(userId, this.credentialTtl, call::announce));
			Duration duration = Duration.ofNanos(System.nanoTime() - started);
			List<IceServer> iceServers = List.of();
			if (result instanceof Served served) {
				iceServers = this.sanitizer.sanitize(served.iceServers());
				if (iceServers.isEmpty()) {
					result = FellThrough.empty();
				}
			}
			Attempt attempt = new Attempt(provider.id(), result, duration, call.announced());
			if (result instanceof Served served) {
				logServed(provider, userId, served, iceServers, attempts, attempt);
				record(attempts, attempt);
				return new ChainResult.Resolved(provider.id(), iceServers, served.expiresAt(), List.copyOf(attempts));
			}
			this.log.error(provider, userId, (FellThrough) result, duration);
			record(attempts, attempt);
		}
		this.log.exhausted(userId, attempts);
		return new ChainResult.Exhausted(List.copyOf(attempts));
	}

	private void record(List<Attempt> attempts, Attempt attempt) {
		attempts.add(attempt);
		this.listeners.forEach((listener) -> listener.attempted(attempt));
	}

	private void logServed(IceServerProvider provider, String userId, Served served, List<IceServer> iceServers,
			List<Attempt> earlier, Attempt attempt) {
		if (attempt.upstreamCalled()) {
			this.log.created(provider, userId, attempt.duration());
			this.log.received(provider, userId, served.iceServers().size(),
					iceServers.stream().mapToInt((server) -> server.urls().size()).sum());
		}
		else if (!provider.premium()) {
			this.log.fallback(provider, userId, earlier);
		}
		else {
			this.log.servedWithoutUpstreamCall(provider, userId, attempt.outcome());
		}
	}

	private static ProviderResult fetch(IceServerProvider provider, CredentialRequest request) {
		try {
			return provider.fetch(request);
		}
		catch (RuntimeException ex) {
			// A provider bug must not cost the client its answer; the class name says
			// where to look, the
			// message might carry a URL or a secret, so it stays out.
			return FellThrough.error("Unexpected failure", Map.of("exception", ex.getClass().getName()));
		}
	}

	/**
	 * The log lines one request has written so far: "Generating credentials" is written
	 * once, before the first upstream call, so a request served without one stays a
	 * single line.
	 */
	private final class RequestTrace {

		private final String userId;

		private boolean generatingLogged;

		private RequestTrace(String userId) {
			this.userId = userId;
		}

		ProviderCall call(IceServerProvider provider) {
			return new ProviderCall(this, provider);
		}

		void announce(IceServerProvider provider) {
			if (!this.generatingLogged) {
				ProviderChain.this.log.generating(this.userId);
				this.generatingLogged = true;
			}
			ProviderChain.this.log.detected(provider, this.userId);
			ProviderChain.this.log.calling(provider, this.userId);
		}

	}

	private static final class ProviderCall {

		private final RequestTrace trace;

		private final IceServerProvider provider;

		private boolean announced;

		private ProviderCall(RequestTrace trace, IceServerProvider provider) {
			this.trace = trace;
			this.provider = provider;
		}

		void announce() {
			if (!this.announced) {
				this.announced = true;
				this.trace.announce(this.provider);
			}
		}

		boolean announced() {
			return this.announced;
		}

	}

}
