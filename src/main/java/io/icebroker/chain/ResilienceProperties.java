package io.icebroker.chain;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import io.icebroker.misconfiguration.MisconfigurationException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * How the chain protects clients from slow, failing or rate-limited provider APIs.
 *
 * @param cache Whether credentials minted by a provider's remote API are reused across
 * requests (TURN_CACHE, on or off); off mints per request.
 * @param cacheMinRemaining The share of a cached credential's lifetime that must remain
 * for it to be handed out (TURN_CACHE_MIN_REMAINING, 0.5 means half); a background
 * refresh starts before this floor is reached.
 * @param chainDeadline The most a request waits for premium providers in total, retries
 * included, in seconds unless a unit is given (TURN_CHAIN_DEADLINE); the free fallback
 * answers after it.
 * @param circuitCooldown How long a provider is skipped after it failed or timed out, in
 * seconds unless a unit is given (TURN_CIRCUIT_COOLDOWN); 0 never skips.
 * @param upstreamThreads The most provider API calls in flight at once
 * (TURN_UPSTREAM_THREADS).
 */
// Numbers and switches are boxed: an empty variable converts to null, which gets the
// @DefaultValue; a primitive would refuse the null and fail to bind.
@ConfigurationProperties("icebroker.resilience")
public record ResilienceProperties(@DefaultValue("on") CacheMode cache,
		@DefaultValue(ResilienceProperties.DEFAULT_CACHE_MIN_REMAINING) Double cacheMinRemaining,
		@DefaultValue(ResilienceProperties.DEFAULT_CHAIN_DEADLINE) @DurationUnit(ChronoUnit.SECONDS) Duration chainDeadline,
		@DefaultValue(ResilienceProperties.DEFAULT_CIRCUIT_COOLDOWN) @DurationUnit(ChronoUnit.SECONDS) Duration circuitCooldown,
		@DefaultValue(ResilienceProperties.DEFAULT_UPSTREAM_THREADS) Integer upstreamThreads) {

	// The defaults, each stated once: here, for @DefaultValue, the configuration metadata
	// and the fixes in the messages below.
	static final String DEFAULT_CACHE_MIN_REMAINING = "0.5";

	static final String DEFAULT_CHAIN_DEADLINE = "3s";

	static final String DEFAULT_CIRCUIT_COOLDOWN = "30s";

	static final String DEFAULT_UPSTREAM_THREADS = "16";

	private static final Duration FALLBACK_RESERVE = Duration.ofMillis(100);

	static final Duration MIN_CHAIN_DEADLINE = Duration.ofMillis(100);

	static final Duration MAX_CHAIN_DEADLINE = Duration.ofSeconds(30);

	public ResilienceProperties {
		if (!(cacheMinRemaining > 0 && cacheMinRemaining < 1)) {
			throw new MisconfigurationException("TURN_CACHE_MIN_REMAINING",
					"is " + cacheMinRemaining + ", not between 0 and 1",
					"Set TURN_CACHE_MIN_REMAINING to the share of a credential's lifetime that must remain for it to be"
							+ " handed out, more than 0 and less than 1, such as " + DEFAULT_CACHE_MIN_REMAINING
							+ " (the default).");
		}
		if (upstreamThreads < 1 || upstreamThreads > 256) {
			throw new MisconfigurationException("TURN_UPSTREAM_THREADS", "is " + upstreamThreads + ", outside 1 to 256",
					"Set TURN_UPSTREAM_THREADS to the most provider API calls in flight at once, between 1 and 256,"
							+ " such as " + DEFAULT_UPSTREAM_THREADS + " (the default).");
		}
		if (chainDeadline.compareTo(MIN_CHAIN_DEADLINE) < 0 || chainDeadline.compareTo(MAX_CHAIN_DEADLINE) > 0) {
			throw new MisconfigurationException("TURN_CHAIN_DEADLINE",
					"is " + shown(chainDeadline) + ", outside 100ms to 30s",
					"Set TURN_CHAIN_DEADLINE to how long a client may wait for its answer, such as "
							+ DEFAULT_CHAIN_DEADLINE + " (the default), between 100ms and 30s.");
		}
		if (circuitCooldown.isNegative()) {
			throw new MisconfigurationException("TURN_CIRCUIT_COOLDOWN", "is negative",
					"Set TURN_CIRCUIT_COOLDOWN to how long a failed provider is skipped, such as "
							+ DEFAULT_CIRCUIT_COOLDOWN + " (the default), or 0 to never skip it.");
		}
	}

	/**
	 * Whether credentials minted by provider APIs are reused.
	 * @return {@code true} unless {@code TURN_CACHE=off}
	 */
	public boolean caching() {
		return this.cache == CacheMode.ON;
	}

	private static String shown(Duration duration) {
		if (duration.toMillis() % 60_000 == 0 && !duration.isZero()) {
			return duration.toMinutes() + "m";
		}
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

	/**
	 * How long premium providers may take in total: the chain deadline minus a reserve of
	 * 100 ms (a tenth of the deadline when that is shorter) in which the free fallback
	 * answers and the response is written, so that clients have their answer within the
	 * deadline.
	 * @return the premium providers' share of the deadline
	 */
	public Duration premiumBudget() {
		// Not Duration.dividedBy, which divides a BigDecimal: this runs on every request.
		Duration reserve = Duration.ofNanos(this.chainDeadline.toNanos() / 10);
		if (reserve.compareTo(FALLBACK_RESERVE) > 0) {
			reserve = FALLBACK_RESERVE;
		}
		return this.chainDeadline.minus(reserve);
	}

	/**
	 * {@code on} or {@code off}, and nothing else that Spring would read as a boolean.
	 */
	public enum CacheMode {

		/** Reuse credentials. */
		ON,

		/** Mint per request. */
		OFF

	}
}
