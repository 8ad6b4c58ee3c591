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
	 * @param issued the credentials as minted
	 * @param mintedAt when the provider was asked for them
	 * @param expiresAt when the credentials stop working
	 * @param reusableUntil when their remaining lifetime reaches the floor
	 * @param refreshFrom when a background refresh should start
	 * @param fromCache the same credentials, marked as reused
	 */
	record Minted(Served issued, Instant mintedAt, Instant expiresAt, Instant reusableUntil, Instant refreshFrom,
			Served fromCache) implements CachedCredentials {

		// Past this share of the reuse window a background refresh starts, so that
		// clients normally never meet the floor.
		private static final double REFRESH_POINT = 0.8;

		/**
		 * Credentials to cache, if they say when they expire.
		 * @param issued the credentials
		 * @param mintedAt when the provider was asked
		 * @param minRemaining the share of the lifetime that must remain for them to be
		 * handed out
		 * @return the credentials, or empty when they cannot be cached
		 */
		static Optional<Minted> of(Served issued, Instant mintedAt, double minRemaining) {
			return issued.expiresAt().filter((expiresAt) -> expiresAt.isAfter(mintedAt)).map((expiresAt) -> {
				long lifetime = Duration.between(mintedAt, expiresAt).toNanos();
				long floor = (long) (lifetime * minRemaining);
				long refreshAt = floor + (long) ((lifetime - floor) * (1 - REFRESH_POINT));
				return new Minted(issued, mintedAt, expiresAt, expiresAt.minusNanos(floor),
						expiresAt.minusNanos(refreshAt), issued.fromCache());
			});
		}

		boolean validAt(Instant now) {
			return now.isBefore(this.expiresAt);
		}

		/**
		 * Whether enough lifetime remains to hand these credentials out.
		 * @param now the time
		 * @return whether they are above the floor
		 */
		boolean reusableAt(Instant now) {
			return now.isBefore(this.reusableUntil);
		}

		/**
		 * Whether a background refresh should start.
		 * @param now the time
		 * @return whether most of the reuse window has passed
		 */
		boolean refreshDueAt(Instant now) {
			return !now.isBefore(this.refreshFrom);
		}

		Duration remaining(Instant now) {
			return Duration.between(now, this.expiresAt);
		}

	}

	/**
	 * An answer for the request that asked for it only: a fall-through, or credentials
	 * that cannot be shared because they were computed in process (likely per user) or
	 * carry no expiry.
	 *
	 * @param answer the answer
	 */
	record NotShared(ProviderResult answer) implements CachedCredentials {

	}

}
