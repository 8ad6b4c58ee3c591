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
import java.util.concurrent.atomic.AtomicReference;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.icebroker.chain.CachedCredentials.Minted;
import io.icebroker.chain.CachedCredentials.NotShared;
import io.icebroker.chain.UpstreamCalls.Call;
import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.Served;
import io.icebroker.provider.Outcome;
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
public final class UpstreamGuard implements ProviderStates {

	// Shared credentials are not minted for anyone in particular.
	private static final String SHARED_USER = "anonymous";

	private final Map<String, Slot> slots = new LinkedHashMap<>();

	private final Issuer issuer;

	private final UpstreamCalls calls;

	private final @Nullable CredentialCache cache;

	private final ResilienceProperties resilience;

	private final Duration credentialTtl;

	private final Clock clock;

	private final List<ChainListener> listeners;

	private final TurnLog log = new TurnLog();

	/**
	 * Create the guard.
	 * @param providers the chain's providers
	 * @param resilience deadline, cache and circuit settings
	 * @param turn credential lifetime
	 * @param issuer asks providers and sanitizes what they serve
	 * @param clock when credentials expire
	 * @param listeners told of refreshes
	 * @param upstream the bounded executor provider API calls run on
	 */
	public UpstreamGuard(List<IceServerProvider> providers, ResilienceProperties resilience, TurnProperties turn,
			Issuer issuer, Clock clock, List<ChainListener> listeners, Executor upstream) {
		this.issuer = issuer;
		this.resilience = resilience;
		this.clock = clock;
		this.credentialTtl = turn.credentialTtl();
		this.listeners = List.copyOf(listeners);
		this.calls = new UpstreamCalls(upstream, resilience.premiumBudget(), issuer, clock);
		for (IceServerProvider provider : providers) {
			if (provider.premium()) {
				this.slots.put(provider.id(), new Slot(provider));
			}
		}
		this.cache = resilience.caching() ? new CredentialCache(clock,
				(id) -> mint(this.slots.get(id), new CredentialRequest(SHARED_USER, this.credentialTtl, () -> {
				})), (id, current) -> refresh(this.slots.get(id), current)) : null;
	}

	/**
	 * How long premium providers may take in total within one request.
	 * @return the premium providers' share of the chain deadline
	 */
	Duration premiumBudget() {
		return this.resilience.premiumBudget();
	}

	ResilienceProperties resilience() {
		return this.resilience;
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
			return this.issuer.issue(provider, request);
		}
		long deadline = System.nanoTime() + budget.toNanos();
		CredentialCache cache = this.cache;
		if (cache == null || !slot.shared) {
			return perRequest(slot, request, deadline);
		}
		CompletableFuture<CachedCredentials> present = cache.present(slot.id());
		CachedCredentials ready = (present != null) ? present.getNow(null) : null;
		Instant now = this.clock.instant();
		if (ready instanceof Minted minted && minted.validAt(now)) {
			if (minted.reusableAt(now)) {
				// Once per cached value: a request that read it just before its refresh
				// landed must not start another.
				if (minted.refreshDueAt(now) && slot.refreshedAhead.getAndSet(minted) != minted) {
					cache.refresh(slot.id());
				}
				return minted.fromCache();
			}
			return renew(cache, slot, minted, deadline);
		}
		if (present != null && !present.isDone() && !CircuitBreakers.letsCallsThrough(slot.breaker)) {
			// Someone's call is in flight while the provider cools down (it is the trial
			// call, or it hung and its deadline opened the circuit): do not wait for it.
			return FellThrough.circuitOpen();
		}
		boolean[] led = new boolean[1];
		CompletableFuture<CachedCredentials> flight = cache.get(slot.id(), () -> {
			led[0] = true;
			return mint(slot, request);
		});
		CachedCredentials answer = await(flight, deadline);
		if (answer == null) {
			return deadlineReached();
		}
		if (answer instanceof Minted minted) {
			return led[0] ? minted.issued() : minted.fromCache();
		}
		ProviderResult result = ((NotShared) answer).answer();
		if (result instanceof Served) {
			// Credentials that cannot be shared: from now on, everyone asks for their
			// own.
			slot.shared = false;
			return led[0] ? result : perRequest(slot, request, deadline);
		}
		return result;
	}

	/**
	 * Replace a provider's cached credentials now, in the background, as an operator
	 * asked.
	 * @param providerId the provider's id
	 * @return whether a refresh started: {@code false} for a provider that holds no
	 * shared credentials
	 */
	@Override
	public boolean refreshNow(String providerId) {
		Slot slot = this.slots.get(providerId);
		CredentialCache cache = this.cache;
		if (slot == null || cache == null || !slot.shared) {
			return false;
		}
		cache.refresh(providerId);
		return true;
	}

	/**
	 * Credentials below the floor: replace them, and serve them while they are valid if
	 * that fails or takes longer than the budget.
	 */
	private ProviderResult renew(CredentialCache cache, Slot slot, Minted current, long deadline) {
		CachedCredentials renewed = await(cache.refresh(slot.id()), deadline);
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
		return (call != null) ? call.answer() : deadlineReached();
	}

	private CompletableFuture<CachedCredentials> mint(Slot slot, CredentialRequest request) {
		return this.calls.start(slot.provider, slot.breaker, request).thenApply(this::toCached);
	}

	private CachedCredentials toCached(Call call) {
		if (call.upstreamCalled() && call.answer() instanceof Served issued
				&& issued.source() == Served.Source.UPSTREAM) {
			Optional<Minted> minted = Minted.of(issued, call.startedAt(), this.resilience.cacheMinRemaining());
			if (minted.isPresent()) {
				return minted.get();
			}
		}
		return new NotShared(call.answer());
	}

	/**
	 * Refresh ahead of the floor, in the background; a failure keeps the current
	 * credentials, which stay valid.
	 */
	private CompletableFuture<CachedCredentials> refresh(Slot slot, Minted current) {
		CredentialRequest refresh = new CredentialRequest(SHARED_USER, this.credentialTtl,
				() -> this.log.refreshingAhead(slot.provider, current.remaining(this.clock.instant())));
		return this.calls.start(slot.provider, slot.breaker, refresh).thenApply((call) -> {
			if (call.answer().outcome() == Outcome.CIRCUIT_OPEN) {
				// Cooling down: the open circuit was logged when it opened. A request
				// after the cool-down tries again.
				slot.refreshedAhead.compareAndSet(current, null);
				return current;
			}
			slot.lastRefresh = new ProviderState.Refresh(this.clock.instant(), call.answer().outcome());
			this.listeners.forEach((listener) -> listener
				.refreshed(new Attempt(slot.id(), call.answer(), call.duration(), call.upstreamCalled())));
			CachedCredentials refreshed = toCached(call);
			if (refreshed instanceof Minted fresh) {
				slot.lastFailure = null;
				this.log.refreshed(slot.provider, call.duration(), fresh.expiresAt());
				return fresh;
			}
			FellThrough failure = (call.answer() instanceof FellThrough fellThrough) ? fellThrough
					: FellThrough.error("Credentials cannot be shared", Map.of());
			slot.lastFailure = failure;
			// The same credentials stay: the next request past the refresh point tries
			// again.
			slot.refreshedAhead.compareAndSet(current, null);
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
		Optional<Minted> minted = (this.cache != null) ? this.cache.minted(providerId) : Optional.empty();
		return new ProviderState(
				CircuitBreakers.state(slot.breaker, slot.openedAt, this.resilience.circuitCooldown(),
						this.clock.instant()),
				minted.map(Minted::expiresAt), minted.map(Minted::mintedAt), Optional.ofNullable(slot.lastRefresh));
	}

	/**
	 * Forget every provider's cached credentials and cool-down, as a restart would, so
	 * that tests sharing one application context start from the same state. Calls in
	 * flight run on; what they mint is no longer cached.
	 */
	void forget() {
		if (this.cache != null) {
			this.cache.clear();
		}
		this.slots.values().forEach(Slot::forget);
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

	private final class Slot {

		private final IceServerProvider provider;

		private final CircuitBreaker breaker;

		private volatile boolean shared = true;

		private volatile @Nullable FellThrough lastFailure;

		private final AtomicReference<@Nullable Minted> refreshedAhead = new AtomicReference<>();

		private volatile ProviderState.@Nullable Refresh lastRefresh;

		private volatile Instant openedAt = Instant.EPOCH;

		Slot(IceServerProvider provider) {
			this.provider = provider;
			Duration cooldown = UpstreamGuard.this.resilience.circuitCooldown();
			this.breaker = CircuitBreakers.create(provider, cooldown, UpstreamGuard.this.clock, (state) -> {
				if (state == CircuitState.OPEN) {
					this.openedAt = UpstreamGuard.this.clock.instant();
				}
				UpstreamGuard.this.log.circuitTransition(provider, state, cooldown);
			});
		}

		String id() {
			return this.provider.id();
		}

		void forget() {
			this.breaker.reset();
			if (UpstreamGuard.this.resilience.circuitCooldown().isZero()) {
				this.breaker.transitionToDisabledState();
			}
			this.openedAt = Instant.EPOCH;
			this.lastFailure = null;
			this.lastRefresh = null;
			this.shared = true;
		}

	}

}
