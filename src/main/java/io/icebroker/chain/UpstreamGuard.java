package io.icebroker.chain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.icebroker.ice.IceServer;
import io.icebroker.ice.IceServerSanitizer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.Outcome;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;
import org.jspecify.annotations.Nullable;

/**
 * Asks providers, so that a slow, failing or rate-limited remote API never makes a client
 * wait long. A provider that calls a remote API (it declares a
 * {@link IceServerProvider#longestCall() longest call}) is asked through three library
 * parts:
 * <ul>
 * <li>a Resilience4j circuit breaker: one failure opens it for
 * {@code TURN_CIRCUIT_COOLDOWN}, then one trial call is let through;</li>
 * <li>the Spring-managed {@code turnUpstreamExecutor}, each call awaited at most for the
 * premium providers' share of the chain deadline;</li>
 * <li>a Caffeine cache of what it minted: one call however many requests miss at once,
 * credentials handed to everyone while more than {@code TURN_CACHE_MIN_REMAINING} of
 * their lifetime remains, a refresh in the background before that floor, and the current
 * credentials served while valid when the refresh fails.</li>
 * </ul>
 * Other providers answer in process and are asked directly. Either way, what a provider
 * serves is sanitized here, once.
 */
public final class UpstreamGuard {

	// Shared credentials are not minted for anyone in particular.
	private static final String SHARED_USER = "anonymous";

	// Past this share of the reuse window a background refresh starts, so that clients
	// normally never meet the floor.
	private static final double REFRESH_POINT = 0.8;

	private final Map<String, Guarded> guarded = new HashMap<>();

	private final @Nullable AsyncLoadingCache<String, Call> cache;

	private final IceServerSanitizer sanitizer;

	private final Executor upstream;

	private final ResilienceProperties resilience;

	private final Duration credentialTtl;

	private final Clock clock;

	private final TurnLog log;

	UpstreamGuard(List<IceServerProvider> providers, ResilienceProperties resilience, TurnProperties turn,
			IceServerSanitizer sanitizer, Clock clock, Executor upstream, TurnLog log) {
		this.resilience = resilience;
		this.credentialTtl = turn.credentialTtl();
		this.sanitizer = sanitizer;
		this.clock = clock;
		this.upstream = upstream;
		this.log = log;
		providers.stream()
			.filter((provider) -> provider.premium() && provider.longestCall().isPresent())
			.forEach((provider) -> this.guarded.put(provider.id(), new Guarded(provider)));
		this.cache = resilience.caching() ? Caffeine.newBuilder()
			.executor(Runnable::run)
			.ticker(() -> nanos(clock.instant()))
			.expireAfter(new UntilExpiry(clock))
			.buildAsync(new Loader()) : null;
	}

	Duration premiumBudget() {
		return this.resilience.premiumBudget();
	}

	ResilienceProperties resilience() {
		return this.resilience;
	}

	/**
	 * Ask a provider within a time budget.
	 * @param provider the provider
	 * @param userId a validated user id
	 * @param budget what remains of the premium providers' share of the chain deadline
	 * @param calling run on this thread right before this request calls the provider's
	 * remote API
	 * @return sanitized credentials, from the cache or the provider, or why it falls
	 * through: {@code timeout} when the budget runs out, {@code circuit_open} while it
	 * cools down
	 */
	ProviderResult fetch(IceServerProvider provider, String userId, Duration budget, Runnable calling) {
		Guarded guarded = this.guarded.get(provider.id());
		if (guarded == null) {
			return ask(provider, new CredentialRequest(userId, this.credentialTtl));
		}
		long deadline = System.nanoTime() + budget.toNanos();
		AsyncLoadingCache<String, Call> cache = this.cache;
		if (cache == null) {
			Call call = guarded.call(new CredentialRequest(userId, this.credentialTtl), calling)
				.copy()
				.completeOnTimeout(null, deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
				.join();
			return (call != null) ? call.answer() : deadlineReached();
		}
		CompletableFuture<Call> present = cache.getIfPresent(provider.id());
		Call cached = (present != null) ? present.getNow(null) : null;
		Instant now = this.clock.instant();
		if (cached != null && cached.validAt(now)) {
			if (!cached.reusableAt(now)) {
				return renew(cache, guarded, cached, deadline);
			}
			// Once per cached value: a request that read it as its refresh landed must
			// not start another.
			if (cached.refreshDueAt(now) && guarded.refreshedAhead.getAndSet(cached) != cached) {
				cache.synchronous().refresh(provider.id());
			}
			return cached.reused();
		}
		if (present != null && !present.isDone() && !guarded.letsCallsThrough()) {
			// A call is in flight while the provider cools down (the trial call, or one
			// whose deadline opened the circuit): do not wait for it.
			return FellThrough.circuitOpen();
		}
		AtomicBoolean led = new AtomicBoolean();
		Call call = cache.get(provider.id(), (id, executor) -> {
			led.set(true);
			return guarded.call(new CredentialRequest(SHARED_USER, this.credentialTtl), calling);
		}).copy().completeOnTimeout(null, deadline - System.nanoTime(), TimeUnit.NANOSECONDS).join();
		if (call == null) {
			return deadlineReached();
		}
		return (led.get() || !call.cacheable()) ? call.answer() : call.reused();
	}

	/**
	 * Replace a provider's cached credentials now, in the background, as an operator
	 * asked; the current ones are served until the new ones arrive.
	 * @param providerId the provider's id
	 * @return whether a refresh started: {@code false} for a provider that calls no
	 * remote API, or with {@code TURN_CACHE=off}
	 */
	public boolean refreshNow(String providerId) {
		if (this.cache == null || !this.guarded.containsKey(providerId)) {
			return false;
		}
		this.cache.synchronous().refresh(providerId);
		return true;
	}

	/**
	 * What the guard knows about a provider right now. Reading calls no provider.
	 * @param providerId a provider id such as {@code twilio}
	 * @return its state; a {@code disabled} circuit and no cached credentials for
	 * providers that call no remote API and for unknown ids
	 */
	public ProviderState state(String providerId) {
		Guarded guarded = this.guarded.get(providerId);
		if (guarded == null) {
			return new ProviderState("disabled", Optional.empty(), Optional.empty(), Optional.empty());
		}
		CompletableFuture<Call> present = (this.cache != null) ? this.cache.getIfPresent(providerId) : null;
		Optional<Call> cached = Optional.ofNullable((present != null) ? present.getNow(null) : null)
			.filter(Call::cacheable);
		return new ProviderState(guarded.circuit(), cached.map(Call::expiresAt), cached.map(Call::mintedAt),
				Optional.ofNullable(guarded.lastRefresh));
	}

	/**
	 * Credentials below the floor: replace them, and serve them while they are valid if
	 * that fails or takes longer than the budget.
	 */
	private ProviderResult renew(AsyncLoadingCache<String, Call> cache, Guarded guarded, Call current, long deadline) {
		Call renewed = cache.synchronous()
			.refresh(guarded.provider.id())
			.copy()
			.completeOnTimeout(null, deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
			.join();
		Instant now = this.clock.instant();
		if (renewed != null && renewed != current && renewed.validAt(now)) {
			return renewed.reused();
		}
		if (current.validAt(now)) {
			return current.reused();
		}
		FellThrough lastFailure = guarded.lastFailure;
		return (lastFailure != null) ? lastFailure : deadlineReached();
	}

	/**
	 * Refresh ahead of the floor, in the background; a failure keeps the current
	 * credentials, which stay valid.
	 */
	private CompletableFuture<Call> refresh(Guarded guarded, Call current) {
		IceServerProvider provider = guarded.provider;
		CredentialRequest request = new CredentialRequest(SHARED_USER, this.credentialTtl);
		return guarded.call(request, () -> this.log.refreshingAhead(provider, current.remaining(this.clock.instant())))
			.thenApply((call) -> {
				if (call.answer().outcome() == Outcome.CIRCUIT_OPEN) {
					// Cooling down: the open circuit was logged when it opened. A request
					// after the cool-down tries again.
					guarded.refreshedAhead.compareAndSet(current, null);
					return current;
				}
				guarded.lastRefresh = new ProviderState.Refresh(this.clock.instant(), call.answer().outcome());
				if (call.cacheable()) {
					guarded.lastFailure = null;
					this.log.refreshed(provider, call.duration(), call.expiresAt());
					return call;
				}
				FellThrough failure = (call.answer() instanceof FellThrough fellThrough) ? fellThrough
						: FellThrough.error("Credentials without an expiry cannot be cached", Map.of());
				guarded.lastFailure = failure;
				// The same credentials stay; the next request past the refresh point
				// tries again.
				guarded.refreshedAhead.compareAndSet(current, null);
				this.log.refreshFailed(provider, failure, call.duration(), current.expiresAt());
				return current;
			});
	}

	/**
	 * Ask a provider once. A provider bug must not cost the client its answer, so an
	 * exception falls through like any other failure.
	 */
	private ProviderResult ask(IceServerProvider provider, CredentialRequest request) {
		ProviderResult result;
		try {
			result = provider.fetch(request);
		}
		catch (RuntimeException ex) {
			// The class name says where to look; the message might carry a URL or a
			// secret, so it stays out.
			return FellThrough.error("Unexpected failure", Map.of("exception", ex.getClass().getName()));
		}
		if (!(result instanceof Served served)) {
			return result;
		}
		List<IceServer> iceServers = this.sanitizer.sanitize(served.iceServers());
		return iceServers.isEmpty() ? FellThrough.empty() : served.withIceServers(iceServers);
	}

	private static FellThrough deadlineReached() {
		return FellThrough.timeout("Chain deadline reached");
	}

	private static long nanos(Instant instant) {
		return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
	}

	/**
	 * A provider that calls a remote API, with its circuit breaker and what the status
	 * endpoint shows of its refreshes.
	 */
	private final class Guarded {

		private final IceServerProvider provider;

		private final CircuitBreaker breaker;

		private final AtomicReference<@Nullable Call> refreshedAhead = new AtomicReference<>();

		private volatile @Nullable FellThrough lastFailure;

		private volatile ProviderState.@Nullable Refresh lastRefresh;

		private volatile Instant openedAt = Instant.EPOCH;

		Guarded(IceServerProvider provider) {
			this.provider = provider;
			Duration cooldown = UpstreamGuard.this.resilience.circuitCooldown();
			// A window of one call and a 100 % threshold: one failure opens it. Answers
			// are results, not exceptions: a fall-through that is the provider's failure
			// counts as one.
			this.breaker = CircuitBreaker.of(provider.id(),
					CircuitBreakerConfig.custom()
						.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
						.slidingWindowSize(1)
						.minimumNumberOfCalls(1)
						.failureRateThreshold(100)
						.recordResult((answer) -> ((ProviderResult) answer).outcome().failed())
						.waitDurationInOpenState(cooldown.isZero() ? Duration.ofMillis(1) : cooldown)
						.permittedNumberOfCallsInHalfOpenState(1)
						.automaticTransitionFromOpenToHalfOpenEnabled(false)
						.writableStackTraceEnabled(false)
						.clock(UpstreamGuard.this.clock)
						.build());
			if (cooldown.isZero()) {
				this.breaker.transitionToDisabledState();
			}
			this.breaker.getEventPublisher().onStateTransition((event) -> {
				CircuitBreaker.State state = event.getStateTransition().getToState();
				if (state == CircuitBreaker.State.OPEN) {
					this.openedAt = UpstreamGuard.this.clock.instant();
				}
				UpstreamGuard.this.log.circuitTransition(provider, state, cooldown);
			});
		}

		/**
		 * Call the provider on the upstream executor, unless its circuit is open. The
		 * call is bounded by the premium providers' budget whatever its HTTP client does
		 * (twilio-java retries a 5xx answer up to three times), and its outcome is
		 * recorded once on the breaker.
		 * @return the call; never completes exceptionally
		 */
		CompletableFuture<Call> call(CredentialRequest request, Runnable calling) {
			Instant startedAt = UpstreamGuard.this.clock.instant();
			if (!this.breaker.tryAcquirePermission()) {
				return CompletableFuture.completedFuture(made(FellThrough.circuitOpen(), startedAt, Duration.ZERO));
			}
			calling.run();
			long started = System.nanoTime();
			AtomicBoolean running = new AtomicBoolean();
			CompletableFuture<@Nullable ProviderResult> answer = new CompletableFuture<>();
			try {
				UpstreamGuard.this.upstream.execute(new Ask(this.provider, request, answer, running));
			}
			catch (RejectedExecutionException ex) {
				// Our own saturation says nothing about the provider.
				this.breaker.releasePermission();
				return CompletableFuture.completedFuture(made(
						FellThrough.error("Too many upstream calls in flight", Map.of()), startedAt, Duration.ZERO));
			}
			long budget = UpstreamGuard.this.resilience.premiumBudget().toNanos();
			return answer.completeOnTimeout(null, budget, TimeUnit.NANOSECONDS).thenApply((result) -> {
				Duration duration = Duration.ofNanos(System.nanoTime() - started);
				if (result == null && !running.getAndSet(true)) {
					// Still queued at the deadline: dropped unasked, and not the
					// provider's failure.
					this.breaker.releasePermission();
					return made(FellThrough.timeout("Queued past the chain deadline"), startedAt, Duration.ZERO);
				}
				ProviderResult outcome = (result != null) ? result : FellThrough.timeout("Timed out");
				this.breaker.onResult(duration.toNanos(), TimeUnit.NANOSECONDS, outcome);
				return made(outcome, startedAt, duration);
			});
		}

		private Call made(ProviderResult answer, Instant startedAt, Duration duration) {
			return Call.of(answer, startedAt, duration, UpstreamGuard.this.resilience.cacheMinRemaining());
		}

		boolean letsCallsThrough() {
			CircuitBreaker.State state = this.breaker.getState();
			return state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.DISABLED;
		}

		/**
		 * The state as operators should read it: once the cool-down is over the next call
		 * goes through as a trial, although Resilience4j moves to half-open only when
		 * that call arrives.
		 */
		String circuit() {
			CircuitBreaker.State state = this.breaker.getState();
			if (state == CircuitBreaker.State.OPEN && !UpstreamGuard.this.clock.instant()
				.isBefore(this.openedAt.plus(UpstreamGuard.this.resilience.circuitCooldown()))) {
				return "half_open";
			}
			return state.name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * A call on the upstream executor: asks the provider unless its deadline passed while
	 * it was queued. A class rather than a lambda, so that a request held in a hanging
	 * provider shows two frames of ours on this thread, not three.
	 */
	private final class Ask implements Runnable {

		private final IceServerProvider provider;

		private final CredentialRequest request;

		private final CompletableFuture<@Nullable ProviderResult> answer;

		private final AtomicBoolean running;

		Ask(IceServerProvider provider, CredentialRequest request, CompletableFuture<@Nullable ProviderResult> answer,
				AtomicBoolean running) {
			this.provider = provider;
			this.request = request;
			this.answer = answer;
			this.running = running;
		}

		@Override
		public void run() {
			if (this.running.compareAndSet(false, true)) {
				this.answer.complete(ask(this.provider, this.request));
			}
		}

	}

	/**
	 * One call to a provider's remote API, as the cache holds it: credentials that say
	 * when they expire are handed out again until their remaining lifetime falls to the
	 * floor; any other answer goes to the requests that waited for it, and is gone.
	 */
	private record Call(ProviderResult answer, Duration duration, Instant mintedAt, Instant expiresAt,
			Instant reusableUntil, Instant refreshFrom, @Nullable Served fromCache) {

		static Call of(ProviderResult answer, Instant startedAt, Duration duration, double minRemaining) {
			if (answer instanceof Served served && served.expiresAt().filter(startedAt::isBefore).isPresent()) {
				Instant expiresAt = served.expiresAt().get();
				long lifetime = Duration.between(startedAt, expiresAt).toNanos();
				long floor = (long) (lifetime * minRemaining);
				long refreshAt = floor + (long) ((lifetime - floor) * (1 - REFRESH_POINT));
				return new Call(answer, duration, startedAt, expiresAt, expiresAt.minusNanos(floor),
						expiresAt.minusNanos(refreshAt), served.fromCache());
			}
			return new Call(answer, duration, startedAt, startedAt, startedAt, startedAt, null);
		}

		boolean cacheable() {
			return this.fromCache != null;
		}

		Served reused() {
			return Objects.requireNonNull(this.fromCache);
		}

		boolean validAt(Instant now) {
			return now.isBefore(this.expiresAt);
		}

		boolean reusableAt(Instant now) {
			return now.isBefore(this.reusableUntil);
		}

		boolean refreshDueAt(Instant now) {
			return !now.isBefore(this.refreshFrom);
		}

		Duration remaining(Instant now) {
			return Duration.between(now, this.expiresAt);
		}

	}

	/**
	 * Loads for refreshes; a request that misses passes its own call to
	 * {@code cache.get}.
	 */
	private final class Loader implements AsyncCacheLoader<String, Call> {

		@Override
		public CompletableFuture<Call> asyncLoad(String id, Executor executor) {
			return UpstreamGuard.this.guarded.get(id)
				.call(new CredentialRequest(SHARED_USER, UpstreamGuard.this.credentialTtl), () -> {
				});
		}

		@Override
		public CompletableFuture<Call> asyncReload(String id, Call current, Executor executor) {
			Guarded guarded = UpstreamGuard.this.guarded.get(id);
			return current.cacheable() ? refresh(guarded, current) : asyncLoad(id, executor);
		}

	}

	/**
	 * Credentials live in the cache until they expire; any other answer is gone at once.
	 */
	private record UntilExpiry(Clock clock) implements Expiry<String, Call> {

		@Override
		public long expireAfterCreate(String id, Call call, long currentTime) {
			return call.cacheable() ? Math.max(0, call.remaining(this.clock.instant()).toNanos()) : 0;
		}

		@Override
		public long expireAfterUpdate(String id, Call call, long currentTime, long currentDuration) {
			return expireAfterCreate(id, call, currentTime);
		}

		@Override
		public long expireAfterRead(String id, Call call, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
