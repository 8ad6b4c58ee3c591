package io.icebroker.security.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTests {

	private final ManualTime time = new ManualTime();

	@Test
	void allowsTheLimitAtOnceAndRefusesTheNextWithTheWaitInWholeSeconds() {
		RateLimiter limiter = new RateLimiter(5, 100, this.time, "user", null);

		for (int request = 1; request <= 5; request++) {
			assertThat(limiter.tryAcquire("alice")).as("request %d", request).isEqualTo(RateLimiter.Decision.ALLOWED);
		}
		assertThat(limiter.tryAcquire("alice")).isEqualTo(new RateLimiter.Decision.Limited(12));
	}

	@Test
	void refillsContinuouslyOverTheMinute() {
		RateLimiter limiter = new RateLimiter(5, 100, this.time, "user", null);
		for (int request = 1; request <= 5; request++) {
			limiter.tryAcquire("alice");
		}

		this.time.advance(Duration.ofSeconds(11));
		assertThat(limiter.tryAcquire("alice")).isEqualTo(new RateLimiter.Decision.Limited(1));
		this.time.advance(Duration.ofSeconds(1));
		assertThat(limiter.tryAcquire("alice")).isEqualTo(RateLimiter.Decision.ALLOWED);
		assertThat(limiter.tryAcquire("alice")).isInstanceOf(RateLimiter.Decision.Limited.class);
	}

	@Test
	void keysHaveTheirOwnBuckets() {
		RateLimiter limiter = new RateLimiter(1, 100, this.time, "user", null);

		assertThat(limiter.tryAcquire("alice")).isEqualTo(RateLimiter.Decision.ALLOWED);
		assertThat(limiter.tryAcquire("alice")).isInstanceOf(RateLimiter.Decision.Limited.class);
		assertThat(limiter.tryAcquire("bob")).isEqualTo(RateLimiter.Decision.ALLOWED);
	}

	@Test
	void retryAfterIsNeverZeroSeconds() {
		RateLimiter limiter = new RateLimiter(1000, 100, this.time, "user", null);
		for (int request = 1; request <= 1000; request++) {
			limiter.tryAcquire("alice");
		}

		assertThat(limiter.tryAcquire("alice")).isEqualTo(new RateLimiter.Decision.Limited(1));
	}

	@Test
	void keepsAtMostTheConfiguredNumberOfBuckets() {
		RateLimiter limiter = new RateLimiter(5, 100, this.time, "user", null);

		for (int key = 0; key < 10_000; key++) {
			limiter.tryAcquire("user-" + key);
		}

		assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(100);
	}

	private static final class ManualTime implements TimeMeter {

		private final AtomicLong nanos = new AtomicLong(Duration.ofDays(1).toNanos());

		void advance(Duration duration) {
			this.nanos.addAndGet(duration.toNanos());
		}

		@Override
		public long currentTimeNanos() {
			return this.nanos.get();
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	}

}
