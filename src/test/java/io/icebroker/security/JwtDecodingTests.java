package io.icebroker.security;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import com.nimbusds.jwt.JWTClaimsSet;
import io.icebroker.TestSecrets;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How long a token may live, checked on the decoder itself: every token must expire, and
 * no later than the maximum lifetime after it was issued, or after now.
 */
class JwtDecodingTests {

	private static final Duration MAX_LIFETIME = Duration.ofHours(1);

	private final JwtDecoder decoder = JwtDecoding
		.decoder(new AuthProperties.Jwt("", TestSecrets.TURN_JWT_SECRET, "", "", MAX_LIFETIME));

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@Test
	void tokenWithoutExpiryIsRefused() {
		assertRefused(claims(this.now, null), "exp is required");
	}

	@Test
	void tokenLivingUpToTheMaximumIsAccepted() {
		assertAccepted(claims(this.now, this.now.plus(Duration.ofMinutes(5))));
		assertAccepted(claims(this.now, this.now.plus(MAX_LIFETIME)));
	}

	@Test
	void tokenIssuedToLiveLongerThanTheMaximumIsRefused() {
		assertRefused(claims(this.now, this.now.plus(MAX_LIFETIME).plusSeconds(1)), "TURN_JWT_MAX_LIFETIME");
	}

	@Test
	void tokenIssuedToLiveLongerThanTheMaximumIsRefusedEvenNearItsEnd() {
		Instant issuedAt = this.now.minus(Duration.ofMinutes(50));
		assertRefused(claims(issuedAt, issuedAt.plus(Duration.ofMinutes(70))), "TURN_JWT_MAX_LIFETIME");
	}

	@Test
	void tokenWithoutIssueTimeIsMeasuredFromNow() {
		assertAccepted(claims(null, this.now.plus(Duration.ofMinutes(30))));
		assertRefused(claims(null, this.now.plus(Duration.ofHours(2))), "TURN_JWT_MAX_LIFETIME");
	}

	@Test
	void tokenDatedInTheFutureCannotStretchItsLifetime() {
		Instant issuedAt = this.now.plus(Duration.ofHours(2));
		assertRefused(claims(issuedAt, issuedAt.plus(Duration.ofMinutes(30))), "TURN_JWT_MAX_LIFETIME");
	}

	private void assertAccepted(JWTClaimsSet.Builder claims) {
		assertThat(this.decoder.decode(TestTokens.hs256(TestSecrets.TURN_JWT_SECRET, claims)).getSubject())
			.isEqualTo("alice");
	}

	private void assertRefused(JWTClaimsSet.Builder claims, String reason) {
		String token = TestTokens.hs256(TestSecrets.TURN_JWT_SECRET, claims);
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> this.decoder.decode(token))
			.satisfies((ex) -> assertThat(ex.getErrors())
				.anySatisfy((error) -> assertThat(error.getDescription()).contains(reason)));
	}

	private static JWTClaimsSet.Builder claims(Instant issuedAt, Instant expiresAt) {
		return new JWTClaimsSet.Builder().subject("alice")
			.issueTime((issuedAt != null) ? Date.from(issuedAt) : null)
			.expirationTime((expiresAt != null) ? Date.from(expiresAt) : null);
	}

}
