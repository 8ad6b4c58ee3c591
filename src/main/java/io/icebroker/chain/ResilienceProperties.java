package io.icebroker.chain;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * How the chain protects clients from slow, failing or rate-limited provider APIs.
 *
 * @param cache whether credentials minted by a provider's remote API are reused across
 * requests ({@code TURN_CACHE}, {@code on} or {@code off}); {@code off} mints per request
 * @param cacheMinRemaining the share of a cached credential's lifetime that must remain
 * for it to be handed out ({@code TURN_CACHE_MIN_REMAINING}, 0.5 means half); a
 * background refresh starts before this floor is reached
 * @param chainDeadline the most a request waits for premium providers in total, retries
 * included, in seconds unless a unit is given ({@code TURN_CHAIN_DEADLINE}); the free
 * fallback answers after it
 * @param circuitCooldown how long a provider is skipped after it failed or timed out, in
 * seconds unless a unit is given ({@code TURN_CIRCUIT_COOLDOWN}); {@code 0} never skips
 * @param upstreamThreads the most provider API calls in flight at once
 * ({@code TURN_UPSTREAM_THREADS})
 */
@ConfigurationProperties("icebroker.resilience")
@Validated
public record ResilienceProperties(@DefaultValue("true") boolean cache,
		@DefaultValue("0.5") @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1",
				inclusive = false) double cacheMinRemaining,
		@DefaultValue("3") @DurationUnit(ChronoUnit.SECONDS) Duration chainDeadline,
		@DefaultValue("30") @DurationUnit(ChronoUnit.SECONDS) Duration circuitCooldown,
		@DefaultValue("16") @Min(1) @Max(256) int upstreamThreads) {

	private static final Duration FALLBACK_RESERVE = Duration.ofMillis(100);

	public ResilienceProperties {
		if (chainDeadline.isNegative() || chainDeadline.isZero()) {
			throw new IllegalArgumentException("TURN_CHAIN_DEADLINE must be positive");
		}
		if (circuitCooldown.isNegative()) {
			throw new IllegalArgumentException("TURN_CIRCUIT_COOLDOWN must not be negative");
		}
	}

	/**
	 * How long premium providers may take in total: the chain deadline minus a reserve of
	 * 100 ms (a tenth of the deadline when that is shorter) in which the free fallback
	 * answers and the response is written, so that clients have their answer within the
	 * deadline.
	 * @return the premium providers' share of the deadline
	 */
	public Duration premiumBudget() {
		Duration reserve = this.chainDeadline.dividedBy(10);
		if (reserve.compareTo(FALLBACK_RESERVE) > 0) {
			reserve = FALLBACK_RESERVE;
		}
		return this.chainDeadline.minus(reserve);
	}

	/**
	 * The defaults, as documented.
	 * @return the default settings
	 */
	public static ResilienceProperties defaults() {
		return new ResilienceProperties(true, 0.5, Duration.ofSeconds(3), Duration.ofSeconds(30), 16);
	}

}
