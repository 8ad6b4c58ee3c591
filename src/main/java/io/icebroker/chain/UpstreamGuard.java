package io.icebroker.chain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.icebroker.chain.CachedCredentials.Minted;
import io.icebroker.chain.CachedCredentials.NotShared;
import io.icebroker.chain.UpstreamCalls.Call;
import io.icebroker.ice.IceServerSanitizer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.FallThroughReason;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;
import org.jspecify.annotations.Nullable;

/**
 * Stands between the chain and the premium providers' remote APIs, so that a slow,
 * failing or rate-limited provider never makes a client wait long.
 * <ul>
 * <li>Credentials minted remotely are cached per provider (they are not per user) and
 * handed out while their remaining lifetime stays above a floor; a background refresh
 * replaces them before the floor, and a failed refresh keeps serving them while they are
 * valid.</li>
 * <li>However many requests arrive while credentials are missing, one upstream call is
 * made and all of them get its answer.</li>
 * <li>Every call runs on a bounded pool and is awaited at most for what remains of the
 * chain deadline.</li>
 * <li>After a failure or a timeout a provider is skipped until its cool-down passes, then
 * one trial call is let through.</li>
 * </ul>
 * A provider's answers are cached only when they come from its remote API: it announced
 * the call and answered {@link Served.Source#UPSTREAM} with an expiry. A provider that
 * computes credentials in process (per user) is asked on every request, so adding a
 * provider never means editing this class.
 */
public final class UpstreamGuard implements ProviderStates, AutoCloseable {

	// Shared credentials are not minted for anyone in particular.
	private static final String SHARED_USER = "anonymous";

	private final Map<String, Slot> slots = new LinkedHashMap<>();

	private final UpstreamCalls calls;

	private final @Nullable AsyncLoadingCache<String, CachedCredentials> cache;

	private final double minRemaining;

	private final Duration credentialTtl;

	private final Clock clock;

	private final List<ChainListener> listeners;

	private final TurnLog log = new TurnLog();

	public UpstreamGuard(List<IceServerProvider> providers, ResilienceProperties resilience, TurnProperties turn,
			IceServerSanitizer sanitizer, Clock clock, List<ChainListener> listeners) {
		this.clock = clock;
		this.minRemaining = resilience.cacheMinRemaining();
		this.credentialTtl = turn.credentialTtl();
		this.listeners = List.copyOf(listeners);
		this.calls = new UpstreamCalls(resilience.upstreamThreads(), resilience.premiumBudget(),
				(served) -> !sanitizer.sanitize(served.iceServers()).isEmpty(), clock);
		CircuitBreakerConfig breakerConfig = breakerConfig(resilience.circuitCooldown(), clock);
		for (IceServerProvider provider : providers) {
			if (provider.premium()) {
				this.slots.put(provider.id(), new Slot(provider, breaker(provider, breakerConfig, resilience)));
			}
		}
		this.cache = resilience.cache() ? Caffeine.newBuilder()
			.executor(Runnable::run)
			.ticker(() -> nanos(clock.instant()))
			.expireAfter(new UntilExpiry(clock))
			.buildAsync(new Loader()) : null;
	}

	/**
	 * A single failure opens the circuit: a window of one call, a minimum of one call,
	 * and a 100 % threshold. It stays open for the cool-down, then lets one trial call
	 * through.
	 */
	private static CircuitBreakerConfig breakerConfig(Duration cooldown, Clock clock) {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(1)
			.minimumNumberOfCalls(1)
			.failureRateThreshold(100)
			.waitDurationInOpenState(cooldown.isZero() ? Duration.ofMillis(1) : cooldown)
			.permittedNumberOfCallsInHalfOpenState(1)
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.writableStackTraceEnabled(false)
			.clock(clock)
			.build();
	}

	private CircuitBreaker breaker(IceServerProvider provider, CircuitBreakerConfig config,
			ResilienceProperties resilience) {
		CircuitBreaker breaker = CircuitBreaker.of(provider.id(), config);
		if (resilience.circuitCooldown().isZero()) {
			breaker.transitionToDisabledState();
		}
		breaker.getEventPublisher()
			.onStateTransition((event) -> this.log.circuitTransition(provider,
					circuitState(event.getStateTransition().getToState()), resilience.circuitCooldown()));
		return breaker;
	}

	/**
	 * Ask a provider for credentials within a time budget.
	 * @param provider the provider; anything but a premium provider is asked directly
	 * @param request who asks; its announcer runs only while the request still waits
	 * @param budget what remains of the chain deadline
	 * @return the credentials, from the cache or the provider, or why it falls through:
	 * {@code timeout} when the budget runs out, {@code circuit_open} while it cools down
	 */
	public ProviderResult fetch(IceServerProvider provider, CredentialRequest request, Duration budget) {
		Slot slot = this.slots.get(provider.id());
		if (slot == null) {
			return UpstreamCalls.fetchSafely(provider, request);
		}
		long deadline = System.nanoTime() + budget.toNanos();
		AsyncLoadingCache<String, CachedCredentials> cache = this.cache;
		if (cache == null || !slot.shared) {
			return perRequest(slot, request, deadline);
		}
		CompletableFuture<CachedCredentials> present = cache.getIfPresent(slot.id());
		CachedCredentials ready = (present != null) ? present.getNow(null) : null;
		Instant now = this.clock.instant();
		if (ready instanceof Minted minted && minted.validAt(now)) {
			if (minted.reusableAt(now)) {
				if (minted.refreshDueAt(now)) {
					cache.synchronous().refresh(slot.id());
				}
				return minted.fromCache();
			}
			return renew(cache, slot, minted, deadline);
		}
		if (present != null && !present.isDone() && !letsCallsThrough(slot.breaker)) {
			// Someone's call is in flight while the provider cools down (it is the trial
			// call, or it hung and its deadline opened the circuit): do not wait for it.
			return FellThrough.circuitOpen();
		}
		boolean[] led = new boolean[1];
		CompletableFuture<CachedCredentials> flight = cache.get(slot.id(), (id, executor) -> {
			led[0] = true;
			return mint(slot, request);
		});
		CachedCredentials answer = await(flight, deadline);
		if (answer == null) {
			return deadlineReached();
		}
		if (answer instanceof Minted minted) {
			return led[0] ? minted.served() : minted.fromCache();
		}
		ProviderResult result = ((NotShared) answer).result();
		if (result instanceof Served) {
			// Credentials that cannot be shared: from now on, everyone asks for their
			// own.
			slot.shared = false;
			return led[0] ? result : perRequest(slot, request, deadline);
		}
		return result;
	}

	/**
	 * Credentials below the floor: replace them, and serve them while they are valid if
	 * that fails or takes longer than the budget.
	 */
	private ProviderResult renew(AsyncLoadingCache<String, CachedCredentials> cache, Slot slot, Minted current,
			long deadline) {
		CachedCredentials renewed = await(cache.synchronous().refresh(slot.id()), deadline);
		Instant now = this.clock.instant();
		if (renewed instanceof Minted fresh && fresh != current && fresh.validAt(now)) {
			return fresh.fromCache();
		}
		if (current.validAt(now)) {
			return current.fromCache();
		}
		FellThrough lastFailure = slot.lastFailure;
		return (lastFailure != null) ? lastFailure : deadlineReached();
	}

	private ProviderResult perRequest(Slot slot, CredentialRequest request, long deadline) {
		Call call = await(this.calls.start(slot.provider, slot.breaker, request), deadline);
		return (call != null) ? call.result() : deadlineReached();
	}

	private CompletableFuture<CachedCredentials> mint(Slot slot, CredentialRequest request) {
		return this.calls.start(slot.provider, slot.breaker, request).thenApply(this::toCached);
	}

	private CachedCredentials toCached(Call call) {
		if (call.upstreamCalled() && call.result() instanceof Served served
				&& served.source() == Served.Source.UPSTREAM) {
			Optional<Minted> minted = Minted.of(served, call.startedAt(), this.minRemaining);
			if (minted.isPresent()) {
				return minted.get();
			}
		}
		return new NotShared(call.result());
	}

	/**
	 * Refresh ahead of the floor, in the background; a failure keeps the current
	 * credentials, which stay valid.
	 */
	private CompletableFuture<CachedCredentials> refresh(Slot slot, Minted current) {
		CredentialRequest refresh = new CredentialRequest(SHARED_USER, this.credentialTtl,
				() -> this.log.refreshingAhead(slot.provider, current.remaining(this.clock.instant())));
		return this.calls.start(slot.provider, slot.breaker, refresh).thenApply((call) -> {
			CachedCredentials refreshed = toCached(call);
			if (call.result() instanceof FellThrough fellThrough
					&& fellThrough.reason() == FallThroughReason.CIRCUIT_OPEN) {
				// Cooling down: the open circuit was logged when it opened.
				return current;
			}
			this.listeners.forEach((listener) -> listener
				.refreshed(new Attempt(slot.id(), call.result(), call.duration(), call.upstreamCalled())));
			if (refreshed instanceof Minted fresh) {
				slot.lastFailure = null;
				this.log.refreshed(slot.provider, call.duration(), fresh.expiresAt());
				return fresh;
			}
			FellThrough failure = (call.result() instanceof FellThrough fellThrough) ? fellThrough
					: FellThrough.error("Credentials cannot be shared", Map.of());
			slot.lastFailure = failure;
			this.log.refreshFailed(slot.provider, failure, call.duration(), current.expiresAt());
			return current;
		});
	}

	@Override
	public ProviderState state(String providerId) {
		Slot slot = this.slots.get(providerId);
		if (slot == null) {
			return ProviderState.unguarded();
		}
		Optional<Instant> cachedExpiresAt = Optional.empty();
		CompletableFuture<CachedCredentials> present = (this.cache != null) ? this.cache.getIfPresent(providerId)
				: null;
		if (present != null && present.getNow(null) instanceof Minted minted) {
			cachedExpiresAt = Optional.of(minted.expiresAt());
		}
		return new ProviderState(circuitState(slot.breaker.getState()), cachedExpiresAt);
	}

	@Override
	public void close() {
		this.calls.close();
	}

	private static CircuitState circuitState(CircuitBreaker.State state) {
		return switch (state) {
			case CLOSED, METRICS_ONLY -> CircuitState.CLOSED;
			case OPEN, FORCED_OPEN -> CircuitState.OPEN;
			case HALF_OPEN -> CircuitState.HALF_OPEN;
			case DISABLED -> CircuitState.DISABLED;
		};
	}

	private static boolean letsCallsThrough(CircuitBreaker breaker) {
		CircuitBreaker.State state = breaker.getState();
		return state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.DISABLED;
	}

	private static FellThrough deadlineReached() {
		return FellThrough.timeout("Chain deadline reached");
	}

	private static <T> @Nullable T await(CompletableFuture<T> future, long deadline) {
		long remaining = deadline - System.nanoTime();
		if (remaining <= 0) {
			return future.getNow(null);
		}
		try {
			return future.get(remaining, TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (ExecutionException ex) {
			// Calls complete normally with a fall-through; this is a bug, not a
			// provider's failure.
			throw new IllegalStateException("Upstream call failed unexpectedly", ex.getCause());
		}
	}

	private static long nanos(Instant instant) {
		return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
	}

	private static final class Slot {

		private final IceServerProvider provider;

		private final CircuitBreaker breaker;

		private volatile boolean shared = true;

		private volatile @Nullable FellThrough lastFailure;

		Slot(IceServerProvider provider, CircuitBreaker breaker) {
			this.provider = provider;
			this.breaker = breaker;
		}

		String id() {
			return this.provider.id();
		}

	}

	/**
	 * Loads for refreshes: the cold path passes its own request to
	 * {@link AsyncLoadingCache#get(Object, java.util.function.BiFunction)}.
	 */
	private final class Loader implements AsyncCacheLoader<String, CachedCredentials> {

		@Override
		public CompletableFuture<? extends CachedCredentials> asyncLoad(String id, Executor executor) {
			Slot slot = UpstreamGuard.this.slots.get(id);
			return mint(slot, new CredentialRequest(SHARED_USER, UpstreamGuard.this.credentialTtl, () -> {
			}));
		}

		@Override
		public CompletableFuture<? extends CachedCredentials> asyncReload(String id, CachedCredentials oldValue,
				Executor executor) {
			if (oldValue instanceof Minted current) {
				return refresh(UpstreamGuard.this.slots.get(id), current);
			}
			return asyncLoad(id, executor);
		}

	}

	/**
	 * Credentials live in the cache until they expire; anything else is used once and
	 * gone.
	 */
	private static final class UntilExpiry implements Expiry<String, CachedCredentials> {

		private final Clock clock;

		UntilExpiry(Clock clock) {
			this.clock = clock;
		}

		@Override
		public long expireAfterCreate(String id, CachedCredentials value, long currentTime) {
			if (value instanceof Minted minted) {
				return Math.max(0, minted.remaining(this.clock.instant()).toNanos());
			}
			return 0;
		}

		@Override
		public long expireAfterUpdate(String id, CachedCredentials value, long currentTime, long currentDuration) {
			return expireAfterCreate(id, value, currentTime);
		}

		@Override
		public long expireAfterRead(String id, CachedCredentials value, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
