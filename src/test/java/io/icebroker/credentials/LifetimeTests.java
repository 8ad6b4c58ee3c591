package io.icebroker.credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LifetimeTests {

	private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	@Test
	void refreshesAfterHalfTheRemainingLifetime() {
		Lifetime lifetime = Lifetime.of(NOW.plus(Duration.ofDays(1)), NOW);

		assertThat(lifetime.ttl()).isEqualTo(86400);
		assertThat(lifetime.expiresAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
		assertThat(lifetime.refreshAfter()).isEqualTo(Instant.parse("2026-11-24T22:00:00Z"));
	}

	@Test
	void refreshesNoLaterThanTheSafetyMarginBeforeExpiry() {
		Lifetime lifetime = Lifetime.of(NOW.plusSeconds(50), NOW);

		assertThat(Duration.between(lifetime.refreshAfter(), lifetime.expiresAt())).isEqualTo(Lifetime.SAFETY_MARGIN);
		assertThat(lifetime.refreshAfter()).isEqualTo(NOW.plusSeconds(20));
	}

	@Test
	void waitsAtLeastAQuarterOfAVeryShortLifetime() {
		Lifetime lifetime = Lifetime.of(NOW.plusSeconds(5), NOW);

		assertThat(lifetime.ttl()).isEqualTo(5);
		assertThat(lifetime.refreshAfter()).isEqualTo(NOW.plusMillis(1250));
	}

	@Test
	void reportsTheWholeSecondTheCredentialsExpireAt() {
		Lifetime lifetime = Lifetime.of(NOW.plusMillis(10_900), NOW.plusMillis(400));

		assertThat(lifetime.expiresAt()).isEqualTo(NOW.plusSeconds(10));
		assertThat(lifetime.ttl()).isEqualTo(9);
		assertThat(lifetime.refreshAfter()).isBefore(lifetime.expiresAt()).isAfter(NOW.plusMillis(400));
	}

	@Test
	void refreshesAtOnceWhenTheCredentialsHaveExpired() {
		Lifetime lifetime = Lifetime.of(NOW.minusSeconds(3), NOW);

		assertThat(lifetime.ttl()).isZero();
		assertThat(lifetime.refreshAfter()).isEqualTo(NOW);
	}

	@Test
	void isAbsentWhenNothingExpires() {
		assertThat(Lifetime.of(Optional.empty(), NOW)).isEmpty();
	}

}
