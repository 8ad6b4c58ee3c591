package io.icebroker.security.ratelimit;

import java.time.Duration;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * One token bucket per key (a user id or a client address): {@code perMinute} requests at
 * once, refilled continuously at {@code perMinute} per minute.
 * <p>
 * Buckets live in a size-bounded cache, so an attacker who invents a new key for every
 * request costs a bounded amount of memory. A bucket unused for a minute is full again,
 * so dropping it then loses nothing.
 */
final class RateLimiter {

	static final Duration PERIOD = Duration.ofMinutes(1);

	private final int perMinute;

	private final TimeMeter time;

	private final Cache<String, Bucket> buckets;

	private final Function<String, Bucket> newBucket = (ignored) -> newBucket();

	RateLimiter(int perMinute, long maxTrackedKeys) {
		this(perMinute, maxTrackedKeys, TimeMeter.SYSTEM_NANOTIME);
	}

	RateLimiter(int perMinute, long maxTrackedKeys, TimeMeter time) {
		if (perMinute < 1) {
			throw new IllegalArgumentException("perMinute must be at least 1");
		}
		this.perMinute = perMinute;
		this.time = time;
		this.buckets = Caffeine.newBuilder().maximumSize(maxTrackedKeys).expireAfterAccess(PERIOD).build();
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
		// Allowed requests, nearly all of them, allocate nothing here: no capturing
		// lambda,
		// no probe. Only a refusal asks how long the wait is.
		Bucket bucket = this.buckets.get(key, this.newBucket);
		if (bucket.tryConsume(1)) {
			return Decision.ALLOWED;
		}
		long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
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
