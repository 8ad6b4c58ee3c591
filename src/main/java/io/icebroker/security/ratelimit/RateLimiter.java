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
 * once, refilled continuously. Buckets live in a size-bounded cache, so invented keys
 * cost bounded memory. With {@code REDIS_URL} the bucket of a key is shared by all
 * replicas; while Redis is unreachable each replica uses its own.
 */
final class RateLimiter {

	static final Duration PERIOD = Duration.ofMinutes(1);

	private final int perMinute;

	private final TimeMeter time;

	private final Cache<String, Bucket> buckets;

	private final Function<String, Bucket> newBucket = (ignored) -> newBucket();

	private final String scope;

	private final @Nullable SharedBuckets shared;

	RateLimiter(int perMinute, long maxTrackedKeys, TimeMeter time, String scope, @Nullable SharedBuckets shared) {
		if (perMinute < 1) {
			throw new IllegalArgumentException("perMinute must be at least 1");
		}
		this.perMinute = perMinute;
		this.time = time;
		this.scope = scope;
		this.shared = shared;
		// Upkeep (expiry, eviction) on the calling thread, under Caffeine's own
		// try-lock: by default the common pool's threads are woken for it every few
		// requests.
		this.buckets = Caffeine.newBuilder()
			.executor(Runnable::run)
			.maximumSize(maxTrackedKeys)
			.expireAfterAccess(PERIOD)
			.build();
	}

	int perMinute() {
		return this.perMinute;
	}

	Decision tryAcquire(String key) {
		// The local bucket always counts, so that it is warm when shared state is lost;
		// while shared state is up, the shared bucket decides.
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

	sealed interface Decision {

		Decision ALLOWED = new Allowed();

		record Allowed() implements Decision {

		}

		record Limited(long retryAfterSeconds) implements Decision {

		}

	}

}
