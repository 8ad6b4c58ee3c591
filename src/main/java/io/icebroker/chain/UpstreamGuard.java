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
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.icebroker.chain.CachedCredentials.Minted;
import io.icebroker.chain.CachedCredentials.NotShared;
import io.icebroker.chain.UpstreamCalls.Call;
import io.icebroker.provider.Answer;
import io.icebroker.provider.CredentialRequest;
import io.icebroker.provider.FellThrough;
import io.icebroker.provider.IceServerProvider;
import io.icebroker.provider.Issued;
import io.icebroker.provider.Outcome;
import io.icebroker.provider.Served;
import io.icebroker.shared.SharedRedis;
import io.icebroker.shared.SharedStateUnavailableException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	// Replicas waiting for another one's call look at the shared entry this often.
	private static final Duration POLL = Duration.ofMillis(20);

	// Threads that wait for Redis and other replicas, never for a provider: one cold
	// load and one refresh per provider at a time.
	private static final int COORDINATORS = 8;

	private final Map<String, Slot> slots = new LinkedHashMap<>();

	private final Issuer issuer;

	private final UpstreamCalls calls;

	private final @Nullable CredentialCache cache;

	private final ResilienceProperties resilience;

	private final Duration credentialTtl;

	private final Clock clock;

	private final List<ChainListener> listeners;

	private static final Logger logger = LoggerFactory.getLogger(UpstreamGuard.class);

	private final TurnLog log = new TurnLog();

	private final @Nullable SharedCredentialStore shared;

	private final @Nullable ThreadPoolExecutor coordinators;

	public UpstreamGuard(List<IceServerProvider> providers, ResilienceProperties resilience, TurnProperties turn,
			Issuer issuer, Clock clock, List<ChainListener> listeners) {
		this(providers, resilience, turn, issuer, clock, listeners, null);
	}

	/**
	 * Create the guard, sharing minted credentials with the other replicas when given a
	 * Redis connection.
	 * @param providers the chain's providers
	 * @param resilience deadline, cache and circuit settings
	 * @param turn credential lifetime
	 * @param issuer asks providers and sanitizes what they serve
	 * @param clock when credentials expire
	 * @param listeners told of refreshes
	 * @param redis shared state, or {@code null} to keep credentials in process
	 */
	public UpstreamGuard(List<IceServerProvider> providers, ResilienceProperties resilience, TurnProperties turn,
			Issuer issuer, Clock clock, List<ChainListener> listeners, @Nullable SharedRedis redis) {
		this.shared = (redis != null && resilience.caching()) ? new SharedCredentialStore(redis) : null;
		this.coordinators = (this.shared != null) ? new ThreadPoolExecutor(COORDINATORS, COORDINATORS, 30,
				TimeUnit.SECONDS, new LinkedBlockingQueue<>(256), (task) -> {
					Thread thread = new Thread(task, "shared-credentials");
					thread.setDaemon(true);
					return thread;
				}) : null;
		if (this.coordinators != null) {
			this.coordinators.allowCoreThreadTimeOut(true);
		}
		this.issuer = issuer;
		this.resilience = resilience;
		this.clock = clock;
		this.credentialTtl = turn.credentialTtl();
		this.listeners = List.copyOf(listeners);
		this.calls = new UpstreamCalls(resilience.upstreamThreads(), resilience.premiumBudget(), issuer, clock);
		for (IceServerProvider provider : providers) {
			if (provider.premium()) {
				this.slots.put(provider.id(), new Slot(provider));
			}
		}
		this.cache = resilience.caching() ? new CredentialCache(clock,
				(id) -> mint(this.slots.get(id), new CredentialRequest(SHARED_USER, this.credentialTtl, () -> {
				})), (id, current) -> sharedRefresh(this.slots.get(id), current)) : null;
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
	public Answer fetch(IceServerProvider provider, CredentialRequest request, Duration budget) {
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
				if (minted.refreshDueAt(now)) {
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
			return sharedMint(slot, request);
		});
		CachedCredentials answer = await(flight, deadline);
		if (answer == null) {
			return deadlineReached();
		}
		if (answer instanceof Minted minted) {
			return led[0] ? minted.issued() : minted.fromCache();
		}
		Answer result = ((NotShared) answer).answer();
		if (result instanceof Issued) {
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
		slot.forced = true;
		cache.refresh(providerId);
		return true;
	}

	/**
	 * Credentials below the floor: replace them, and serve them while they are valid if
	 * that fails or takes longer than the budget.
	 */
	private Answer renew(CredentialCache cache, Slot slot, Minted current, long deadline) {
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

	private Answer perRequest(Slot slot, CredentialRequest request, long deadline) {
		Call call = await(this.calls.start(slot.provider, slot.breaker, request), deadline);
		return (call != null) ? call.answer() : deadlineReached();
	}

	/**
	 * Cold: adopt the fleet's credentials, or mint them for the fleet, or wait for the
	 * replica that does.
	 */
	private CompletableFuture<CachedCredentials> sharedMint(Slot slot, CredentialRequest request) {
		return coordinated(slot, null, false, (from) -> mint(slot, request));
	}

	/**
	 * Due for refresh: adopt newer credentials from the fleet, or refresh them for the
	 * fleet, or wait for the replica that does.
	 */
	private CompletableFuture<CachedCredentials> sharedRefresh(Slot slot, Minted current) {
		boolean forced = slot.forced;
		slot.forced = false;
		return coordinated(slot, current, forced, (from) -> refresh(slot, (from != null) ? from : current));
	}

	private CompletableFuture<CachedCredentials> coordinated(Slot slot, @Nullable Minted current, boolean forced,
			Function<@Nullable Minted, CompletableFuture<CachedCredentials>> call) {
		SharedCredentialStore shared = this.shared;
		ThreadPoolExecutor coordinators = this.coordinators;
		if (shared == null || coordinators == null || !shared.available()) {
			return call.apply(current);
		}
		try {
			return CompletableFuture.supplyAsync(() -> coordinate(shared, slot, current, forced, call), coordinators)
				.thenCompose(Function.identity());
		}
		catch (RejectedExecutionException ex) {
			return call.apply(current);
		}
	}

	/**
	 * One replica of the fleet calls the provider: the one that takes the lease. The
	 * others poll the shared entry until its result arrives or the premium budget is
	 * spent. Whenever Redis fails, this replica goes on alone, as without it.
	 */
	private CompletableFuture<CachedCredentials> coordinate(SharedCredentialStore shared, Slot slot,
			@Nullable Minted current, boolean forced,
			Function<@Nullable Minted, CompletableFuture<CachedCredentials>> call) {
		long deadline = System.nanoTime() + premiumBudget().toNanos();
		String token = UUID.randomUUID().toString();
		Duration lease = premiumBudget().plus(premiumBudget());
		Minted from = current;
		Instant newerThan = forced ? this.clock.instant() : (current != null) ? current.mintedAt() : null;
		while (true) {
			try {
				Instant now = this.clock.instant();
				Minted entry = shared.read(slot.id());
				if (entry != null && entry.reusableAt(now)
						&& (newerThan == null || entry.mintedAt().isAfter(newerThan))) {
					if (current == null || !entry.refreshDueAt(now)) {
						return CompletableFuture.completedFuture(entry);
					}
					// Newer, but due as well: refresh from it.
					from = entry;
					newerThan = entry.mintedAt();
				}
				if (shared.lease(slot.id(), token, lease)) {
					// The replica that held the lease may have published and released it
					// between the read above and this lease: read once more before
					// minting.
					Minted published = shared.read(slot.id());
					if (published != null && published.reusableAt(this.clock.instant())
							&& (newerThan == null || published.mintedAt().isAfter(newerThan))
							&& (current == null || !published.refreshDueAt(this.clock.instant()))) {
						shared.release(slot.id(), token);
						return CompletableFuture.completedFuture(published);
					}
					CompletableFuture<CachedCredentials> result = call.apply(from);
					result.thenAcceptAsync((answer) -> publish(shared, slot, token, answer), this.coordinators);
					return result;
				}
			}
			catch (SharedStateUnavailableException ex) {
				if (!shared.available()) {
					// Shared state is lost: on our own, as without Redis.
					return call.apply(from);
				}
				// One slow answer: try again within the budget.
				logger.debug("Shared credentials of {}: {}", slot.id(), ex.getMessage());
			}
			if (System.nanoTime() + POLL.toNanos() >= deadline) {
				return CompletableFuture.completedFuture(
						(from != null) ? from : new NotShared(FellThrough.timeout("Another replica is minting")));
			}
			try {
				Thread.sleep(POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return call.apply(from);
			}
		}
	}

	private void publish(SharedCredentialStore shared, Slot slot, String token, CachedCredentials answer) {
		try {
			if (answer instanceof Minted minted && minted.issued().source() == Served.Source.UPSTREAM) {
				shared.write(slot.id(), minted, this.clock.instant());
			}
		}
		catch (SharedStateUnavailableException ex) {
			// The others mint their own when the lease expires.
		}
		finally {
			shared.release(slot.id(), token);
		}
	}

	private CompletableFuture<CachedCredentials> mint(Slot slot, CredentialRequest request) {
		return this.calls.start(slot.provider, slot.breaker, request).thenApply(this::toCached);
	}

	private CachedCredentials toCached(Call call) {
		if (call.upstreamCalled() && call.answer() instanceof Issued issued
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
				// Cooling down: the open circuit was logged when it opened.
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

	@Override
	public void close() {
		this.calls.close();
		if (this.coordinators != null) {
			this.coordinators.shutdownNow();
		}
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

		// An operator asked for new credentials: do not adopt the fleet's current ones.
		private volatile boolean forced;

		private volatile @Nullable FellThrough lastFailure;

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
			this.forced = false;
		}

	}

}
