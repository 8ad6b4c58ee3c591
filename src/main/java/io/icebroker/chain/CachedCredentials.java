package io.icebroker.chain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.icebroker.provider.ProviderResult;
import io.icebroker.provider.Served;

/**
 * What the credential cache holds for a provider: credentials it can hand to anyone, or
 * an answer it must not reuse.
 */
sealed interface CachedCredentials {

	/**
	 * Credentials minted by a provider's remote API. They are not per user, so they are
	 * handed to every client until their remaining lifetime falls to the floor.
	 *
	 * @param served the answer as minted
	 * @param mintedAt when the provider was asked
	 * @param expiresAt when the credentials stop working
	 * @param fromCache the same answer, marked as reused
	 */
	record Minted(Served served, Instant mintedAt, Instant expiresAt, Served fromCache) implements CachedCredentials {

		// Past this share of the reuse window a background refresh starts, so that
		// clients normally never meet the floor.
		private static final double REFRESH_POINT = 0.8;

		static Optional<Minted> of(Served served, Instant mintedAt) {
			return served.expiresAt()
				.filter((expiresAt) -> expiresAt.isAfter(mintedAt))
				.map((expiresAt) -> new Minted(served, mintedAt, expiresAt,
						new Served(served.iceServers(), served.expiresAt(), Served.Source.CACHE)));
		}

		boolean validAt(Instant now) {
			return now.isBefore(this.expiresAt);
		}

		/**
		 * Whether enough lifetime remains to hand these credentials out.
		 * @param now the time
		 * @param minRemaining the share of the lifetime that must remain
		 * @return whether they are above the floor
		 */
		boolean reusableAt(Instant now, double minRemaining) {
			return remaining(now).toNanos() > floor(minRemaining);
		}

		/**
		 * Whether a background refresh should start.
		 * @param now the time
		 * @param minRemaining the share of the lifetime that must remain
		 * @return whether most of the reuse window has passed
		 */
		boolean refreshDueAt(Instant now, double minRemaining) {
			long lifetime = lifetime().toNanos();
			long floor = floor(minRemaining);
			long refreshAt = floor + (long) ((lifetime - floor) * (1 - REFRESH_POINT));
			return remaining(now).toNanos() <= refreshAt;
		}

		Duration remaining(Instant now) {
			return Duration.between(now, this.expiresAt);
		}

		private Duration lifetime() {
			return Duration.between(this.mintedAt, this.expiresAt);
		}

		private long floor(double minRemaining) {
			return (long) (lifetime().toNanos() * minRemaining);
		}

	}

	/**
	 * An answer for the request that asked for it only: a fall-through, or credentials
	 * that cannot be shared because they were computed in process (likely per user) or
	 * carry no expiry.
	 *
	 * @param result the answer
	 */
	record NotShared(ProviderResult result) implements CachedCredentials {

	}

}
