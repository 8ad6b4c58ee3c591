package io.icebroker.security;

import java.time.Duration;
import java.util.List;

import io.icebroker.TestSecrets;
import io.icebroker.misconfiguration.MisconfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AuthConfigurationTests {

	private static final String SHORT_SECRET = "short-S3CRET-41";

	private static final Duration DAY = Duration.ofHours(24);

	@Test
	void apiKeyModeNeedsAKey() {
		assertThatExceptionOfType(MisconfigurationException.class).isThrownBy(() -> ApiKeys.of(List.of()))
			.withMessageContaining("TURN_API_KEYS is empty");
	}

	@Test
	void shortApiKeysAreRefusedWithoutQuotingThem() {
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> ApiKeys.of(List.of(TestSecrets.TURN_API_KEY, SHORT_SECRET)))
			.withMessageContaining("TURN_API_KEYS key number 2")
			.withMessageNotContaining(SHORT_SECRET)
			.withMessageNotContaining(TestSecrets.TURN_API_KEY);
	}

	@Test
	void apiKeysMatchOnlyExactly() {
		ApiKeys keys = ApiKeys.of(List.of(TestSecrets.TURN_API_KEY, TestSecrets.TURN_API_KEY_ROTATED));

		assertThat(keys.matches(TestSecrets.TURN_API_KEY)).isTrue();
		assertThat(keys.matches(TestSecrets.TURN_API_KEY_ROTATED)).isTrue();
		assertThat(keys.matches(TestSecrets.TURN_API_KEY.toUpperCase())).isFalse();
		assertThat(keys.matches(TestSecrets.TURN_API_KEY + " ")).isFalse();
		assertThat(keys.matches("")).isFalse();
	}

	@Test
	void keysAreTrimmedAndBlankEntriesDropped() {
		AuthProperties properties = new AuthProperties(AuthMode.API_KEY,
				List.of(" " + TestSecrets.TURN_API_KEY + " ", "", "  "), new AuthProperties.Jwt("", "", "", "", DAY),
				List.of(" " + TestSecrets.TURN_ADMIN_KEY + " ", ""));

		assertThat(properties.apiKeys()).containsExactly(TestSecrets.TURN_API_KEY);
		assertThat(properties.adminKeys()).containsExactly(TestSecrets.TURN_ADMIN_KEY);
	}

	@Test
	void anAdminKeyUnder32CharactersIsAMisconfigurationThatNeverShowsIt() {
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> ApiKeys.admin(List.of(TestSecrets.TURN_ADMIN_KEY, TestSecrets.TURN_API_KEY), List.of()))
			.withMessageContaining("TURN_ADMIN_KEYS key number 2 is shorter than 32 characters")
			.withMessageNotContaining(TestSecrets.TURN_API_KEY);
	}

	@Test
	void anAdminKeyThatIsAlsoAClientKeyIsAMisconfiguration() {
		String both = TestSecrets.TURN_ADMIN_KEY;
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> ApiKeys.admin(List.of(both), List.of(TestSecrets.TURN_API_KEY, both)))
			.withMessageContaining("TURN_ADMIN_KEYS key number 1 is also in TURN_API_KEYS")
			.withMessageNotContaining(both);
	}

	@Test
	void jwtModeNeedsExactlyOneWayToVerifyTokens() {
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> JwtDecoding.decoder(new AuthProperties.Jwt("", "", "", "", DAY)))
			.withMessageContaining("neither TURN_JWT_JWK_SET_URI nor TURN_JWT_SECRET is set");
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> JwtDecoding.decoder(
					new AuthProperties.Jwt("https://idp.example.test/jwks", TestSecrets.TURN_JWT_SECRET, "", "", DAY)))
			.withMessageContaining("both TURN_JWT_JWK_SET_URI and TURN_JWT_SECRET are set")
			.withMessageNotContaining(TestSecrets.TURN_JWT_SECRET);
	}

	@Test
	void shortJwtSecretIsRefusedWithoutQuotingIt() {
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> JwtDecoding.decoder(new AuthProperties.Jwt("", SHORT_SECRET, "", "", DAY)))
			.withMessageContaining("TURN_JWT_SECRET is shorter than the 32 bytes")
			.withMessageNotContaining(SHORT_SECRET);
	}

	@Test
	void jwkSetDecoderDoesNotFetchKeysAtStartup() {
		assertThat(JwtDecoding.decoder(jwkSet("http://127.0.0.1:9/unreachable", "icebroker"))).isNotNull();
	}

	@Test
	void jwkSetNeedsAnAudience() {
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> JwtDecoding.decoder(jwkSet("https://idp.example.test/jwks", "")))
			.withMessage("TURN_JWT_AUDIENCE is not set but TURN_JWT_JWK_SET_URI is")
			.satisfies((ex) -> assertThat(ex.action()).startsWith("Set TURN_JWT_AUDIENCE to the audience")
				.contains("API identifier"));
	}

	@Test
	void hs256SecretNeedsNoAudience() {
		assertThat(JwtDecoding.decoder(new AuthProperties.Jwt("", TestSecrets.TURN_JWT_SECRET, "", "", DAY)))
			.isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://idp.example.test/.well-known/jwks.json", "http://127.0.0.1.example.test/jwks",
			"http://10.0.0.7/jwks", "ftp://idp.example.test/jwks" })
	void jwkSetOutsideLoopbackMustUseHttps(String jwkSetUri) {
		String scheme = jwkSetUri.substring(0, jwkSetUri.indexOf(':'));
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> JwtDecoding.decoder(jwkSet(jwkSetUri, "icebroker")))
			.withMessage("TURN_JWT_JWK_SET_URI has scheme '" + scheme + "', which is not https")
			.satisfies((ex) -> assertThat(ex.action()).contains("only a loopback host"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://idp.example.test/.well-known/jwks.json", "http://127.0.0.1:9/jwks",
			"http://127.4.5.6/jwks", "http://localhost:9/jwks", "http://[::1]:9/jwks" })
	void jwkSetOverHttpsOrOnLoopbackIsAccepted(String jwkSetUri) {
		assertThat(JwtDecoding.decoder(jwkSet(jwkSetUri, "icebroker"))).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/.well-known/jwks.json", "idp.example.test/jwks", "https:jwks",
			"https://idp example.test/jwks" })
	void jwkSetUriThatIsNotAnAbsoluteUrlIsRefused(String jwkSetUri) {
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> JwtDecoding.decoder(jwkSet(jwkSetUri, "icebroker")))
			.withMessage("TURN_JWT_JWK_SET_URI is not an absolute URL");
	}

	@ParameterizedTest
	@ValueSource(strings = { "PT0S", "PT-1H" })
	void maxLifetimeMustBePositive(String maxLifetime) {
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(
					() -> new AuthProperties.Jwt("", TestSecrets.TURN_JWT_SECRET, "", "", Duration.parse(maxLifetime)))
			.withMessage("TURN_JWT_MAX_LIFETIME is not positive")
			.satisfies((ex) -> assertThat(ex.action()).contains("24h (the default)"));
	}

	@Test
	void toStringNeverShowsASecret() {
		AuthProperties properties = new AuthProperties(AuthMode.JWT, List.of(TestSecrets.TURN_API_KEY),
				new AuthProperties.Jwt("", TestSecrets.TURN_JWT_SECRET, "https://issuer.example.test", "icebroker",
						DAY),
				List.of(TestSecrets.TURN_ADMIN_KEY));

		assertThat(properties.toString()).doesNotContain(TestSecrets.TURN_API_KEY)
			.doesNotContain(TestSecrets.TURN_JWT_SECRET)
			.doesNotContain(TestSecrets.TURN_ADMIN_KEY)
			.contains("1 key(s)")
			.contains("secret=(set)");
	}

	private static AuthProperties.Jwt jwkSet(String jwkSetUri, String audience) {
		return new AuthProperties.Jwt(jwkSetUri, "", "", audience, DAY);
	}

}
