package io.icebroker.chain;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.icebroker.chain.CachedCredentials.Minted;
import org.jspecify.annotations.Nullable;

/**
 * Credentials minted by providers' remote APIs, one entry per provider, held until they
 * expire. Caffeine gives the single flight (however many requests miss at once, one load
 * runs) and the background refresh.
 */
final class CredentialCache {

	private final AsyncLoadingCache<String, CachedCredentials> cache;

	/**
	 * Create the cache.
	 * @param clock when credentials expire
	 * @param load mints credentials for a provider id, for a refresh of an entry that
	 * holds none
	 * @param refresh replaces a provider's credentials ahead of their expiry; completes
	 * with the current ones when that fails
	 */
	CredentialCache(Clock clock, Function<String, CompletableFuture<CachedCredentials>> load,
			BiFunction<String, Minted, CompletableFuture<CachedCredentials>> refresh) {
		this.cache = Caffeine.newBuilder()
			.executor(Runnable::run)
			.ticker(() -> nanos(clock.instant()))
			.expireAfter(new UntilExpiry(clock))
			.buildAsync(new Loader(load, refresh));
	}

	/**
	 * What the cache holds or is loading for a provider.
	 * @param id the provider's id
	 * @return the entry, or {@code null} when there is none
	 */
	@Nullable CompletableFuture<CachedCredentials> present(String id) {
		return this.cache.getIfPresent(id);
	}

	/**
	 * The provider's credentials, minted by the given call when none are cached or being
	 * minted.
	 * @param id the provider's id
	 * @param mint the call to make when this request leads
	 * @return the entry
	 */
	CompletableFuture<CachedCredentials> get(String id, Supplier<CompletableFuture<CachedCredentials>> mint) {
		return this.cache.get(id, (key, executor) -> mint.get());
	}

	/**
	 * Replace the provider's credentials now, in the background.
	 * @param id the provider's id
	 * @return the refreshed entry
	 */
	CompletableFuture<CachedCredentials> refresh(String id) {
		return this.cache.synchronous().refresh(id);
	}

	/**
	 * The credentials the cache holds for a provider, if it holds any.
	 * @param id the provider's id
	 * @return the minted credentials
	 */
	Optional<Minted> minted(String id) {
		CompletableFuture<CachedCredentials> present = present(id);
		return (present != null && present.getNow(null) instanceof Minted minted) ? Optional.of(minted)
				: Optional.empty();
	}

	/**
	 * Drop every entry, including loads in flight.
	 */
	void clear() {
		this.cache.synchronous().invalidateAll();
	}

	private static long nanos(Instant instant) {
		return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
	}

	/**
	 * Loads for refreshes: the cold path passes its own call to {@link #get}.
	 */
	private record Loader(Function<String, CompletableFuture<CachedCredentials>> load,
			BiFunction<String, Minted, CompletableFuture<CachedCredentials>> refresh)
			implements
				AsyncCacheLoader<String, CachedCredentials> {

		@Override
		public CompletableFuture<? extends CachedCredentials> asyncLoad(String id, Executor executor) {
			return this.load.apply(id);
		}

		@Override
		public CompletableFuture<? extends CachedCredentials> asyncReload(String id, CachedCredentials oldValue,
				Executor executor) {
			return (oldValue instanceof Minted current) ? this.refresh.apply(id, current) : this.load.apply(id);
		}

	}

	/**
	 * Credentials live in the cache until they expire; anything else is used once and
	 * gone.
	 */
	private record UntilExpiry(Clock clock) implements Expiry<String, CachedCredentials> {

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
