package io.icebroker.security.ratelimit;

import java.time.Duration;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import org.jspecify.annotations.Nullable;

/**
 * One token bucket per key (a user id or a client address): {@code perMinute} requests at
 * once, refilled continuously at {@code perMinute} per minute.
 * <p>
 * Buckets live in a size-bounded cache, so an attacker who invents a new key for every
 * request costs a bounded amount of memory. A bucket unused for a minute is full again,
 * so dropping it then loses nothing.
 * <p>
 * With shared state (REDIS_URL), the bucket of a key is one for all replicas, in Redis;
 * while Redis is unreachable each replica falls back to its own buckets.
 */
final class RateLimiter {

	static final Duration PERIOD = Duration.ofMinutes(1);

	private final int perMinute;

	private final TimeMeter time;

	private final Cache<String, Bucket> buckets;

	private final Function<String, Bucket> newBucket = (ignored) -> newBucket();

	private final String scope;

	private final @Nullable SharedBuckets shared;

	/**
	 * Create a limiter whose buckets live in Redis while shared state is up, and in
	 * process otherwise.
	 * @param perMinute the limit
	 * @param maxTrackedKeys the most local buckets kept
	 * @param time the local buckets' clock
	 * @param scope {@code user} or {@code address}, part of the shared keys
	 * @param shared the shared buckets, or {@code null} for local ones only
	 */
	RateLimiter(int perMinute, long maxTrackedKeys, TimeMeter time, String scope, @Nullable SharedBuckets shared) {
		if (perMinute < 1) {
			throw new IllegalArgumentException("perMinute must be at least 1");
		}
		this.perMinute = perMinute;
		this.time = time;
		this.scope = scope;
		this.shared = shared;
		// Upkeep (expiry, eviction) on the calling thread, under Caffeine's try-lock;
		// by default a common pool thread is woken for it every few requests.
		this.buckets = Caffeine.newBuilder()
			.executor(Runnable::run)
			.maximumSize(maxTrackedKeys)
			.expireAfterAccess(PERIOD)
			.build();
	}

	int perMinute() {
		return this.perMinute;
	}

	/**
	 * Take one request from the key's bucket.
	 * @param key a bounded-length key
	 * @return whether the request may go on, and if not, when to retry
	 */
	Decision tryAcquire(String key) {
		// The local bucket always counts what this replica sees, so that it is warm when
		// shared state is lost; while shared state is up, the shared bucket decides.
		// Allowed requests allocate nothing locally: no capturing lambda, no probe.
		Bucket bucket = this.buckets.get(key, this.newBucket);
		boolean allowedHere = bucket.tryConsume(1);
		SharedBuckets shared = this.shared;
		if (shared != null) {
			ConsumptionProbe global = shared.tryConsume(this.scope, key, this.perMinute);
			if (global != null) {
				return global.isConsumed() ? Decision.ALLOWED : limited(global.getNanosToWaitForRefill());
			}
		}
		return allowedHere ? Decision.ALLOWED : limited(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
	}

	private static Decision limited(long nanos) {
		return new Decision.Limited(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
	}

	long trackedKeys() {
		this.buckets.cleanUp();
		return this.buckets.estimatedSize();
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(this.perMinute).refillGreedy(this.perMinute, PERIOD))
			.withCustomTimePrecision(this.time)
			.build();
	}

	/**
	 * Whether a request may go on.
	 */
	sealed interface Decision {

		Decision ALLOWED = new Allowed();

		/**
		 * The request may go on.
		 */
		record Allowed() implements Decision {

		}

		/**
		 * The bucket is empty.
		 *
		 * @param retryAfterSeconds whole seconds until the next request would be allowed
		 */
		record Limited(long retryAfterSeconds) implements Decision {

		}

	}

}
