package io.icebroker.credentials;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When served credentials expire and when a client should fetch again, as both credential
 * endpoints report them.
 * <p>
 * A client should fetch again after half the remaining lifetime, and no later than
 * {@link #SAFETY_MARGIN} before the credentials expire, so that a failed fetch can still
 * be retried with backoff while the credentials in use work. Lifetimes under a minute
 * (test set-ups) cannot keep both rules: there the margin gives way, but a client never
 * waits less than a quarter of the remaining lifetime, so it does not fetch in a loop.
 *
 * @param expiresAt when the credentials stop working, in whole seconds
 * @param ttl whole seconds from now until then, never negative
 * @param refreshAfter when a client should fetch again, to the millisecond; it moves once
 * a second, with {@code ttl}
 */
record Lifetime(Instant expiresAt, long ttl, Instant refreshAfter) {

	/**
	 * How long before expiry a client should have fetched new credentials.
	 */
	static final Duration SAFETY_MARGIN = Duration.ofSeconds(30);

	/**
	 * The lifetime of credentials that expire, as seen now.
	 * @param expiresAt when they expire, if they do
	 * @param now the current instant
	 * @return the lifetime, or empty when nothing expires
	 */
	static Optional<Lifetime> of(Optional<Instant> expiresAt, Instant now) {
		return expiresAt.map((instant) -> of(instant, now));
	}

	static Lifetime of(Instant expiresAt, Instant now) {
		Instant expiry = expiresAt.truncatedTo(ChronoUnit.SECONDS);
		Duration remaining = Duration.between(now, expiry);
		if (remaining.isNegative()) {
			remaining = Duration.ZERO;
		}
		long ttl = remaining.toSeconds();
		if (ttl == 0) {
			return new Lifetime(expiry, 0, now.truncatedTo(ChronoUnit.MILLIS));
		}
		// From the whole seconds of ttl, like ttl itself, so that the answer changes once
		// a second and its serialized form can be reused in between.
		Duration left = Duration.ofSeconds(ttl);
		// Not Duration.dividedBy, which divides a BigDecimal: this runs on every request.
		Duration wait = max(Duration.ofMillis(ttl * 250), min(Duration.ofMillis(ttl * 500), left.minus(SAFETY_MARGIN)));
		return new Lifetime(expiry, ttl, expiry.minus(left).plus(wait).truncatedTo(ChronoUnit.MILLIS));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

}
